/**
 * Handovers (交接班) through the API. Everything lives under ['site', id, 'handovers'], which the
 * realtime `handover.changed` event invalidates, so the incoming phone and the console follow a
 * handover the moment it is written, confirmed or falls overdue.
 */
import type { Handover, HandoverSettings, MyHandovers, PageOf, WriteHandoverBody } from '@anchang/contracts';
import { http } from '../../shared/api/client';
import { onSite, type FeatureInvalidations } from '../../shared/realtime/invalidation-rules';
import { photosApi } from '../../shared/api/photos';

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

export const photoUrl = (siteId: string, photoId: string) => photosApi.url(siteId, photoId);

/** Overdue is what the people see: written, past its limit, nobody confirmed. */
export const displayStatus = (h: Handover, now: number): 'written' | 'confirmed' | 'overdue' =>
  h.status === 'confirmed' ? 'confirmed' : h.alertedAt !== null || now >= h.confirmBy ? 'overdue' : 'written';

export const handoverInvalidations: FeatureInvalidations = {
  'handover.changed': onSite((siteId) => [handoverKeys.root(siteId)]),
};
