/**
 * Supervisor inspections (服务监督 / 品质核查): the inspection of a post and person with its items,
 * the rectification each failed item becomes and its steps, and each site's inspection settings
 * (rectification hours, the daily plan). Frozen in time: never import app code here.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('inspections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id'))
    .addColumn('post_kind', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('inspector_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('is_mystery', 'integer', (c) => c.notNull())
    .addColumn('standard_version_id', 'text', (c) => c.notNull())
    // The site-local day, for the plan and the lists.
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('inspected_at', 'bigint', (c) => c.notNull())
    .addColumn('item_count', 'integer', (c) => c.notNull())
    .addColumn('failed_count', 'integer', (c) => c.notNull())
    .addColumn('deduction_points', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('inspections_site_date_idx').on('inspections').columns(['site_id', 'date', 'post_id']).execute();
  await db.schema.createIndex('inspections_site_person_idx').on('inspections').columns(['site_id', 'person_id', 'inspected_at']).execute();

  await db.schema
    .createTable('inspection_items')
    .addColumn('inspection_id', 'text', (c) => c.notNull().references('inspections.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('text_zh', 'text', (c) => c.notNull())
    .addColumn('text_en', 'text', (c) => c.notNull())
    .addColumn('points', 'integer', (c) => c.notNull())
    .addColumn('passed', 'integer', (c) => c.notNull())
    .addColumn('deduction', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('photo_id', 'text')
    .addPrimaryKeyConstraint('inspection_items_pk', ['inspection_id', 'item_id'])
    .execute();

  await db.schema
    .createTable('rectifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('inspection_id', 'text', (c) => c.notNull().references('inspections.id'))
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('inspector_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('deduction', 'integer', (c) => c.notNull())
    .addColumn('deduction_waived', 'integer', (c) => c.notNull())
    .addColumn('deadline_at', 'bigint', (c) => c.notNull())
    // Set once the deadline passed without a fix (by the timer, or by a late fix): the figure the assessment counts.
    .addColumn('overdue_at', 'bigint')
    .addColumn('fix_note', 'text')
    .addColumn('fix_photo_id', 'text')
    .addColumn('fixed_at', 'bigint')
    .addColumn('decided_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rectifications_site_status_idx').on('rectifications').columns(['site_id', 'status', 'id']).execute();
  await db.schema.createIndex('rectifications_person_idx').on('rectifications').columns(['site_id', 'person_id', 'id']).execute();
  await db.schema.createIndex('rectifications_inspection_idx').on('rectifications').columns(['inspection_id']).execute();

  await db.schema
    .createTable('rectification_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('rectification_id', 'text', (c) => c.notNull().references('rectifications.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('by_person', 'text', (c) => c.references('people.id'))
    .addColumn('by_name', 'text')
    .addColumn('note', 'text')
    .addColumn('photo_id', 'text')
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rectification_events_rect_idx').on('rectification_events').columns(['rectification_id', 'id']).execute();

  await db.schema
    .createTable('inspection_settings')
    .addColumn('site_id', 'text', (c) => c.primaryKey().references('sites.id'))
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['inspection_settings', 'rectification_events', 'rectifications', 'inspection_items', 'inspections'])
    await db.schema.dropTable(table).execute();
}
