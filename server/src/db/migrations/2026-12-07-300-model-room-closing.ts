/**
 * The model room's closing routine (GUARD-IN-11): after the shift the concierge confirms the
 * water, the power and the CCTV off, each on its own, with who and when. One row per site, day
 * and switch; the id is the phone's, so a resent confirmation is stored once.
 * Frozen in time: never import app code here.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('model_room_closings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('switch', 'text', (c) => c.notNull())
    .addColumn('by_person', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('model_room_closings_site_date_switch_uq')
    .unique()
    .on('model_room_closings')
    .columns(['site_id', 'date', 'switch'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('model_room_closings').execute();
}
