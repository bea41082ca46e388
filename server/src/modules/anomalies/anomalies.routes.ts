import { Type } from '@sinclair/typebox';
import { Anomaly, AnomalyCategory, AnomalyListQuery, AnomalyParams, Id, Page, SiteParams, UpdateAnomalyBody } from '@anchang/contracts';
import type { App } from '../../platform/http/types.js';
import type { Deps } from '../../platform/tx.js';
import { getAnomaly, handleAnomaly, listAnomalies, reportAnomaly } from './anomalies.service.js';

const ReportAnomalyBody = Type.Object(
  { postId: Type.Optional(Id), category: AnomalyCategory, note: Type.String({ minLength: 1, maxLength: 1000 }), photoId: Type.Optional(Id) },
  { additionalProperties: false },
);

export function registerAnomalyRoutes(app: App, deps: Deps): void {
  const tags = ['anomalies'];
  app.get(
    '/sites/:siteId/anomalies',
    {
      schema: {
        tags,
        summary: 'Anomalies, newest first (staff: their own)',
        params: SiteParams,
        querystring: AnomalyListQuery,
        response: { 200: Page(Anomaly) },
      },
    },
    (req) => listAnomalies(deps, req.actor, req.params.siteId, req.query),
  );
  app.post(
    '/sites/:siteId/anomalies',
    { schema: { tags, summary: 'Report an anomaly seen on the spot', params: SiteParams, body: ReportAnomalyBody, response: { 201: Anomaly } } },
    async (req, reply) => reply.status(201).send(await reportAnomaly(deps, req.actor, req.params.siteId, req.body)),
  );
  app.get('/sites/:siteId/anomalies/:anomalyId', { schema: { tags, params: AnomalyParams, response: { 200: Anomaly } } }, (req) =>
    getAnomaly(deps, req.actor, req.params.siteId, req.params.anomalyId),
  );
  app.patch(
    '/sites/:siteId/anomalies/:anomalyId',
    { schema: { tags, summary: 'Acknowledge, assign or resolve', params: AnomalyParams, body: UpdateAnomalyBody, response: { 200: Anomaly } } },
    (req) => handleAnomaly(deps, req.actor, req.params.siteId, req.params.anomalyId, req.body),
  );
}
