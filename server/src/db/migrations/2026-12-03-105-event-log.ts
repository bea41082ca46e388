/**
 * Events become rows, written in the transaction of the change they announce:
 *
 * - `event_rooms`: one row per room (`site:<id>`, `user:<id>`) holding the room's last sequence
 *   number. A writer bumps it in its own transaction, so a room's numbers have no gaps and follow
 *   the order of the commits (the row lock serialises writers of one room).
 * - `events`: what was announced, under (room, seq). A phone that reconnects asks for the rows
 *   after the last seq it saw; instances publish from these rows, so a crash between the commit
 *   and the publish loses nothing. Old rows are pruned by `at`.
 *
 * Frozen in time: never import app code here.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('event_rooms')
    .addColumn('room', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('events')
    .addColumn('room', 'text', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('site_id', 'text')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('events_pk', ['room', 'seq'])
    .execute();
  // For the prune, which deletes by age.
  await db.schema.createIndex('events_at_idx').on('events').column('at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('events').execute();
  await db.schema.dropTable('event_rooms').execute();
}
