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

// ---- customers' personal information (PIPL): asked for by the visits module's customer pages ----

/** Items the site handed back to the owner of this phone number. */
export const listReturnsToPhone = (db: Kysely<DB>, siteId: string, phone: string) =>
  db
    .selectFrom('lost_items')
    .select(['id', 'what', 'returned_at', 'returned_to', 'return_signature'])
    .where('site_id', '=', siteId)
    .where('returned_phone', '=', phone)
    .orderBy('id')
    .execute();

/** Erases who took these items back (name, phone, signature); the item's own record stays. */
export async function eraseReturnOwners(db: Kysely<DB>, siteId: string, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const r = await db
    .updateTable('lost_items')
    .set({ returned_to: null, returned_phone: null, return_signature: null })
    .where('site_id', '=', siteId)
    .where('id', 'in', [...ids])
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** The retention purge: phones and signatures of returns before `cutoff` are erased; returns how many. */
export async function purgeReturnDetailsBefore(db: Kysely<DB>, siteId: string, cutoff: number): Promise<number> {
  const r = await db
    .updateTable('lost_items')
    .set({ returned_phone: null, return_signature: null })
    .where('site_id', '=', siteId)
    .where('returned_at', '<', cutoff)
    .where((eb) => eb.or([eb('returned_phone', 'is not', null), eb('return_signature', 'is not', null)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
