/**
 * The realtime socket. Authenticated by the session cookie on the upgrade request; the person's
 * own room is joined at once, site rooms on `subscribe` when the policy allows. A client that
 * reconnects sends the last seq it saw (`since` of a subscribe, `resume` for its own room) and
 * gets what it missed first (platform/realtime/replay.ts).
 */
import type { ClientMessage, ServerMessage } from '@anchang/contracts';
import type { WebSocket } from 'ws';
import type { App } from '../../platform/http/types.js';
import { roleOn } from '../../platform/auth/policy.js';
import type { RealtimeHub } from '../../platform/realtime/hub.js';
import { rawDataToText } from '../../platform/realtime/raw-data.js';

const send = (socket: WebSocket, msg: ServerMessage) => socket.send(JSON.stringify(msg));

/** A replay's `since`: absent, or a seq (a whole number from 0); null when malformed. */
const replayFrom = (since: unknown): number | undefined | null =>
  since === undefined ? undefined : Number.isSafeInteger(since) && (since as number) >= 0 ? (since as number) : null;

export function registerRealtimeRoutes(app: App, hub: RealtimeHub): void {
  app.get('/realtime', { websocket: true, schema: { tags: ['realtime'], summary: 'WebSocket: rooms per site and per person' } }, (socket, req) => {
    const actor = req.actor;
    const userRoom = `user:${actor.personId}`;
    const rooms = new Set<string>([userRoom]);
    hub.follow(socket, userRoom, { ack: (seq) => ({ type: 'hello', personId: actor.personId, seq }) });

    socket.on('message', (data) => {
      let msg: ClientMessage;
      try {
        msg = JSON.parse(rawDataToText(data)) as ClientMessage;
      } catch {
        send(socket, { type: 'error', code: 'MALFORMED_JSON' });
        return;
      }
      if (msg.type === 'ping') {
        send(socket, { type: 'pong' });
      } else if (msg.type === 'subscribe' && typeof msg.siteId === 'string') {
        // Same rule as the HTTP routes: no role on the site, no events from it.
        if (!roleOn(actor, msg.siteId)) {
          send(socket, { type: 'error', code: 'SITE_NOT_FOUND', siteId: msg.siteId });
          return;
        }
        const since = replayFrom(msg.since);
        if (since === null) {
          send(socket, { type: 'error', code: 'VALIDATION_FAILED' });
          return;
        }
        const room = `site:${msg.siteId}`;
        rooms.add(room);
        const siteId = msg.siteId;
        hub.follow(socket, room, { since, ack: (seq) => ({ type: 'subscribed', siteId, seq }) });
      } else if (msg.type === 'resume' && typeof replayFrom(msg.since) === 'number') {
        hub.follow(socket, userRoom, { since: msg.since, ack: (seq) => ({ type: 'resumed', seq }) });
      } else if (msg.type === 'unsubscribe' && typeof msg.siteId === 'string') {
        const room = `site:${msg.siteId}`;
        rooms.delete(room);
        hub.leave(socket, room);
      } else {
        send(socket, { type: 'error', code: 'VALIDATION_FAILED' });
      }
    });
    socket.on('close', () => hub.leaveAll(socket, rooms));
  });
}
