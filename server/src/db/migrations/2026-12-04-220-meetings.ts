/**
 * Meetings (例会): the daily debrief and the weekly review, their attendance corrections and the
 * action items they give out. Frozen in time: never import app code here.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('meetings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    // 'debrief' (one site-local day) or 'review' (one ISO week, dated by its Monday).
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('minutes', 'text', (c) => c.notNull())
    // JSON of the figures as they stood when the meeting was closed; null while open (read live).
    .addColumn('frozen_figures', 'text')
    .addColumn('opened_by', 'text', (c) => c.references('people.id'))
    .addColumn('opened_by_name', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'bigint', (c) => c.notNull())
    .addColumn('closed_by', 'text', (c) => c.references('people.id'))
    .addColumn('closed_by_name', 'text')
    .addColumn('closed_at', 'bigint')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  // One debrief per site-day and one review per site-week: a second open is refused by the database too.
  await db.schema.createIndex('meetings_site_kind_date_uq').on('meetings').columns(['site_id', 'kind', 'date']).unique().execute();

  await db.schema
    .createTable('meeting_attendance')
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    // The clock-out answer as it stood at the close (1/0/null); a correction row keeps it too.
    .addColumn('clock_out_answer', 'integer')
    // Null: taken from the clock-out answer when the debrief closed; else who corrected it.
    .addColumn('corrected_by', 'text', (c) => c.references('people.id'))
    .addColumn('corrected_by_name', 'text')
    .addColumn('corrected_at', 'bigint')
    .addPrimaryKeyConstraint('meeting_attendance_pk', ['meeting_id', 'person_id'])
    .execute();

  await db.schema
    .createTable('meeting_action_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('done_at', 'bigint')
    .addColumn('done_by', 'text', (c) => c.references('people.id'))
    .addColumn('done_by_name', 'text')
    // Set by the overdue timer when it told the owner and the manager, so they hear once.
    .addColumn('overdue_alerted_at', 'bigint')
    .addColumn('created_by', 'text', (c) => c.references('people.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('meeting_action_items_meeting_idx').on('meeting_action_items').columns(['meeting_id']).execute();
  await db.schema.createIndex('meeting_action_items_owner_idx').on('meeting_action_items').columns(['site_id', 'owner_id', 'status']).execute();
  await db.schema.createIndex('meeting_action_items_site_status_idx').on('meeting_action_items').columns(['site_id', 'status']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('meeting_action_items').execute();
  await db.schema.dropTable('meeting_attendance').execute();
  await db.schema.dropTable('meetings').execute();
}
