/**
 * Realtime rooms on this instance: `user:<personId>` (joined on connect) and `site:<siteId>`
 * (joined on a subscribe the policy allows). The hub listens to the event bus, which on
 * PostgreSQL carries events written by any instance.
 */
import type { WebSocket } from 'ws';
import type { RealtimeEvent, ServerMessage } from '@anchang/contracts';
import type { EventBus } from '../events/bus.js';

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
    const all = new Set<WebSocket>();
    for (const members of this.rooms.values()) for (const s of members) all.add(s);
    return all.size;
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

  close(): void {
    this.unsubscribe();
    for (const members of this.rooms.values()) for (const s of members) s.close(1001, 'server shutting down');
    this.rooms.clear();
  }
}
