/**
 * Night-shift handovers (交接班) and each site's handover settings (which posts hand over, and how
 * long the incoming person has to confirm). Lists are JSON text, as elsewhere.
 * Frozen in time: never import app code here.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('handovers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('from_person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('written_at', 'bigint', (c) => c.notNull())
    .addColumn('open_items', 'text', (c) => c.notNull())
    .addColumn('equipment', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('photo_ids', 'text', (c) => c.notNull())
    .addColumn('expected_person_id', 'text', (c) => c.references('people.id'))
    .addColumn('confirm_by', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('confirmed_by', 'text', (c) => c.references('people.id'))
    .addColumn('confirmed_at', 'bigint')
    .addColumn('confirm_note', 'text')
    .addColumn('alerted_at', 'bigint')
    .execute();
  await db.schema.createIndex('handovers_site_date_idx').on('handovers').columns(['site_id', 'date', 'id']).execute();
  await db.schema.createIndex('handovers_site_post_status_idx').on('handovers').columns(['site_id', 'post_id', 'status']).execute();
  await db.schema
    .createTable('handover_settings')
    .addColumn('site_id', 'text', (c) => c.primaryKey().references('sites.id'))
    .addColumn('confirm_minutes', 'integer', (c) => c.notNull())
    .addColumn('post_kinds', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('handover_settings').execute();
  await db.schema.dropTable('handovers').execute();
}
