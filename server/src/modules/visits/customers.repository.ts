/**
 * The customers' personal information held by the visits module: the customer rows, the plates
 * on visits and the signed vehicle checks. Everything here is scoped to one site.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { PageRequest } from '../../platform/http/pagination.js';

export function listCustomerRows(db: Kysely<DB>, siteId: string, page: PageRequest, phone: string | undefined) {
  let q = db.selectFrom('customers').selectAll().where('site_id', '=', siteId);
  // The whole number finds one customer; fewer digits are the end of the number (what a masked list shows).
  if (phone) q = phone.length === 11 ? q.where('phone', '=', phone) : q.where('phone', 'like', `%${phone}`);
  if (page.afterId) q = q.where('id', '>', page.afterId);
  return q
    .orderBy('id')
    .limit(page.limit + 1)
    .execute();
}

export const findCustomerRow = (db: Kysely<DB>, siteId: string, customerId: string) =>
  db.selectFrom('customers').selectAll().where('site_id', '=', siteId).where('id', '=', customerId).executeTakeFirst();

export const listVisitsOfCustomer = (db: Kysely<DB>, siteId: string, customerId: string) =>
  db
    .selectFrom('visits')
    .select(['id', 'arrived_at', 'closed_at', 'party_size', 'arrival_mode', 'plate'])
    .where('site_id', '=', siteId)
    .where('customer_id', '=', customerId)
    .orderBy('arrived_at')
    .execute();

export async function listVehicleChecksOf(db: Kysely<DB>, siteId: string, visitIds: readonly string[]) {
  if (visitIds.length === 0) return [];
  return db
    .selectFrom('vehicle_checks')
    .selectAll()
    .where('site_id', '=', siteId)
    .where('visit_id', 'in', [...visitIds])
    .execute();
}

export async function withdrawConsentRow(db: Kysely<DB>, customerId: string, at: number): Promise<void> {
  await db
    .updateTable('customers')
    .set({ consent_withdrawn_at: at })
    .where('id', '=', customerId)
    .where('consent_withdrawn_at', 'is', null)
    .execute();
}

/** The visits stay for the site's figures; nothing on them points at the customer any more. */
export async function anonymiseVisitsOf(db: Kysely<DB>, siteId: string, customerId: string): Promise<number> {
  const r = await db
    .updateTable('visits')
    .set({ customer_id: null, plate: null })
    .where('site_id', '=', siteId)
    .where('customer_id', '=', customerId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function deleteVehicleChecks(db: Kysely<DB>, siteId: string, visitIds: readonly string[]): Promise<number> {
  if (visitIds.length === 0) return 0;
  const r = await db
    .deleteFrom('vehicle_checks')
    .where('site_id', '=', siteId)
    .where('visit_id', 'in', [...visitIds])
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function deleteCustomerRow(db: Kysely<DB>, siteId: string, customerId: string): Promise<void> {
  await db.deleteFrom('customers').where('site_id', '=', siteId).where('id', '=', customerId).execute();
}

// ---- retention ----

/** Vehicle checks signed before `cutoff` (their photos go with them). */
export const listVehicleChecksSignedBefore = (db: Kysely<DB>, siteId: string, cutoff: number) =>
  db.selectFrom('vehicle_checks').select(['visit_id', 'photo_ids']).where('site_id', '=', siteId).where('signed_at', '<', cutoff).execute();

/** Clears the plates of visits that arrived before `cutoff`; returns how many. */
export async function clearPlatesBefore(db: Kysely<DB>, siteId: string, cutoff: number): Promise<number> {
  const r = await db
    .updateTable('visits')
    .set({ plate: null })
    .where('site_id', '=', siteId)
    .where('arrived_at', '<', cutoff)
    .where('plate', 'is not', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Customers who withdrew their consent: erased by the next purge. */
export const listWithdrawnCustomers = (db: Kysely<DB>, siteId: string) =>
  db.selectFrom('customers').selectAll().where('site_id', '=', siteId).where('consent_withdrawn_at', 'is not', null).execute();
