/**
 * The per-phone switch for sound and vibration, kept on the phone (localStorage), on unless turned
 * off. Storage may be missing or refuse writes (private mode, some in-app browsers): then the
 * switch still works for this visit.
 */
import { useSyncExternalStore } from 'react';

const KEY = 'anchang.attention.sound';
let memory: boolean | null = null;
const listeners = new Set<() => void>();

function readStored(): boolean | null {
  try {
    const v = globalThis.localStorage?.getItem(KEY);
    return v === null || v === undefined ? null : v === '1';
  } catch {
    return null;
  }
}

export function isAttentionOn(): boolean {
  return memory ?? readStored() ?? true;
}

export function setAttentionOn(on: boolean): void {
  memory = on;
  try {
    globalThis.localStorage?.setItem(KEY, on ? '1' : '0');
  } catch {
    // kept in memory for this visit
  }
  for (const l of listeners) l();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export const useAttentionOn = (): boolean => useSyncExternalStore(subscribe, isAttentionOn, () => true);
