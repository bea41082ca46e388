/**
 * The tab's one outbox, wired to IndexedDB, the registered kinds, the network status and the
 * other tabs; and the hooks the screens read it through.
 */
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { idbDelete, idbGetAll, idbPut } from './idb';
import { newId } from './new-id';
import { Outbox, type OutboxItem, type OutboxOp } from './outbox';
import { requireKind, type OutboxKindName, type OutboxOpsByKind } from './outbox-registry';

export { newId };

/**
 * Loads every feature's kinds (set once by the app): a write stored by a screen not opened since
 * the reload must still be sent, so the sender loads them all before its first send.
 */
let loadKinds: () => Promise<unknown> = () => Promise.resolve();
let kindsLoaded: Promise<unknown> | null = null;
export function setOutboxKindLoader(load: () => Promise<unknown>): void {
  loadKinds = load;
  kindsLoaded = null;
}
export function ensureOutboxKinds(): Promise<unknown> {
  kindsLoaded ??= loadKinds().catch((error: unknown) => {
    kindsLoaded = null; // a chunk that failed to load (no network yet) is tried again
    throw error;
  });
  return kindsLoaded;
}

function send(op: OutboxOp): Promise<unknown> {
  return requireKind(op).send(op);
}

const CHANNEL = 'anchang.outbox';
let instance: Outbox | null = null;

/** The outbox of this tab, created on first use (never during module import, for tests). */
export function getOutbox(): Outbox {
  if (instance) return instance;
  const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL);
  const outbox = new Outbox({
    store: {
      load: () => idbGetAll<OutboxItem>('outbox'),
      put: (items) => idbPut('outbox', items),
      remove: (keys) => idbDelete('outbox', keys),
    },
    send,
    isOnline: () => navigator.onLine,
    now: () => Date.now(),
    random: () => Math.random(),
    setTimer: (fn, ms) => {
      const timer = setTimeout(fn, ms);
      return () => clearTimeout(timer);
    },
    withLock: async (fn) => {
      if (!navigator.locks) return fn();
      let result: Awaited<ReturnType<typeof fn>> | undefined;
      await navigator.locks.request('anchang.outbox', async () => {
        result = await fn();
      });
      return result!;
    },
    broadcast: () => channel?.postMessage('changed'),
    prepare: ensureOutboxKinds,
  });
  if (channel) channel.onmessage = () => void outbox.refresh();
  instance = outbox;
  return outbox;
}

/** The person's writes on this phone, in order, waiting or failed. */
export function useOutboxItems(personId: string): readonly OutboxItem[] {
  const outbox = getOutbox();
  const all = useSyncExternalStore(outbox.subscribe, outbox.getSnapshot);
  return useMemo(() => all.filter((item) => item.personId === personId), [all, personId]);
}

/** This person's writes of one kind for one site still on the phone: what a screen shows as 待发送. */
export function useWaitingOps<K extends OutboxKindName>(personId: string, kind: K, siteId: string): OutboxOpsByKind[K][] {
  const items = useOutboxItems(personId);
  return useMemo(
    () => items.flatMap((i) => (i.op.kind === kind && i.op.siteId === siteId ? [i.op as OutboxOpsByKind[K]] : [])),
    [items, kind, siteId],
  );
}

export function useOutboxSending(): { sendingKey: string | null; retryAt: number | null } {
  const outbox = getOutbox();
  const sendingKey = useSyncExternalStore(outbox.subscribe, outbox.getSendingKey);
  const retryAt = useSyncExternalStore(outbox.subscribe, outbox.getRetryAt);
  return { sendingKey, retryAt };
}

/**
 * Runs the sender while this person is signed in (mounted once, in the phone layout): sends on
 * start, when the network comes back and when the tab is shown again, and puts each server
 * answer into the query cache so the screens move from "waiting" to "saved" without a gap.
 */
export function useOutboxSender(personId: string): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const outbox = getOutbox();
    outbox.start(personId, (item, response) => requireKind(item.op).apply?.(item.op, response, { queryClient, personId: item.personId }));
    // The kinds (and so the banner's counts and the sheet's words) load with the sender; the list
    // redraws once they are in, with or without a network.
    void ensureOutboxKinds().then(
      () => {
        outbox.kindsLoaded();
        outbox.retryNow();
      },
      () => undefined,
    );
    const onOnline = () => outbox.retryNow();
    const onVisible = () => {
      if (document.visibilityState === 'visible') outbox.retryNow();
    };
    window.addEventListener('online', onOnline);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.removeEventListener('online', onOnline);
      document.removeEventListener('visibilitychange', onVisible);
      outbox.stop();
    };
  }, [personId, queryClient]);
}
