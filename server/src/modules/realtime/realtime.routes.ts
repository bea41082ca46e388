/**
 * The realtime socket. The upgrade request is refused before upgrading (403) from a page of a
 * foreign origin, and (401) without a live session; the person's own room is joined at once,
 * site rooms on `subscribe` when their current role allows. A client that reconnects sends the
 * last seq it saw (`since` of a subscribe, `resume` for its own room) and gets what it missed
 * first (platform/realtime/replay.ts). The protocol is in contracts (ClientMessageSchema,
 * ServerMessage, SOCKET_CLOSE).
 */
import type { RealtimeLimits } from '../../config.js';
import type { App } from '../../platform/http/types.js';
import { AppError } from '../../platform/errors.js';
import type { RealtimeHub } from '../../platform/realtime/hub.js';
import type { Deps } from '../../platform/tx.js';
import { enforceRealtimeAccess } from './realtime.access.js';
import { isOriginAllowed } from './realtime.origin.js';
import { ClientSocket } from './realtime.socket.js';

export interface RealtimeDeps extends Deps {
  hub: RealtimeHub<ClientSocket>;
  limits: RealtimeLimits;
  allowedOrigins: readonly string[];
}

export function registerRealtimeRoutes(app: App, deps: RealtimeDeps): void {
  const stopEnforcing = enforceRealtimeAccess(deps.hub, deps.events, deps.clock, deps.log);
  app.addHook('onClose', async () => stopEnforcing());

  app.get(
    '/realtime',
    {
      websocket: true,
      schema: { tags: ['realtime'], summary: 'WebSocket: rooms per site and per person' },
      onRequest: async (req) => {
        const origin = req.headers.origin;
        if (!isOriginAllowed(origin, req.host, deps.allowedOrigins)) {
          throw new AppError('ORIGIN_NOT_ALLOWED', { message: 'This page may not open the realtime socket', params: { origin } });
        }
      },
    },
    (socket, req) => {
      const { personId, sessionId } = req.actor;
      new ClientSocket(socket, { personId, sessionId, reqId: String(req.id) }, deps).open();
    },
  );
}
