import type { Kysely, Transaction } from 'kysely';
import type { DB, SitesTable } from '../../db/schema.js';
import type { PageRequest } from '../../platform/http/pagination.js';

type Q = Kysely<DB> | Transaction<DB>;

export const findSiteRow = (db: Q, siteId: string) => db.selectFrom('sites').selectAll().where('id', '=', siteId).executeTakeFirst();

export async function listSiteRows(db: Q, siteIds: string[], page: PageRequest) {
  if (siteIds.length === 0) return [];
  let q = db.selectFrom('sites').selectAll().where('id', 'in', siteIds);
  if (page.afterId) q = q.where('id', '>', page.afterId);
  return q
    .orderBy('id')
    .limit(page.limit + 1)
    .execute();
}

export async function insertSiteRow(db: Q, row: SitesTable): Promise<void> {
  await db.insertInto('sites').values(row).execute();
}

export async function updateSiteRow(db: Q, siteId: string, patch: Partial<SitesTable>): Promise<void> {
  await db.updateTable('sites').set(patch).where('id', '=', siteId).execute();
}

/** Every site with how long it keeps customers' data, for the daily purge. */
export const listRetentionSettings = (db: Q) =>
  db.selectFrom('sites').select(['id', 'company_id', 'customer_retention_days']).orderBy('id').execute();

/** Every site with its company and time zone: the monthly close walks them. */
export const listSiteClocks = (db: Q) => db.selectFrom('sites').select(['id', 'company_id', 'time_zone']).orderBy('id').execute();

/** The company's sites with their names and clocks, by name: the company dashboard's rows. */
export const listSitesOfCompany = (db: Q, companyId: string) =>
  db.selectFrom('sites').select(['id', 'name', 'time_zone']).where('company_id', '=', companyId).orderBy('name').orderBy('id').execute();

/** Id, name and time zone of the given sites, by id: the sites in `me`. */
export function listSiteHeaders(db: Q, siteIds: string[]) {
  if (siteIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('sites').select(['id', 'name', 'time_zone']).where('id', 'in', siteIds).orderBy('id').execute();
}
