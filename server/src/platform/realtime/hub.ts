/**
 * Realtime rooms on this instance: `user:<personId>` (joined on connect) and `site:<siteId>`
 * (joined on a subscribe the policy allows). The hub listens to the event bus, which on
 * PostgreSQL carries events written by any instance.
 */
import type { WebSocket } from 'ws';
import type { RealtimeEvent, ServerMessage } from '@anchang/contracts';
import type { EventBus } from '../events/bus.js';

/** WebSocket close code 1012, "service restart": the client should reconnect. */
export const RECONNECT_CLOSE_CODE = 1012;

export class RealtimeHub {
  private readonly rooms = new Map<string, Set<WebSocket>>();
  private readonly unsubscribe: () => void;

  constructor(bus: EventBus) {
    this.unsubscribe = bus.subscribe((event) => this.deliver(event));
  }

  join(socket: WebSocket, room: string): void {
    let members = this.rooms.get(room);
    if (!members) this.rooms.set(room, (members = new Set()));
    members.add(socket);
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
    // Serialise once for the whole room.
    const message = JSON.stringify({ type: 'event', event } satisfies ServerMessage);
    for (const socket of members) {
      if (socket.readyState === socket.OPEN) socket.send(message);
    }
  }

  private allSockets(): Set<WebSocket> {
    const all = new Set<WebSocket>();
    for (const members of this.rooms.values()) for (const s of members) all.add(s);
    return all;
  }

  /**
   * Events may have been missed (the cross-instance listener was down): every client is asked
   * to reconnect, and a reconnecting client refetches what it shows. 1012 is "service restart".
   */
  askClientsToResync(): void {
    for (const s of this.allSockets()) s.close(RECONNECT_CLOSE_CODE, 'resync');
  }

  /** On shutdown: clients reconnect (to another instance, or to this one once it is back). */
  close(): void {
    this.unsubscribe();
    for (const s of this.allSockets()) s.close(RECONNECT_CLOSE_CODE, 'service restart');
    this.rooms.clear();
  }
}
