/**
 * The visitor journey: customers (recognised by phone number only), visits, and the hand-offs
 * between posts. Frozen in time: never import app code here.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('customers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('consent_at', 'bigint', (c) => c.notNull())
    .addColumn('first_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('last_visit_at', 'bigint', (c) => c.notNull())
    .addColumn('visit_count', 'integer', (c) => c.notNull())
    .addUniqueConstraint('customers_company_phone_uq', ['company_id', 'phone'])
    .execute();

  await db.schema
    .createTable('visits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('party_size', 'integer', (c) => c.notNull())
    .addColumn('arrival_mode', 'text', (c) => c.notNull())
    .addColumn('plate', 'text')
    .addColumn('is_new_energy', 'integer', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.references('customers.id'))
    .addColumn('consultant_id', 'text', (c) => c.references('people.id'))
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('stage_since', 'bigint', (c) => c.notNull())
    .addColumn('stage_log', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('registered_by', 'text', (c) => c.notNull())
    .addColumn('arrived_at', 'bigint', (c) => c.notNull())
    .addColumn('closed_at', 'bigint')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('visits_site_status_idx').on('visits').columns(['site_id', 'status', 'id']).execute();
  await db.schema.createIndex('visits_site_arrived_idx').on('visits').columns(['site_id', 'arrived_at']).execute();

  await db.schema
    .createTable('visit_handoffs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('visit_id', 'text', (c) => c.notNull().references('visits.id'))
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('to_target', 'text', (c) => c.notNull())
    .addColumn('to_post_kind', 'text')
    .addColumn('to_person_id', 'text')
    .addColumn('from_stage', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('sent_by', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'bigint', (c) => c.notNull())
    .addColumn('acked_by', 'text')
    .addColumn('acked_at', 'bigint')
    .execute();
  await db.schema.createIndex('visit_handoffs_visit_idx').on('visit_handoffs').columns(['visit_id', 'sent_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['visit_handoffs', 'visits', 'customers']) await db.schema.dropTable(t).execute();
}
