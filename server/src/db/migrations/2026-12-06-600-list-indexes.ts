/**
 * Lists stay flat as a site's rows grow (a site logs about 100,000 visits a year): every paginated
 * list reads its page by walking an index that holds both its filter and its order (keyset on id),
 * so a page costs the same on the first day and after three years. Without these, the visits,
 * anomalies and incidents lists sorted every row of the site for each page, and the "still open"
 * filters (anomalies not resolved, work orders not verified) walked all the closed ones.
 * The two partial indexes hold only the open rows; their WHERE must match the lists' query text
 * (`status <> 'resolved'`, `status <> 'verified'` as literals) for SQLite to use them.
 * Frozen in time: never import app code here.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('visits_site_id_idx').on('visits').columns(['site_id', 'id']).execute();
  await db.schema.createIndex('anomalies_site_id_idx').on('anomalies').columns(['site_id', 'id']).execute();
  await db.schema
    .createIndex('anomalies_site_unresolved_idx')
    .on('anomalies')
    .columns(['site_id', 'id'])
    .where(sql.ref('status'), '<>', sql.lit('resolved'))
    .execute();
  await db.schema.createIndex('incidents_site_id_idx').on('incidents').columns(['site_id', 'id']).execute();
  await db.schema
    .createIndex('work_orders_site_open_idx')
    .on('work_orders')
    .columns(['site_id', 'id'])
    .where(sql.ref('status'), '<>', sql.lit('verified'))
    .execute();
  await db.schema.createIndex('audit_log_site_action_idx').on('audit_log').columns(['site_id', 'action', 'id']).execute();
  await db.schema.createIndex('supply_movements_site_store_idx').on('supply_movements').columns(['site_id', 'store_id', 'id']).execute();
  await db.schema.createIndex('supply_movements_site_item_idx').on('supply_movements').columns(['site_id', 'item_id', 'id']).execute();
  await db.schema.createIndex('supply_movements_site_kind_id_idx').on('supply_movements').columns(['site_id', 'kind', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const name of [
    'supply_movements_site_kind_id_idx',
    'supply_movements_site_item_idx',
    'supply_movements_site_store_idx',
    'audit_log_site_action_idx',
    'work_orders_site_open_idx',
    'incidents_site_id_idx',
    'anomalies_site_unresolved_idx',
    'anomalies_site_id_idx',
    'visits_site_id_idx',
  ])
    await db.schema.dropIndex(name).execute();
}
