/**
 * Realtime rooms on this instance: `user:<personId>` (joined on connect) and `site:<siteId>`
 * (joined on a subscribe the policy allows). The hub listens to the event bus, which on
 * PostgreSQL carries events written by any instance. It also indexes the open connections by
 * session and by person, so access that ends (logout, a disabled account) finds every socket.
 */
import type { WebSocket } from 'ws';
import { SOCKET_CLOSE, type RealtimeEvent, type ServerMessage } from '@anchang/contracts';
import type { EventBus } from '../events/bus.js';
import type { Logger } from '../logger.js';

/** One open socket as the hub sees it. */
export interface RealtimeConnection {
  readonly id: string;
  readonly socket: WebSocket;
  readonly personId: string;
  readonly sessionId: string;
  /** Closes the socket and takes it out of the hub (idempotent). */
  end(code: number, reason: string): void;
}

/**
 * A socket whose unsent data grows past this is not reading (a frozen tab, a stalled network):
 * it is closed rather than let the server's memory grow with every event of its rooms.
 */
const MAX_BUFFERED_BYTES = 1024 * 1024;

export class RealtimeHub<C extends RealtimeConnection = RealtimeConnection> {
  private readonly rooms = new Map<string, Set<C>>();
  private readonly roomsOf = new Map<C, Set<string>>();
  /** Sets keep insertion order: the oldest connection of a session comes first. */
  private readonly bySession = new Map<string, Set<C>>();
  private readonly byPerson = new Map<string, Set<C>>();
  private readonly unsubscribe: () => void;

  constructor(
    bus: EventBus,
    private readonly log: Logger,
  ) {
    this.unsubscribe = bus.subscribe((event) => this.deliver(event));
  }

  /** Registers an open connection and joins its person's room. */
  add(conn: C): void {
    this.roomsOf.set(conn, new Set());
    addTo(this.bySession, conn.sessionId, conn);
    addTo(this.byPerson, conn.personId, conn);
    this.join(conn, `user:${conn.personId}`);
  }

  /** Forgets a connection and every room it was in (idempotent). */
  remove(conn: C): void {
    const rooms = this.roomsOf.get(conn);
    if (!rooms) return;
    for (const room of rooms) removeFrom(this.rooms, room, conn);
    this.roomsOf.delete(conn);
    removeFrom(this.bySession, conn.sessionId, conn);
    removeFrom(this.byPerson, conn.personId, conn);
  }

  join(conn: C, room: string): void {
    const rooms = this.roomsOf.get(conn);
    if (!rooms) return; // already gone
    rooms.add(room);
    addTo(this.rooms, room, conn);
  }

  leave(conn: C, room: string): void {
    this.roomsOf.get(conn)?.delete(room);
    removeFrom(this.rooms, room, conn);
  }

  /** The site ids whose rooms the connection is in. */
  sitesOf(conn: C): string[] {
    return [...(this.roomsOf.get(conn) ?? [])].filter((r) => r.startsWith('site:')).map((r) => r.slice('site:'.length));
  }

  /** A session's open connections, oldest first. */
  connectionsOfSession(sessionId: string): C[] {
    return [...(this.bySession.get(sessionId) ?? [])];
  }

  /** A person's open connections, or everyone's when `personId` is null. */
  connectionsOfPerson(personId: string | null): C[] {
    return personId === null ? [...this.roomsOf.keys()] : [...(this.byPerson.get(personId) ?? [])];
  }

  get connectionCount(): number {
    return this.roomsOf.size;
  }

  private deliver(event: RealtimeEvent): void {
    const members = this.rooms.get(event.room);
    if (!members) return;
    // Serialise once for the whole room.
    const message = JSON.stringify({ type: 'event', event } satisfies ServerMessage);
    for (const conn of [...members]) {
      try {
        if (conn.socket.readyState !== conn.socket.OPEN) continue;
        if (conn.socket.bufferedAmount > MAX_BUFFERED_BYTES) conn.end(SOCKET_CLOSE.POLICY, 'not reading');
        else conn.socket.send(message);
      } catch (err) {
        this.log.warn({ err, socketId: conn.id, personId: conn.personId, type: event.type }, 'realtime delivery failed');
      }
    }
  }

  close(): void {
    this.unsubscribe();
    for (const conn of [...this.roomsOf.keys()]) conn.end(SOCKET_CLOSE.SERVER_SHUTDOWN, 'server shutting down');
    this.rooms.clear();
    this.roomsOf.clear();
    this.bySession.clear();
    this.byPerson.clear();
  }
}

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}

function removeFrom<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) map.delete(key);
}
