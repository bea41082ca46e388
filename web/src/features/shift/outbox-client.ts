/**
 * The tab's one outbox, wired to IndexedDB, the API, the network status and the other tabs;
 * and the hooks the shift screens read it through.
 */
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { MyDay, PageOf, Requisition, ShiftDetail } from '@anchang/contracts';
import { queryKeys } from '../../shared/api/query-keys';
import { shiftsApi } from '../../shared/api/shifts-endpoints';
import { visitsApi } from '../../shared/api/visits-endpoints';
import { idbDelete, idbGetAll, idbPut } from '../../shared/offline/idb';
import { Outbox, type OutboxItem, type OutboxOp } from './outbox';
import { rememberSentOpinion } from './sent-opinions';

function send(op: OutboxOp): Promise<unknown> {
  switch (op.kind) {
    case 'clockIn':
      return shiftsApi.shifts.clockIn(op.siteId, op.body);
    case 'photo':
      return shiftsApi.photos.upload(op.siteId, op.photoId, new Blob([op.bytes], { type: op.contentType }));
    case 'result':
      return shiftsApi.shifts.recordResult(op.siteId, op.shiftId, op.body);
    case 'requisition':
      return shiftsApi.requisitions.create(op.siteId, op.body);
    case 'opinion':
      return shiftsApi.opinions.create(op.siteId, op.body);
    case 'clockOut':
      return shiftsApi.shifts.clockOut(op.siteId, op.shiftId, op.body);
    case 'visitRegister':
      return visitsApi.register(op.siteId, op.body);
    case 'visitHandoff':
      return visitsApi.handOff(op.siteId, op.visitId, op.body);
    case 'visitAck':
      return visitsApi.acknowledge(op.siteId, op.visitId, op.handoffId);
    case 'hallSeat':
      return visitsApi.seat(op.siteId, op.visitId, op.body);
    case 'drinkOrder':
      return visitsApi.orderDrinks(op.siteId, op.visitId, op.body);
    case 'drinkMade':
      return visitsApi.drinkMade(op.siteId, op.orderId);
    case 'drinkServed':
      return visitsApi.drinkServed(op.siteId, op.orderId, op.body);
  }
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
  });
  if (channel) channel.onmessage = () => void outbox.refresh();
  instance = outbox;
  return outbox;
}

/** A fresh id for a write, made when the person acts (crypto.randomUUID where the page is secure). */
export function newId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The person's writes on this phone, in order, waiting or failed. */
export function useOutboxItems(personId: string): readonly OutboxItem[] {
  const outbox = getOutbox();
  const all = useSyncExternalStore(outbox.subscribe, outbox.getSnapshot);
  return useMemo(() => all.filter((item) => item.personId === personId), [all, personId]);
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
    outbox.start(personId, (item, response) => applyAnswer(queryClient, item, response));
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

function applyAnswer(queryClient: QueryClient, item: OutboxItem, response: unknown): void {
  const { op } = item;
  const invalidate = (queryKey: readonly unknown[]) => void queryClient.invalidateQueries({ queryKey });
  switch (op.kind) {
    case 'clockIn':
    case 'clockOut': {
      const detail = response as ShiftDetail;
      queryClient.setQueryData(queryKeys.shift(op.siteId, detail.shift.id), detail);
      queryClient.setQueryData<MyDay>(queryKeys.myDay(op.siteId), (day) =>
        day
          ? {
              ...day,
              openShift: detail.shift.status === 'open' ? detail.shift : null,
              roster: day.roster.map((line) =>
                op.kind === 'clockIn' && line.entry.id === op.entryId ? { ...line, shiftId: detail.shift.id } : line,
              ),
            }
          : day,
      );
      invalidate(queryKeys.myDay(op.siteId));
      break;
    }
    case 'result': {
      queryClient.setQueryData<ShiftDetail>(queryKeys.shift(op.siteId, op.shiftId), response as ShiftDetail);
      if (op.body.result === 'anomaly') invalidate(queryKeys.anomaliesRoot(op.siteId));
      break;
    }
    case 'requisition': {
      const created = response as Requisition;
      queryClient.setQueryData<PageOf<Requisition>>(queryKeys.requisitions(op.siteId, 'mine'), (page) =>
        page && !page.items.some((r) => r.id === created.id) ? { ...page, items: [created, ...page.items] } : page,
      );
      invalidate(queryKeys.requisitionsRoot(op.siteId));
      break;
    }
    case 'opinion':
      rememberSentOpinion(item.personId, { ...op.body, siteId: op.siteId, sentAt: Date.now() });
      break;
    case 'photo':
      break;
    case 'visitRegister':
    case 'visitHandoff':
    case 'visitAck':
      invalidate(queryKeys.visitsRoot(op.siteId));
      invalidate(queryKeys.visitorCounts(op.siteId));
      break;
    case 'hallSeat':
    case 'drinkOrder':
    case 'drinkMade':
    case 'drinkServed':
      invalidate(queryKeys.hall(op.siteId));
      invalidate(queryKeys.barQueue(op.siteId));
      break;
  }
}
