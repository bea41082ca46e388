/** The site's open visits and today's counts, refetched by the visit events (visits-api.ts). */
import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { HandoffTarget, RegisterVisitBody } from '@anchang/contracts';
import { getOutbox, newId } from '../../shared/offline/outbox-client';
import type { DrinkMadeOp, DrinkOrderOp, DrinkServedOp, HallSeatOp, VisitAckOp, VisitHandoffOp, VisitRegisterOp } from './outbox-kinds';
import { visitKeys, visitsApi } from './visits-api';

export const openVisitsKey = (siteId: string) => [...visitKeys.root(siteId), 'open'] as const;

export function useOpenVisits(siteId: string) {
  return useQuery({
    queryKey: openVisitsKey(siteId),
    queryFn: async () => (await visitsApi.list(siteId, { status: 'open', limit: 200 })).items,
  });
}

export function useVisitorCounts(siteId: string) {
  return useQuery({ queryKey: visitKeys.counts(siteId), queryFn: () => visitsApi.counts(siteId) });
}

/** The site's active consultants, to hand guests to. */
export function useConsultants(siteId: string, enabled: boolean) {
  const query = useQuery({ queryKey: visitKeys.consultants(siteId), queryFn: () => visitsApi.consultants(siteId), enabled });
  return { consultants: query.isError ? null : (query.data ?? null), isLoading: query.isLoading };
}

/** The site's hand-off limits: whether the consultant hand-off goes by rotation (轮流). */
export function useChainSettings(siteId: string, enabled = true) {
  return useQuery({
    queryKey: visitKeys.chainSettings(siteId),
    queryFn: () => visitsApi.chainSettings(siteId),
    enabled,
    staleTime: 60_000,
  });
}

/** Visit writes, through the phone's outbox: stored first, then sent (ids made here). */
export function useVisitActions(siteId: string, personId: string) {
  return useMemo(() => {
    const outbox = getOutbox();
    return {
      /** Registers an arrival; resolves with the outbox key, to wait for the server's answer. */
      async register(body: Omit<RegisterVisitBody, 'id'>): Promise<string> {
        const op: VisitRegisterOp = { kind: 'visitRegister', siteId, body: { id: newId(), ...body } };
        await outbox.enqueue(personId, [op]);
        return op.body.id;
      },
      async handOff(visitId: string, partySize: number, to: HandoffTarget, consultantId?: string): Promise<string> {
        const op: VisitHandoffOp = {
          kind: 'visitHandoff',
          siteId,
          visitId,
          partySize,
          body: { id: newId(), to, ...(consultantId ? { consultantId } : {}) },
        };
        await outbox.enqueue(personId, [op]);
        return op.body.id;
      },
      async acknowledge(visitId: string, handoffId: string, partySize: number): Promise<string> {
        const op: VisitAckOp = { kind: 'visitAck', siteId, visitId, handoffId, partySize };
        await outbox.enqueue(personId, [op]);
        return `ack:${handoffId}`;
      },
      waitForOutcome: (key: string) => outbox.waitForOutcome(key),
      discard: (key: string) => outbox.discard(key),
    };
  }, [siteId, personId]);
}

/** The hall's tables and the sand-table waiting list, refetched on `hall.changed`. */
export function useHall(siteId: string, enabled = true) {
  return useQuery({ queryKey: visitKeys.hall(siteId), queryFn: () => visitsApi.hall(siteId), enabled });
}

/** The bar's open drink orders, oldest first, refetched on `drink.changed`. */
export function useBarQueue(siteId: string, enabled = true) {
  return useQuery({
    queryKey: visitKeys.barQueue(siteId),
    queryFn: async () => [...(await visitsApi.barQueue(siteId))].sort((a, b) => a.orderedAt - b.orderedAt),
    enabled,
  });
}

/** Seating and drinks, through the phone's outbox like the other visit writes. */
export function useHallBarActions(siteId: string, personId: string) {
  return useMemo(() => {
    const outbox = getOutbox();
    return {
      async seat(visitId: string, partySize: number, tableId?: string): Promise<string> {
        const op: HallSeatOp = { kind: 'hallSeat', siteId, visitId, partySize, body: tableId ? { tableId } : {} };
        await outbox.enqueue(personId, [op]);
        return `seat:${visitId}`;
      },
      async orderDrinks(visitId: string, lines: { name: string; quantity: number }[]): Promise<string> {
        const op: DrinkOrderOp = { kind: 'drinkOrder', siteId, visitId, body: { id: newId(), lines } };
        await outbox.enqueue(personId, [op]);
        return op.body.id;
      },
      async made(orderId: string, tableName: string | null): Promise<string> {
        const op: DrinkMadeOp = { kind: 'drinkMade', siteId, orderId, tableName };
        await outbox.enqueue(personId, [op]);
        return `made:${orderId}`;
      },
      async served(orderId: string, by: 'BAR' | 'HALL', tableName: string | null): Promise<string> {
        const op: DrinkServedOp = { kind: 'drinkServed', siteId, orderId, tableName, body: { by } };
        await outbox.enqueue(personId, [op]);
        return `served:${orderId}`;
      },
      waitForOutcome: (key: string) => outbox.waitForOutcome(key),
      discard: (key: string) => outbox.discard(key),
    };
  }, [siteId, personId]);
}
