/**
 * Incidents (GUARD-IN-4/5/6) through the API: the paged list, the report from the phone (with
 * ids the phone generates, so resending after a failure never reports twice) and the police
 * decision / closing. Realtime `incident.*` events invalidate everything under the site's
 * incidents key, so these lists refresh on their own.
 */
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { hasRole, type Incident, type PageOf, type Role, type UpdateIncidentBody } from '@anchang/contracts';
import { http } from '../../shared/api/client';
import { queryKeys } from '../../shared/api/query-keys';
import { shiftsApi } from '../../shared/api/shifts-endpoints';

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

/** Who records the police decision and closes (server: INCIDENT_DECIDERS in incidents.service). */
const INCIDENT_DECIDERS: readonly Role[] = ['company_admin', 'site_manager', 'supervisor', 'sales_consultant'];
export const canDecideIncidents = (role: Role | null | undefined): boolean => !!role && hasRole(INCIDENT_DECIDERS, role);

export const INCIDENT_FILTERS = ['open', 'closed', 'all'] as const;
export type IncidentFilter = (typeof INCIDENT_FILTERS)[number];

export function useIncidents(siteId: string, filter: IncidentFilter, pageSize = 30) {
  return useInfiniteQuery({
    queryKey: [...queryKeys.incidents(siteId), 'list', filter, pageSize],
    queryFn: ({ pageParam }) => incidentsApi.list(siteId, { cursor: pageParam, limit: pageSize, ...(filter === 'all' ? {} : { status: filter }) }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** Sends the photo first (if any), then the incident; both under ids fixed by the caller's draft. */
export function useReportIncident(siteId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    // Fail at once without a signal instead of waiting silently: the guard sees it and taps again.
    networkMode: 'always',
    mutationFn: async ({ input, photo }: { input: ReportIncidentInput; photo: Blob | null }) => {
      if (photo && input.photoId) await shiftsApi.photos.upload(siteId, input.photoId, photo);
      return incidentsApi.report(siteId, input);
    },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.incidents(siteId) }),
  });
}

export function useUpdateIncident(siteId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ incidentId, input }: { incidentId: string; input: UpdateIncidentBody }) => incidentsApi.update(siteId, incidentId, input),
    // Also after a failure: INCIDENT_CLOSED means our copy is stale.
    onSettled: () => void queryClient.invalidateQueries({ queryKey: queryKeys.incidents(siteId) }),
  });
}
