/** Anomalies (异常) through the API: reported from a shift, handled on the console or the manager's phone. */
import type { Anomaly, PageOf, UpdateAnomalyBody } from '@anchang/contracts';
import { http } from '../../shared/api/client';
import { sitePath, type PageParams } from '../../shared/api/endpoints';
import { onSite, type FeatureInvalidations } from '../../shared/realtime/invalidation-rules';

export const anomalyKeys = {
  root: (siteId: string) => ['site', siteId, 'anomalies'] as const,
  list: (siteId: string, filter: string) => ['site', siteId, 'anomalies', filter] as const,
};

export const anomaliesApi = {
  list: (siteId: string, p: PageParams & { status?: string; mine?: boolean } = {}) =>
    http.get<PageOf<Anomaly>>(`${sitePath(siteId)}/anomalies`, { limit: p.limit, cursor: p.cursor ?? undefined, status: p.status, mine: p.mine }),
  get: (siteId: string, anomalyId: string) => http.get<Anomaly>(`${sitePath(siteId)}/anomalies/${anomalyId}`),
  report: (siteId: string, input: { postId?: string; category: Anomaly['category']; note: string; photoId?: string }) =>
    http.post<Anomaly>(`${sitePath(siteId)}/anomalies`, input),
  handle: (siteId: string, anomalyId: string, input: UpdateAnomalyBody) => http.patch<Anomaly>(`${sitePath(siteId)}/anomalies/${anomalyId}`, input),
};

const anomalyChanged = onSite((siteId) => [anomalyKeys.root(siteId)]);

export const anomalyInvalidations: FeatureInvalidations = {
  'anomaly.created': anomalyChanged,
  'anomaly.updated': anomalyChanged,
};
