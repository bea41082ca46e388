/**
 * Complaints (投诉): the complaint with its state, owner, deadline and result; its timeline (every
 * state move and handling note, with who and when); and each site's deadlines per severity.
 * Frozen in time: never import app code here.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('complaints')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    // The site's running number, said on the phone ("投诉 12 号").
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('complainant_name', 'text')
    .addColumn('complainant_phone', 'text')
    .addColumn('phone_consent', 'integer', (c) => c.notNull())
    .addColumn('post_id', 'text', (c) => c.references('posts.id'))
    .addColumn('visit_id', 'text')
    // JSON array of photo ids (the photos module's rows).
    .addColumn('photo_ids', 'text', (c) => c.notNull())
    .addColumn('filed_by', 'text', (c) => c.references('people.id'))
    .addColumn('filed_by_name', 'text')
    .addColumn('owner_id', 'text', (c) => c.references('people.id'))
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    // When the current round began: receipt, or the last reopening. The deadline counts from it.
    .addColumn('round_started_at', 'bigint', (c) => c.notNull())
    .addColumn('deadline_at', 'bigint', (c) => c.notNull())
    // Set once a deadline passed before a result (by the timer, or by a late result): the overdue figure.
    .addColumn('overdue_at', 'bigint')
    .addColumn('first_result_at', 'bigint')
    .addColumn('result_text', 'text')
    .addColumn('result_channel', 'text')
    .addColumn('result_at', 'bigint')
    .addColumn('verdict', 'text')
    .addColumn('follow_up_by_name', 'text')
    .addColumn('follow_up_at', 'bigint')
    .addColumn('closed_at', 'bigint')
    .addColumn('reopen_count', 'integer', (c) => c.notNull())
    // Every move bumps it; a move applies only to the version it read (two managers at once: one wins, one gets 409).
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('complaints_site_number_idx').on('complaints').columns(['site_id', 'number']).unique().execute();
  await db.schema.createIndex('complaints_site_id_idx').on('complaints').columns(['site_id', 'id']).execute();
  await db.schema.createIndex('complaints_site_received_idx').on('complaints').columns(['site_id', 'received_at']).execute();
  await db.schema.createIndex('complaints_owner_idx').on('complaints').columns(['site_id', 'owner_id', 'id']).execute();

  await db.schema
    .createTable('complaint_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('complaint_id', 'text', (c) => c.notNull().references('complaints.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('by_person', 'text', (c) => c.references('people.id'))
    .addColumn('by_name', 'text')
    .addColumn('note', 'text')
    // For the figures: a follow-up's verdict.
    .addColumn('verdict', 'text')
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('complaint_events_complaint_idx').on('complaint_events').columns(['complaint_id', 'id']).execute();
  await db.schema.createIndex('complaint_events_site_kind_idx').on('complaint_events').columns(['site_id', 'kind', 'at']).execute();

  await db.schema
    .createTable('complaint_settings')
    .addColumn('site_id', 'text', (c) => c.primaryKey().references('sites.id'))
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['complaint_settings', 'complaint_events', 'complaints']) await db.schema.dropTable(table).execute();
}
