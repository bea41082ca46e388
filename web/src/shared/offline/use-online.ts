import { useSyncExternalStore } from 'react';

/**
 * Whether the phone believes it has a network (navigator.onLine). It can be true in a car park
 * with no real signal; writes then fail and the outbox retries, so this only drives the
 * 已离线 hint and when to try again.
 */
export function useOnline(): boolean {
  return useSyncExternalStore(subscribe, () => navigator.onLine);
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('online', listener);
  window.addEventListener('offline', listener);
  return () => {
    window.removeEventListener('online', listener);
    window.removeEventListener('offline', listener);
  };
}
