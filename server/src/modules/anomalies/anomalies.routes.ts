import { Type } from '@sinclair/typebox';
import { Anomaly, AnomalyCategory, AnomalyListQuery, AnomalyParams, Id, Page, SiteParams, UpdateAnomalyBody } from '@anchang/contracts';
import type { App } from '../../platform/http/types.js';
import type { Deps } from '../../platform/tx.js';
import { getAnomaly, handleAnomaly, listAnomalies, reportAnomaly } from './anomalies.service.js';

const ReportAnomalyBody = Type.Object(
  // `id` is the phone's: a report resent after a lost answer is stored once.
  { id: Id, postId: Type.Optional(Id), category: AnomalyCategory, note: Type.String({ minLength: 1, maxLength: 1000 }), photoId: Type.Optional(Id) },
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
    {
      schema: {
        tags,
        summary: 'Report an anomaly seen on the spot (the phone chooses the id; a resend answers 200 with the same anomaly)',
        params: SiteParams,
        body: ReportAnomalyBody,
        response: { 200: Anomaly, 201: Anomaly },
      },
    },
    async (req, reply) => {
      const { anomaly, created } = await reportAnomaly(deps, req.actor, req.params.siteId, req.body);
      return reply.status(created ? 201 : 200).send(anomaly);
    },
  );
  app.get(
    '/sites/:siteId/anomalies/:anomalyId',
    { schema: { summary: 'Read an anomaly', tags, params: AnomalyParams, response: { 200: Anomaly } } },
    (req) => getAnomaly(deps, req.actor, req.params.siteId, req.params.anomalyId),
  );
  app.patch(
    '/sites/:siteId/anomalies/:anomalyId',
    { schema: { tags, summary: 'Acknowledge, assign or resolve', params: AnomalyParams, body: UpdateAnomalyBody, response: { 200: Anomaly } } },
    (req) => handleAnomaly(deps, req.actor, req.params.siteId, req.params.anomalyId, req.body),
  );
}
