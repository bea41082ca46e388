/**
 * Service standards per site, rosters, shifts, checklist results, photos, anomalies and the
 * post-shift forms. Frozen in time: never import app code here.
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;

  // A site's copy of a post's standard. Every edit writes a new version; shifts keep the
  // version they started with.
  await db.schema
    .createTable('standard_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('post_kind', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('library_version', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('change_note', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('standard_versions_uq', ['site_id', 'post_kind', 'version'])
    .execute();

  await db.schema
    .createTable('site_standard_settings')
    .addColumn('site_id', 'text', (c) => c.primaryKey().references('sites.id'))
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('training_records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'bigint', (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .execute();
  await db.schema.createIndex('training_records_person_idx').on('training_records').columns(['person_id', 'kind']).execute();

  await db.schema
    .createTable('roster_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('start_time', 'text', (c) => c.notNull())
    .addColumn('end_time', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('roster_entries_site_date_idx').on('roster_entries').columns(['site_id', 'date']).execute();
  await db.schema.createIndex('roster_entries_person_date_idx').on('roster_entries').columns(['person_id', 'date']).execute();

  await db.schema
    .createTable('shifts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('roster_entry_id', 'text', (c) => c.references('roster_entries.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('standard_version_id', 'text', (c) => c.notNull().references('standard_versions.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('planned_start', 'text', (c) => c.notNull())
    .addColumn('planned_end', 'text', (c) => c.notNull())
    .addColumn('clock_in_at', 'bigint', (c) => c.notNull())
    .addColumn('clock_in_received_at', 'bigint', (c) => c.notNull())
    .addColumn('clock_in_location', 'text')
    .addColumn('clock_out_at', 'bigint')
    .addColumn('left_with_guests', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('guests_at_clock_out', 'integer')
    .addColumn('leave_reason', 'text')
    .addColumn('debrief_attended', 'integer')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('shifts_site_date_idx').on('shifts').columns(['site_id', 'date']).execute();
  await db.schema.createIndex('shifts_person_idx').on('shifts').columns(['person_id', 'status']).execute();

  await db.schema
    .createTable('photos')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('bytes', isPostgres ? sql`bytea` : 'blob', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('checklist_results')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shift_id', 'text', (c) => c.notNull().references('shifts.id'))
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('phase', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('photo_id', 'text', (c) => c.references('photos.id'))
    .addColumn('recorded_at', 'bigint', (c) => c.notNull())
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('checklist_results_item_uq', ['shift_id', 'item_id'])
    .execute();

  await db.schema
    .createTable('anomalies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('shift_id', 'text', (c) => c.references('shifts.id'))
    .addColumn('post_id', 'text', (c) => c.references('posts.id'))
    .addColumn('item_id', 'text')
    .addColumn('item_text', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('photo_id', 'text', (c) => c.references('photos.id'))
    .addColumn('needs_repair', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reported_by', 'text', (c) => c.notNull())
    .addColumn('reported_at', 'bigint', (c) => c.notNull())
    .addColumn('acknowledged_by', 'text')
    .addColumn('acknowledged_at', 'bigint')
    .addColumn('assigned_to', 'text')
    .addColumn('resolved_by', 'text')
    .addColumn('resolved_at', 'bigint')
    .addColumn('resolution', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('anomalies_site_status_idx').on('anomalies').columns(['site_id', 'status', 'id']).execute();
  await db.schema.createIndex('anomalies_shift_idx').on('anomalies').column('shift_id').execute();

  await db.schema
    .createTable('requisitions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('shift_id', 'text', (c) => c.references('shifts.id'))
    .addColumn('post_id', 'text', (c) => c.references('posts.id'))
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('lines', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'bigint')
    .addColumn('decision_note', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('requisitions_site_idx').on('requisitions').columns(['site_id', 'status', 'id']).execute();

  await db.schema
    .createTable('customer_opinions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('shift_id', 'text', (c) => c.references('shifts.id'))
    .addColumn('post_id', 'text', (c) => c.references('posts.id'))
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('customer_opinions_site_date_idx').on('customer_opinions').columns(['site_id', 'date']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'customer_opinions',
    'requisitions',
    'anomalies',
    'checklist_results',
    'photos',
    'shifts',
    'roster_entries',
    'training_records',
    'site_standard_settings',
    'standard_versions',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
