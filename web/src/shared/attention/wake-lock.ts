/**
 * Keeps the screen on while a shift is open (Screen Wake Lock API, where the browser has it).
 * The browser drops the lock whenever the page is hidden, so it is asked again when the page is
 * visible again. Missing API (WeChat, older iOS) or a refusal: nothing happens.
 */
import { useEffect } from 'react';

interface WakeLockSentinelLike {
  release(): Promise<void>;
  released?: boolean;
}
interface WakeLockLike {
  request(type: 'screen'): Promise<WakeLockSentinelLike>;
}

export const canKeepScreenOn = (): boolean =>
  typeof navigator !== 'undefined' && typeof (navigator as unknown as { wakeLock?: WakeLockLike }).wakeLock?.request === 'function';

export function useScreenWakeLock(active: boolean): void {
  useEffect(() => {
    if (!active || !canKeepScreenOn()) return;
    const wakeLock = (navigator as unknown as { wakeLock: WakeLockLike }).wakeLock;
    let sentinel: WakeLockSentinelLike | null = null;
    let stopped = false;
    const acquire = async () => {
      if (stopped || document.visibilityState !== 'visible' || (sentinel && !sentinel.released)) return;
      try {
        const next = await wakeLock.request('screen');
        if (stopped) void next.release().catch(() => undefined);
        else sentinel = next;
      } catch {
        // refused (battery saver, not visible): asked again on the next visibility change
      }
    };
    const onVisibility = () => void acquire();
    document.addEventListener('visibilitychange', onVisibility);
    void acquire();
    return () => {
      stopped = true;
      document.removeEventListener('visibilitychange', onVisibility);
      if (sentinel) void sentinel.release().catch(() => undefined);
    };
  }, [active]);
}
