/**
 * Supplies (items, stores, stock, the movement ledger and its batches) and the model rooms'
 * item lists with their opening and closing checks. Frozen in time: never import app code here.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('supply_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('low_stock_threshold', 'integer', (c) => c.notNull())
    .addColumn('archived_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('supply_items_site_idx').on('supply_items').columns(['site_id', 'id']).execute();

  await db.schema
    .createTable('supply_stores')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('supply_stores_site_name_uq', ['site_id', 'name'])
    .execute();

  // On hand per item per store; `low` remembers the last side of the threshold, so an alert is
  // raised once per crossing.
  await db.schema
    .createTable('supply_stock')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('store_id', 'text', (c) => c.notNull().references('supply_stores.id'))
    .addColumn('item_id', 'text', (c) => c.notNull().references('supply_items.id'))
    .addColumn('on_hand', 'integer', (c) => c.notNull())
    .addColumn('low', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('supply_stock_store_item_uq', ['store_id', 'item_id'])
    .execute();
  await db.schema.createIndex('supply_stock_site_idx').on('supply_stock').columns(['site_id', 'id']).execute();

  // A receipt, an issue or a count sheet; requisition_id is unique so a requisition is issued once.
  await db.schema
    .createTable('supply_batches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('store_id', 'text', (c) => c.notNull().references('supply_stores.id'))
    .addColumn('requisition_id', 'text', (c) => c.unique().references('requisitions.id'))
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('by_person', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('supply_batches_site_idx').on('supply_batches').columns(['site_id', 'kind', 'id']).execute();

  await db.schema
    .createTable('supply_movements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('batch_id', 'text', (c) => c.notNull().references('supply_batches.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('delta', 'integer', (c) => c.notNull())
    .addColumn('on_hand_after', 'integer', (c) => c.notNull())
    // The site-local Monday of the movement's week: weekly consumption groups on it.
    .addColumn('week', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('supply_movements_site_idx').on('supply_movements').columns(['site_id', 'id']).execute();
  await db.schema.createIndex('supply_movements_batch_idx').on('supply_movements').column('batch_id').execute();
  await db.schema.createIndex('supply_movements_week_idx').on('supply_movements').columns(['site_id', 'kind', 'week']).execute();

  await db.schema
    .createTable('model_room_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('zone_id', 'text', (c) => c.notNull().references('zones.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('photo_id', 'text')
    .addColumn('position_note', 'text', (c) => c.notNull())
    .addColumn('archived_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('model_room_items_zone_idx').on('model_room_items').columns(['zone_id', 'id']).execute();

  await db.schema
    .createTable('model_room_checks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('zone_id', 'text', (c) => c.notNull().references('zones.id'))
    .addColumn('phase', 'text', (c) => c.notNull())
    .addColumn('by_person', 'text', (c) => c.notNull())
    .addColumn('present', 'integer', (c) => c.notNull())
    .addColumn('missing', 'integer', (c) => c.notNull())
    .addColumn('damaged', 'integer', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('model_room_checks_zone_idx').on('model_room_checks').columns(['zone_id', 'id']).execute();

  await db.schema
    .createTable('model_room_check_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('check_id', 'text', (c) => c.notNull().references('model_room_checks.id'))
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('item_name', 'text', (c) => c.notNull())
    .addColumn('expected', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('found_quantity', 'integer')
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('photo_id', 'text')
    .addColumn('incident_id', 'text')
    .execute();
  await db.schema.createIndex('model_room_check_lines_check_idx').on('model_room_check_lines').column('check_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'model_room_check_lines',
    'model_room_checks',
    'model_room_items',
    'supply_movements',
    'supply_batches',
    'supply_stock',
    'supply_stores',
    'supply_items',
  ])
    await db.schema.dropTable(t).execute();
}
