import {
  AssignComplaintBody,
  CloseComplaintBody,
  Complaint,
  ComplaintFigures,
  ComplaintFiguresQuery,
  ComplaintFollowUpBody,
  ComplaintListQuery,
  ComplaintNoteBody,
  ComplaintParams,
  ComplaintSettings,
  ComplaintSummary,
  FileComplaintBody,
  Page,
  ReopenComplaintBody,
  ReportComplaintResultBody,
  SiteParams,
} from '@anchang/contracts';
import type { App } from '../../platform/http/types.js';
import type { Deps } from '../../platform/tx.js';
import {
  fileComplaintAs,
  getComplaint,
  getComplaintFigures,
  getComplaintSettings,
  listComplaints,
  moveComplaint,
  updateComplaintSettings,
} from './complaints.service.js';

export function registerComplaintRoutes(app: App, deps: Deps): void {
  const tags = ['complaints'];
  app.get(
    '/sites/:siteId/complaint-settings',
    { schema: { tags, summary: 'Hours to a result per severity', params: SiteParams, response: { 200: ComplaintSettings } } },
    (req) => getComplaintSettings(deps, req.actor, req.params.siteId),
  );
  app.put(
    '/sites/:siteId/complaint-settings',
    {
      schema: {
        summary: 'Replace the site’s complaint settings',
        tags,
        params: SiteParams,
        body: ComplaintSettings,
        response: { 200: ComplaintSettings },
      },
    },
    (req) => updateComplaintSettings(deps, req.actor, req.params.siteId, req.body),
  );
  app.get(
    '/sites/:siteId/complaint-figures',
    {
      schema: {
        tags,
        summary: "A month's complaint figures",
        params: SiteParams,
        querystring: ComplaintFiguresQuery,
        response: { 200: ComplaintFigures },
      },
    },
    (req) => getComplaintFigures(deps, req.actor, req.params.siteId, req.query.month),
  );
  app.get(
    '/sites/:siteId/complaints',
    {
      schema: {
        tags,
        summary: 'Complaints, newest first (staff: those they filed or own); phones masked',
        params: SiteParams,
        querystring: ComplaintListQuery,
        response: { 200: Page(ComplaintSummary) },
      },
    },
    (req) => listComplaints(deps, req.actor, req.params.siteId, req.query),
  );
  app.post(
    '/sites/:siteId/complaints',
    { schema: { tags, summary: 'File a complaint', params: SiteParams, body: FileComplaintBody, response: { 201: Complaint } } },
    async (req, reply) => reply.status(201).send(await fileComplaintAs(deps, req.actor, req.params.siteId, req.body)),
  );
  app.get(
    '/sites/:siteId/complaints/:complaintId',
    { schema: { tags, summary: 'A complaint with its timeline', params: ComplaintParams, response: { 200: Complaint } } },
    (req) => getComplaint(deps, req.actor, req.params.siteId, req.params.complaintId),
  );
  app.post(
    '/sites/:siteId/complaints/:complaintId/assign',
    {
      schema: {
        tags,
        summary: 'Give it an owner (received → handling)',
        params: ComplaintParams,
        body: AssignComplaintBody,
        response: { 200: Complaint },
      },
    },
    (req) =>
      moveComplaint(deps, req.actor, req.params.siteId, req.params.complaintId, { action: 'assign', ownerId: req.body.ownerId, note: req.body.note }),
  );
  app.post(
    '/sites/:siteId/complaints/:complaintId/notes',
    { schema: { tags, summary: 'Append a handling note', params: ComplaintParams, body: ComplaintNoteBody, response: { 200: Complaint } } },
    (req) => moveComplaint(deps, req.actor, req.params.siteId, req.params.complaintId, { action: 'note', note: req.body.note }),
  );
  app.post(
    '/sites/:siteId/complaints/:complaintId/result',
    {
      schema: {
        tags,
        summary: 'The result told to the complainant and the channel (handling → result reported)',
        params: ComplaintParams,
        body: ReportComplaintResultBody,
        response: { 200: Complaint },
      },
    },
    (req) =>
      moveComplaint(deps, req.actor, req.params.siteId, req.params.complaintId, {
        action: 'report_result',
        resultText: req.body.resultText ?? null,
        channel: req.body.channel ?? null,
      }),
  );
  app.post(
    '/sites/:siteId/complaints/:complaintId/follow-up',
    {
      schema: {
        tags,
        summary: '回访: satisfied closes it, not satisfied reopens it with a new deadline',
        params: ComplaintParams,
        body: ComplaintFollowUpBody,
        response: { 200: Complaint },
      },
    },
    (req) =>
      moveComplaint(deps, req.actor, req.params.siteId, req.params.complaintId, {
        action: 'follow_up',
        verdict: req.body.verdict,
        note: req.body.note,
      }),
  );
  app.post(
    '/sites/:siteId/complaints/:complaintId/close',
    {
      schema: {
        tags,
        summary: 'Close without a follow-up call (the complainant cannot be reached); never before a result',
        params: ComplaintParams,
        body: CloseComplaintBody,
        response: { 200: Complaint },
      },
    },
    (req) => moveComplaint(deps, req.actor, req.params.siteId, req.params.complaintId, { action: 'close', note: req.body?.note }),
  );
  app.post(
    '/sites/:siteId/complaints/:complaintId/reopen',
    {
      schema: {
        tags,
        summary: 'Reopen a closed complaint with a new deadline',
        params: ComplaintParams,
        body: ReopenComplaintBody,
        response: { 200: Complaint },
      },
    },
    (req) => moveComplaint(deps, req.actor, req.params.siteId, req.params.complaintId, { action: 'reopen', note: req.body.note }),
  );
}
