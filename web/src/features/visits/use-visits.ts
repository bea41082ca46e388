/** The site's open visits and today's counts, refetched by the visit events (invalidate.ts). */
import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { HandoffTarget, RegisterVisitBody } from '@anchang/contracts';
import { queryKeys } from '../../shared/api/query-keys';
import { visitsApi } from '../../shared/api/visits-endpoints';
import type { VisitAckOp, VisitHandoffOp, VisitRegisterOp } from '../shift/outbox';
import { getOutbox, newId } from '../shift/outbox-client';

export const openVisitsKey = (siteId: string) => [...queryKeys.visitsRoot(siteId), 'open'] as const;

export function useOpenVisits(siteId: string) {
  return useQuery({
    queryKey: openVisitsKey(siteId),
    queryFn: async () => (await visitsApi.list(siteId, { status: 'open', limit: 200 })).items,
  });
}

export function useVisitorCounts(siteId: string) {
  return useQuery({ queryKey: queryKeys.visitorCounts(siteId), queryFn: () => visitsApi.counts(siteId) });
}

/** The site's active consultants, to hand guests to. */
export function useConsultants(siteId: string, enabled: boolean) {
  const query = useQuery({ queryKey: queryKeys.consultants(siteId), queryFn: () => visitsApi.consultants(siteId), enabled });
  return { consultants: query.isError ? null : (query.data ?? null), isLoading: query.isLoading };
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
