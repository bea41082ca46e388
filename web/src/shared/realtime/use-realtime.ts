import { useEffect, useLayoutEffect, useRef, useSyncExternalStore } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { RealtimeEvent } from '@anchang/contracts';
import { queryKeys } from '../api/query-keys';
import { invalidateForEvent } from './invalidate';
import { realtime, type RealtimeStatus } from './realtime-client';

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
    realtime.start();
    return () => realtime.stop();
  }, [meId]);

  useEffect(() => {
    realtime.setSite(meId ? siteId : null);
  }, [meId, siteId]);

  useEffect(() => {
    const offEvent = realtime.onEvent((event) => invalidateForEvent(queryClient, event, meId));
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
