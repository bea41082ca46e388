import {
  AssetCodeLookup,
  CreateWorkOrderBody,
  EquipmentCheck,
  EquipmentCheckBody,
  EquipmentCheckDay,
  EquipmentCheckQuery,
  Page,
  PublicAsset,
  PublicAssetParams,
  PublicReportBody,
  PublicReportReceipt,
  SiteParams,
  WorkOrder,
  WorkOrderArriveBody,
  WorkOrderDoneBody,
  WorkOrderListQuery,
  WorkOrderParams,
  WorkOrderReasonBody,
  WorkOrderStats,
  WorkOrderStatsQuery,
} from '@anchang/contracts';
import { AppError } from '../../platform/errors.js';
import type { FastifyReply } from 'fastify';
import type { App } from '../../platform/http/types.js';
import type { Deps } from '../../platform/tx.js';
import { checkDay, submitCheck } from './checks.service.js';
import { RepairReportLimiter } from './repair-limiter.js';
import { getWorkOrder, listWorkOrders, workOrderStats } from './repair-reads.service.js';
import { assetIdForCode, createWorkOrder, lookUpAssetCode, publicAsset, publicReport } from './repair-reporting.service.js';
import {
  acceptWorkOrder,
  arriveAtWorkOrder,
  finishWorkOrder,
  pauseWorkOrder,
  reopenWorkOrder,
  resumeWorkOrder,
  startWorkOrder,
  verifyWorkOrder,
} from './repair-work.service.js';

/**
 * The public asset page's limits, per 10 minutes. One address may report the same asset a few
 * times; the asset itself takes more reports in all, so one address cannot use up the asset's
 * bucket and silence everyone else standing in front of it. Viewing the page is limited per
 * address too, so a script cannot walk codes.
 */
export const PUBLIC_REPORTS_PER_ADDRESS_AND_ASSET = 3;
export const PUBLIC_REPORTS_PER_ADDRESS = 10;
export const PUBLIC_REPORTS_PER_ASSET = 20;
export const PUBLIC_VIEWS_PER_ADDRESS = 60;
export const PUBLIC_WINDOW_MS = 10 * 60_000;

/** The asset's QR page, for anyone: no session. */
export function registerPublicRepairRoutes(app: App, deps: Deps): void {
  const tags = ['repairs'];
  const reports = new RepairReportLimiter(deps.clock, PUBLIC_WINDOW_MS);
  const views = new RepairReportLimiter(deps.clock, PUBLIC_WINDOW_MS);
  const refuse = (reply: FastifyReply, code: 'REPAIR_RATE_LIMITED' | 'PUBLIC_RATE_LIMITED', wait: number): never => {
    void reply.header('retry-after', String(wait));
    throw new AppError(code, { message: 'Too many requests; wait and try again', params: { retryAfterSeconds: wait } });
  };
  app.get(
    '/public/assets/:code',
    {
      schema: {
        tags,
        summary: 'What a scanned asset label shows: names and place, no ids, no people (rate-limited per address)',
        security: [],
        params: PublicAssetParams,
        response: { 200: PublicAsset },
      },
    },
    (req, reply) => {
      const wait = views.take([{ key: `ip:${req.ip}`, max: PUBLIC_VIEWS_PER_ADDRESS }]);
      if (wait > 0) refuse(reply, 'PUBLIC_RATE_LIMITED', wait);
      return publicAsset(deps, req.params.code);
    },
  );
  app.post(
    '/public/assets/:code/reports',
    {
      schema: {
        tags,
        summary: 'Report a problem with this asset, no login (rate-limited per address on the asset, per address, and per asset)',
        security: [],
        params: PublicAssetParams,
        body: PublicReportBody,
        response: { 201: PublicReportReceipt },
      },
    },
    async (req, reply) => {
      const assetId = await assetIdForCode(deps, req.params.code);
      const wait = reports.take([
        { key: `ip-asset:${req.ip}:${assetId}`, max: PUBLIC_REPORTS_PER_ADDRESS_AND_ASSET },
        { key: `ip:${req.ip}`, max: PUBLIC_REPORTS_PER_ADDRESS },
        { key: `asset:${assetId}`, max: PUBLIC_REPORTS_PER_ASSET },
      ]);
      if (wait > 0) refuse(reply, 'REPAIR_RATE_LIMITED', wait);
      return reply.status(201).send(await publicReport(deps, req.params.code, req.body));
    },
  );
}

export function registerRepairRoutes(app: App, deps: Deps): void {
  const tags = ['repairs'];
  app.get(
    '/asset-codes/:code',
    {
      schema: {
        tags,
        summary: "A label's code as the asset's ids, for a member of the asset's site",
        params: PublicAssetParams,
        response: { 200: AssetCodeLookup },
      },
    },
    (req) => lookUpAssetCode(deps, req.actor, req.params.code),
  );
  app.get(
    '/sites/:siteId/work-orders',
    {
      schema: { tags, summary: 'Work orders, newest first', params: SiteParams, querystring: WorkOrderListQuery, response: { 200: Page(WorkOrder) } },
    },
    (req) => listWorkOrders(deps, req.actor, req.params.siteId, req.query),
  );
  app.post(
    '/sites/:siteId/work-orders',
    {
      schema: {
        tags,
        summary: 'Raise a repair from a phone, or from an anomaly needing repair',
        params: SiteParams,
        body: CreateWorkOrderBody,
        response: { 200: WorkOrder, 201: WorkOrder },
      },
    },
    async (req, reply) => {
      const { workOrder, created } = await createWorkOrder(deps, req.actor, req.params.siteId, req.body);
      return reply.status(created ? 201 : 200).send(workOrder);
    },
  );
  app.get(
    '/sites/:siteId/work-orders/stats',
    {
      schema: {
        tags,
        summary: 'Response and arrival times per technician for a month',
        params: SiteParams,
        querystring: WorkOrderStatsQuery,
        response: { 200: WorkOrderStats },
      },
    },
    (req) => workOrderStats(deps, req.actor, req.params.siteId, req.query.month),
  );
  app.get(
    '/sites/:siteId/work-orders/:workOrderId',
    { schema: { summary: 'Read a work order with its history', tags, params: WorkOrderParams, response: { 200: WorkOrder } } },
    (req) => getWorkOrder(deps, req.actor, req.params.siteId, req.params.workOrderId),
  );
  const simple = {
    accept: { run: acceptWorkOrder, summary: 'Accept a work order (technician)' },
    start: { run: startWorkOrder, summary: 'Start work on a work order' },
    resume: { run: resumeWorkOrder, summary: 'Resume a paused work order' },
    verify: { run: verifyWorkOrder, summary: 'Verify a finished work order' },
  } as const;
  for (const [action, { run, summary }] of Object.entries(simple)) {
    app.post(
      `/sites/:siteId/work-orders/:workOrderId/${action}`,
      { schema: { summary, tags, params: WorkOrderParams, response: { 200: WorkOrder } } },
      (req) => run(deps, req.actor, req.params.siteId, req.params.workOrderId),
    );
  }
  app.post(
    '/sites/:siteId/work-orders/:workOrderId/arrive',
    {
      schema: {
        tags,
        summary: "On the spot: the asset's code or a checkpoint of its zone",
        params: WorkOrderParams,
        body: WorkOrderArriveBody,
        response: { 200: WorkOrder },
      },
    },
    (req) => arriveAtWorkOrder(deps, req.actor, req.params.siteId, req.params.workOrderId, req.body),
  );
  app.post(
    '/sites/:siteId/work-orders/:workOrderId/pause',
    { schema: { summary: 'Pause a work order', tags, params: WorkOrderParams, body: WorkOrderReasonBody, response: { 200: WorkOrder } } },
    (req) => pauseWorkOrder(deps, req.actor, req.params.siteId, req.params.workOrderId, req.body.reason),
  );
  app.post(
    '/sites/:siteId/work-orders/:workOrderId/done',
    { schema: { summary: 'Report a work order done', tags, params: WorkOrderParams, body: WorkOrderDoneBody, response: { 200: WorkOrder } } },
    (req) => finishWorkOrder(deps, req.actor, req.params.siteId, req.params.workOrderId, req.body),
  );
  app.post(
    '/sites/:siteId/work-orders/:workOrderId/reopen',
    {
      schema: {
        tags,
        summary: 'Not fixed: back to the technician',
        params: WorkOrderParams,
        body: WorkOrderReasonBody,
        response: { 200: WorkOrder },
      },
    },
    (req) => reopenWorkOrder(deps, req.actor, req.params.siteId, req.params.workOrderId, req.body.reason),
  );
  app.get(
    '/sites/:siteId/equipment-checks',
    {
      schema: {
        tags,
        summary: "A day's opening and closing checks",
        params: SiteParams,
        querystring: EquipmentCheckQuery,
        response: { 200: EquipmentCheckDay },
      },
    },
    (req) => checkDay(deps, req.actor, req.params.siteId, req.query.date),
  );
  app.post(
    '/sites/:siteId/equipment-checks',
    {
      schema: {
        tags,
        summary: 'The check before opening or after the shift; abnormal lines raise work orders',
        params: SiteParams,
        body: EquipmentCheckBody,
        response: { 200: EquipmentCheck, 201: EquipmentCheck },
      },
    },
    async (req, reply) => {
      const { check, created } = await submitCheck(deps, req.actor, req.params.siteId, req.body);
      return reply.status(created ? 201 : 200).send(check);
    },
  );
}
