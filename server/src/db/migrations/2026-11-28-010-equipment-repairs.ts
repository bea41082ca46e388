/**
 * Equipment (设施设备台账), maintenance schedules, the technician's daily checks and repair work
 * orders with their state history. Frozen in time: never import app code here.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('assets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('zone_id', 'text', (c) => c.notNull().references('zones.id'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('location_note', 'text', (c) => c.notNull())
    .addColumn('installed_on', 'text')
    // The secret the QR label carries: random, unguessable, unique across all sites.
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('code_revoked_at', 'bigint')
    .addColumn('retired_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('assets_site_idx').on('assets').columns(['site_id', 'id']).execute();

  await db.schema
    .createTable('maintenance_schedules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('asset_id', 'text', (c) => c.notNull().references('assets.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('every_days', 'integer', (c) => c.notNull())
    .addColumn('next_due_on', 'text', (c) => c.notNull())
    .addColumn('last_done_at', 'bigint')
    .addColumn('last_done_by', 'text')
    .addColumn('last_note', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('maintenance_schedules_site_idx').on('maintenance_schedules').columns(['site_id', 'next_due_on']).execute();

  await db.schema
    .createTable('equipment_checks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    // JSON array of { assetId, ok, note } and of the work orders the abnormal lines raised.
    .addColumn('results', 'text', (c) => c.notNull())
    .addColumn('work_order_ids', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  // One opening and one closing check per site and day.
  await db.schema.createIndex('equipment_checks_day_idx').unique().on('equipment_checks').columns(['site_id', 'date', 'kind']).execute();

  await db.schema
    .createTable('work_orders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('zone_id', 'text', (c) => c.notNull().references('zones.id'))
    .addColumn('asset_id', 'text', (c) => c.references('assets.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('anomaly_id', 'text')
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('photo_id', 'text')
    .addColumn('after_photo_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    // Null for an anonymous report from the asset's public page.
    .addColumn('reported_by', 'text')
    .addColumn('technician_id', 'text')
    .addColumn('reported_at', 'bigint', (c) => c.notNull())
    .addColumn('accepted_at', 'bigint')
    .addColumn('arrived_at', 'bigint')
    .addColumn('done_at', 'bigint')
    .addColumn('verified_at', 'bigint')
    .addColumn('arrival_deadline_at', 'bigint', (c) => c.notNull())
    .addColumn('escalation_level', 'integer', (c) => c.notNull())
    .addColumn('pause_reason', 'text')
    .addColumn('done_note', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('work_orders_site_idx').on('work_orders').columns(['site_id', 'id']).execute();
  await db.schema.createIndex('work_orders_asset_idx').on('work_orders').columns(['asset_id', 'status']).execute();
  await db.schema.createIndex('work_orders_reported_idx').on('work_orders').columns(['site_id', 'reported_at']).execute();

  await db.schema
    .createTable('work_order_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('work_order_id', 'text', (c) => c.notNull().references('work_orders.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('by_person', 'text')
    .addColumn('by_name', 'text')
    .addColumn('note', 'text')
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('work_order_events_order_idx').on('work_order_events').columns(['work_order_id', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['work_order_events', 'work_orders', 'equipment_checks', 'maintenance_schedules', 'assets']) await db.schema.dropTable(t).execute();
}
