/**
 * Access ends on every socket at once. When someone's access changes (on any instance: the
 * event bus carries `access.changed` across them), that person's sockets here re-read their
 * session and roles; a socket whose session ended closes, a site whose role is gone is left.
 * Sessions also end by time: a sweep looks for sockets past their session's expiry and
 * re-reads those (a request may have extended the session since).
 */
import type { EventMap } from '@anchang/contracts';
import type { Clock } from '../../platform/clock.js';
import type { EventBus } from '../../platform/events/bus.js';
import type { Logger } from '../../platform/logger.js';
import type { RealtimeHub } from '../../platform/realtime/hub.js';
import type { ClientSocket } from './realtime.socket.js';

/** Half the one-second promise: a session past its expiry is noticed within this, then read. */
export const EXPIRY_SWEEP_MS = 500;

/** Starts enforcing; returns the function that stops it. */
export function enforceRealtimeAccess(hub: RealtimeHub<ClientSocket>, events: EventBus, clock: Clock, log: Logger): () => void {
  const offBus = events.subscribe((event) => {
    if (event.type !== 'access.changed') return;
    const { personId, closeSockets } = event.payload as EventMap['access.changed'];
    const sockets = hub.connectionsOfPerson(personId);
    if (personId !== null) {
      for (const socket of sockets) void socket.recheckAccess(closeSockets === true);
      return;
    }
    // Anyone's access (a new site): every socket re-reads, one after another rather than all
    // at once against the database's pool.
    void (async () => {
      for (const socket of sockets) await socket.recheckAccess(false);
    })();
  });
  const sweep = setInterval(() => {
    try {
      const now = clock.now();
      for (const socket of hub.connectionsOfPerson(null)) socket.checkExpiry(now);
    } catch (err) {
      log.error({ err }, 'realtime expiry sweep failed');
    }
  }, EXPIRY_SWEEP_MS);
  sweep.unref();
  return () => {
    offBus();
    clearInterval(sweep);
  };
}
