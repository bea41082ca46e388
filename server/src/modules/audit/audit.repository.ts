import type { Kysely, Transaction } from 'kysely';
import type { DB, AuditLogTable } from '../../db/schema.js';
import type { PageRequest } from '../../platform/http/pagination.js';

export async function insertAuditEntry(trx: Transaction<DB> | Kysely<DB>, row: AuditLogTable): Promise<void> {
  await trx.insertInto('audit_log').values(row).execute();
}

export async function listAuditEntries(db: Kysely<DB>, siteId: string, page: PageRequest, action: string | undefined) {
  let q = db.selectFrom('audit_log').selectAll().where('site_id', '=', siteId);
  if (action) q = q.where('action', '=', action);
  if (page.afterId) q = q.where('id', page.direction === 'asc' ? '>' : '<', page.afterId);
  return q
    .orderBy('id', page.direction)
    .limit(page.limit + 1)
    .execute();
}

/** Entries of the company that belong to no site: sign-ins, refused sign-ins, logouts, password changes. */
export async function listCompanyAuditEntries(db: Kysely<DB>, companyId: string, page: PageRequest, action: string | undefined) {
  let q = db.selectFrom('audit_log').selectAll().where('company_id', '=', companyId).where('site_id', 'is', null);
  if (action) q = q.where('action', '=', action);
  if (page.afterId) q = q.where('id', page.direction === 'asc' ? '>' : '<', page.afterId);
  return q
    .orderBy('id', page.direction)
    .limit(page.limit + 1)
    .execute();
}
