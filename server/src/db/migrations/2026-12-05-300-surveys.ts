/**
 * Satisfaction surveys by QR: the tokens (a visit's farewell QR, a poster's QR), the answers, each
 * answer's ratings per post, and the credits that attribute a rating to the people who served.
 * Frozen in time: never import app code here.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('survey_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    // 192 random bits, url-safe: unguessable, and printable again on a new poster.
    .addColumn('token', 'text', (c) => c.notNull().unique())
    .addColumn('source', 'text', (c) => c.notNull())
    // One token per visit: the farewell screen and the console show the same QR.
    .addColumn('visit_id', 'text', (c) => c.unique())
    .addColumn('scope', 'text')
    .addColumn('zone_id', 'text')
    .addColumn('post_id', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('revoked_at', 'bigint')
    .execute();
  await db.schema.createIndex('survey_tokens_site_idx').on('survey_tokens').columns(['site_id', 'source', 'id']).execute();

  await db.schema
    .createTable('survey_answers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('token_id', 'text', (c) => c.notNull().references('survey_tokens.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    // Unique: one answer per visit, even from two phones at once.
    .addColumn('visit_id', 'text', (c) => c.unique())
    .addColumn('nps', 'integer', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('survey_answers_site_date_idx').on('survey_answers').columns(['site_id', 'date', 'id']).execute();
  // The limits count recent answers per address and per device, across instances.
  await db.schema.createIndex('survey_answers_address_idx').on('survey_answers').columns(['address', 'answered_at']).execute();
  await db.schema.createIndex('survey_answers_device_idx').on('survey_answers').columns(['device_id', 'answered_at']).execute();

  await db.schema
    .createTable('survey_ratings')
    .addColumn('answer_id', 'text', (c) => c.notNull().references('survey_answers.id'))
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('post_id', 'text', (c) => c.notNull())
    .addColumn('post_kind', 'text', (c) => c.notNull())
    .addColumn('rating', 'integer', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('survey_ratings_pk', ['answer_id', 'post_id'])
    .execute();
  await db.schema.createIndex('survey_ratings_site_date_idx').on('survey_ratings').columns(['site_id', 'date', 'post_id']).execute();

  await db.schema
    .createTable('survey_credits')
    .addColumn('answer_id', 'text', (c) => c.notNull().references('survey_answers.id'))
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('post_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('rating', 'integer', (c) => c.notNull())
    .addColumn('answered_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('survey_credits_pk', ['answer_id', 'post_id', 'person_id'])
    .execute();
  await db.schema.createIndex('survey_credits_person_idx').on('survey_credits').columns(['site_id', 'person_id', 'answered_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['survey_credits', 'survey_ratings', 'survey_answers', 'survey_tokens']) await db.schema.dropTable(table).execute();
}
