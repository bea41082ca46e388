import { useEffect, useLayoutEffect, useRef, useSyncExternalStore } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { RealtimeEvent } from '@anchang/contracts';
import { queryKeys } from '../api/query-keys';
import { realtime, type RealtimeStatus } from './realtime-client';

/**
 * Which queries each event makes stale: every feature's rules, so every feature's api file. They
 * load beside the first screen rather than in it (the console's entry and the phone's layout
 * would otherwise carry every feature's endpoints and hooks).
 */
const loadInvalidations = () => import('./event-invalidations');

/**
 * Keeps the tab's socket open while someone is signed in, follows the current site, and keeps
 * react-query fresh: each event invalidates what it touches, replayed ones after a reconnect
 * too; a resync (more was missed than the server replays) invalidates everything. When the
 * server ends the socket because the session ended, `me` is asked again: it answers nobody,
 * and the app shows its login.
 */
export function useRealtimeSync(meId: string | null, siteId: string | null): void {
  const queryClient = useQueryClient();

  useEffect(() => {
    if (!meId) return;
    // Fetched while the socket connects, so the first event does not wait; a failure shows when one arrives.
    loadInvalidations().catch(() => undefined);
    realtime.start();
    return () => realtime.stop();
  }, [meId]);

  useEffect(() => {
    realtime.setSite(meId ? siteId : null);
  }, [meId, siteId]);

  useEffect(() => {
    const offEvent = realtime.onEvent(
      (event) =>
        void loadInvalidations().then(
          ({ invalidateForEvent }) => invalidateForEvent(queryClient, event, meId),
          // Without the rules we cannot tell what the event touched: refetch as after a resync.
          () => queryClient.invalidateQueries(),
        ),
    );
    const offResync = realtime.onResync(() => void queryClient.invalidateQueries());
    const offSessionEnded = realtime.onSessionEnded(() => void queryClient.invalidateQueries({ queryKey: queryKeys.me }));
    return () => {
      offEvent();
      offResync();
      offSessionEnded();
    };
  }, [queryClient, meId]);
}

export function useRealtimeStatus(): RealtimeStatus {
  return useSyncExternalStore(realtime.subscribeStatus, realtime.getStatus);
}

/** The site whose events the server confirmed it sends us (null until the `subscribed` ack). */
export function useRealtimeSubscribedSite(): string | null {
  return useSyncExternalStore(realtime.subscribeStatus, realtime.getSubscribedSiteId);
}

/** Runs `listener` for every realtime event while mounted (latest closure, one subscription). */
export function useRealtimeEvent(listener: (event: RealtimeEvent) => void): void {
  const ref = useRef(listener);
  useLayoutEffect(() => {
    ref.current = listener;
  });
  useEffect(() => realtime.onEvent((event) => ref.current(event)), []);
}
