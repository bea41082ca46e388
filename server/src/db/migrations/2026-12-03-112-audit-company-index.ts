/**
 * Company-level audit entries (logins, failed logins, logouts, password changes: no site) are read
 * by the company admin, newest first: an index by company, site and id answers that alone.
 * Frozen in time: never import app code here.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('audit_log_company_idx').on('audit_log').columns(['company_id', 'site_id', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('audit_log_company_idx').execute();
}
