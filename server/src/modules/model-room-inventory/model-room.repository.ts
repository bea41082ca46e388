import type { Kysely } from 'kysely';
import type { DB, ModelRoomClosingsTable, ModelRoomItemsTable } from '../../db/schema.js';
import type { PageRequest } from '../../platform/http/pagination.js';

type Q = Kysely<DB>;

export function countItemsPerRoom(db: Q, zoneIds: string[]) {
  if (zoneIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('model_room_items')
    .select(['zone_id', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('zone_id', 'in', zoneIds)
    .where('archived_at', 'is', null)
    .groupBy('zone_id')
    .execute();
}

/** The latest check of each room. */
export async function latestChecks(db: Q, zoneIds: string[]) {
  if (zoneIds.length === 0) return [];
  const latest = db
    .selectFrom('model_room_checks')
    .select(['zone_id', (eb) => eb.fn.max('id').as('id')])
    .where('zone_id', 'in', zoneIds)
    .groupBy('zone_id');
  return db.selectFrom('model_room_checks as c').innerJoin(latest.as('l'), 'l.id', 'c.id').selectAll('c').execute();
}

export const findItemRow = (db: Q, siteId: string, id: string) =>
  db
    .selectFrom('model_room_items')
    .selectAll()
    .where('site_id', '=', siteId)
    .where('id', '=', id)
    .where('archived_at', 'is', null)
    .executeTakeFirst();

export const listActiveItems = (db: Q, zoneId: string) =>
  db.selectFrom('model_room_items').selectAll().where('zone_id', '=', zoneId).where('archived_at', 'is', null).orderBy('id').execute();

export function listItemRows(db: Q, zoneId: string, page: PageRequest) {
  let q = db.selectFrom('model_room_items').selectAll().where('zone_id', '=', zoneId).where('archived_at', 'is', null);
  if (page.afterId) q = q.where('id', '>', page.afterId);
  return q
    .orderBy('id')
    .limit(page.limit + 1)
    .execute();
}

export async function insertModelRoomItems(db: Q, rows: ModelRoomItemsTable[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('model_room_items').values(rows).execute();
}

export async function updateItemRow(db: Q, id: string, patch: Partial<ModelRoomItemsTable>): Promise<void> {
  await db.updateTable('model_room_items').set(patch).where('id', '=', id).execute();
}

export const findCheckById = (db: Q, id: string) => db.selectFrom('model_room_checks').selectAll().where('id', '=', id).executeTakeFirst();

export function listCheckRows(db: Q, zoneId: string, page: PageRequest) {
  let q = db.selectFrom('model_room_checks').selectAll().where('zone_id', '=', zoneId);
  if (page.afterId) q = q.where('id', '<', page.afterId);
  return q
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
}

export const findLinesOfChecks = (db: Q, checkIds: string[]) =>
  checkIds.length === 0
    ? Promise.resolve([])
    : db.selectFrom('model_room_check_lines').selectAll().where('check_id', 'in', checkIds).orderBy('id').execute();

// ---- the closing routine (GUARD-IN-11) ----

export const findClosingById = (db: Q, id: string) => db.selectFrom('model_room_closings').selectAll().where('id', '=', id).executeTakeFirst();

export const findClosingOfSwitch = (db: Q, siteId: string, date: string, closingSwitch: string) =>
  db
    .selectFrom('model_room_closings')
    .selectAll()
    .where('site_id', '=', siteId)
    .where('date', '=', date)
    .where('switch', '=', closingSwitch)
    .executeTakeFirst();

export const listClosingsOfDay = (db: Q, siteId: string, date: string) =>
  db.selectFrom('model_room_closings').selectAll().where('site_id', '=', siteId).where('date', '=', date).orderBy('at').execute();

export async function insertClosing(db: Q, row: ModelRoomClosingsTable): Promise<void> {
  await db.insertInto('model_room_closings').values(row).execute();
}
