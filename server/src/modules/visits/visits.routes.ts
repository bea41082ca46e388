import {
  ClaimVisitBody,
  HandoffBody,
  HandoffParams,
  Page,
  RegisterVisitBody,
  SiteParams,
  VehicleCheck,
  VehicleCheckBody,
  Visit,
  VisitListQuery,
  VisitorCounts,
  VisitParams,
  VisitChainSettings,
  VisitChainSettingsBody,
  MyConsultantRotation,
  MyConsultantRotationBody,
} from '@anchang/contracts';
import type { App } from '../../platform/http/types.js';
import type { Deps } from '../../platform/tx.js';
import { getMyRotation, setMyRotation } from './consultant-away.js';
import { registerCustomerRoutes } from './customers.routes.js';
import { getChainSettings, updateChainSettings } from './handoff-limits.js';
import { getVehicleCheck, recordVehicleCheck } from './vehicle-check.service.js';
import { acknowledgeHandoff, claimVisit, getVisit, handOff, listVisits, registerVisit, visitorCounts } from './visits.service.js';

export function registerVisitRoutes(app: App, deps: Deps): void {
  const tags = ['visits'];
  app.post(
    '/sites/:siteId/visits',
    {
      schema: {
        tags,
        summary: 'Register an arrival (at the car park it is handed to the hall at once)',
        params: SiteParams,
        body: RegisterVisitBody,
        response: { 200: Visit, 201: Visit },
      },
    },
    async (req, reply) => {
      const { visit, created } = await registerVisit(deps, req.actor, req.params.siteId, req.body);
      return reply.status(created ? 201 : 200).send(visit);
    },
  );
  app.get(
    '/sites/:siteId/visits',
    { schema: { tags, summary: 'Visits, newest first', params: SiteParams, querystring: VisitListQuery, response: { 200: Page(Visit) } } },
    (req) => listVisits(deps, req.actor, req.params.siteId, req.query),
  );
  app.get(
    '/sites/:siteId/visits/:visitId',
    { schema: { summary: 'Read a visit with its stages', tags, params: VisitParams, response: { 200: Visit } } },
    (req) => getVisit(deps, req.actor, req.params.siteId, req.params.visitId),
  );
  app.post(
    '/sites/:siteId/visits/:visitId/handoffs',
    { schema: { tags, summary: 'Hand the party to the next post', params: VisitParams, body: HandoffBody, response: { 200: Visit } } },
    (req) => handOff(deps, req.actor, req.params.siteId, req.params.visitId, req.body),
  );
  app.post(
    '/sites/:siteId/visits/:visitId/handoffs/:handoffId/ack',
    { schema: { tags, summary: 'The receiving post takes the party', params: HandoffParams, response: { 200: Visit } } },
    (req) => acknowledgeHandoff(deps, req.actor, req.params.siteId, req.params.visitId, req.params.handoffId),
  );
  app.post(
    '/sites/:siteId/visits/:visitId/claim',
    {
      schema: {
        tags,
        summary: 'A consultant takes guests waiting in the hall without one (HALL-IN-3), recorded as an acknowledged hand-off',
        params: VisitParams,
        body: ClaimVisitBody,
        response: { 200: Visit },
      },
    },
    (req) => claimVisit(deps, req.actor, req.params.siteId, req.params.visitId, req.body),
  );
  app.put(
    '/sites/:siteId/visits/:visitId/vehicle-check',
    {
      schema: {
        tags,
        summary: 'The vehicle-body check, signed by the customer',
        params: VisitParams,
        body: VehicleCheckBody,
        response: { 200: VehicleCheck },
      },
    },
    (req) => recordVehicleCheck(deps, req.actor, req.params.siteId, req.params.visitId, req.body),
  );
  app.get(
    '/sites/:siteId/visits/:visitId/vehicle-check',
    { schema: { summary: 'Read a visit’s vehicle check', tags, params: VisitParams, response: { 200: VehicleCheck } } },
    (req) => getVehicleCheck(deps, req.actor, req.params.siteId, req.params.visitId),
  );
  app.get(
    '/sites/:siteId/visitor-counts',
    { schema: { tags, summary: "Today's visitors by hour, by stage, and the car park", params: SiteParams, response: { 200: VisitorCounts } } },
    (req) => visitorCounts(deps, req.actor, req.params.siteId),
  );
  app.get(
    '/sites/:siteId/visit-chain-settings',
    {
      schema: {
        tags,
        summary: "The site's hand-off limits: the re-ring, the consultants' rotation (轮流), the day-end grace",
        params: SiteParams,
        response: { 200: VisitChainSettings },
      },
    },
    (req) => getChainSettings(deps, req.actor, req.params.siteId),
  );
  app.put(
    '/sites/:siteId/visit-chain-settings',
    {
      schema: {
        tags,
        summary: "Change the site's hand-off limits (site managers)",
        params: SiteParams,
        body: VisitChainSettingsBody,
        response: { 200: VisitChainSettings },
      },
    },
    (req) => updateChainSettings(deps, req.actor, req.params.siteId, req.body),
  );
  app.get(
    '/sites/:siteId/consultant-rotation/me',
    {
      schema: {
        tags,
        summary: 'A consultant’s own place in the rotation (轮流): whether the site rotates, and whether I am out of it today',
        params: SiteParams,
        response: { 200: MyConsultantRotation },
      },
    },
    (req) => getMyRotation(deps, req.actor, req.params.siteId),
  );
  app.put(
    '/sites/:siteId/consultant-rotation/me',
    {
      schema: {
        tags,
        summary: 'Step out of (or back into) the consultants’ rotation for today',
        params: SiteParams,
        body: MyConsultantRotationBody,
        response: { 200: MyConsultantRotation },
      },
    },
    (req) => setMyRotation(deps, req.actor, req.params.siteId, req.body),
  );
  registerCustomerRoutes(app, deps);
}
