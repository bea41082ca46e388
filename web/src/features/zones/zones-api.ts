/** Zones of a site through the API: a site has tens of them, fetched whole and refetched on `zone.changed`. */
import type { CreateZoneBody, PageOf, UpdateZoneBody, Zone } from '@anchang/contracts';
import { http } from '../../shared/api/client';
import { pageQuery, sitePath, type PageParams } from '../../shared/api/endpoints';
import { onSite, type FeatureInvalidations } from '../../shared/realtime/invalidation-rules';

export type CreateZoneInput = CreateZoneBody;
export type UpdateZoneInput = UpdateZoneBody;

export const zoneKeys = {
  all: (siteId: string) => ['site', siteId, 'zones'] as const,
};

export const zonesApi = {
  list: (siteId: string, p?: PageParams) => http.get<PageOf<Zone>>(`${sitePath(siteId)}/zones`, pageQuery(p)),
  create: (siteId: string, input: CreateZoneInput) => http.post<Zone>(`${sitePath(siteId)}/zones`, input),
  update: (siteId: string, zoneId: string, input: UpdateZoneInput) => http.patch<Zone>(`${sitePath(siteId)}/zones/${zoneId}`, input),
  remove: (siteId: string, zoneId: string) => http.delete(`${sitePath(siteId)}/zones/${zoneId}`),
};

export const zoneInvalidations: FeatureInvalidations = {
  'zone.changed': onSite((siteId) => [zoneKeys.all(siteId)]),
};
