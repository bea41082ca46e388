/**
 * Typed calls for patrols: routes of checkpoints, their schedules and the day's rounds, shared by
 * the console and the phone. Creates carry ids made here, so a retried click makes one.
 */
import type { EquipmentState, PageOf, PatrolRound, PatrolRoute, PatrolSchedule, PostKind } from '@anchang/contracts';
import { http } from '../../shared/api/client';
import { pageQuery, sitePath, type PageParams } from '../../shared/api/endpoints';
import { onSite, type FeatureInvalidations } from '../../shared/realtime/invalidation-rules';

export interface RouteInput {
  nameZh: string;
  nameEn: string;
  stops: { checkpointId: string; plannedMinute: number }[];
}
export interface ScheduleInput {
  id: string;
  routeId: string;
  postKind?: PostKind;
  kind: 'every' | 'fixed';
  everyMinutes?: number;
  times?: string[];
  graceMinutes?: number;
}

export const patrolsApi = {
  routes: (siteId: string, p: PageParams = {}) => http.get<PageOf<PatrolRoute>>(`${sitePath(siteId)}/patrol-routes`, pageQuery(p)),
  createRoute: (siteId: string, body: RouteInput & { id: string }) => http.post<PatrolRoute>(`${sitePath(siteId)}/patrol-routes`, body),
  updateRoute: (siteId: string, id: string, body: Partial<RouteInput>) =>
    http.patch<PatrolRoute>(`${sitePath(siteId)}/patrol-routes/${encodeURIComponent(id)}`, body),
  archiveRoute: (siteId: string, id: string) => http.delete(`${sitePath(siteId)}/patrol-routes/${encodeURIComponent(id)}`),
  schedules: (siteId: string, p: PageParams = {}) => http.get<PageOf<PatrolSchedule>>(`${sitePath(siteId)}/patrol-schedules`, pageQuery(p)),
  createSchedule: (siteId: string, body: ScheduleInput) => http.post<PatrolSchedule>(`${sitePath(siteId)}/patrol-schedules`, body),
  stopSchedule: (siteId: string, id: string) => http.delete(`${sitePath(siteId)}/patrol-schedules/${encodeURIComponent(id)}`),
  rounds: (siteId: string, p: PageParams & { date?: string } = {}) =>
    http.get<PageOf<PatrolRound>>(`${sitePath(siteId)}/patrol-rounds`, { ...pageQuery(p), date: p.date }),
  myRounds: (siteId: string, p: PageParams & { date?: string } = {}) =>
    http.get<PageOf<PatrolRound>>(`${sitePath(siteId)}/patrol-rounds/mine`, { ...pageQuery(p), date: p.date }),
  equipment: (siteId: string, roundId: string, position: number, body: { state: EquipmentState; note?: string }) =>
    http.put<PatrolRound>(`${sitePath(siteId)}/patrol-rounds/${encodeURIComponent(roundId)}/checks/${position}/equipment`, body),
};

/** Under one key, so realtime events (`checkpoint.scanned`, `patrol.round_changed`) refresh them. */
export const patrolKeys = {
  root: (siteId: string) => ['site', siteId, 'patrols'] as const,
  routes: (siteId: string) => ['site', siteId, 'patrols', 'routes'] as const,
  schedules: (siteId: string) => ['site', siteId, 'patrols', 'schedules'] as const,
  rounds: (siteId: string, date: string) => ['site', siteId, 'patrols', 'rounds', date] as const,
  myRounds: (siteId: string) => ['site', siteId, 'patrols', 'mine'] as const,
};

const patrolsChanged = onSite((siteId) => [patrolKeys.root(siteId)]);

export const patrolInvalidations: FeatureInvalidations = {
  'checkpoint.scanned': patrolsChanged,
  'patrol.round_changed': patrolsChanged,
};
