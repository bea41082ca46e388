/**
 * Complaints filed from a survey QR: which token, from which address and device, so the public
 * limits count them in the database (across instances and restarts). The complaint itself lives
 * in the complaints module's table; this row only says the QR page filed it.
 * Frozen in time: never import app code here.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('survey_complaints')
    .addColumn('complaint_id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('token_id', 'text', (c) => c.notNull().references('survey_tokens.id'))
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('filed_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('survey_complaints_address_idx').on('survey_complaints').columns(['address', 'filed_at']).execute();
  await db.schema.createIndex('survey_complaints_device_idx').on('survey_complaints').columns(['device_id', 'filed_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('survey_complaints').execute();
}
