/**
 * Training (issue 12): the project fact sheet (GUARD-IN-1), courses with the seven on-job topics,
 * sessions with invited attendees who confirm on their phones, single-choice quizzes answered
 * once, certificates with an expiry date, and the site's pre-job gate. Training records gain the
 * site and the session they came from, so the month's counts are per site.
 * Frozen in time: never import app code here.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('training_records').addColumn('site_id', 'text').execute();
  await db.schema.alterTable('training_records').addColumn('session_id', 'text').execute();
  await db.schema.createIndex('training_records_site_completed_idx').on('training_records').columns(['site_id', 'completed_at']).execute();

  await db.schema
    .createTable('training_fact_sheets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('change_note', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text', (c) => c.references('people.id'))
    .addColumn('published_by_name', 'text', (c) => c.notNull())
    .addColumn('published_at', 'bigint', (c) => c.notNull())
    // Two managers publishing from the same base: the second insert fails instead of forking.
    .addUniqueConstraint('training_fact_sheets_site_version_uq', ['site_id', 'version'])
    .execute();

  await db.schema
    .createTable('training_courses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    // The seeded topics' stable key; null for a course a manager added.
    .addColumn('topic_key', 'text')
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('training_courses_company_topic_uq', ['company_id', 'topic_key'])
    .execute();

  await db.schema
    .createTable('training_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('course_id', 'text', (c) => c.notNull().references('training_courses.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('trainer_name', 'text', (c) => c.notNull())
    .addColumn('material', 'text', (c) => c.notNull())
    .addColumn('photo_ids', 'text', (c) => c.notNull())
    // Percent; null: the session has no quiz.
    .addColumn('pass_mark', 'integer')
    .addColumn('created_by', 'text', (c) => c.references('people.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('training_sessions_site_idx').on('training_sessions').columns(['site_id', 'id']).execute();

  await db.schema
    .createTable('training_invites')
    .addColumn('session_id', 'text', (c) => c.notNull().references('training_sessions.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('confirmed_at', 'bigint')
    .addPrimaryKeyConstraint('training_invites_pk', ['session_id', 'person_id'])
    .execute();
  await db.schema.createIndex('training_invites_person_idx').on('training_invites').columns(['person_id', 'session_id']).execute();

  await db.schema
    .createTable('training_quiz_questions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull().references('training_sessions.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('prompt', 'text', (c) => c.notNull())
    .addColumn('choices', 'text', (c) => c.notNull())
    .addColumn('correct_index', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('training_quiz_questions_session_idx').on('training_quiz_questions').columns(['session_id', 'position']).execute();

  await db.schema
    .createTable('training_quiz_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull().references('training_sessions.id'))
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('correct', 'integer', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('passed', 'integer', (c) => c.notNull())
    .addColumn('submitted_at', 'bigint', (c) => c.notNull())
    // A quiz is answered once: the second submission, even racing the first, is refused.
    .addUniqueConstraint('training_quiz_attempts_once_uq', ['session_id', 'person_id'])
    .execute();
  await db.schema.createIndex('training_quiz_attempts_site_idx').on('training_quiz_attempts').columns(['site_id', 'submitted_at']).execute();

  await db.schema
    .createTable('training_certificates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('expires_on', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.references('people.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('training_certificates_site_person_idx').on('training_certificates').columns(['site_id', 'person_id']).execute();

  await db.schema
    .createTable('training_site_settings')
    .addColumn('site_id', 'text', (c) => c.primaryKey().references('sites.id'))
    .addColumn('pre_job_gate', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'training_site_settings',
    'training_certificates',
    'training_quiz_attempts',
    'training_quiz_questions',
    'training_invites',
    'training_sessions',
    'training_courses',
    'training_fact_sheets',
  ])
    await db.schema.dropTable(t).execute();
  await db.schema.dropIndex('training_records_site_completed_idx').execute();
  await db.schema.alterTable('training_records').dropColumn('session_id').execute();
  await db.schema.alterTable('training_records').dropColumn('site_id').execute();
}
