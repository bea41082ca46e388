import type { Kysely, Transaction } from 'kysely';
import type { ZoneKind } from '@anchang/contracts';
import type { DB, ZonesTable } from '../../db/schema.js';
import type { PageRequest } from '../../platform/http/pagination.js';

type Q = Kysely<DB> | Transaction<DB>;

export const findZoneRow = (db: Q, siteId: string, zoneId: string) =>
  db.selectFrom('zones').selectAll().where('site_id', '=', siteId).where('id', '=', zoneId).executeTakeFirst();

/** The ids of the site's zones of one kind, oldest first. */
export const listZoneIdsOfKind = async (db: Q, siteId: string, kind: ZoneKind): Promise<string[]> =>
  (await db.selectFrom('zones').select('id').where('site_id', '=', siteId).where('kind', '=', kind).orderBy('id').execute()).map((r) => r.id);

/** One zone of a kind on a site (a model room, say), or undefined. */
export const findZoneOfKind = (db: Q, siteId: string, zoneId: string, kind: ZoneKind) =>
  db.selectFrom('zones').select(['id', 'name']).where('site_id', '=', siteId).where('id', '=', zoneId).where('kind', '=', kind).executeTakeFirst();

/** The site's car-park spaces: the capacities of its car-park zones summed; null when none is set. */
export async function carParkCapacity(db: Q, siteId: string): Promise<number | null> {
  const r = await db
    .selectFrom('zones')
    .select((eb) => eb.fn.sum<number>('capacity').as('n'))
    .where('site_id', '=', siteId)
    .where('kind', '=', 'CAR_PARK')
    .executeTakeFirst();
  return r?.n === null || r?.n === undefined ? null : Number(r.n);
}

/** A page of a site's zones of one kind, by id: id and name. */
export function listZonesOfKind(db: Q, siteId: string, kind: ZoneKind, page: PageRequest) {
  let q = db.selectFrom('zones').select(['id', 'name']).where('site_id', '=', siteId).where('kind', '=', kind);
  if (page.afterId) q = q.where('id', '>', page.afterId);
  return q
    .orderBy('id')
    .limit(page.limit + 1)
    .execute();
}

export function listZoneRows(db: Q, siteId: string, page: PageRequest) {
  let q = db.selectFrom('zones').selectAll().where('site_id', '=', siteId);
  if (page.afterId) q = q.where('id', '>', page.afterId);
  return q
    .orderBy('id')
    .limit(page.limit + 1)
    .execute();
}

export async function updateZoneRow(db: Q, zoneId: string, patch: Partial<ZonesTable>): Promise<void> {
  await db.updateTable('zones').set(patch).where('id', '=', zoneId).execute();
}

export async function deleteZoneRow(db: Q, zoneId: string): Promise<void> {
  await db.deleteFrom('zones').where('id', '=', zoneId).execute();
}

/** Zone names by id, for lists that show where things are. */
export async function findZoneNames(db: Q, zoneIds: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(zoneIds)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('zones').select(['id', 'name']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
