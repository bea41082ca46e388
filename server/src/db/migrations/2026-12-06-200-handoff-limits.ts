/**
 * Hand-offs nobody takes and visits nobody closed (issue 11, items 3, 7 and 9):
 * - `visit_chain_settings`: per site, how long a hand-off may wait before the post's phones ring
 *   again (and twice that before the supervisor hears), whether the consultant hand-off goes by
 *   rotation (轮流) with its own acceptance limit, the grace after closing time before the day's
 *   open visits are closed, and whose turn the rotation last asked.
 * - `visits.closed_reason`: 'day_end' when the day-end timer closed it (nobody recorded a departure).
 * - `visit_handoffs.rotation`: 1 when the hand-off goes round the consultants; `rung_at` when its
 *   post's phones were rung again.
 * - `shuttle_driver_lists`: the drivers a site authorised (SHUTTLE duty 6); no row: the people
 *   of the SHUTTLE post.
 * Frozen in time: never import app code here.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('visit_chain_settings')
    .addColumn('site_id', 'text', (c) => c.primaryKey())
    .addColumn('ack_limit_s', 'integer', (c) => c.notNull().defaultTo(60))
    .addColumn('consultant_rotation', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('consultant_accept_s', 'integer', (c) => c.notNull().defaultTo(60))
    .addColumn('day_end_grace_min', 'integer', (c) => c.notNull().defaultTo(60))
    .addColumn('rotation_last_person_id', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('visits').addColumn('closed_reason', 'text').execute();
  await db.schema
    .alterTable('visit_handoffs')
    .addColumn('rotation', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('visit_handoffs').addColumn('rung_at', 'bigint').execute();
  await db.schema
    .createTable('shuttle_driver_lists')
    .addColumn('site_id', 'text', (c) => c.primaryKey())
    .addColumn('person_ids', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  // The driver's phone reads the handovers made to them, newest first.
  await db.schema.createIndex('vehicle_events_to_driver_idx').on('vehicle_events').columns(['site_id', 'to_driver', 'at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('vehicle_events_to_driver_idx').execute();
  await db.schema.dropTable('shuttle_driver_lists').execute();
  await db.schema.alterTable('visit_handoffs').dropColumn('rung_at').execute();
  await db.schema.alterTable('visit_handoffs').dropColumn('rotation').execute();
  await db.schema.alterTable('visits').dropColumn('closed_reason').execute();
  await db.schema.dropTable('visit_chain_settings').execute();
}
