/** The site's service standards (one per post kind) and their settings through the API; refetched on `standard.changed`. */
import type { AdoptLibraryUpdateBody, PostKind, PostStandard, StandardSettings, StandardSummary, UpdateStandardBody } from '@anchang/contracts';
import { http } from '../../shared/api/client';
import { sitePath } from '../../shared/api/endpoints';
import { onSite, type FeatureInvalidations } from '../../shared/realtime/invalidation-rules';

export interface StandardVersionInfo {
  versionId: string;
  version: number;
  changeNote: string;
  createdAt: number;
  createdBy: string | null;
}

export const standardKeys = {
  all: (siteId: string) => ['site', siteId, 'standards'] as const,
  one: (siteId: string, postKind: string) => ['site', siteId, 'standards', postKind] as const,
  settings: (siteId: string) => ['site', siteId, 'standard-settings'] as const,
};

export const standardsApi = {
  list: (siteId: string) => http.get<StandardSummary[]>(`${sitePath(siteId)}/standards`),
  adopt: (siteId: string) => http.post<StandardSummary[]>(`${sitePath(siteId)}/standards/adopt`),
  adoptUpdate: (siteId: string, input: AdoptLibraryUpdateBody) => http.post<StandardSummary[]>(`${sitePath(siteId)}/standards/library-update`, input),
  get: (siteId: string, postKind: PostKind) => http.get<PostStandard>(`${sitePath(siteId)}/standards/${postKind}`),
  versions: (siteId: string, postKind: PostKind) => http.get<StandardVersionInfo[]>(`${sitePath(siteId)}/standards/${postKind}/versions`),
  save: (siteId: string, postKind: PostKind, input: UpdateStandardBody) => http.put<PostStandard>(`${sitePath(siteId)}/standards/${postKind}`, input),
  settings: (siteId: string) => http.get<StandardSettings>(`${sitePath(siteId)}/standard-settings`),
  saveSettings: (siteId: string, input: StandardSettings) => http.put<StandardSettings>(`${sitePath(siteId)}/standard-settings`, input),
};

export const standardInvalidations: FeatureInvalidations = {
  'standard.changed': onSite((siteId) => [standardKeys.all(siteId), standardKeys.settings(siteId)]),
};
