import {
  ConfirmHandoverBody,
  Handover,
  HandoverListQuery,
  HandoverParams,
  HandoverSettings,
  MyHandovers,
  Page,
  SiteParams,
  WriteHandoverBody,
} from '@anchang/contracts';
import type { App } from '../../platform/http/types.js';
import type { Deps } from '../../platform/tx.js';
import {
  confirmHandover,
  getHandover,
  getHandoverSettings,
  listHandoversOn,
  myHandovers,
  saveHandoverSettings,
  writeHandover,
} from './handovers.service.js';

export function registerHandoverRoutes(app: App, deps: Deps): void {
  const tags = ['handovers'];
  app.post(
    '/sites/:siteId/handovers',
    {
      schema: {
        tags,
        summary: 'Write the handover of a post to the next shift (交接班)',
        params: SiteParams,
        body: WriteHandoverBody,
        response: { 200: Handover, 201: Handover },
      },
    },
    async (req, reply) => {
      const { handover, created } = await writeHandover(deps, req.actor, req.params.siteId, req.body);
      return reply.status(created ? 201 : 200).send(handover);
    },
  );
  app.get(
    '/sites/:siteId/handovers',
    {
      schema: {
        tags,
        summary: "A day's handovers, newest first",
        params: SiteParams,
        querystring: HandoverListQuery,
        response: { 200: Page(Handover) },
      },
    },
    (req) => listHandoversOn(deps, req.actor, req.params.siteId, req.query),
  );
  app.get(
    '/sites/:siteId/handovers/mine',
    {
      schema: {
        tags,
        summary: 'The posts I write handovers for, and the handovers waiting for me to confirm',
        params: SiteParams,
        response: { 200: MyHandovers },
      },
    },
    (req) => myHandovers(deps, req.actor, req.params.siteId),
  );
  app.get(
    '/sites/:siteId/handovers/:handoverId',
    { schema: { tags, summary: 'One handover', params: HandoverParams, response: { 200: Handover } } },
    (req) => getHandover(deps, req.actor, req.params.siteId, req.params.handoverId),
  );
  app.post(
    '/sites/:siteId/handovers/:handoverId/confirm',
    {
      schema: {
        tags,
        summary: 'The incoming person confirms the handover',
        params: HandoverParams,
        body: ConfirmHandoverBody,
        response: { 200: Handover },
      },
    },
    (req) => confirmHandover(deps, req.actor, req.params.siteId, req.params.handoverId, req.body),
  );
  app.get(
    '/sites/:siteId/handover-settings',
    { schema: { tags, summary: 'Which posts hand over, and the minutes to confirm', params: SiteParams, response: { 200: HandoverSettings } } },
    (req) => getHandoverSettings(deps, req.actor, req.params.siteId),
  );
  app.put(
    '/sites/:siteId/handover-settings',
    {
      schema: {
        tags,
        summary: 'Set which posts hand over and the minutes to confirm',
        params: SiteParams,
        body: HandoverSettings,
        response: { 200: HandoverSettings },
      },
    },
    (req) => saveHandoverSettings(deps, req.actor, req.params.siteId, req.body),
  );
}
