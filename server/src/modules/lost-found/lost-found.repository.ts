import type { Kysely } from 'kysely';
import type { DB, LostItemsTable } from '../../db/schema.js';
import type { PageRequest } from '../../platform/http/pagination.js';

export const findLostItemRow = (db: Kysely<DB>, siteId: string, id: string) =>
  db.selectFrom('lost_items').selectAll().where('site_id', '=', siteId).where('id', '=', id).executeTakeFirst();
export const findLostItemById = (db: Kysely<DB>, id: string) => db.selectFrom('lost_items').selectAll().where('id', '=', id).executeTakeFirst();

export function listLostItemRows(db: Kysely<DB>, siteId: string, page: PageRequest, unclaimedOnly: boolean) {
  let q = db.selectFrom('lost_items').selectAll().where('site_id', '=', siteId);
  if (unclaimedOnly) q = q.where('status', '!=', 'returned');
  if (page.afterId) q = q.where('id', '<', page.afterId);
  return q
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
}

/** Applies `patch` only while the row still has `expectedStatus` and pending opener; returns rows changed. */
export async function updateLostItemIf(
  db: Kysely<DB>,
  id: string,
  expected: { status: string; openPendingBy: string | null },
  patch: Partial<LostItemsTable>,
): Promise<number> {
  let q = db.updateTable('lost_items').set(patch).where('id', '=', id).where('status', '=', expected.status);
  q = expected.openPendingBy === null ? q.where('open_pending_by', 'is', null) : q.where('open_pending_by', '=', expected.openPendingBy);
  return Number((await q.executeTakeFirst()).numUpdatedRows);
}
