/**
 * The two customer feedback forms (样板房客户反馈表, 车场岗客户信息反馈表) in one table: they share
 * who filed them, when, on which shift and visit; each kind's answers are JSON read by a schema.
 * Frozen in time: never import app code here.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('customer_feedback_forms')
    // Chosen by the phone, so a resent form is stored once.
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    // 'model_room' or 'parking'.
    .addColumn('kind', 'text', (c) => c.notNull())
    // The site-local day the form belongs to (the shift's day when filed against a shift).
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('shift_id', 'text', (c) => c.references('shifts.id'))
    .addColumn('post_id', 'text', (c) => c.references('posts.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('visit_id', 'text', (c) => c.references('visits.id'))
    // The model-room form's 购买意向; null on the parking form. Kept as a column for the figures.
    .addColumn('intention', 'text')
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('customer_feedback_forms_site_date_idx').on('customer_feedback_forms').columns(['site_id', 'date']).execute();
  await db.schema.createIndex('customer_feedback_forms_site_created_idx').on('customer_feedback_forms').columns(['site_id', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('customer_feedback_forms').execute();
}
