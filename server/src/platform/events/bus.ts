/**
 * Event bus: every event is first a row of the event log (event-store.ts), written with the change
 * it announces; the bus hands the committed rows to this instance's listeners (the realtime hub,
 * the session cache), once each and in seq order per room (room-feed.ts).
 *
 * - The writing instance delivers its own events at once, after the commit (the fast path).
 * - On PostgreSQL it also tells the other instances through NOTIFY which rooms moved and up to
 *   which seq, and carries the events themselves in the same payload: the others deliver them
 *   from there, with no read of the log in between (one round trip less, and no queue behind the
 *   feed's one-at-a-time reads). An event too large for a payload, or a batch too large to carry,
 *   goes as the notice alone, and the others read it from the log. Events carry only what every
 *   member of their room may read, so any instance may hold them. An instance alone on the
 *   database sends the notices alone: PostgreSQL would queue the events for its own listener
 *   only (it counts the listeners when it starts and at every catch-up, and knows of another
 *   as soon as it hears from one; a new instance says so at its start).
 * - Notices are batched: each NOTIFY takes a lock at commit that every notifying transaction in
 *   the database shares, so notices of concurrent requests go out together, a few milliseconds
 *   apart, many to a notification. One NOTIFY is in flight at a time; what commits meanwhile
 *   goes in the next.
 * - Nothing is lost if a notice is: an instance compares every room's head with what it delivered
 *   when its LISTEN connection comes back, when another instance starts (it may be the writer
 *   that died between a commit and its notice), and every CATCH_UP_INTERVAL_MS.
 *
 * The bus reads the log and sends its NOTIFYs on a small pool of its own, not the requests' pool:
 * under load every request connection is taken and dozens of requests queue for one, and a notice
 * or a read waiting in that queue is what another instance's phones would wait for.
 *
 * The LISTEN connection can drop (PostgreSQL restarted, the network cut): the bus reconnects by
 * itself, once a second, catches up from the log, and tells its `onResume` listeners, so caches
 * fed by events that carry no row of their own can start over.
 */
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { Kysely } from 'kysely';
import type { RealtimeEvent } from '@anchang/contracts';
import type { DB } from '../../db/schema.js';
import { createPostgresDialect, createPostgresPool } from '../../db/dialect/postgres.js';
import type { Logger } from '../logger.js';
import { readHeads, readRanges } from './event-store.js';
import { RoomFeed, type FeedSource } from './room-feed.js';

export type EventListener = (event: RealtimeEvent) => void;
/** Events of `room` were lost to this instance (pruned before it delivered them). */
export type SkipListener = (room: string) => void;

export interface EventBusHealth {
  /** Whether events of other instances reach this one now. */
  isListening: boolean;
  /** Since when they have not (epoch ms); null while listening. */
  downSince: number | null;
}

export interface EventBus {
  /** After a commit: the events just written, numbered. */
  publish(events: RealtimeEvent[]): Promise<void>;
  subscribe(listener: EventListener): () => void;
  onSkip(listener: SkipListener): () => void;
  /**
   * Called when events from other instances flow again after a gap: whatever was announced
   * during the gap never arrived here. A listener may not throw.
   */
  onResume(listener: () => void): () => void;
  health(): EventBusHealth;
  close(): Promise<void>;
}

const CHANNEL = 'anchang_events';
/** How long notices wait to share a NOTIFY. */
const BATCH_WINDOW_MS = 2;
/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more. */
const MAX_PAYLOAD_BYTES = 7000;
/**
 * The longest an event may wait on another instance when its notice was lost (its writer died
 * between the commit and the NOTIFY, and no later event of the room came to fill the gap).
 */
const CATCH_UP_INTERVAL_MS = 30_000;

/** A room moved: its events up to `upTo` are committed. */
export type Notice = [room: string, upTo: number];

/**
 * Past this many bytes of events in one NOTIFY, the rest of the batch goes as notices alone: the
 * other instances read it from the log in a few large reads, and a backlog does not grow into
 * payloads the database's notification queue and every listener must hold.
 */
const MAX_CARRIED_BYTES = 256 * 1024;

/**
 * Packs a batch of committed events into as few NOTIFY payloads as fit under the size limit:
 * every room's notice, with the room's events beside it where they fit (and `carry` is set). A
 * room's events travel whole in one payload or not at all, so a receiver never holds half of a
 * room's batch.
 */
export function packEvents(origin: string, events: readonly RealtimeEvent[], carry = true): string[] {
  const byRoom = new Map<string, RealtimeEvent[]>();
  for (const e of events) {
    const list = byRoom.get(e.room);
    if (list) list.push(e);
    else byRoom.set(e.room, [e]);
  }
  const open = `{"origin":${JSON.stringify(origin)},"rooms":[`;
  const envelope = Buffer.byteLength(`${open}],"events":[]}`);
  const payloads: string[] = [];
  let notices: string[] = [];
  let carried: string[] = [];
  let size = envelope;
  let carriedBytes = carry ? 0 : Infinity;
  const close = () => {
    if (notices.length) payloads.push(`${open}${notices.join(',')}],"events":[${carried.join(',')}]}`);
    notices = [];
    carried = [];
    size = envelope;
  };
  for (const [room, list] of byRoom) {
    const notice = JSON.stringify([room, list.reduce((upTo, e) => Math.max(upTo, e.seq), 0)] satisfies Notice);
    const noticeBytes = Buffer.byteLength(notice) + 1;
    let roomEvents: string[] = [];
    let eventBytes = 0;
    if (carriedBytes <= MAX_CARRIED_BYTES) {
      roomEvents = list.map((e) => JSON.stringify(e));
      eventBytes = roomEvents.reduce((n, json) => n + Buffer.byteLength(json) + 1, 0);
      // Too large for any payload: the notice alone, and the others read the events from the log.
      if (envelope + noticeBytes + eventBytes > MAX_PAYLOAD_BYTES) [roomEvents, eventBytes] = [[], 0];
      carriedBytes += eventBytes;
    }
    if (size + noticeBytes + eventBytes > MAX_PAYLOAD_BYTES) close();
    notices.push(notice);
    carried.push(...roomEvents);
    size += noticeBytes + eventBytes;
  }
  close();
  return payloads;
}

type Notification = { origin: string; rooms: Notice[]; events: RealtimeEvent[] } | { origin: string; catchUp: true };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isSeq = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) > 0;
const isNotice = (n: unknown): n is Notice => Array.isArray(n) && n.length === 2 && typeof n[0] === 'string' && isSeq(n[1]);
/** The shape of a row of the log (event-store.ts), which the payload carries as written. */
const isEvent = (e: unknown): e is RealtimeEvent =>
  isRecord(e) &&
  typeof e.type === 'string' &&
  typeof e.room === 'string' &&
  (e.siteId === null || typeof e.siteId === 'string') &&
  isRecord(e.payload) &&
  Number.isFinite(e.at) &&
  isSeq(e.seq);

/**
 * A NOTIFY payload, checked like any input from outside the process; null when malformed. A
 * payload without `events` (an instance of an earlier version) is notices alone.
 */
export function parseNotification(payload: string): Notification | null {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return null;
  }
  if (!isRecord(value)) return null;
  const { origin, rooms, events = [], catchUp } = value;
  if (typeof origin !== 'string') return null;
  if (catchUp === true) return { origin, catchUp };
  if (!Array.isArray(rooms) || !Array.isArray(events)) return null;
  if (!rooms.every(isNotice) || !events.every(isEvent)) return null;
  // A carried event is covered by its room's notice; one that is not would be delivered unannounced.
  const announced = new Map(rooms);
  if (!events.every((e) => e.seq <= (announced.get(e.room) ?? 0))) return null;
  return { origin, rooms, events };
}

class ListenerSet {
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  constructor(private readonly log: Logger) {}

  subscribe(listener: EventListener): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
  onSkip(listener: SkipListener): () => void {
    this.emitter.on('skip', listener);
    return () => this.emitter.off('skip', listener);
  }
  deliver(event: RealtimeEvent): void {
    for (const l of this.emitter.listeners('event') as EventListener[]) {
      try {
        l(event);
      } catch (err) {
        this.log.error({ err, type: event.type }, 'event listener failed');
      }
    }
  }
  skipped(room: string): void {
    for (const l of this.emitter.listeners('skip') as SkipListener[]) {
      try {
        l(room);
      } catch (err) {
        this.log.error({ err, room }, 'event skip listener failed');
      }
    }
  }
}

const logSource = (db: Kysely<DB>): FeedSource => ({
  readHeads: () => readHeads(db),
  readRanges: (ranges, limit) => readRanges(db, ranges, limit),
});

/** One process on its own database (SQLite): every event is committed here. */
export class LocalEventBus implements EventBus {
  private readonly listeners: ListenerSet;
  private readonly feed: RoomFeed;

  private constructor(db: Kysely<DB>, log: Logger) {
    this.listeners = new ListenerSet(log);
    this.feed = new RoomFeed(logSource(db), this.listeners, log);
  }

  static async start(db: Kysely<DB>, log: Logger): Promise<LocalEventBus> {
    const bus = new LocalEventBus(db, log);
    await bus.feed.start();
    return bus;
  }

  publish(events: RealtimeEvent[]): Promise<void> {
    this.feed.offer(events);
    return Promise.resolve();
  }
  subscribe(listener: EventListener): () => void {
    return this.listeners.subscribe(listener);
  }
  onSkip(listener: SkipListener): () => void {
    return this.listeners.onSkip(listener);
  }
  /** One process sees every event it publishes: there is never a gap. */
  onResume(): () => void {
    return () => undefined;
  }
  health(): EventBusHealth {
    return { isListening: true, downSince: null };
  }
  close(): Promise<void> {
    return this.feed.close();
  }
}

/** The LISTEN connection's application_name, by which an instance counts the others. */
const LISTENER_NAME = 'anchang-listener';
/** How long the LISTEN connection waits before trying again after it dropped. */
const RECONNECT_DELAY_MS = 1000;
/**
 * The bus's own connections: one for the feed's reads (it reads one batch at a time) and one
 * for NOTIFYs, so neither waits for the other.
 */
const BUS_POOL_SIZE = 2;
/** A read or NOTIFY waits at most this long for a bus connection; the feed retries a failed read. */
const BUS_WAIT_MS = 5000;
/** A log read is a range scan of an index; one that runs longer is stuck, and is retried. */
const BUS_STATEMENT_TIMEOUT_MS = 10_000;

export class PostgresEventBus implements EventBus {
  private readonly listeners: ListenerSet;
  private readonly feed: RoomFeed;
  private client: pg.Client | null = null;
  private closed = false;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private catchUpTimer: NodeJS.Timeout | null = null;
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly origin = randomUUID();
  /** How this instance's payloads start: its own notices come back to it, and are skipped unparsed. */
  private readonly ownPrefix = `{"origin":${JSON.stringify(this.origin)},`;
  /** Whether another instance listens: only then do the notices carry the events. */
  private othersListening = false;
  private readonly resumeListeners = new Set<() => void>();
  private downSince: number | null = null;

  private constructor(
    private readonly databaseUrl: string,
    /** The bus's own connections (see the top of this file). */
    private readonly pool: pg.Pool,
    private readonly db: Kysely<DB>,
    private readonly log: Logger,
  ) {
    this.listeners = new ListenerSet(log);
    this.feed = new RoomFeed(logSource(db), this.listeners, log);
  }

  static async start(databaseUrl: string, log: Logger, opts: { preparedStatements?: boolean } = {}): Promise<PostgresEventBus> {
    const pool = createPostgresPool(databaseUrl, {
      preparedStatements: opts.preparedStatements,
      max: BUS_POOL_SIZE,
      waitMs: BUS_WAIT_MS,
      statementTimeoutMs: BUS_STATEMENT_TIMEOUT_MS,
      applicationName: 'anchang-events',
    });
    const bus = new PostgresEventBus(databaseUrl, pool, new Kysely<DB>({ dialect: createPostgresDialect(pool) }), log);
    try {
      // Listening before reading the heads: a notice in between is read, not missed.
      await bus.connect();
      await bus.feed.start();
    } catch (err) {
      await bus.close().catch(() => undefined);
      throw err;
    }
    // This instance may replace one that died between a commit and its notice: let the others
    // look for what they have not delivered.
    await bus.notify([JSON.stringify({ origin: bus.origin, catchUp: true })]);
    await bus.countListeners();
    bus.catchUpTimer = setInterval(() => {
      bus.catchUp();
      void bus.countListeners();
    }, CATCH_UP_INTERVAL_MS).unref();
    return bus;
  }

  private catchUp(): void {
    this.feed.catchUp().catch((err: unknown) => this.log.error({ err }, 'event catch-up failed'));
  }

  /** Whether another instance's LISTEN connection is on this database (one that left stops counting here). */
  private async countListeners(): Promise<void> {
    try {
      const { rows } = await this.pool.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1',
        [LISTENER_NAME],
      );
      this.othersListening = (rows[0]?.n ?? 0) > 1;
    } catch (err) {
      // Notices then carry the events: correct either way, only heavier.
      this.othersListening = true;
      this.log.warn({ err }, 'counting the event listeners failed');
    }
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.databaseUrl,
      application_name: LISTENER_NAME,
      keepAlive: true,
      connectionTimeoutMillis: 5000,
    });
    client.on('notification', (msg) => {
      if (msg.channel !== CHANNEL || !msg.payload || msg.payload.startsWith(this.ownPrefix)) return;
      const notification = parseNotification(msg.payload);
      if (!notification) {
        this.log.error({ payload: msg.payload.slice(0, 200) }, 'bad event notification');
        return;
      }
      if (notification.origin === this.origin) return; // delivered on the fast path
      this.othersListening = true;
      if ('catchUp' in notification) this.catchUp();
      else {
        // The carried events first: a room whose events all came needs no read of the log.
        this.feed.offer(notification.events);
        for (const [room, upTo] of notification.rooms) this.feed.announce(room, upTo);
      }
    });
    // An error or a plain end (the server closed the session) both mean: no more events.
    let lostWhileConnecting = false;
    const lost = (err?: Error) => {
      // Closing ends the connection on purpose: nothing was lost.
      if (this.closed) return;
      if (client !== this.client) {
        lostWhileConnecting = true;
        return;
      }
      this.log.warn({ err }, 'event listener connection lost; reconnecting');
      this.scheduleReconnect();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      if (lostWhileConnecting) throw new Error('event listener connection lost while it was being set up');
    } catch (err) {
      await client.end().catch(() => undefined);
      throw err;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    if (this.downSince !== null) {
      this.log.info({ downMs: Date.now() - this.downSince }, 'event listener back');
      this.downSince = null;
      for (const listener of this.resumeListeners) {
        try {
          listener();
        } catch (err) {
          this.log.error({ err }, 'event resume listener failed');
        }
      }
    }
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer) return;
    this.downSince ??= Date.now();
    const old = this.client;
    this.client = null;
    old?.end().catch(() => undefined);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.connect()
        // Notices sent while the connection was down are gone: compare heads instead.
        .then(() => this.catchUp())
        .catch((err: unknown) => {
          this.log.debug({ err }, 'event listener reconnect failed');
          this.scheduleReconnect();
        });
    }, RECONNECT_DELAY_MS);
  }

  onResume(listener: () => void): () => void {
    this.resumeListeners.add(listener);
    return () => this.resumeListeners.delete(listener);
  }

  health(): EventBusHealth {
    return { isListening: this.client !== null, downSince: this.downSince };
  }

  /** This instance's committed events waiting for the next NOTIFY. */
  private outgoing: RealtimeEvent[] = [];
  private flushTimer: NodeJS.Timeout | null = null;
  /** The NOTIFY in flight, if any: the next batch waits for it, so notices leave in commit order. */
  private flushing: Promise<void> | null = null;

  publish(events: RealtimeEvent[]): Promise<void> {
    if (events.length === 0) return Promise.resolve();
    this.feed.offer(events);
    this.outgoing.push(...events);
    this.scheduleFlush();
    return Promise.resolve();
  }

  private scheduleFlush(): void {
    if (this.closed || this.flushTimer || this.flushing || this.outgoing.length === 0) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      this.flushing = this.flush().finally(() => {
        this.flushing = null;
        this.scheduleFlush();
      });
    }, BATCH_WINDOW_MS);
  }

  private async flush(): Promise<void> {
    const events = this.outgoing;
    this.outgoing = [];
    if (events.length === 0) return;
    await this.notify(packEvents(this.origin, events, this.othersListening));
  }

  private async notify(payloads: string[]): Promise<void> {
    const sent = this.pool.query(`SELECT pg_notify($1, p) FROM unnest($2::text[]) AS p`, [CHANNEL, payloads]);
    this.inFlight.add(sent);
    try {
      await sent;
    } catch (err) {
      // The other instances find these events at their next catch-up.
      this.log.error({ err, payloads: payloads.length }, 'event notify failed');
    } finally {
      this.inFlight.delete(sent);
    }
  }

  subscribe(listener: EventListener): () => void {
    return this.listeners.subscribe(listener);
  }
  onSkip(listener: SkipListener): () => void {
    return this.listeners.onSkip(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.catchUpTimer) clearInterval(this.catchUpTimer);
    // Let notices of already-committed writes go out before the pool closes.
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    await this.flushing;
    await this.flush();
    await Promise.allSettled([...this.inFlight]);
    await this.feed.close();
    await this.client?.end().catch(() => undefined);
    await this.db.destroy();
  }
}
