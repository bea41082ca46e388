import { Incident, IncidentListQuery, IncidentParams, Page, ReportIncidentBody, SiteParams, UpdateIncidentBody } from '@anchang/contracts';
import type { App } from '../../platform/http/types.js';
import type { Deps } from '../../platform/tx.js';
import { listIncidents, reportIncident, updateIncident } from './incidents.service.js';

export function registerIncidentRoutes(app: App, deps: Deps): void {
  const tags = ['incidents'];
  app.post(
    '/sites/:siteId/incidents',
    { schema: { tags, summary: 'Report an incident', params: SiteParams, body: ReportIncidentBody, response: { 200: Incident, 201: Incident } } },
    async (req, reply) => {
      const { incident, created } = await reportIncident(deps, req.actor, req.params.siteId, req.body);
      return reply.status(created ? 201 : 200).send(incident);
    },
  );
  app.get(
    '/sites/:siteId/incidents',
    { schema: { tags, summary: 'Incidents, newest first', params: SiteParams, querystring: IncidentListQuery, response: { 200: Page(Incident) } } },
    (req) => listIncidents(deps, req.actor, req.params.siteId, req.query),
  );
  app.patch(
    '/sites/:siteId/incidents/:incidentId',
    {
      schema: {
        tags,
        summary: 'Record the police decision, or close',
        params: IncidentParams,
        body: UpdateIncidentBody,
        response: { 200: Incident },
      },
    },
    (req) => updateIncident(deps, req.actor, req.params.siteId, req.params.incidentId, req.body),
  );
}
