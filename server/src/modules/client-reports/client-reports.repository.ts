/** The client-reports module's table: client_reports. */
import type { Kysely, Transaction } from 'kysely';
import type { ClientReportsTable, DB } from '../../db/schema.js';
import type { PageRequest } from '../../platform/http/pagination.js';

type Q = Kysely<DB> | Transaction<DB>;

/** Inserts the site-month's report unless it exists; returns whether this call created it. */
export async function insertReportIfAbsent(db: Q, row: ClientReportsTable): Promise<boolean> {
  const res = await db
    .insertInto('client_reports')
    .values(row)
    .onConflict((oc) => oc.columns(['site_id', 'month']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

export const findReportRow = (db: Q, siteId: string, reportId: string) =>
  db.selectFrom('client_reports').selectAll().where('site_id', '=', siteId).where('id', '=', reportId).executeTakeFirst();

export const findReportOfMonth = (db: Q, siteId: string, month: string) =>
  db.selectFrom('client_reports').selectAll().where('site_id', '=', siteId).where('month', '=', month).executeTakeFirst();

/** The site's reports, newest first; `publishedOnly` for the client's archive. The frozen figures are not read for a list. */
export function listReportRows(db: Q, siteId: string, page: PageRequest, publishedOnly: boolean) {
  let q = db
    .selectFrom('client_reports')
    .select(['id', 'site_id', 'month', 'status', 'generated_at', 'published_at', 'acknowledged_at', 'acknowledged_by'])
    .where('site_id', '=', siteId);
  if (publishedOnly) q = q.where('status', '=', 'published');
  if (page.afterId) q = q.where('id', '<', page.afterId);
  return q
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
}

/** Only a draft changes; returns how many rows changed (0: published meanwhile). */
export async function updateDraft(db: Q, reportId: string, patch: Partial<ClientReportsTable>): Promise<number> {
  const res = await db.updateTable('client_reports').set(patch).where('id', '=', reportId).where('status', '=', 'draft').executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** Records the receipt once: only a published report not yet acknowledged; returns how many rows changed. */
export async function markAcknowledged(db: Q, reportId: string, personId: string, at: number): Promise<number> {
  const res = await db
    .updateTable('client_reports')
    .set({ acknowledged_by: personId, acknowledged_at: at })
    .where('id', '=', reportId)
    .where('status', '=', 'published')
    .where('acknowledged_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}
