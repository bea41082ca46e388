import {
  DailyCustomerSummary,
  DateQuery,
  FeedbackForm,
  FeedbackFormListQuery,
  FeedbackFormParams,
  ModelRoomFeedbackBody,
  Page,
  ParkingFeedbackBody,
  SiteParams,
} from '@anchang/contracts';
import type { App } from '../../platform/http/types.js';
import type { Deps } from '../../platform/tx.js';
import { getFeedbackForm, listFeedbackForms, recordModelRoomFeedback, recordParkingFeedback } from './customer-feedback.service.js';
import { readDailyCustomerSummary } from './customer-summary.service.js';

export function registerCustomerFeedbackRoutes(app: App, deps: Deps): void {
  const tags = ['customer-feedback'];
  app.post(
    '/sites/:siteId/feedback-forms/model-room',
    {
      schema: {
        tags,
        summary: 'File a model-room customer feedback form (样板房客户反馈表); a resend of the same id answers 200',
        params: SiteParams,
        body: ModelRoomFeedbackBody,
        response: { 200: FeedbackForm, 201: FeedbackForm },
      },
    },
    async (req, reply) => {
      const { form, created } = await recordModelRoomFeedback(deps, req.actor, req.params.siteId, req.body);
      return reply.status(created ? 201 : 200).send(form);
    },
  );
  app.post(
    '/sites/:siteId/feedback-forms/parking',
    {
      schema: {
        tags,
        summary: 'File a parking-post customer information form (车场岗客户信息反馈表); a resend of the same id answers 200',
        params: SiteParams,
        body: ParkingFeedbackBody,
        response: { 200: FeedbackForm, 201: FeedbackForm },
      },
    },
    async (req, reply) => {
      const { form, created } = await recordParkingFeedback(deps, req.actor, req.params.siteId, req.body);
      return reply.status(created ? 201 : 200).send(form);
    },
  );
  app.get(
    '/sites/:siteId/feedback-forms',
    {
      schema: {
        tags,
        summary: 'Feedback forms, newest first (staff: their own)',
        params: SiteParams,
        querystring: FeedbackFormListQuery,
        response: { 200: Page(FeedbackForm) },
      },
    },
    (req) => listFeedbackForms(deps, req.actor, req.params.siteId, req.query),
  );
  app.get(
    '/sites/:siteId/feedback-forms/:formId',
    { schema: { tags, summary: 'One feedback form', params: FeedbackFormParams, response: { 200: FeedbackForm } } },
    (req) => getFeedbackForm(deps, req.actor, req.params.siteId, req.params.formId),
  );
  app.get(
    '/sites/:siteId/customer-summary',
    {
      schema: {
        tags,
        summary: "The day's customer summary (每日客户信息汇总), computed on read for any day",
        params: SiteParams,
        querystring: DateQuery,
        response: { 200: DailyCustomerSummary },
      },
    },
    (req) => readDailyCustomerSummary(deps, req.actor, req.params.siteId, req.query.date),
  );
}
