/**
 * Incidents (GUARD-IN-4/5/6) through the API: the paged list, the report from the phone (with
 * ids the phone generates, so resending after a failure never reports twice) and the police
 * decision / closing. Realtime `incident.*` events invalidate everything under the site's
 * incidents key, so these lists refresh on their own.
 */
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { hasRole, type Role, type UpdateIncidentBody } from '@anchang/contracts';
import { incidentKeys, incidentsApi, type ReportIncidentInput } from './incidents-api';

/** How long a report waits for the server's answer before it is left to the outbox (bad signal). */
const ANSWER_WAIT_MS = 10_000;

/** Who records the police decision and closes (server: INCIDENT_DECIDERS in incidents.service). */
const INCIDENT_DECIDERS: readonly Role[] = ['company_admin', 'site_manager', 'supervisor', 'sales_consultant'];
export const canDecideIncidents = (role: Role | null | undefined): boolean => !!role && hasRole(INCIDENT_DECIDERS, role);

export const INCIDENT_FILTERS = ['open', 'closed', 'all'] as const;
export type IncidentFilter = (typeof INCIDENT_FILTERS)[number];

export function useIncidents(siteId: string, filter: IncidentFilter, pageSize = 30) {
  return useInfiniteQuery({
    queryKey: [...incidentKeys.all(siteId), 'list', filter, pageSize],
    queryFn: ({ pageParam }) => incidentsApi.list(siteId, { cursor: pageParam, limit: pageSize, ...(filter === 'all' ? {} : { status: filter }) }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** Sends the photo first (if any), then the incident; both under ids fixed by the caller's draft. */
/**
 * Reports through the phone's outbox: the report and its photo are stored on the phone first
 * (sent photo first). Resolves `true` once the server has it, `false` when it waits for the
 * signal; a refusal is dropped from the outbox and thrown with its words (the form keeps the draft).
 */
export function useReportIncident(siteId: string, personId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    // Without a signal the report is kept on the phone: the mutation must run, not pause.
    networkMode: 'always',
    mutationFn: async ({ input, photo }: { input: ReportIncidentInput; photo: Blob | null }): Promise<boolean> => {
      const [{ getOutbox }, { photoOps }, { describeOutboxError }] = await Promise.all([
        import('../../shared/offline/outbox-client'),
        import('../../shared/offline/photo-outbox'),
        import('../../shared/offline/outbox-labels'),
        import('./outbox-kinds'),
      ]);
      const outbox = getOutbox();
      const photos = photo && input.photoId ? await photoOps(siteId, [{ id: input.photoId, blob: photo }]) : [];
      await outbox.enqueue(personId, [...photos, { kind: 'incidentReport', siteId, body: { ...input, at: Date.now() } }]);
      if (!navigator.onLine) return false;
      const outcome = await Promise.race([outbox.waitForOutcome(input.id), new Promise<null>((r) => setTimeout(() => r(null), ANSWER_WAIT_MS))]);
      if (outcome === null) return false;
      if (outcome.sent) return true;
      await outbox.discard(input.id);
      throw new Error(describeOutboxError(outcome.error));
    },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: incidentKeys.all(siteId) }),
  });
}

export function useUpdateIncident(siteId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ incidentId, input }: { incidentId: string; input: UpdateIncidentBody }) => incidentsApi.update(siteId, incidentId, input),
    // Also after a failure: INCIDENT_CLOSED means our copy is stale.
    onSettled: () => void queryClient.invalidateQueries({ queryKey: incidentKeys.all(siteId) }),
  });
}
