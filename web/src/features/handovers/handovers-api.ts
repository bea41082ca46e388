/**
 * Handovers (交接班) through the API. Everything lives under ['site', id, 'handovers'], which the
 * realtime `handover.changed` event invalidates, so the incoming phone and the console follow a
 * handover the moment it is written, confirmed or falls overdue.
 */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Handover, HandoverSettings, MyHandovers, PageOf, WriteHandoverBody } from '@anchang/contracts';
import { http } from '../../shared/api/client';
import { shiftsApi } from '../../shared/api/shifts-endpoints';
import { suppressRing } from '../../shared/attention/ring-memory';

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
  confirm: (siteId: string, id: string, note: string) =>
    http.post<Handover>(`${base(siteId)}/handovers/${encodeURIComponent(id)}/confirm`, note ? { note } : {}),
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

/** Photos go first (each keyed by its own id, so a retry stores them once), then the handover. */
export function useWriteHandover(siteId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, photos }: { body: Omit<WriteHandoverBody, 'photoIds'>; photos: readonly { id: string; blob: Blob }[] }) => {
      // My own handover's event must not ring my phone.
      suppressRing(`handover:${body.id}`);
      for (const p of photos) await shiftsApi.photos.upload(siteId, p.id, p.blob);
      return handoversApi.write(siteId, { ...body, photoIds: photos.map((p) => p.id) });
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: handoverKeys.root(siteId) }),
  });
}

export function useConfirmHandover(siteId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, note }: { id: string; note: string }) => handoversApi.confirm(siteId, id, note),
    onSettled: () => queryClient.invalidateQueries({ queryKey: handoverKeys.root(siteId) }),
  });
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
