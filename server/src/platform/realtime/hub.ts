/**
 * Realtime rooms on this instance: `user:<personId>` (joined on connect) and `site:<siteId>`
 * (joined on a subscribe the policy allows). The hub listens to the event bus, which hands it
 * every committed event of any instance once, in seq order per room.
 *
 * A socket joins a room through `follow`, which first sends what it missed (replay.ts). Until
 * that is sent, live events for the socket are held, then sent after it: none twice, none
 * missing, in order. Each socket remembers the last seq it was sent per room.
 */
import type { Kysely } from 'kysely';
import type { WebSocket } from 'ws';
import type { RealtimeEvent, ServerMessage } from '@anchang/contracts';
import type { DB } from '../../db/schema.js';
import type { EventBus } from '../events/bus.js';
import type { Logger } from '../logger.js';
import { followRoom, type FollowRequest } from './replay.js';

/** One socket in one room. */
export interface Member {
  /** Live events held while a replay is being sent; null when live events go straight out. */
  held: RealtimeEvent[] | null;
  /** This socket has been sent every event of the room after `liveFrom` up to `sentUpTo`. */
  liveFrom: number;
  sentUpTo: number;
  /** Follows of one member run one after another. */
  turn: Promise<void>;
}

export function sendMessage(socket: WebSocket, msg: ServerMessage | string): void {
  if (socket.readyState === socket.OPEN) socket.send(typeof msg === 'string' ? msg : JSON.stringify(msg));
}

/** WebSocket close code 1012, "service restart": the client should reconnect. */
export const RECONNECT_CLOSE_CODE = 1012;

export class RealtimeHub {
  private readonly rooms = new Map<string, Map<WebSocket, Member>>();
  private readonly unsubscribe: () => void;
  private readonly unsubscribeSkip: () => void;

  constructor(
    bus: EventBus,
    private readonly db: Kysely<DB>,
    private readonly log: Logger,
  ) {
    this.unsubscribe = bus.subscribe((event) => this.deliver(event));
    this.unsubscribeSkip = bus.onSkip((room) => this.resync(room));
  }

  /**
   * Joins `socket` to `room` (or, already in it, catches it up): sends the room's events after
   * `since` (or `resync`), then `ack(seq)`, then live events after `seq`. Without `since` the
   * socket starts from the room's current seq. Never throws: a failure closes the socket, and
   * the client reconnects and asks again.
   */
  follow(socket: WebSocket, room: string, request: FollowRequest): void {
    let members = this.rooms.get(room);
    if (!members) this.rooms.set(room, (members = new Map<WebSocket, Member>()));
    let member = members.get(socket);
    if (!member) {
      // Held from the first instant: nothing that commits from now on can slip past the replay.
      member = { held: [], liveFrom: -1, sentUpTo: -1, turn: Promise.resolve() };
      members.set(socket, member);
    }
    const m = member;
    m.turn = m.turn
      .then(() => followRoom(this.db, socket, room, m, request, () => this.rooms.get(room)?.get(socket) === m))
      .catch((err: unknown) => {
        this.log.error({ err, room }, 'realtime replay failed');
        socket.close(1011, 'replay failed');
      });
  }

  leave(socket: WebSocket, room: string): void {
    const members = this.rooms.get(room);
    if (!members) return;
    members.delete(socket);
    if (members.size === 0) this.rooms.delete(room);
  }

  leaveAll(socket: WebSocket, rooms: Iterable<string>): void {
    for (const room of rooms) this.leave(socket, room);
  }

  get connectionCount(): number {
    return this.allSockets().size;
  }

  private deliver(event: RealtimeEvent): void {
    const members = this.rooms.get(event.room);
    if (!members) return;
    // Serialised once for the whole room, when a member first needs it.
    let message: string | null = null;
    for (const [socket, m] of members) {
      if (m.held) {
        m.held.push(event);
      } else if (event.seq > m.sentUpTo) {
        m.sentUpTo = event.seq;
        sendMessage(socket, (message ??= JSON.stringify({ type: 'event', event } satisfies ServerMessage)));
      }
    }
  }

  /** The room lost events this instance can no longer send: its clients refetch. */
  private resync(room: string): void {
    const members = this.rooms.get(room);
    if (!members) return;
    for (const socket of members.keys()) sendMessage(socket, { type: 'resync', room });
  }

  private allSockets(): Set<WebSocket> {
    const all = new Set<WebSocket>();
    for (const members of this.rooms.values()) for (const s of members.keys()) all.add(s);
    return all;
  }

  /** On shutdown: clients reconnect (to another instance, or to this one once it is back). */
  close(): void {
    this.unsubscribe();
    this.unsubscribeSkip();
    for (const s of this.allSockets()) s.close(RECONNECT_CLOSE_CODE, 'service restart');
    this.rooms.clear();
  }
}
