/**
 * How long a site keeps customers' plates, signatures and photos (PIPL: no longer than the
 * purpose needs). A site setting, 180 days unless the site chooses otherwise; a daily database
 * timer purges what is older. Frozen in time: never import app code here.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('sites')
    .addColumn('customer_retention_days', 'integer', (c) => c.notNull().defaultTo(180))
    .execute();
  // The purge reads vehicle checks by site and age.
  await db.schema.createIndex('vehicle_checks_site_signed_idx').on('vehicle_checks').columns(['site_id', 'signed_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('vehicle_checks_site_signed_idx').execute();
  await db.schema.alterTable('sites').dropColumn('customer_retention_days').execute();
}
