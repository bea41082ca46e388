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
import { sql, type Compilable, type Insertable, type Kysely, type OperationNodeSource, type RawBuilder, type Transaction } from 'kysely';
import type { EventMap, EventType, RealtimeEvent } from '@anchang/contracts';
import {
  oneStatementWrite,
  withCountedEvent,
  writeEvents,
  writeInOneStatement,
  type CountedEvent,
  type CountQuery,
  type RoomHead,
  type UnnumberedEvent,
} from './events/event-store.js';
import type { DB } from '../db/schema.js';
import type { DialectName } from '../db/create-db.js';
import type { EventBus } from './events/bus.js';
import type { Clock } from './clock.js';
import type { Logger } from './logger.js';
import { sqliteCommitGroup } from './sqlite-commit-group.js';
import { insertRowsQuery } from '../db/compiled-shapes.js';

export interface Deps {
  db: Kysely<DB>;
  dialect: DialectName;
  events: EventBus;
  clock: Clock;
  log: Logger;
}

/** To a site's room, or to one person's room (with the site it concerns, when there is one). */
type EventRoom = { siteId: string } | { personId: string; siteId?: string };

/** The payload's fields that hold a number. */
type NumberFieldOf<P> = { [K in keyof P]: P[K] extends number ? K : never }[keyof P] & string;

/** What a use case records: rows to insert and events to publish, at one instant. */
export interface WriteBatch {
  /** The instant the use case runs at: one value for every row it writes. */
  now: number;
  dialect: DialectName;
  emit<T extends EventType>(room: EventRoom, type: T, payload: EventMap[T]): void;
  /**
   * Emits an event only when `count` plus `add` reaches `atLeast`, with that sum in the payload's
   * `into` field. The write reads the count itself, as the tables were before its deferred rows
   * and writes (on PostgreSQL within its one last statement: no round trip of its own). At most
   * one per write; numbered after the write's other events of its room.
   */
  emitWhenCount<T extends EventType, K extends NumberFieldOf<EventMap[T]>>(
    room: EventRoom,
    type: T,
    when: { count: CountQuery; add: number; atLeast: number; into: K },
    payload: Omit<EventMap[T], K>,
  ): void;
  /** Inserts `row` at the end, just before the commit. For rows the use case never reads back. */
  deferInsert<T extends keyof DB>(table: T, row: Insertable<DB[T]>): void;
}

/** An UPDATE or DELETE built on `tx.trx`, not yet run. */
export type WriteQuery = Compilable & OperationNodeSource & { execute(): Promise<unknown> };

/** A use case that also reads and writes as it goes, inside one transaction. */
export interface Tx extends WriteBatch {
  trx: Transaction<DB>;
  /**
   * Runs an update or delete at the end, with the deferred inserts, instead of now: on
   * PostgreSQL it rides in the transaction's last statement, a round trip saved. For a write the
   * use case does not need the result of, that no later statement of it reads or writes, and
   * whose rows no other deferred write touches: all of them see the data as it was before that
   * last statement, and none sees another's changes.
   */
  deferWrite(query: WriteQuery): void;
}

interface Deferred {
  table: keyof DB;
  rows: unknown[];
}

interface Collected {
  batch: WriteBatch;
  pending: UnnumberedEvent[];
  counted: CountedEvent | null;
  deferred: Deferred[];
  writes: WriteQuery[];
}

function collect(deps: Deps): Collected {
  const now = deps.clock.now();
  const recorded = (room: EventRoom, type: EventType, payload: unknown): UnnumberedEvent => {
    const toPerson = 'personId' in room;
    const event = { type, room: toPerson ? `user:${room.personId}` : `site:${room.siteId}`, siteId: room.siteId ?? null, payload, at: now };
    return event as UnnumberedEvent;
  };
  const batch: WriteBatch = {
    now,
    dialect: deps.dialect,
    emit(room, type, payload) {
      c.pending.push(recorded(room, type, payload));
    },
    emitWhenCount(room, type, when, payload) {
      if (c.counted) throw new Error('a write records at most one counted event');
      c.counted = { event: recorded(room, type, payload), count: when.count, add: when.add, atLeast: when.atLeast, into: when.into };
    },
    deferInsert(table, row) {
      const group = c.deferred.find((d) => d.table === table);
      if (group) group.rows.push(row);
      else c.deferred.push({ table, rows: [row] });
    },
  };
  const c: Collected = { batch, pending: [], counted: null, deferred: [], writes: [] };
  return c;
}

export async function inTransaction<T>(deps: Deps, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const c = collect(deps);
  const deferWrite = (query: WriteQuery) => void c.writes.push(query);
  if (deps.dialect !== 'postgres') {
    // On SQLite transactions take turns on one connection; those waiting share a commit.
    const { value, events } = await sqliteCommitGroup(deps.db).run(async (trx) => {
      const value = await fn({ ...c.batch, trx, deferWrite });
      const toWrite = await withCountedEvent(trx, c.pending, c.counted);
      for (const write of c.writes) await write.execute();
      return { value, events: await writeDeferred(trx, c.deferred, toWrite) };
    });
    await publishCommitted(deps, events);
    return value;
  }
  // Each round trip wakes both processes, and on a busy server that is what a write costs. The
  // deferred writes, the deferred rows of every table and the events go as one last statement,
  // and COMMIT is sent right behind it without waiting for its answer (pg's pipeline mode).
  // The events come last: their rooms' counters stay locked until the commit.
  const last: { answer?: Promise<RealtimeEvent[]> } = {};
  try {
    const value = await deps.db.transaction().execute(async (trx) => {
      const value = await fn({ ...c.batch, trx, deferWrite });
      last.answer = (await sendLastStatement(trx, c)).answer;
      return value;
    });
    await publishCommitted(deps, await (last.answer ?? []));
    return value;
  } catch (err) {
    // Had the last statement failed, the transaction was aborted and COMMIT answered ROLLBACK:
    // the statement's own error (a unique key, say) is the one to report.
    if (last.answer) await last.answer;
    throw err;
  }
}

/**
 * Sends the transaction's last statement and returns before its answer (in a holder: a promise
 * returned from an async function would be waited for), so that the COMMIT
 * Kysely sends next follows it on the wire. Kysely runs a transaction's statements one at a time
 * (each waits for the one before), so the statement is handed to the connection directly: it is
 * on the wire once this returns.
 */
async function sendLastStatement(trx: Transaction<DB>, c: Collected): Promise<{ answer?: Promise<RealtimeEvent[]> }> {
  const write = oneStatementWrite(lastStatementCtes(trx, c), c.pending, c.counted);
  if (!write) return {};
  const compiled = write.query.compile(trx);
  const sent: { answer?: Promise<RealtimeEvent[]> } = {};
  await trx.getExecutor().provideConnection(async (connection) => {
    sent.answer = connection.executeQuery<RoomHead>(compiled).then(({ rows }) => write.numbered(rows));
  });
  // Awaited by inTransaction after the commit; until then a rejection is not unhandled.
  sent.answer?.catch(() => undefined);
  return sent;
}

function lastStatementCtes(db: Kysely<DB>, c: Collected): RawBuilder<unknown>[] {
  return [
    ...c.writes.map((query, i) => sql`${sql.raw(`u${i}`)} AS (${query})`),
    ...c.deferred.map((d, i) => sql`${sql.raw(`w${i}`)} AS (${db.insertInto(d.table).values(d.rows as never)})`),
  ];
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
      ? await writeAsOneStatement(deps.db, c)
      : await sqliteCommitGroup(deps.db).run(async (trx) => writeDeferred(trx, c.deferred, await withCountedEvent(trx, c.pending, c.counted)));
  await publishCommitted(deps, events);
  return value;
}

function writeAsOneStatement(db: Kysely<DB>, c: Collected): Promise<RealtimeEvent[]> {
  return writeInOneStatement(db, lastStatementCtes(db, c), c.pending, c.counted);
}

/** SQLite: the deferred rows, a statement per table (compiled once per shape), then the events. */
async function writeDeferred(trx: Transaction<DB>, deferred: Deferred[], events: UnnumberedEvent[]): Promise<RealtimeEvent[]> {
  for (const d of deferred) await trx.executeQuery(insertRowsQuery(trx, d.table, d.rows as Insertable<DB[typeof d.table]>[]));
  return writeEvents(trx, events);
}

async function publishCommitted(deps: Deps, events: RealtimeEvent[]): Promise<void> {
  if (events.length === 0) return;
  // The data is committed: a failed publish must not turn the request into an error.
  await deps.events.publish(events).catch((err: unknown) => deps.log.error({ err }, 'event publish failed'));
}
