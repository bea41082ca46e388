/**
 * Event bus: services record events inside a transaction; they are published only after it
 * commits. On SQLite (one process) events go straight to local listeners. On PostgreSQL they
 * travel through NOTIFY, and every instance (the writer too) delivers what it hears on LISTEN,
 * so a client connected to any instance gets every event exactly once.
 */
import pg from 'pg';
import { EventEmitter } from 'node:events';
import type { RealtimeEvent } from '@anchang/contracts';
import type { Logger } from '../logger.js';

export type EventListener = (event: RealtimeEvent) => void;

export interface EventBus {
  publish(events: RealtimeEvent[]): Promise<void>;
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
    for (const e of events) this.listeners.deliver(e, this.log);
    return Promise.resolve();
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
        this.listeners.deliver(JSON.parse(msg.payload) as RealtimeEvent, this.log);
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

  async publish(events: RealtimeEvent[]): Promise<void> {
    if (events.length === 0) return;
    // One round trip for the batch; NOTIFY payloads stay far under PostgreSQL's 8000-byte limit
    // because events carry ids and short labels only.
    const payloads = events.map((e) => JSON.stringify(e));
    const sent = this.pool.query(`SELECT pg_notify($1, p) FROM unnest($2::text[]) AS p`, [CHANNEL, payloads]);
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
