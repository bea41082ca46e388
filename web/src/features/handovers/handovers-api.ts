/**
 * Handovers (交接班) through the API. Everything lives under ['site', id, 'handovers'], which the
 * realtime `handover.changed` event invalidates, so the incoming phone and the console follow a
 * handover the moment it is written, confirmed or falls overdue.
 */
import { useMemo } from 'react';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Handover, HandoverSettings, MyHandovers, PageOf, WriteHandoverBody } from '@anchang/contracts';
import { http } from '../../shared/api/client';
import { shiftsApi } from '../../shared/api/shifts-endpoints';
import { suppressRing } from '../../shared/attention/ring-memory';
import { useWaitingOps } from '../../shared/offline/outbox-client';
import { photoOps } from '../../shared/offline/photo-outbox';
import { sendThroughOutbox } from '../../shared/offline/send-through-outbox';
import type { HandoverConfirmOp, HandoverWriteOp } from './outbox-kinds';

const base = (siteId: string) => `/sites/${encodeURIComponent(siteId)}`;

export const handoverKeys = {
  root: (siteId: string) => ['site', siteId, 'handovers'] as const,
  mine: (siteId: string) => ['site', siteId, 'handovers', 'mine'] as const,
  day: (siteId: string, date: string) => ['site', siteId, 'handovers', 'day', date] as const,
  one: (siteId: string, id: string) => ['site', siteId, 'handovers', 'one', id] as const,
  settings: (siteId: string) => ['site', siteId, 'handovers', 'settings'] as const,
};

export const handoversApi = {
  mine: (siteId: string) => http.get<MyHandovers>(`${base(siteId)}/handovers/mine`),
  day: (siteId: string, date: string, cursor: string | null) =>
    http.get<PageOf<Handover>>(`${base(siteId)}/handovers`, { date, limit: 30, cursor: cursor ?? undefined }),
  get: (siteId: string, id: string) => http.get<Handover>(`${base(siteId)}/handovers/${encodeURIComponent(id)}`),
  write: (siteId: string, body: WriteHandoverBody) => http.post<Handover>(`${base(siteId)}/handovers`, body),
  confirm: (siteId: string, id: string, body: { note?: string; at?: number }) =>
    http.post<Handover>(`${base(siteId)}/handovers/${encodeURIComponent(id)}/confirm`, body),
  settings: (siteId: string) => http.get<HandoverSettings>(`${base(siteId)}/handover-settings`),
  saveSettings: (siteId: string, body: HandoverSettings) => http.put<HandoverSettings>(`${base(siteId)}/handover-settings`, body),
};

export const photoUrl = (siteId: string, photoId: string) => shiftsApi.photos.url(siteId, photoId);

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

/** Overdue is what the people see: written, past its limit, nobody confirmed. */
export const displayStatus = (h: Handover, now: number): 'written' | 'confirmed' | 'overdue' =>
  h.status === 'confirmed' ? 'confirmed' : h.alertedAt !== null || now >= h.confirmBy ? 'overdue' : 'written';
