/**
 * When this phone last looked at a site's notices, for the unread badge. Kept per device in
 * localStorage (the server has no read receipts yet) and shared across components as a store.
 */
import { useSyncExternalStore } from 'react';

const key = (siteId: string) => `anchang.staff.noticesSeenAt.${siteId}`;
const listeners = new Set<() => void>();

function read(siteId: string): number {
  try {
    return Number(localStorage.getItem(key(siteId))) || 0;
  } catch {
    return 0;
  }
}

export function markNoticesSeen(siteId: string, at: number = Date.now()): void {
  try {
    localStorage.setItem(key(siteId), String(at));
  } catch {
    /* storage blocked: the badge resets with the tab */
  }
  for (const listener of listeners) listener();
}

export function useNoticesSeenAt(siteId: string | null): number {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => (siteId ? read(siteId) : 0),
  );
}
