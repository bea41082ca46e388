import { sql, type Kysely } from 'kysely';
import type { AnomaliesTable, DB } from '../../db/schema.js';
import type { PageRequest } from '../../platform/http/pagination.js';

export async function insertAnomaly(db: Kysely<DB>, row: AnomaliesTable): Promise<void> {
  await db.insertInto('anomalies').values(row).execute();
}

export const findAnomalyById = (db: Kysely<DB>, id: string) => db.selectFrom('anomalies').selectAll().where('id', '=', id).executeTakeFirst();

export const findAnomalyRow = (db: Kysely<DB>, siteId: string, id: string) =>
  db.selectFrom('anomalies').selectAll().where('site_id', '=', siteId).where('id', '=', id).executeTakeFirst();

export const findOpenAnomalyOfItem = (db: Kysely<DB>, shiftId: string, itemId: string) =>
  db
    .selectFrom('anomalies')
    .selectAll()
    .where('shift_id', '=', shiftId)
    .where('item_id', '=', itemId)
    .where('status', '!=', 'resolved')
    .executeTakeFirst();

export async function updateAnomalyRow(db: Kysely<DB>, id: string, patch: Partial<AnomaliesTable>): Promise<void> {
  await db.updateTable('anomalies').set(patch).where('id', '=', id).execute();
}

export function listAnomalyRows(db: Kysely<DB>, siteId: string, page: PageRequest, filter: { status?: string; reportedBy?: string }) {
  let q = db.selectFrom('anomalies').selectAll().where('site_id', '=', siteId);
  // A literal, not a parameter: it must match anomalies_site_unresolved_idx's WHERE for SQLite to walk the open rows only.
  if (filter.status === 'unresolved') q = q.where('status', '<>', sql.lit('resolved'));
  else if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.reportedBy) q = q.where('reported_by', '=', filter.reportedBy);
  if (page.afterId) q = q.where('id', '<', page.afterId);
  return q
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
}

export function listAnomaliesOn(db: Kysely<DB>, siteId: string, from: number, to: number) {
  return db
    .selectFrom('anomalies')
    .selectAll()
    .where('site_id', '=', siteId)
    .where('reported_at', '>=', from)
    .where('reported_at', '<', to)
    .orderBy('reported_at')
    .execute();
}

export function countUnresolvedByPost(db: Kysely<DB>, siteId: string) {
  return db
    .selectFrom('anomalies')
    .select((eb) => ['post_id', eb.fn.countAll<number>().as('n')])
    .where('site_id', '=', siteId)
    .where('status', '!=', 'resolved')
    .groupBy('post_id')
    .execute();
}

/** Which of these photos an anomaly cites as its evidence. */
export const photosCitedByAnomalies = async (db: Kysely<DB>, photoIds: readonly string[]): Promise<string[]> =>
  photoIds.length === 0
    ? []
    : (
        await db
          .selectFrom('anomalies')
          .select('photo_id')
          .distinct()
          .where('photo_id', 'in', [...photoIds])
          .execute()
      ).map((r) => r.photo_id!);
