/**
 * Use-case transactions. A service opens one transaction at its boundary and passes `tx` down
 * to repositories. Two things ride along:
 *
 * - deferred inserts: rows nobody reads back inside the use case (the audit entry), written
 *   just before the commit in as few statements as possible;
 * - events: rows of the event log, numbered per room and written in the same transaction
 *   (platform/events/event-store.ts), then published once the commit has succeeded (never
 *   after a rollback). Should the process die before publishing, the rows are still there:
 *   phones get them when they reconnect, other instances when they catch up.
 */
import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { EventMap, EventType, RealtimeEvent } from '@anchang/contracts';
import { writeEvents, writeInOneStatement, type UnnumberedEvent } from './events/event-store.js';
import type { DB } from '../db/schema.js';
import type { DialectName } from '../db/create-db.js';
import type { EventBus } from './events/bus.js';
import type { Clock } from './clock.js';
import type { Logger } from './logger.js';

export interface Deps {
  db: Kysely<DB>;
  dialect: DialectName;
  events: EventBus;
  clock: Clock;
  log: Logger;
}

/** What a use case records: rows to insert and events to publish, at one instant. */
export interface WriteBatch {
  /** The instant the use case runs at: one value for every row it writes. */
  now: number;
  dialect: DialectName;
  /** To a site's room, or to one person's room (with the site it concerns, when there is one). */
  emit<T extends EventType>(room: { siteId: string } | { personId: string; siteId?: string }, type: T, payload: EventMap[T]): void;
  /** Inserts `row` at the end, just before the commit. For rows the use case never reads back. */
  deferInsert<T extends keyof DB>(table: T, row: Insertable<DB[T]>): void;
}

/** A use case that also reads and writes as it goes, inside one transaction. */
export interface Tx extends WriteBatch {
  trx: Transaction<DB>;
}

interface Deferred {
  table: keyof DB;
  rows: unknown[];
}

function collect(deps: Deps) {
  const pending: UnnumberedEvent[] = [];
  const deferred: Deferred[] = [];
  const now = deps.clock.now();
  const batch: WriteBatch = {
    now,
    dialect: deps.dialect,
    emit(room, type, payload) {
      const toPerson = 'personId' in room;
      pending.push({ type, room: toPerson ? `user:${room.personId}` : `site:${room.siteId}`, siteId: room.siteId ?? null, payload, at: now });
    },
    deferInsert(table, row) {
      const group = deferred.find((d) => d.table === table);
      if (group) group.rows.push(row);
      else deferred.push({ table, rows: [row] });
    },
  };
  return { batch, pending, deferred };
}

export async function inTransaction<T>(deps: Deps, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const c = collect(deps);
  const { value, events } = await deps.db.transaction().execute(async (trx) => {
    const value = await fn({ ...c.batch, trx });
    // Each statement is a round trip to PostgreSQL, and on a busy server the round trips are
    // what a write costs: the deferred rows of every table and the events go as one statement
    // there. The events come last either way: their rooms' counters stay locked until commit.
    const events =
      deps.dialect === 'postgres' ? await writeAsOneStatement(trx, c.deferred, c.pending) : await writeDeferred(trx, c.deferred, c.pending);
    return { value, events };
  });
  await publishCommitted(deps, events);
  return value;
}

/**
 * A use case that only inserts (its checks done before): everything it records is written at
 * once. On PostgreSQL that is a single statement (the inserts as data-modifying CTEs), atomic
 * without BEGIN and COMMIT: one round trip for the whole write.
 */
export async function inWriteBatch<T>(deps: Deps, fn: (batch: WriteBatch) => T | Promise<T>): Promise<T> {
  const c = collect(deps);
  const value = await fn(c.batch);
  const events =
    deps.dialect === 'postgres'
      ? await writeAsOneStatement(deps.db, c.deferred, c.pending)
      : await deps.db.transaction().execute((trx) => writeDeferred(trx, c.deferred, c.pending));
  await publishCommitted(deps, events);
  return value;
}

function writeAsOneStatement(db: Kysely<DB>, deferred: Deferred[], events: UnnumberedEvent[]): Promise<RealtimeEvent[]> {
  const ctes = deferred.map((d, i) => sql`${sql.raw(`w${i}`)} AS (${db.insertInto(d.table).values(d.rows as never)})`);
  return writeInOneStatement(db, ctes, events);
}

async function writeDeferred(trx: Transaction<DB>, deferred: Deferred[], events: UnnumberedEvent[]): Promise<RealtimeEvent[]> {
  for (const d of deferred) await trx.insertInto(d.table).values(d.rows).execute();
  return writeEvents(trx, events);
}

async function publishCommitted(deps: Deps, events: RealtimeEvent[]): Promise<void> {
  if (events.length === 0) return;
  // The data is committed: a failed publish must not turn the request into an error.
  await deps.events.publish(events).catch((err: unknown) => deps.log.error({ err }, 'event publish failed'));
}
