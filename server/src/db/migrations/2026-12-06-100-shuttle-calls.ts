/**
 * The show-area concierge in the visitor chain: calls for the shuttle (GUARD-IN-8), with the time a
 * driver took them, the trip that answered and, when no driver took one within the site's limit,
 * when the concierge apologised (GUARD-IN-9). Frozen in time: never import app code here.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('shuttle_calls')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('pickup', 'text', (c) => c.notNull())
    .addColumn('visit_ids', 'text', (c) => c.notNull())
    .addColumn('guests', 'integer', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('called_by', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('called_at', 'bigint', (c) => c.notNull())
    // Stored with the call: a later change of the site's limit does not move a call already made.
    .addColumn('due_at', 'bigint', (c) => c.notNull())
    .addColumn('taken_by', 'text', (c) => c.references('people.id'))
    .addColumn('taken_at', 'bigint')
    .addColumn('trip_id', 'text')
    .addColumn('trip_started_at', 'bigint')
    .addColumn('apology_at', 'bigint')
    .execute();
  await db.schema.createIndex('shuttle_calls_site_called_idx').on('shuttle_calls').columns(['site_id', 'called_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('shuttle_calls').execute();
}
