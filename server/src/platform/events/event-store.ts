/**
 * The event log: every realtime event is a row of `events`, numbered per room by the counter in
 * `event_rooms`, written in the transaction of the change it announces.
 *
 * Why the numbers have no gaps and follow commit order, on both databases: a writer adds to its
 * rooms' counters in its own transaction (insert-if-missing, `seq = seq + n`, returning the new
 * value). The counter row stays locked until that transaction ends, so a second writer of the
 * same room waits, then numbers after the first one's commit; a rollback takes its numbers back
 * with it. Hence: once seq `s` of a room is committed, every seq below `s` is committed too, and
 * a reader that knows of `s` can read them all.
 *
 * The counters are bumped as the last write of a transaction, so the lock is held only for the
 * commit, and rooms are taken in sorted order, so two writers never wait on each other in a
 * cycle.
 */
import { sql, type Compilable, type Kysely, type OperationNodeSource, type RawBuilder, type Transaction } from 'kysely';
import type { EventType, RealtimeEvent } from '@anchang/contracts';
import type { DB } from '../../db/schema.js';
import { compileByShape, insertRowsQuery } from '../../db/compiled-shapes.js';

/** An event recorded by a use case, numbered when it is written. */
export type UnnumberedEvent = Omit<RealtimeEvent, 'seq'>;

export interface RoomHead {
  room: string;
  seq: number;
  /** With a counted event: the count plus its `add`, as the statement read it. */
  counted?: number | string;
}

/** A select of one row whose column `n` is a count. */
export type CountQuery = Compilable<{ n: unknown }> & OperationNodeSource;

/**
 * An event recorded only when a count that the write reads itself, plus `add`, reaches `atLeast`
 * (the car park full once this car is in). The sum goes into the payload's `into` field. The count
 * sees the tables as they were before the write's deferred rows and writes, and the event is
 * numbered after the write's other events of its room. On PostgreSQL the count is part of the
 * write's one statement: no round trip of its own, and nothing can change between count and write.
 */
export interface CountedEvent {
  event: UnnumberedEvent;
  count: CountQuery;
  add: number;
  atLeast: number;
  into: string;
}

/** The counted event with its count filled in, or null when the count falls short. */
function filledIn(counted: CountedEvent, n: number): UnnumberedEvent | null {
  if (n < counted.atLeast) return null;
  return { ...counted.event, payload: { ...counted.event.payload, [counted.into]: n } };
}

/** How many events of each room, rooms in sorted order (the order the counters are locked in). */
function countByRoom(events: readonly UnnumberedEvent[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const e of events) counts.set(e.room, (counts.get(e.room) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Numbers events from their rooms' new heads: a room's events of this write take the numbers
 * just below (and up to) its head, in the order they were recorded.
 */
function numberFromHeads(events: readonly UnnumberedEvent[], heads: readonly RoomHead[]): RealtimeEvent[] {
  const next = new Map<string, number>();
  const counts = new Map(countByRoom(events));
  for (const h of heads) next.set(h.room, Number(h.seq) - (counts.get(h.room) ?? 0) + 1);
  return events.map((e) => {
    const seq = next.get(e.room);
    if (seq === undefined) throw new Error(`no sequence returned for room ${e.room}`);
    next.set(e.room, seq + 1);
    return { ...e, seq };
  });
}

/** Per event: how many events of the same room this write records after it. */
function countAfter(events: readonly UnnumberedEvent[]): number[] {
  const seen = new Map<string, number>();
  const after: number[] = new Array<number>(events.length);
  for (let i = events.length - 1; i >= 0; i--) {
    const room = events[i]!.room;
    const n = seen.get(room) ?? 0;
    after[i] = n;
    seen.set(room, n + 1);
  }
  return after;
}

/** The arrays of `events` for `unnest`, one per column of `events`, `after` in its place. */
function eventColumns(events: readonly UnnumberedEvent[]) {
  return sql`unnest(${events.map((e) => e.room)}::text[], ${countAfter(events)}::bigint[], ${events.map((e) => e.siteId)}::text[],
                  ${events.map((e) => e.type)}::text[], ${events.map((e) => JSON.stringify(e.payload))}::text[],
                  ${events.map((e) => e.at)}::bigint[]) AS e(room, after, site_id, type, payload, at)`;
}

/**
 * PostgreSQL: the CTEs that number `events` and store them, for a statement that carries the
 * use case's other rows too (one round trip for the whole write). Arrays as parameters keep the
 * SQL text the same for any batch.
 */
function eventCtes(events: readonly UnnumberedEvent[]): RawBuilder<unknown>[] {
  const counts = countByRoom(events);
  return [
    sql`event_seqs AS (
      INSERT INTO event_rooms (room, seq)
      SELECT * FROM unnest(${counts.map(([room]) => room)}::text[], ${counts.map(([, n]) => n)}::bigint[])
      ON CONFLICT (room) DO UPDATE SET seq = event_rooms.seq + excluded.seq
      RETURNING room, seq)`,
    sql`event_rows AS (
      INSERT INTO events (room, seq, site_id, type, payload, at)
      SELECT e.room, s.seq - e.after, e.site_id, e.type, e.payload, e.at
      FROM ${eventColumns(events)}
      JOIN event_seqs s ON s.room = e.room)`,
  ];
}

/**
 * As eventCtes, with a counted event: `counted` reads the count, and the event's room counts one
 * more, and its row is written (last of its room, at the room's new head), only when it is reached.
 */
function countedEventCtes(events: readonly UnnumberedEvent[], counted: CountedEvent): RawBuilder<unknown>[] {
  const room = counted.event.room;
  const counts = countByRoom(events);
  // In sorted order, as countByRoom gives them: the order the counters are locked in.
  if (!counts.some(([r]) => r === room)) counts.push([room, 0]);
  counts.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  // `reached` is 1 when the count reaches its threshold, else 0.
  const reached = sql`CASE WHEN c.n >= ${counted.atLeast}::bigint THEN 1 ELSE 0 END`;
  const e = counted.event;
  return [
    sql`counted AS (SELECT (${counted.count}) + ${counted.add}::bigint AS n)`,
    sql`event_seqs AS (
      INSERT INTO event_rooms (room, seq)
      SELECT r.room, r.n + CASE WHEN r.room = ${room} THEN ${reached} ELSE 0 END
      FROM unnest(${counts.map(([r]) => r)}::text[], ${counts.map(([, n]) => n)}::bigint[]) AS r(room, n) CROSS JOIN counted c
      ON CONFLICT (room) DO UPDATE SET seq = event_rooms.seq + excluded.seq
      RETURNING room, seq)`,
    sql`event_rows AS (
      INSERT INTO events (room, seq, site_id, type, payload, at)
      SELECT e.room, s.seq - e.after - CASE WHEN e.room = ${room} THEN ${reached} ELSE 0 END, e.site_id, e.type, e.payload, e.at
      FROM ${eventColumns(events)}
      JOIN event_seqs s ON s.room = e.room CROSS JOIN counted c
      UNION ALL
      SELECT s.room, s.seq, ${e.siteId}::text, ${e.type}::text,
             jsonb_set(${JSON.stringify(e.payload)}::jsonb, ${[counted.into]}::text[], to_jsonb(c.n))::text, ${e.at}::bigint
      FROM event_seqs s CROSS JOIN counted c
      WHERE s.room = ${room} AND c.n >= ${counted.atLeast}::bigint)`,
  ];
}

/** PostgreSQL: one statement that writes a use case's rows and events, and how to read its answer. */
export interface OneStatementWrite {
  query: RawBuilder<RoomHead>;
  /** The events numbered, from the statement's rows. */
  numbered(rows: readonly RoomHead[]): RealtimeEvent[];
}

/**
 * `WITH <ctes>, <event CTEs> SELECT …`: atomic on its own, so outside a transaction it needs no
 * BEGIN and COMMIT. Null when there is nothing to write.
 */
export function oneStatementWrite(
  ctes: RawBuilder<unknown>[],
  events: readonly UnnumberedEvent[],
  counted: CountedEvent | null = null,
): OneStatementWrite | null {
  if (counted) {
    return {
      query: sql<RoomHead>`WITH ${sql.join([...ctes, ...countedEventCtes(events, counted)])}
        SELECT room, seq, (SELECT n FROM counted) AS counted FROM event_seqs`,
      numbered: (rows) => {
        const extra = filledIn(counted, Number(rows[0]?.counted ?? 0));
        return numberFromHeads(extra ? [...events, extra] : events, rows);
      },
    };
  }
  if (events.length === 0) {
    if (ctes.length === 0) return null;
    return { query: sql<RoomHead>`WITH ${sql.join(ctes)} SELECT NULL AS room, 0 AS seq WHERE false`, numbered: () => [] };
  }
  return {
    query: sql<RoomHead>`WITH ${sql.join([...ctes, ...eventCtes(events)])} SELECT room, seq FROM event_seqs`,
    numbered: (rows) => numberFromHeads(events, rows),
  };
}

/** PostgreSQL: runs the one statement and returns the events numbered. */
export async function writeInOneStatement(
  db: Kysely<DB>,
  ctes: RawBuilder<unknown>[],
  events: readonly UnnumberedEvent[],
  counted: CountedEvent | null = null,
): Promise<RealtimeEvent[]> {
  const write = oneStatementWrite(ctes, events, counted);
  if (!write) return [];
  const { rows } = await write.query.execute(db);
  return write.numbered(rows);
}

/**
 * SQLite, inside the use case's transaction, before its deferred rows and writes: reads the count
 * of a counted event and returns the events to write, the counted one last when its count is reached.
 */
export async function withCountedEvent(trx: Transaction<DB>, events: UnnumberedEvent[], counted: CountedEvent | null): Promise<UnnumberedEvent[]> {
  if (!counted) return events;
  const { rows } = await trx.executeQuery(counted.count);
  const extra = filledIn(counted, Number(rows[0]?.n ?? 0) + counted.add);
  return extra ? [...events, extra] : events;
}

/** SQLite, inside the use case's transaction: bump the counters, then store the events. */
export async function writeEvents(trx: Transaction<DB>, events: readonly UnnumberedEvent[]): Promise<RealtimeEvent[]> {
  if (events.length === 0) return [];
  const counters = countByRoom(events).map(([room, n]) => ({ room, seq: n }));
  const bump = compileByShape(
    trx,
    `event_rooms bump\0${counters.length}`,
    counters.flatMap((c) => [c.room, c.seq]),
    () =>
      trx
        .insertInto('event_rooms')
        .values(counters)
        .onConflict((oc) => oc.column('room').doUpdateSet((eb) => ({ seq: eb('event_rooms.seq', '+', eb.ref('excluded.seq')) })))
        .returning(['room', 'seq'])
        .compile(),
  );
  const { rows: heads } = await trx.executeQuery<RoomHead>(bump);
  const numbered = numberFromHeads(events, heads);
  const rows = numbered.map((e) => ({ room: e.room, seq: e.seq, site_id: e.siteId, type: e.type, payload: JSON.stringify(e.payload), at: e.at }));
  await trx.executeQuery(insertRowsQuery(trx, 'events', rows));
  return numbered;
}

interface EventRow {
  room: string;
  seq: number;
  site_id: string | null;
  type: string;
  payload: string;
  at: number;
}

const EVENT_COLUMNS = ['room', 'seq', 'site_id', 'type', 'payload', 'at'] as const;

function toEvent(row: EventRow): RealtimeEvent {
  // Written by writeEvents from a typed event: the row is trusted as the contract's shape.
  return {
    type: row.type as EventType,
    room: row.room,
    siteId: row.site_id,
    payload: JSON.parse(row.payload) as RealtimeEvent['payload'],
    at: Number(row.at),
    seq: Number(row.seq),
  };
}

/** The room's last seq (0 for a room that never had an event). */
export async function readHead(db: Kysely<DB>, room: string): Promise<number> {
  const row = await db.selectFrom('event_rooms').select('seq').where('room', '=', room).executeTakeFirst();
  return row ? Number(row.seq) : 0;
}

/** Every room's last seq. */
export async function readHeads(db: Kysely<DB>): Promise<Map<string, number>> {
  const rows = await db.selectFrom('event_rooms').select(['room', 'seq']).execute();
  return new Map(rows.map((r) => [r.room, Number(r.seq)]));
}

/** The room's events after `since`, in order, at most `limit`. */
export async function readAfter(db: Kysely<DB>, room: string, since: number, limit: number): Promise<RealtimeEvent[]> {
  const rows = await db
    .selectFrom('events')
    .select(EVENT_COLUMNS)
    .where('room', '=', room)
    .where('seq', '>', since)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map(toEvent);
}

export interface SeqRange {
  room: string;
  /** Exclusive. */
  after: number;
  /** Inclusive. */
  upTo: number;
}

/** The events of several rooms' ranges, ordered by room then seq, at most `limit`. */
export async function readRanges(db: Kysely<DB>, ranges: readonly SeqRange[], limit: number): Promise<RealtimeEvent[]> {
  if (ranges.length === 0) return [];
  const rows = await db
    .selectFrom('events')
    .select(EVENT_COLUMNS)
    .where((eb) => eb.or(ranges.map((r) => eb.and([eb('room', '=', r.room), eb('seq', '>', r.after), eb('seq', '<=', r.upTo)]))))
    .orderBy('room')
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map(toEvent);
}

/** Deletes events recorded before `at`; the rooms' counters stay, so numbering goes on. */
export async function deleteEventsBefore(db: Kysely<DB>, at: number): Promise<number> {
  const res = await db.deleteFrom('events').where('at', '<', at).executeTakeFirst();
  return Number(res.numDeletedRows);
}
