import {
  CreateOpinionBody,
  CreateRequisitionBody,
  CustomerOpinion,
  DateQuery,
  DecideRequisitionBody,
  OpinionDaySummary,
  Page,
  Requisition,
  RequisitionListQuery,
  RequisitionParams,
  SiteParams,
} from '@anchang/contracts';
import type { App } from '../../platform/http/types.js';
import type { Deps } from '../../platform/tx.js';
import { createRequisition, decideRequisition, listRequisitions, opinionDaySummary, recordOpinion } from './shift-forms.service.js';

export function registerShiftFormRoutes(app: App, deps: Deps): void {
  app.post(
    '/sites/:siteId/requisitions',
    {
      schema: {
        tags: ['forms'],
        summary: 'File a supply requisition (物资领用申请表)',
        params: SiteParams,
        body: CreateRequisitionBody,
        response: { 200: Requisition, 201: Requisition },
      },
    },
    async (req, reply) => {
      const { requisition, created } = await createRequisition(deps, req.actor, req.params.siteId, req.body);
      return reply.status(created ? 201 : 200).send(requisition);
    },
  );
  app.get(
    '/sites/:siteId/requisitions',
    {
      schema: {
        tags: ['forms'],
        summary: 'Requisitions, newest first (staff: their own)',
        params: SiteParams,
        querystring: RequisitionListQuery,
        response: { 200: Page(Requisition) },
      },
    },
    (req) => listRequisitions(deps, req.actor, req.params.siteId, req.query),
  );
  app.post(
    '/sites/:siteId/requisitions/:requisitionId/decision',
    {
      schema: {
        tags: ['forms'],
        summary: 'Approve or reject',
        params: RequisitionParams,
        body: DecideRequisitionBody,
        response: { 200: Requisition },
      },
    },
    (req) => decideRequisition(deps, req.actor, req.params.siteId, req.params.requisitionId, req.body),
  );
  app.post(
    '/sites/:siteId/opinions',
    {
      schema: {
        tags: ['forms'],
        summary: 'Record a customer opinion (客户意见)',
        params: SiteParams,
        body: CreateOpinionBody,
        response: { 200: CustomerOpinion, 201: CustomerOpinion },
      },
    },
    async (req, reply) => {
      const { opinion, created } = await recordOpinion(deps, req.actor, req.params.siteId, req.body);
      return reply.status(created ? 201 : 200).send(opinion);
    },
  );
  app.get(
    '/sites/:siteId/opinions/daily',
    {
      schema: {
        tags: ['forms'],
        summary: "The day's customer opinions by post",
        params: SiteParams,
        querystring: DateQuery,
        response: { 200: OpinionDaySummary },
      },
    },
    (req) => opinionDaySummary(deps, req.actor, req.params.siteId, req.query.date),
  );
}
