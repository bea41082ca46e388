/**
 * Typed calls for checkpoints and patrols, shared by the console and the phone. Creates carry
 * ids made here, so a retried click does not hang a second checkpoint.
 */
import type {
  Checkpoint,
  EquipmentState,
  PageOf,
  PatrolRound,
  PatrolRoute,
  PatrolSchedule,
  PostKind,
  PublicCheckpoint,
  ScanResult,
} from '@anchang/contracts';
import { http } from '../../shared/api/client';
import type { PageParams } from '../../shared/api/endpoints';

const site = (siteId: string) => `/sites/${encodeURIComponent(siteId)}`;
const page = (p: PageParams = {}) => ({ limit: p.limit, cursor: p.cursor ?? undefined });

export interface CheckpointInput {
  zoneId: string;
  nameZh: string;
  nameEn: string;
  lat?: number | null;
  lng?: number | null;
}
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

export const checkpointsApi = {
  list: (siteId: string, p: PageParams & { includeRevoked?: boolean } = {}) =>
    http.get<PageOf<Checkpoint>>(`${site(siteId)}/checkpoints`, { ...page(p), includeRevoked: p.includeRevoked }),
  create: (siteId: string, body: CheckpointInput & { id: string }) => http.post<Checkpoint>(`${site(siteId)}/checkpoints`, body),
  update: (siteId: string, id: string, body: Partial<CheckpointInput>) =>
    http.patch<Checkpoint>(`${site(siteId)}/checkpoints/${encodeURIComponent(id)}`, body),
  remove: (siteId: string, id: string) => http.delete(`${site(siteId)}/checkpoints/${encodeURIComponent(id)}`),
  revoke: (siteId: string, id: string) => http.post<Checkpoint>(`${site(siteId)}/checkpoints/${encodeURIComponent(id)}/revoke`),
  reissue: (siteId: string, id: string) => http.post<Checkpoint>(`${site(siteId)}/checkpoints/${encodeURIComponent(id)}/reissue`),
  publicView: (code: string) => http.get<PublicCheckpoint>(`/public/checkpoints/${encodeURIComponent(code)}`),
  scan: (body: { id: string; code: string; lat?: number; lng?: number; accuracyM?: number; at?: number }) => http.post<ScanResult>('/scans', body),
};

export const patrolsApi = {
  routes: (siteId: string, p: PageParams = {}) => http.get<PageOf<PatrolRoute>>(`${site(siteId)}/patrol-routes`, page(p)),
  createRoute: (siteId: string, body: RouteInput & { id: string }) => http.post<PatrolRoute>(`${site(siteId)}/patrol-routes`, body),
  updateRoute: (siteId: string, id: string, body: Partial<RouteInput>) =>
    http.patch<PatrolRoute>(`${site(siteId)}/patrol-routes/${encodeURIComponent(id)}`, body),
  archiveRoute: (siteId: string, id: string) => http.delete(`${site(siteId)}/patrol-routes/${encodeURIComponent(id)}`),
  schedules: (siteId: string, p: PageParams = {}) => http.get<PageOf<PatrolSchedule>>(`${site(siteId)}/patrol-schedules`, page(p)),
  createSchedule: (siteId: string, body: ScheduleInput) => http.post<PatrolSchedule>(`${site(siteId)}/patrol-schedules`, body),
  stopSchedule: (siteId: string, id: string) => http.delete(`${site(siteId)}/patrol-schedules/${encodeURIComponent(id)}`),
  rounds: (siteId: string, p: PageParams & { date?: string } = {}) =>
    http.get<PageOf<PatrolRound>>(`${site(siteId)}/patrol-rounds`, { ...page(p), date: p.date }),
  myRounds: (siteId: string, p: PageParams & { date?: string } = {}) =>
    http.get<PageOf<PatrolRound>>(`${site(siteId)}/patrol-rounds/mine`, { ...page(p), date: p.date }),
  equipment: (siteId: string, roundId: string, position: number, body: { state: EquipmentState; note?: string }) =>
    http.put<PatrolRound>(`${site(siteId)}/patrol-rounds/${encodeURIComponent(roundId)}/checks/${position}/equipment`, body),
};

/** Under the site's keys, so realtime events (`checkpoint.scanned`, `patrol.round_changed`) refresh them. */
export const patrolKeys = {
  checkpoints: (siteId: string) => ['site', siteId, 'checkpoints'] as const,
  routes: (siteId: string) => ['site', siteId, 'patrols', 'routes'] as const,
  schedules: (siteId: string) => ['site', siteId, 'patrols', 'schedules'] as const,
  rounds: (siteId: string, date: string) => ['site', siteId, 'patrols', 'rounds', date] as const,
  myRounds: (siteId: string) => ['site', siteId, 'patrols', 'mine'] as const,
};

/** The URL a checkpoint's QR carries: the phone app's landing page, which works without login. */
export const checkpointUrl = (code: string) => `${window.location.origin}/m/q/c/${encodeURIComponent(code)}`;
