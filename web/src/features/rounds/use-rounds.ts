/**
 * Rounds and weather on the console and the phone. Keys, endpoints and which realtime events
 * refetch them are in rounds-api.ts; the pages also refetch the day on `checkpoint.scanned`
 * themselves (a scan may meet a slot).
 */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PostKind, RoundSlot, UpdateRoundScheduleBody } from '@anchang/contracts';
import { standardKeys, standardsApi } from '../standards/standards-api';
import { type DeclareWeatherInput, roundKeys, roundsApi } from './rounds-api';

export function useRoundDay(siteId: string, date: string | null, scope: 'mine' | 'all') {
  return useQuery({ queryKey: roundKeys.day(siteId, date, scope), queryFn: () => roundsApi.day(siteId, { date, scope }) });
}

export function useSchedules(siteId: string) {
  return useInfiniteQuery({
    queryKey: roundKeys.schedules(siteId),
    queryFn: ({ pageParam }) => roundsApi.schedules(siteId, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useCompliance(siteId: string, from: string, to: string, by: 'day' | 'person') {
  return useInfiniteQuery({
    queryKey: roundKeys.compliance(siteId, from, to, by),
    queryFn: ({ pageParam }) => roundsApi.compliance(siteId, { from, to, by, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useWeather(siteId: string) {
  return useInfiniteQuery({
    queryKey: [...roundKeys.weather(siteId), 'list'],
    queryFn: ({ pageParam }) => roundsApi.weather(siteId, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useWebhookInfo(siteId: string, enabled: boolean) {
  return useQuery({ queryKey: [...roundKeys.weather(siteId), 'webhook'], queryFn: () => roundsApi.webhook(siteId), enabled });
}

export function useStandardItems(siteId: string, postKind: PostKind | null) {
  return useQuery({
    queryKey: standardKeys.one(siteId, postKind ?? ''),
    queryFn: () => standardsApi.get(siteId, postKind!),
    enabled: !!postKind,
  });
}

export function useCheckpoints(siteId: string) {
  return useQuery({ queryKey: roundKeys.checkpoints(siteId), queryFn: () => roundsApi.checkpoints(siteId) });
}

/** Invalidates the site's rounds and weather after a write of ours (the realtime event may come later). */
function useRefresh(siteId: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: roundKeys.root(siteId) });
    void queryClient.invalidateQueries({ queryKey: roundKeys.weather(siteId) });
  };
}

/**
 * Confirms through the phone's outbox: the tap (with its time) and its photo are stored on the
 * phone first (photo sent first). Resolves `true` once the server has it, `false` while it waits
 * for the signal; a refusal is dropped from the outbox and thrown with its words.
 */
export function useConfirmSlot(siteId: string, personId: string) {
  const refresh = useRefresh(siteId);
  return useMutation({
    // Without a signal the confirmation is kept on the phone: the mutation must run, not pause.
    networkMode: 'always',
    mutationFn: async ({ slot, label, photo }: { slot: RoundSlot; label: string; photo: { id: string; blob: Blob } | null }) => {
      const [{ sendThroughOutbox }, { photoOps }] = await Promise.all([
        import('../../shared/offline/send-through-outbox'),
        import('../../shared/offline/photo-outbox'),
        import('./outbox-kinds'),
      ]);
      const photos = photo ? await photoOps(siteId, [photo]) : [];
      const op = { kind: 'roundConfirm' as const, siteId, slotId: slot.id, label, body: { ...(photo ? { photoId: photo.id } : {}), at: Date.now() } };
      return (await sendThroughOutbox(personId, [...photos, op], slot.id)).stored;
    },
    onSuccess: refresh,
  });
}

export function useSaveSchedule(siteId: string) {
  const refresh = useRefresh(siteId);
  return useMutation({
    mutationFn: ({ id, body, isNew }: { id: string; body: UpdateRoundScheduleBody; isNew: boolean }) =>
      isNew ? roundsApi.createSchedule(siteId, { ...body, id }) : roundsApi.updateSchedule(siteId, id, body),
    onSuccess: refresh,
  });
}

export function useDeleteSchedule(siteId: string) {
  const refresh = useRefresh(siteId);
  return useMutation({ mutationFn: (id: string) => roundsApi.deleteSchedule(siteId, id), onSuccess: refresh });
}

export function useDeclareWeather(siteId: string) {
  const refresh = useRefresh(siteId);
  return useMutation({ mutationFn: (body: DeclareWeatherInput) => roundsApi.declare(siteId, body), onSuccess: refresh });
}

export function useEndWeather(siteId: string) {
  const refresh = useRefresh(siteId);
  return useMutation({ mutationFn: (id: string) => roundsApi.endWeather(siteId, id), onSuccess: refresh });
}

export function useRotateWebhook(siteId: string) {
  const refresh = useRefresh(siteId);
  return useMutation({ mutationFn: () => roundsApi.rotate(siteId), onSuccess: refresh });
}
