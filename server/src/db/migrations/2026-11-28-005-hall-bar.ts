/**
 * Hall tables and seating, the sand-table waiting list, drink orders. Frozen in time: never
 * import app code here.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('hall_tables')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('seats', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('hall_tables_site_name_uq', ['site_id', 'name'])
    .execute();
  await db.schema.alterTable('visits').addColumn('table_id', 'text').execute();
  await db.schema.alterTable('visits').addColumn('seated_at', 'bigint').execute();
  await db.schema.alterTable('visits').addColumn('waiting_since', 'bigint').execute();

  await db.schema
    .createTable('drink_orders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('visit_id', 'text', (c) => c.notNull().references('visits.id'))
    .addColumn('table_id', 'text')
    .addColumn('lines', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('ordered_by', 'text', (c) => c.notNull())
    .addColumn('ordered_at', 'bigint', (c) => c.notNull())
    .addColumn('made_at', 'bigint')
    .addColumn('served_at', 'bigint')
    .addColumn('served_by_post', 'text')
    .execute();
  await db.schema.createIndex('drink_orders_site_status_idx').on('drink_orders').columns(['site_id', 'status', 'ordered_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('drink_orders').execute();
  for (const c of ['waiting_since', 'seated_at', 'table_id']) await db.schema.alterTable('visits').dropColumn(c).execute();
  await db.schema.dropTable('hall_tables').execute();
}
