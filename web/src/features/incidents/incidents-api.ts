/**
 * Incidents (GUARD-IN-4/5/6) through the API: the paged list, the report from the phone (with ids
 * the phone generates, so resending after a failure never reports twice) and the police decision
 * / closing. Realtime `incident.*` events refetch everything under the site's incidents key.
 */
import type { Incident, PageOf, UpdateIncidentBody } from '@anchang/contracts';
import { http } from '../../shared/api/client';
import { onSite, type FeatureInvalidations } from '../../shared/realtime/invalidation-rules';

export const incidentKeys = {
  all: (siteId: string) => ['site', siteId, 'incidents'] as const,
};

const base = (siteId: string) => `/sites/${encodeURIComponent(siteId)}/incidents`;

export interface ReportIncidentInput {
  id: string;
  kind: Incident['kind'];
  severity: Incident['severity'];
  description: string;
  photoId?: string;
}

export const incidentsApi = {
  list: (siteId: string, p: { cursor?: string | null; limit?: number; status?: Incident['status'] }) =>
    http.get<PageOf<Incident>>(base(siteId), { limit: p.limit, cursor: p.cursor ?? undefined, status: p.status }),
  report: (siteId: string, input: ReportIncidentInput) => http.post<Incident>(base(siteId), input),
  update: (siteId: string, incidentId: string, input: UpdateIncidentBody) =>
    http.patch<Incident>(`${base(siteId)}/${encodeURIComponent(incidentId)}`, input),
};

const incidentChanged = onSite((siteId) => [incidentKeys.all(siteId)]);

export const incidentInvalidations: FeatureInvalidations = {
  'incident.created': incidentChanged,
  'incident.updated': incidentChanged,
};
