import type { Kysely, Transaction } from 'kysely';
import type { AssetsTable, DB, MaintenanceSchedulesTable } from '../../db/schema.js';
import type { PageRequest } from '../../platform/http/pagination.js';

type Q = Kysely<DB> | Transaction<DB>;

export const findAssetRow = (db: Q, siteId: string, id: string) =>
  db.selectFrom('assets').selectAll().where('site_id', '=', siteId).where('id', '=', id).where('retired_at', 'is', null).executeTakeFirst();
export const findAssetById = (db: Q, id: string) => db.selectFrom('assets').selectAll().where('id', '=', id).executeTakeFirst();
/** Any asset holding this code, revoked or not (a revoked label answers differently from a made-up one). */
export const findAssetByCode = (db: Q, code: string) =>
  db.selectFrom('assets').selectAll().where('code', '=', code).where('retired_at', 'is', null).executeTakeFirst();

export async function insertAsset(db: Q, row: AssetsTable): Promise<void> {
  await db.insertInto('assets').values(row).execute();
}

export async function updateAsset(db: Q, id: string, patch: Partial<AssetsTable>): Promise<void> {
  await db.updateTable('assets').set(patch).where('id', '=', id).execute();
}

export function listAssetRows(db: Q, siteId: string, page: PageRequest, filter: { zoneId?: string; category?: string }) {
  let q = db.selectFrom('assets').selectAll().where('site_id', '=', siteId).where('retired_at', 'is', null);
  if (filter.zoneId) q = q.where('zone_id', '=', filter.zoneId);
  if (filter.category) q = q.where('category', '=', filter.category);
  if (page.afterId) q = q.where('id', '>', page.afterId);
  return q
    .orderBy('id')
    .limit(page.limit + 1)
    .execute();
}

/** Every asset still on the ledger: what a daily check has to answer for. */
export const listActiveAssetIds = async (db: Q, siteId: string): Promise<string[]> =>
  (await db.selectFrom('assets').select('id').where('site_id', '=', siteId).where('retired_at', 'is', null).execute()).map((r) => r.id);

export const findAssetsByIds = (db: Q, siteId: string, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve([] as AssetsTable[])
    : db.selectFrom('assets').selectAll().where('site_id', '=', siteId).where('id', 'in', ids).execute();

export const findScheduleRow = (db: Q, siteId: string, id: string) =>
  db.selectFrom('maintenance_schedules').selectAll().where('site_id', '=', siteId).where('id', '=', id).executeTakeFirst();
export const findScheduleById = (db: Q, id: string) => db.selectFrom('maintenance_schedules').selectAll().where('id', '=', id).executeTakeFirst();

export async function insertSchedule(db: Q, row: MaintenanceSchedulesTable): Promise<void> {
  await db.insertInto('maintenance_schedules').values(row).execute();
}

export async function updateSchedule(db: Q, id: string, patch: Partial<MaintenanceSchedulesTable>): Promise<void> {
  await db.updateTable('maintenance_schedules').set(patch).where('id', '=', id).execute();
}

export async function deleteSchedule(db: Q, id: string): Promise<void> {
  await db.deleteFrom('maintenance_schedules').where('id', '=', id).execute();
}

export function listScheduleRows(db: Q, siteId: string, page: PageRequest, filter: { dueBy?: string; assetId?: string }) {
  let q = db.selectFrom('maintenance_schedules').selectAll().where('site_id', '=', siteId);
  if (filter.dueBy) q = q.where('next_due_on', '<=', filter.dueBy);
  if (filter.assetId) q = q.where('asset_id', '=', filter.assetId);
  if (page.afterId) q = q.where('id', '>', page.afterId);
  return q
    .orderBy('id')
    .limit(page.limit + 1)
    .execute();
}

/**
 * For period figures: assets in service during [fromMs, toMs), maintenance schedules last done in
 * it, and schedules due before `overdueBefore` (a local date) and not done since.
 */
export async function equipmentFiguresOfPeriod(db: Q, siteId: string, fromMs: number, toMs: number, overdueBefore: string) {
  const r = await db
    .selectNoFrom((eb) => [
      eb
        .selectFrom('assets')
        .select((a) => a.fn.countAll<number | string>().as('n'))
        .where('site_id', '=', siteId)
        .where('created_at', '<', toMs)
        .where((w) => w.or([w('retired_at', 'is', null), w('retired_at', '>=', fromMs)]))
        .as('assets'),
      eb
        .selectFrom('maintenance_schedules')
        .select((m) => m.fn.countAll<number | string>().as('n'))
        .where('site_id', '=', siteId)
        .where('last_done_at', '>=', fromMs)
        .where('last_done_at', '<', toMs)
        .as('done'),
      eb
        .selectFrom('maintenance_schedules')
        .select((m) => m.fn.countAll<number | string>().as('n'))
        .where('site_id', '=', siteId)
        .where('next_due_on', '<', overdueBefore)
        .as('overdue'),
    ])
    .executeTakeFirstOrThrow();
  return { activeAssets: Number(r.assets ?? 0), maintenanceDone: Number(r.done ?? 0), maintenanceOverdue: Number(r.overdue ?? 0) };
}
