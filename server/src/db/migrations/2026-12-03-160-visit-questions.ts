/**
 * Questions the concierge could not answer, handed to sales (GUARD-IN-7): asked on a visit, sent
 * to its consultant (or to every consultant when it has none), answered on the consultant's phone
 * with the time it took. Frozen in time: never import app code here.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('visit_questions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('visit_id', 'text', (c) => c.notNull().references('visits.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('asked_by', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('asked_at', 'bigint', (c) => c.notNull())
    // The visit's consultant when asked; null: every consultant of the site is asked.
    .addColumn('to_person_id', 'text', (c) => c.references('people.id'))
    .addColumn('answer', 'text')
    .addColumn('answered_by', 'text', (c) => c.references('people.id'))
    .addColumn('answered_at', 'bigint')
    // Stored, not derived on read: the figure the sales department is measured by.
    .addColumn('answer_ms', 'bigint')
    .execute();
  await db.schema.createIndex('visit_questions_site_asked_idx').on('visit_questions').columns(['site_id', 'asked_at']).execute();
  await db.schema.createIndex('visit_questions_visit_idx').on('visit_questions').columns(['visit_id', 'asked_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('visit_questions').execute();
}
