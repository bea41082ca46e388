import type { RealtimeStatus } from './realtime-client';

/** What the connection chip shows: the socket's state, unless the browser knows it has no network. */
export type ConnectionState = RealtimeStatus | 'offline';

/**
 * A socket takes up to a heartbeat to notice a lost network and then says 重连中 for as long as
 * it retries, which reads as "about to come back". When the browser itself reports no network
 * (navigator.onLine false, the `offline` event), say 离线 at once: writes go to the outbox and
 * nothing live will arrive until the network returns.
 */
export function connectionState(status: RealtimeStatus, browserOnline: boolean): ConnectionState {
  return browserOnline ? status : 'offline';
}

/** The i18n key of each state's short label. */
export const CONNECTION_LABEL_KEYS = {
  idle: 'realtime.connecting',
  connecting: 'realtime.connecting',
  online: 'realtime.online',
  reconnecting: 'realtime.reconnecting',
  paused: 'realtime.paused',
  offline: 'realtime.offline',
} as const satisfies Record<ConnectionState, string>;

/** The i18n key of each state's longer explanation (the console's tooltip). */
export const CONNECTION_HINT_KEYS = {
  idle: 'realtime.reconnectingHint',
  connecting: 'realtime.reconnectingHint',
  online: 'realtime.onlineHint',
  reconnecting: 'realtime.reconnectingHint',
  paused: 'realtime.pausedHint',
  offline: 'realtime.offlineHint',
} as const satisfies Record<ConnectionState, string>;
