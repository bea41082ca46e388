import { ClockInBody, ClockOutBody, MyDay, RecordResultBody, ShiftDetail, ShiftParams, SiteParams } from '@anchang/contracts';
import type { App } from '../../platform/http/types.js';
import { clockIn, clockOut, getMyDay, getShiftDetail, recordChecklistResult, type ShiftDeps } from './shifts.service.js';

export function registerShiftRoutes(app: App, deps: ShiftDeps): void {
  const tags = ['shifts'];
  app.get(
    '/sites/:siteId/my-day',
    { schema: { tags, summary: 'My roster today, my open shift, the greeting for now', params: SiteParams, response: { 200: MyDay } } },
    (req) => getMyDay(deps, req.actor, req.params.siteId),
  );
  app.post(
    '/sites/:siteId/shifts',
    {
      schema: {
        tags,
        summary: 'Clock in (the phone chooses the shift id; a retry answers 200 with the same shift)',
        params: SiteParams,
        body: ClockInBody,
        response: { 200: ShiftDetail, 201: ShiftDetail },
      },
    },
    async (req, reply) => {
      const { detail, created } = await clockIn(deps, req.actor, req.params.siteId, req.body);
      return reply.status(created ? 201 : 200).send(detail);
    },
  );
  app.get(
    '/sites/:siteId/shifts/:shiftId',
    { schema: { summary: 'Read a shift with its checklist', tags, params: ShiftParams, response: { 200: ShiftDetail } } },
    (req) => getShiftDetail(deps, req.actor, req.params.siteId, req.params.shiftId),
  );
  app.post(
    '/sites/:siteId/shifts/:shiftId/results',
    {
      schema: {
        tags,
        summary: 'Record a checklist result (正常 / 异常 / 不适用)',
        params: ShiftParams,
        body: RecordResultBody,
        response: { 200: ShiftDetail },
      },
    },
    (req) => recordChecklistResult(deps, req.actor, req.params.siteId, req.params.shiftId, req.body),
  );
  app.post(
    '/sites/:siteId/shifts/:shiftId/clock-out',
    {
      schema: {
        tags,
        summary: 'Clock out (held while guests are on site unless a reason is given)',
        params: ShiftParams,
        body: ClockOutBody,
        response: { 200: ShiftDetail },
      },
    },
    (req) => clockOut(deps, req.actor, req.params.siteId, req.params.shiftId, req.body),
  );
}
