/**
 * Typed calls for checkpoints, shared by the console and the phone. Creates carry
 * ids made here, so a retried click does not hang a second checkpoint.
 */
import type { Checkpoint, PageOf, PublicCheckpoint, ScanResult } from '@anchang/contracts';
import { http } from '../../shared/api/client';
import type { PageParams } from '../../shared/api/endpoints';
import { onSite, type FeatureInvalidations } from '../../shared/realtime/invalidation-rules';

const site = (siteId: string) => `/sites/${encodeURIComponent(siteId)}`;
const page = (p: PageParams = {}) => ({ limit: p.limit, cursor: p.cursor ?? undefined });

export interface CheckpointInput {
  zoneId: string;
  nameZh: string;
  nameEn: string;
  lat?: number | null;
  lng?: number | null;
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

/** Under the site's keys, so `checkpoint.scanned` refreshes the last scan times. */
export const checkpointKeys = {
  all: (siteId: string) => ['site', siteId, 'checkpoints'] as const,
};

/** The URL a checkpoint's QR carries: the phone app's landing page, which works without login. */
export const checkpointUrl = (code: string) => `${window.location.origin}/m/q/c/${encodeURIComponent(code)}`;

export const checkpointInvalidations: FeatureInvalidations = {
  'checkpoint.scanned': onSite((siteId) => [checkpointKeys.all(siteId)]),
};
