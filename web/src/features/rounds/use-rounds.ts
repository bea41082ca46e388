/**
 * Rounds and weather through the API. Everything lives under ['site', siteId, 'rounds'] and
 * ['site', siteId, 'weather'], which the realtime `round.*` / `weather.changed` events
 * invalidate; a `checkpoint.scanned` event refreshes the day (a scan may meet a slot).
 */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Checkpoint,
  ComplianceRow,
  PageOf,
  PostKind,
  PostStandard,
  RotatedWebhookToken,
  RoundDay,
  RoundSchedule,
  RoundScheduleBody,
  RoundSlot,
  UpdateRoundScheduleBody,
  WeatherDeclaration,
  WeatherKind,
  WeatherWebhookInfo,
} from '@anchang/contracts';
import { http } from '../../shared/api/client';

const site = (siteId: string) => `/sites/${encodeURIComponent(siteId)}`;

export const roundKeys = {
  root: (siteId: string) => ['site', siteId, 'rounds'] as const,
  day: (siteId: string, date: string | null, scope: 'mine' | 'all') => ['site', siteId, 'rounds', 'day', date ?? 'today', scope] as const,
  schedules: (siteId: string) => ['site', siteId, 'rounds', 'schedules'] as const,
  compliance: (siteId: string, from: string, to: string, by: 'day' | 'person') => ['site', siteId, 'rounds', 'compliance', from, to, by] as const,
  weather: (siteId: string) => ['site', siteId, 'weather'] as const,
};

export interface DeclareWeatherInput {
  id: string;
  kind: WeatherKind;
  note?: string;
  graceMinutes?: number;
}

export const roundsApi = {
  day: (siteId: string, q: { date?: string | null; scope: 'mine' | 'all' }) =>
    http.get<RoundDay>(`${site(siteId)}/rounds/day`, { date: q.date ?? undefined, scope: q.scope }),
  schedules: (siteId: string, cursor: string | null) =>
    http.get<PageOf<RoundSchedule>>(`${site(siteId)}/round-schedules`, { limit: 100, cursor: cursor ?? undefined }),
  createSchedule: (siteId: string, body: RoundScheduleBody) => http.post<RoundSchedule>(`${site(siteId)}/round-schedules`, body),
  updateSchedule: (siteId: string, id: string, body: UpdateRoundScheduleBody) =>
    http.put<RoundSchedule>(`${site(siteId)}/round-schedules/${encodeURIComponent(id)}`, body),
  deleteSchedule: (siteId: string, id: string) => http.delete(`${site(siteId)}/round-schedules/${encodeURIComponent(id)}`),
  confirm: (siteId: string, slotId: string, body: { photoId?: string; at?: number }) =>
    http.post<RoundSlot>(`${site(siteId)}/round-slots/${encodeURIComponent(slotId)}/confirm`, body),
  compliance: (siteId: string, q: { from: string; to: string; by: 'day' | 'person'; cursor: string | null }) =>
    http.get<PageOf<ComplianceRow>>(`${site(siteId)}/rounds/compliance`, {
      from: q.from,
      to: q.to,
      by: q.by,
      limit: 50,
      cursor: q.cursor ?? undefined,
    }),
  weather: (siteId: string, cursor: string | null) =>
    http.get<PageOf<WeatherDeclaration>>(`${site(siteId)}/weather`, { limit: 20, cursor: cursor ?? undefined }),
  declare: (siteId: string, body: DeclareWeatherInput) => http.post<WeatherDeclaration>(`${site(siteId)}/weather`, body),
  endWeather: (siteId: string, id: string) => http.post<WeatherDeclaration>(`${site(siteId)}/weather/${encodeURIComponent(id)}/end`),
  webhook: (siteId: string) => http.get<WeatherWebhookInfo>(`${site(siteId)}/weather/webhook`),
  rotate: (siteId: string) => http.post<RotatedWebhookToken>(`${site(siteId)}/weather/webhook/rotate`),
  standard: (siteId: string, postKind: PostKind) => http.get<PostStandard>(`${site(siteId)}/standards/${postKind}`),
  checkpoints: (siteId: string) => http.get<PageOf<Checkpoint>>(`${site(siteId)}/checkpoints`, { limit: 200 }),
};

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
    queryKey: ['site', siteId, 'standards', postKind ?? ''],
    queryFn: () => roundsApi.standard(siteId, postKind!),
    enabled: !!postKind,
  });
}

export function useCheckpoints(siteId: string) {
  return useQuery({ queryKey: ['site', siteId, 'rounds', 'checkpoints'], queryFn: () => roundsApi.checkpoints(siteId) });
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
