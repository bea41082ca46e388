/**
 * A site's figures for any period read incidents by report time, repairs by finish time and
 * supply issues by time: indexes that answer those ranges without scanning the site's history.
 * Frozen in time: never import app code here.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('incidents_site_reported_idx').on('incidents').columns(['site_id', 'reported_at']).execute();
  await db.schema.createIndex('work_orders_site_done_idx').on('work_orders').columns(['site_id', 'done_at']).execute();
  await db.schema.createIndex('supply_movements_site_kind_at_idx').on('supply_movements').columns(['site_id', 'kind', 'at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('supply_movements_site_kind_at_idx').execute();
  await db.schema.dropIndex('work_orders_site_done_idx').execute();
  await db.schema.dropIndex('incidents_site_reported_idx').execute();
}
