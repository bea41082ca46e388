/**
 * Rounds and weather through the API. Everything lives under ['site', siteId, 'rounds'] and
 * ['site', siteId, 'weather'], which the realtime `round.*` / `weather.changed` events
 * invalidate; the pages refetch the day on `checkpoint.scanned` themselves (a scan may meet a slot).
 */
import type {
  Checkpoint,
  ComplianceRow,
  PageOf,
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
import { onSite, type FeatureInvalidations } from '../../shared/realtime/invalidation-rules';

const site = (siteId: string) => `/sites/${encodeURIComponent(siteId)}`;

export const roundKeys = {
  root: (siteId: string) => ['site', siteId, 'rounds'] as const,
  day: (siteId: string, date: string | null, scope: 'mine' | 'all') => ['site', siteId, 'rounds', 'day', date ?? 'today', scope] as const,
  schedules: (siteId: string) => ['site', siteId, 'rounds', 'schedules'] as const,
  compliance: (siteId: string, from: string, to: string, by: 'day' | 'person') => ['site', siteId, 'rounds', 'compliance', from, to, by] as const,
  checkpoints: (siteId: string) => ['site', siteId, 'rounds', 'checkpoints'] as const,
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
  checkpoints: (siteId: string) => http.get<PageOf<Checkpoint>>(`${site(siteId)}/checkpoints`, { limit: 200 }),
};

const roundsChanged = onSite((siteId) => [roundKeys.root(siteId)]);

export const roundInvalidations: FeatureInvalidations = {
  'round.changed': roundsChanged,
  'round.slot_missed': roundsChanged,
  // A declaration adds tasks to the posts' days.
  'weather.changed': onSite((siteId) => [roundKeys.weather(siteId), roundKeys.root(siteId)]),
};
