import {
  Inspection,
  InspectionCompliance,
  InspectionComplianceQuery,
  InspectionForm,
  InspectionFormQuery,
  InspectionListQuery,
  InspectionParams,
  InspectionPlanDay,
  InspectionPlanDayQuery,
  InspectionSettings,
  InspectionSummary,
  Page,
  Rectification,
  RectificationDecisionBody,
  RectificationFixBody,
  RectificationListQuery,
  RectificationParams,
  SiteParams,
  SubmitInspectionBody,
} from '@anchang/contracts';
import type { App } from '../../platform/http/types.js';
import type { Deps } from '../../platform/tx.js';
import { inspectionCompliance, inspectionPlanDay } from './inspection-plan.service.js';
import {
  getInspection,
  getInspectionForm,
  getInspectionSettings,
  listInspections,
  listRectifications,
  moveRectification,
  submitInspection,
  updateInspectionSettings,
} from './inspections.service.js';

export function registerInspectionRoutes(app: App, deps: Deps): void {
  const tags = ['inspections'];
  app.get(
    '/sites/:siteId/inspection-settings',
    { schema: { tags, summary: 'Rectification hours, the waiver and the daily plan', params: SiteParams, response: { 200: InspectionSettings } } },
    (req) => getInspectionSettings(deps, req.actor, req.params.siteId),
  );
  app.put(
    '/sites/:siteId/inspection-settings',
    {
      schema: {
        summary: 'Replace the site’s inspection settings',
        tags,
        params: SiteParams,
        body: InspectionSettings,
        response: { 200: InspectionSettings },
      },
    },
    (req) => updateInspectionSettings(deps, req.actor, req.params.siteId, req.body),
  );
  app.get(
    '/sites/:siteId/inspection-form',
    {
      schema: {
        tags,
        summary: "A post's form (its standard's items and the behaviour norms) and who is on it today",
        params: SiteParams,
        querystring: InspectionFormQuery,
        response: { 200: InspectionForm },
      },
    },
    (req) => getInspectionForm(deps, req.actor, req.params.siteId, req.query.postId),
  );
  app.get(
    '/sites/:siteId/inspection-plan/day',
    {
      schema: {
        tags,
        summary: "The day's plan: per post, done / due / missed",
        params: SiteParams,
        querystring: InspectionPlanDayQuery,
        response: { 200: InspectionPlanDay },
      },
    },
    (req) => inspectionPlanDay(deps, req.actor, req.params.siteId, req.query.date),
  );
  app.get(
    '/sites/:siteId/inspection-plan/compliance',
    {
      schema: {
        tags,
        summary: 'The plan kept, day by day',
        params: SiteParams,
        querystring: InspectionComplianceQuery,
        response: { 200: InspectionCompliance },
      },
    },
    (req) => inspectionCompliance(deps, req.actor, req.params.siteId, req.query.from, req.query.to),
  );
  app.get(
    '/sites/:siteId/inspections',
    {
      schema: {
        tags,
        summary: 'Inspections, newest first (staff: their own)',
        params: SiteParams,
        querystring: InspectionListQuery,
        response: { 200: Page(InspectionSummary) },
      },
    },
    (req) => listInspections(deps, req.actor, req.params.siteId, req.query),
  );
  app.post(
    '/sites/:siteId/inspections',
    {
      schema: {
        tags,
        summary: 'Submit an inspection once; each failed item becomes a rectification',
        params: SiteParams,
        body: SubmitInspectionBody,
        response: { 200: Inspection, 201: Inspection },
      },
    },
    async (req, reply) => {
      const { inspection, created } = await submitInspection(deps, req.actor, req.params.siteId, req.body);
      return reply.status(created ? 201 : 200).send(inspection);
    },
  );
  app.get(
    '/sites/:siteId/inspections/:inspectionId',
    { schema: { summary: 'Read an inspection with its deductions', tags, params: InspectionParams, response: { 200: Inspection } } },
    (req) => getInspection(deps, req.actor, req.params.siteId, req.params.inspectionId),
  );
  app.get(
    '/sites/:siteId/rectifications',
    {
      schema: {
        tags,
        summary: 'Rectifications: mine, to re-check, or the whole site',
        params: SiteParams,
        querystring: RectificationListQuery,
        response: { 200: Page(Rectification) },
      },
    },
    (req) => listRectifications(deps, req.actor, req.params.siteId, req.query),
  );
  app.post(
    '/sites/:siteId/rectifications/:rectificationId/fix',
    {
      schema: {
        tags,
        summary: 'Fixed, with a note and a photo: to re-check',
        params: RectificationParams,
        body: RectificationFixBody,
        response: { 200: Rectification },
      },
    },
    (req) => moveRectification(deps, req.actor, req.params.siteId, req.params.rectificationId, 'fix', req.body),
  );
  const decisions = {
    pass: 'Pass a rectification',
    redo: 'Send a rectification back to be redone',
    close: 'Close a rectification',
  } as const;
  for (const [action, summary] of Object.entries(decisions) as [keyof typeof decisions, string][]) {
    app.post(
      `/sites/:siteId/rectifications/:rectificationId/${action}`,
      { schema: { summary, tags, params: RectificationParams, body: RectificationDecisionBody, response: { 200: Rectification } } },
      (req) => moveRectification(deps, req.actor, req.params.siteId, req.params.rectificationId, action, req.body ?? {}),
    );
  }
}
