/**
 * Shuttle trips and vehicle events, model-room notes. Frozen in time: never import app code here.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('shuttle_trips')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('vehicle', 'text', (c) => c.notNull())
    .addColumn('driver_id', 'text', (c) => c.notNull())
    .addColumn('destination', 'text', (c) => c.notNull())
    .addColumn('visit_ids', 'text', (c) => c.notNull())
    .addColumn('guests', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('departed_at', 'bigint', (c) => c.notNull())
    .addColumn('arrived_at', 'bigint')
    .addColumn('items_left', 'integer')
    .addColumn('items_note', 'text')
    .execute();
  await db.schema.createIndex('shuttle_trips_site_idx').on('shuttle_trips').columns(['site_id', 'id']).execute();

  await db.schema
    .createTable('vehicle_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('vehicle', 'text', (c) => c.notNull())
    .addColumn('by_person', 'text', (c) => c.notNull())
    .addColumn('to_driver', 'text')
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('vehicle_events_site_idx').on('vehicle_events').columns(['site_id', 'id']).execute();

  await db.schema
    .createTable('model_room_notes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('visit_id', 'text', (c) => c.notNull().references('visits.id'))
    .addColumn('shoe_covers', 'integer')
    .addColumn('interests', 'text')
    .addColumn('by_person', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('model_room_notes_visit_idx').on('model_room_notes').column('visit_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['model_room_notes', 'vehicle_events', 'shuttle_trips']) await db.schema.dropTable(t).execute();
}
