/** A site's own record through the API. The list of sites and `me` (which names them) are shared keys. */
import type { CreateSiteBody, PageOf, Site, UpdateSiteBody } from '@anchang/contracts';
import { http } from '../../shared/api/client';
import { pageQuery, sitePath, type PageParams } from '../../shared/api/endpoints';
import { queryKeys } from '../../shared/api/query-keys';
import type { FeatureInvalidations } from '../../shared/realtime/invalidation-rules';

// Defaults in the schema (address, timeZone) make those fields optional for a caller.
export type CreateSiteInput = Omit<CreateSiteBody, 'address' | 'timeZone'> & { address?: string; timeZone?: string };
export type UpdateSiteInput = UpdateSiteBody;

export const siteKeys = {
  detail: (siteId: string) => ['site', siteId, 'detail'] as const,
};

export const sitesApi = {
  list: (p?: PageParams) => http.get<PageOf<Site>>('/sites', pageQuery(p)),
  create: (input: CreateSiteInput) => http.post<Site>('/sites', input),
  get: (siteId: string) => http.get<Site>(sitePath(siteId)),
  update: (siteId: string, input: UpdateSiteInput) => http.patch<Site>(sitePath(siteId), input),
};

export const siteInvalidations: FeatureInvalidations = {
  // Site names and time zones live in me.sites too.
  'site.changed': ({ siteId }) => [...(siteId ? [siteKeys.detail(siteId)] : []), queryKeys.sites, queryKeys.me],
};
