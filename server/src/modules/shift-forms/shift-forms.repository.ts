import type { Kysely } from 'kysely';
import type { DB, RequisitionsTable } from '../../db/schema.js';
import type { PageRequest } from '../../platform/http/pagination.js';

export const findRequisitionRow = (db: Kysely<DB>, siteId: string, id: string) =>
  db.selectFrom('requisitions').selectAll().where('site_id', '=', siteId).where('id', '=', id).executeTakeFirst();
export const findRequisitionById = (db: Kysely<DB>, id: string) => db.selectFrom('requisitions').selectAll().where('id', '=', id).executeTakeFirst();

export async function decideRequisitionRow(
  db: Kysely<DB>,
  id: string,
  patch: Pick<RequisitionsTable, 'status' | 'decided_by' | 'decided_at' | 'decision_note'>,
): Promise<number> {
  const res = await db.updateTable('requisitions').set(patch).where('id', '=', id).where('status', '=', 'pending').executeTakeFirst();
  return Number(res.numUpdatedRows);
}

export function listRequisitionRows(db: Kysely<DB>, siteId: string, page: PageRequest, filter: { status?: string; requestedBy?: string }) {
  let q = db.selectFrom('requisitions').selectAll().where('site_id', '=', siteId);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.requestedBy) q = q.where('requested_by', '=', filter.requestedBy);
  if (page.afterId) q = q.where('id', '<', page.afterId);
  return q
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
}

/** Approved requisitions as the store sees them; `issued` true or false keeps those issued or still to issue. */
export function listApprovedRequisitionRows(db: Kysely<DB>, siteId: string, page: PageRequest, issued: boolean | undefined) {
  let q = db.selectFrom('requisitions').selectAll().where('site_id', '=', siteId).where('status', '=', 'approved');
  if (issued === true) q = q.where('issued_at', 'is not', null);
  if (issued === false) q = q.where('issued_at', 'is', null);
  if (page.afterId) q = q.where('id', '<', page.afterId);
  return q
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
}

/** Called by the store in the transaction that writes the issuing batch; a second issue leaves the first time. */
export async function markRequisitionIssued(db: Kysely<DB>, id: string, at: number): Promise<void> {
  await db.updateTable('requisitions').set({ issued_at: at }).where('id', '=', id).where('issued_at', 'is', null).execute();
}

export const findOpinionById = (db: Kysely<DB>, id: string) => db.selectFrom('customer_opinions').selectAll().where('id', '=', id).executeTakeFirst();

export function listOpinionsOn(db: Kysely<DB>, siteId: string, date: string) {
  return db.selectFrom('customer_opinions').selectAll().where('site_id', '=', siteId).where('date', '=', date).orderBy('created_at').execute();
}

/** For the monthly assessment: the customer opinions of the site dated in [fromDate, toDate]. */
export function listOpinionsOfPeriod(db: Kysely<DB>, siteId: string, fromDate: string, toDate: string) {
  return db
    .selectFrom('customer_opinions')
    .select(['person_id', 'post_id', 'date', 'category'])
    .where('site_id', '=', siteId)
    .where('date', '>=', fromDate)
    .where('date', '<=', toDate)
    .execute();
}
