/**
 * Event bus: services record events inside a transaction; they are published only after it
 * commits. Listeners on the writing instance get them at once. On PostgreSQL they also travel
 * through NOTIFY to the other instances; each instance ignores its own echo on LISTEN, so a
 * client connected to any instance gets every event exactly once.
 */
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { RealtimeEvent } from '@anchang/contracts';
import type { Logger } from '../logger.js';

export type EventListener = (event: RealtimeEvent) => void;

export interface EventBus {
  /** Outside a transaction: to this instance's listeners now, and to the other instances. */
  publish(events: RealtimeEvent[]): Promise<void>;
  /** To this instance's listeners only (after a commit that already carried the remote copy). */
  deliverLocal(events: RealtimeEvent[]): void;
  /**
   * What a transaction must send so the other instances hear these events when it commits:
   * PostgreSQL delivers a NOTIFY issued inside a transaction only on commit, and never if it
   * rolls back. Null when there are no other instances (SQLite).
   */
  remoteNotify(events: RealtimeEvent[]): { channel: string; payloads: string[] } | null;
  subscribe(listener: EventListener): () => void;
  close(): Promise<void>;
}

const CHANNEL = 'anchang_events';

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
    this.deliverLocal(events);
    return Promise.resolve();
  }
  deliverLocal(events: RealtimeEvent[]): void {
    for (const e of events) this.listeners.deliver(e, this.log);
  }
  remoteNotify(): null {
    return null;
  }
  subscribe(listener: EventListener): () => void {
    return this.listeners.subscribe(listener);
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

export class PostgresEventBus implements EventBus {
  private readonly listeners = new ListenerSet();
  private client: pg.Client | null = null;
  private closed = false;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly origin = randomUUID();

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
    const client = new pg.Client({ connectionString: this.databaseUrl });
    client.on('notification', (msg) => {
      if (msg.channel !== CHANNEL || !msg.payload) return;
      try {
        const { origin, event } = JSON.parse(msg.payload) as { origin: string; event: RealtimeEvent };
        if (origin !== this.origin) this.listeners.deliver(event, this.log);
      } catch (err) {
        this.log.error({ err }, 'bad event payload');
      }
    });
    client.on('error', (err) => {
      this.log.warn({ err }, 'event listener connection lost; reconnecting');
      this.scheduleReconnect();
    });
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.client = client;
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer) return;
    const old = this.client;
    this.client = null;
    old?.end().catch(() => undefined);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.connect().catch((err: unknown) => {
        this.log.warn({ err }, 'event listener reconnect failed');
        this.scheduleReconnect();
      });
    }, 1000);
  }

  deliverLocal(events: RealtimeEvent[]): void {
    for (const e of events) this.listeners.deliver(e, this.log);
  }

  // NOTIFY payloads stay far under PostgreSQL's 8000-byte limit: events carry ids and short labels.
  remoteNotify(events: RealtimeEvent[]): { channel: string; payloads: string[] } {
    return { channel: CHANNEL, payloads: events.map((event) => JSON.stringify({ origin: this.origin, event })) };
  }

  async publish(events: RealtimeEvent[]): Promise<void> {
    if (events.length === 0) return;
    this.deliverLocal(events);
    const { channel, payloads } = this.remoteNotify(events);
    const sent = this.pool.query(`SELECT pg_notify($1, p) FROM unnest($2::text[]) AS p`, [channel, payloads]);
    this.inFlight.add(sent);
    try {
      await sent;
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
    await Promise.allSettled([...this.inFlight]);
    await this.client?.end().catch(() => undefined);
  }
}
