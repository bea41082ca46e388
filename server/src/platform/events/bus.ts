/**
 * Event bus: services record events inside a transaction; they are published only after it
 * commits. Listeners on the writing instance get them at once. On PostgreSQL they also travel
 * through NOTIFY to the other instances, batched: each NOTIFY takes a lock at commit that every
 * notifying transaction in the database shares, so events of concurrent requests go out
 * together, a few milliseconds apart, many to a notification. Each instance ignores its own
 * echo on LISTEN, so a client connected to any instance gets every event exactly once.
 *
 * The LISTEN connection can drop (PostgreSQL restarted, the network cut): the bus reconnects by
 * itself, once a second, and then tells its `onResume` listeners that events of other
 * instances may have been missed meanwhile, so caches fed by events can start over.
 */
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { RealtimeEvent } from '@anchang/contracts';
import type { Logger } from '../logger.js';

export type EventListener = (event: RealtimeEvent) => void;

export interface EventBusHealth {
  /** Whether events of other instances reach this one now. */
  isListening: boolean;
  /** Since when they have not (epoch ms); null while listening. */
  downSince: number | null;
}

export interface EventBus {
  /** After a commit: to this instance's listeners now, and to the other instances. */
  publish(events: RealtimeEvent[]): Promise<void>;
  subscribe(listener: EventListener): () => void;
  /**
   * Called when events from other instances flow again after a gap: whatever was announced
   * during the gap never arrived here. A listener may not throw.
   */
  onResume(listener: () => void): () => void;
  health(): EventBusHealth;
  close(): Promise<void>;
}

const CHANNEL = 'anchang_events';
/** How long events wait to share a NOTIFY. */
const BATCH_WINDOW_MS = 2;
/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more. */
const MAX_PAYLOAD_BYTES = 7000;

/** Packs events into as few NOTIFY payloads as fit under the size limit. */
export function packPayloads(origin: string, events: RealtimeEvent[]): string[] {
  const payloads: string[] = [];
  let batch: string[] = [];
  let size = 0;
  const close = () => {
    if (batch.length) payloads.push(`{"origin":${JSON.stringify(origin)},"events":[${batch.join(',')}]}`);
    batch = [];
    size = 0;
  };
  for (const e of events) {
    const json = JSON.stringify(e);
    const bytes = Buffer.byteLength(json) + 1;
    if (size + bytes + 100 > MAX_PAYLOAD_BYTES) close();
    batch.push(json);
    size += bytes;
  }
  close();
  return payloads;
}

class ListenerSet {
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  subscribe(listener: EventListener): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
  deliver(event: RealtimeEvent, log: Logger): void {
    for (const l of this.emitter.listeners('event') as EventListener[]) {
      try {
        l(event);
      } catch (err) {
        log.error({ err, type: event.type }, 'event listener failed');
      }
    }
  }
}

export class LocalEventBus implements EventBus {
  private readonly listeners = new ListenerSet();
  constructor(private readonly log: Logger) {}
  publish(events: RealtimeEvent[]): Promise<void> {
    for (const e of events) this.listeners.deliver(e, this.log);
    return Promise.resolve();
  }
  subscribe(listener: EventListener): () => void {
    return this.listeners.subscribe(listener);
  }
  /** One process sees every event it publishes: there is never a gap. */
  onResume(): () => void {
    return () => undefined;
  }
  health(): EventBusHealth {
    return { isListening: true, downSince: null };
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** How long the LISTEN connection waits before trying again after it dropped. */
const RECONNECT_DELAY_MS = 1000;

export class PostgresEventBus implements EventBus {
  private readonly listeners = new ListenerSet();
  private client: pg.Client | null = null;
  private closed = false;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly origin = randomUUID();
  private readonly resumeListeners = new Set<() => void>();
  private downSince: number | null = null;

  private constructor(
    private readonly databaseUrl: string,
    private readonly pool: pg.Pool,
    private readonly log: Logger,
  ) {}

  static async start(databaseUrl: string, pool: pg.Pool, log: Logger): Promise<PostgresEventBus> {
    const bus = new PostgresEventBus(databaseUrl, pool, log);
    await bus.connect();
    return bus;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.databaseUrl,
      application_name: 'anchang-listener',
      keepAlive: true,
      connectionTimeoutMillis: 5000,
    });
    client.on('notification', (msg) => {
      if (msg.channel !== CHANNEL || !msg.payload) return;
      try {
        const { origin, events } = JSON.parse(msg.payload) as { origin: string; events: RealtimeEvent[] };
        if (origin !== this.origin) for (const e of events) this.listeners.deliver(e, this.log);
      } catch (err) {
        this.log.error({ err }, 'bad event payload');
      }
    });
    // An error or a plain end (the server closed the session) both mean: no more events.
    let lostWhileConnecting = false;
    const lost = (err?: Error) => {
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
      this.connect().catch((err: unknown) => {
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

  /** Events of this instance waiting for the next NOTIFY batch. */
  private outgoing: RealtimeEvent[] = [];
  private flushTimer: NodeJS.Timeout | null = null;

  publish(events: RealtimeEvent[]): Promise<void> {
    if (events.length === 0) return Promise.resolve();
    for (const e of events) this.listeners.deliver(e, this.log);
    this.outgoing.push(...events);
    this.flushTimer ??= setTimeout(() => void this.flush(), BATCH_WINDOW_MS);
    return Promise.resolve();
  }

  private async flush(): Promise<void> {
    this.flushTimer = null;
    const events = this.outgoing;
    this.outgoing = [];
    if (events.length === 0) return;
    const sent = this.pool.query(`SELECT pg_notify($1, p) FROM unnest($2::text[]) AS p`, [CHANNEL, packPayloads(this.origin, events)]);
    this.inFlight.add(sent);
    try {
      await sent;
    } catch (err) {
      this.log.error({ err, events: events.length }, 'event notify failed');
    } finally {
      this.inFlight.delete(sent);
    }
  }

  subscribe(listener: EventListener): () => void {
    return this.listeners.subscribe(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    // Let events of already-committed writes go out before the pool closes.
    if (this.flushTimer) clearTimeout(this.flushTimer);
    await this.flush();
    await Promise.allSettled([...this.inFlight]);
    await this.client?.end().catch(() => undefined);
  }
}
