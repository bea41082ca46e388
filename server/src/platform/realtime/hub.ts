/**
 * Realtime rooms on this instance: `user:<personId>` (followed on connect) and `site:<siteId>`
 * (followed on a subscribe the policy allows). The hub listens to the event bus, which hands it
 * every committed event of any instance once, in seq order per room. It also indexes the open
 * connections by session and by person, so access that ends (logout, a disabled account) finds
 * every socket.
 *
 * A connection joins a room through `follow`, which first sends what it missed (replay.ts).
 * Until that is sent, live events for the connection are held, then sent after it: none twice,
 * none missing, in order. Each member remembers the last seq it was sent in its room.
 *
 * Live events go out one frame per socket per turn of the event loop: a commit's events (a
 * hand-off announced to the site and to its receiver, an ack that also closes the visit) reach a
 * phone as one `events` frame, not one frame each. Anything else sent to a socket first sends
 * what is waiting for it, so the order on the wire is the order of delivery.
 */
import type { Kysely } from 'kysely';
import type { WebSocket } from 'ws';
import { SOCKET_CLOSE, type RealtimeEvent, type ServerMessage } from '@anchang/contracts';
import type { DB } from '../../db/schema.js';
import type { EventBus } from '../events/bus.js';
import type { Logger } from '../logger.js';
import { followRoom, type FollowRequest } from './replay.js';

/** One open socket as the hub sees it. */
export interface RealtimeConnection {
  readonly id: string;
  readonly socket: WebSocket;
  readonly personId: string;
  readonly sessionId: string;
  /** Closes the socket and takes it out of the hub (idempotent). */
  end(code: number, reason: string): void;
}

/** One connection in one room. */
export interface Member {
  /** Live events held while a replay is being sent; null when live events go straight out. */
  held: RealtimeEvent[] | null;
  /** This connection has been sent every event of the room after `liveFrom` up to `sentUpTo`. */
  liveFrom: number;
  sentUpTo: number;
  /** Follows of one member run one after another. */
  turn: Promise<void>;
}

export function sendMessage(socket: WebSocket, msg: ServerMessage | string): void {
  if (socket.readyState === socket.OPEN) socket.send(typeof msg === 'string' ? msg : JSON.stringify(msg));
}

/** Events in order: one `event` message, or one `events` frame for several; nothing for none. */
export function sendEvents(socket: WebSocket, events: readonly RealtimeEvent[]): void {
  if (events.length === 1) sendMessage(socket, { type: 'event', event: events[0]! });
  else if (events.length > 1) sendMessage(socket, { type: 'events', events: [...events] });
}

/**
 * A socket whose unsent data grows past this is not reading (a frozen tab, a stalled network):
 * it is closed rather than let the server's memory grow with every event of its rooms.
 */
const MAX_BUFFERED_BYTES = 1024 * 1024;

export class RealtimeHub<C extends RealtimeConnection = RealtimeConnection> {
  private readonly rooms = new Map<string, Map<C, Member>>();
  private readonly roomsOf = new Map<C, Set<string>>();
  /** Sets keep insertion order: the oldest connection of a session comes first. */
  private readonly bySession = new Map<string, Set<C>>();
  private readonly byPerson = new Map<string, Set<C>>();
  private readonly unsubscribe: () => void;
  private readonly unsubscribeSkip: () => void;
  /** Live events (as JSON) delivered in this turn of the event loop and not yet sent, per connection. */
  private readonly unsent = new Map<C, string[]>();
  private flushQueued = false;

  constructor(
    bus: EventBus,
    private readonly db: Kysely<DB>,
    private readonly log: Logger,
  ) {
    this.unsubscribe = bus.subscribe((event) => this.deliver(event));
    this.unsubscribeSkip = bus.onSkip((room) => this.resync(room));
  }

  /** Registers an open connection; it follows rooms through `follow`. */
  add(conn: C): void {
    this.roomsOf.set(conn, new Set());
    addTo(this.bySession, conn.sessionId, conn);
    addTo(this.byPerson, conn.personId, conn);
  }

  /** Forgets a connection and every room it was in (idempotent). */
  remove(conn: C): void {
    this.unsent.delete(conn);
    const rooms = this.roomsOf.get(conn);
    if (!rooms) return;
    for (const room of rooms) this.rooms.get(room)?.delete(conn);
    for (const room of rooms) if (this.rooms.get(room)?.size === 0) this.rooms.delete(room);
    this.roomsOf.delete(conn);
    removeFrom(this.bySession, conn.sessionId, conn);
    removeFrom(this.byPerson, conn.personId, conn);
  }

  /**
   * Joins `conn` to `room` (or, already in it, catches it up): sends the room's events after
   * `since` (or `resync`), then `ack(seq)`, then live events after `seq`. Without `since` the
   * connection starts from the room's current seq. Never throws: a failure closes the socket,
   * and the client reconnects and asks again.
   */
  follow(conn: C, room: string, request: FollowRequest): void {
    const rooms = this.roomsOf.get(conn);
    if (!rooms) return; // already gone
    rooms.add(room);
    let members = this.rooms.get(room);
    if (!members) this.rooms.set(room, (members = new Map<C, Member>()));
    let member = members.get(conn);
    if (!member) {
      // Held from the first instant: nothing that commits from now on can slip past the replay.
      member = { held: [], liveFrom: -1, sentUpTo: -1, turn: Promise.resolve() };
      members.set(conn, member);
    }
    const m = member;
    m.turn = m.turn
      .then(() => {
        // The replay counts what this socket was sent; what is counted must be on the wire before it.
        this.sendUnsent(conn);
        return followRoom(this.db, conn.socket, room, m, request, () => this.rooms.get(room)?.get(conn) === m);
      })
      .catch((err: unknown) => {
        this.log.error({ err, room, socketId: conn.id, personId: conn.personId }, 'realtime replay failed');
        conn.end(1011, 'replay failed');
      });
  }

  leave(conn: C, room: string): void {
    this.roomsOf.get(conn)?.delete(room);
    const members = this.rooms.get(room);
    if (!members) return;
    members.delete(conn);
    if (members.size === 0) this.rooms.delete(room);
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
    // Serialised once for the whole room, when a member first needs it.
    let json: string | null = null;
    for (const [conn, m] of [...members]) {
      try {
        if (m.held) {
          m.held.push(event);
          continue;
        }
        if (event.seq <= m.sentUpTo || conn.socket.readyState !== conn.socket.OPEN) continue;
        if (conn.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
          conn.end(SOCKET_CLOSE.POLICY, 'not reading');
          continue;
        }
        m.sentUpTo = event.seq;
        this.queue(conn, (json ??= JSON.stringify(event)));
      } catch (err) {
        this.log.warn({ err, socketId: conn.id, personId: conn.personId, type: event.type }, 'realtime delivery failed');
      }
    }
  }

  private queue(conn: C, eventJson: string): void {
    const waiting = this.unsent.get(conn);
    if (waiting) waiting.push(eventJson);
    else this.unsent.set(conn, [eventJson]);
    if (this.flushQueued) return;
    this.flushQueued = true;
    // After the synchronous delivery of a commit's (or a log read's) events, before any I/O.
    queueMicrotask(() => {
      this.flushQueued = false;
      for (const c of [...this.unsent.keys()]) this.sendUnsent(c);
    });
  }

  /** Sends the live events waiting for `conn`: one `event` frame, or one `events` frame for several. */
  private sendUnsent(conn: C): void {
    const waiting = this.unsent.get(conn);
    if (!waiting) return;
    this.unsent.delete(conn);
    try {
      // The events are JSON already: the frame is put together around them, not serialised again.
      sendMessage(conn.socket, waiting.length === 1 ? `{"type":"event","event":${waiting[0]}}` : `{"type":"events","events":[${waiting.join(',')}]}`);
    } catch (err) {
      this.log.warn({ err, socketId: conn.id, personId: conn.personId, events: waiting.length }, 'realtime delivery failed');
    }
  }

  /** The room lost events this instance can no longer send: its clients refetch. */
  private resync(room: string): void {
    const members = this.rooms.get(room);
    if (!members) return;
    for (const conn of members.keys()) {
      this.sendUnsent(conn);
      sendMessage(conn.socket, { type: 'resync', room });
    }
  }

  /** On shutdown: clients reconnect (to another instance, or to this one once it is back). */
  close(): void {
    this.unsubscribe();
    this.unsubscribeSkip();
    for (const conn of [...this.roomsOf.keys()]) {
      this.sendUnsent(conn);
      conn.end(SOCKET_CLOSE.SERVER_SHUTDOWN, 'service restart');
    }
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
