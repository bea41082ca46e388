/**
 * Handovers (交接班) on the phone and the console: reads, and writes through the phone's outbox.
 * Keys, endpoints and the realtime rule are in handovers-api.ts.
 */
import { useMemo } from 'react';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { HandoverSettings, WriteHandoverBody } from '@anchang/contracts';
import { suppressRing } from '../../shared/attention/ring-memory';
import { useWaitingOps } from '../../shared/offline/outbox-client';
import { photoOps } from '../../shared/offline/photo-outbox';
import { sendThroughOutbox } from '../../shared/offline/send-through-outbox';
import { handoverKeys, handoversApi } from './handovers-api';
import type { HandoverConfirmOp, HandoverWriteOp } from './outbox-kinds';

export const useMyHandovers = (siteId: string) => useQuery({ queryKey: handoverKeys.mine(siteId), queryFn: () => handoversApi.mine(siteId) });

export const useHandover = (siteId: string, id: string) =>
  useQuery({ queryKey: handoverKeys.one(siteId, id), queryFn: () => handoversApi.get(siteId, id), retry: false });

export function useHandoversOn(siteId: string, date: string) {
  return useInfiniteQuery({
    queryKey: handoverKeys.day(siteId, date),
    queryFn: ({ pageParam }) => handoversApi.day(siteId, date, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export const useHandoverSettings = (siteId: string) =>
  useQuery({ queryKey: handoverKeys.settings(siteId), queryFn: () => handoversApi.settings(siteId) });

/**
 * Writes through the phone's outbox (photos first, each keyed by its own id): resolves `true` once
 * the server has it, `false` while it waits on the phone for the signal; a refusal is thrown in words.
 */
export function useWriteHandover(siteId: string, personId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    // Without a signal the handover is kept on the phone: the mutation must run, not pause.
    networkMode: 'always',
    mutationFn: async ({
      body,
      photos,
      postName,
    }: {
      body: Omit<WriteHandoverBody, 'photoIds'>;
      photos: readonly { id: string; blob: Blob }[];
      postName: string;
    }): Promise<boolean> => {
      await import('./outbox-kinds');
      // My own handover's event must not ring my phone.
      suppressRing(`handover:${body.id}`);
      const op: HandoverWriteOp = { kind: 'handoverWrite', siteId, postName, body: { ...body, photoIds: photos.map((p) => p.id) } };
      return (await sendThroughOutbox(personId, [...(await photoOps(siteId, photos)), op], body.id)).stored;
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: handoverKeys.root(siteId) }),
  });
}

/** The incoming person's confirmation, through the outbox with the tap's time. */
export function useConfirmHandover(siteId: string, personId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    networkMode: 'always',
    mutationFn: async ({ id, note, postName }: { id: string; note: string; postName: string }): Promise<boolean> => {
      await import('./outbox-kinds');
      const op: HandoverConfirmOp = {
        kind: 'handoverConfirm',
        siteId,
        handoverId: id,
        postName,
        body: { ...(note ? { note } : {}), at: Date.now() },
      };
      return (await sendThroughOutbox(personId, [op], `confirm:${id}`)).stored;
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: handoverKeys.root(siteId) }),
  });
}

/** This phone's handover writes not yet on the server, and the handovers it confirmed that wait to be sent. */
export function useWaitingHandovers(siteId: string, personId: string) {
  const written = useWaitingOps(personId, 'handoverWrite', siteId);
  const confirms = useWaitingOps(personId, 'handoverConfirm', siteId);
  return useMemo(() => ({ written, confirmed: new Set(confirms.map((op) => op.handoverId)) }), [written, confirms]);
}

export function useSaveHandoverSettings(siteId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: HandoverSettings) => handoversApi.saveSettings(siteId, body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: handoverKeys.root(siteId) }),
  });
}
