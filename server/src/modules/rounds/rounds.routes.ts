import { Type } from '@sinclair/typebox';
import {
  ComplianceQuery,
  ComplianceRow,
  ConfirmSlotBody,
  Page,
  PageQuery,
  PostKindSchema,
  RoundDay,
  RoundDayQuery,
  RoundSchedule,
  RoundScheduleBody,
  RoundScheduleParams,
  RoundSlot,
  RoundSlotParams,
  SiteParams,
  UpdateRoundScheduleBody,
} from '@anchang/contracts';
import type { App } from '../../platform/http/types.js';
import type { Deps } from '../../platform/tx.js';
import { getCompliance } from './round-compliance.service.js';
import { getRoundDay } from './round-day.service.js';
import { createSchedule, deleteSchedule, listSchedules, updateSchedule } from './round-schedules.service.js';
import { confirmSlot } from './round-slots.service.js';

const ScheduleListQuery = Type.Composite([PageQuery, Type.Object({ postKind: Type.Optional(PostKindSchema) })], { additionalProperties: false });

export function registerRoundRoutes(app: App, deps: Deps): void {
  const tags = ['rounds'];
  app.get(
    '/sites/:siteId/round-schedules',
    {
      schema: { tags, summary: 'Active round schedules', params: SiteParams, querystring: ScheduleListQuery, response: { 200: Page(RoundSchedule) } },
    },
    (req) => listSchedules(deps, req.actor, req.params.siteId, req.query),
  );
  app.post(
    '/sites/:siteId/round-schedules',
    {
      schema: {
        tags,
        summary: "Schedule a recurring duty of a post's standard; today's remaining slots are planned at once",
        params: SiteParams,
        body: RoundScheduleBody,
        response: { 200: RoundSchedule, 201: RoundSchedule },
      },
    },
    async (req, reply) => {
      const { schedule, created } = await createSchedule(deps, req.actor, req.params.siteId, req.body);
      return reply.status(created ? 201 : 200).send(schedule);
    },
  );
  app.put(
    '/sites/:siteId/round-schedules/:roundScheduleId',
    {
      schema: {
        tags,
        summary: 'Change a schedule; its upcoming slots are planned again',
        params: RoundScheduleParams,
        body: UpdateRoundScheduleBody,
        response: { 200: RoundSchedule },
      },
    },
    (req) => updateSchedule(deps, req.actor, req.params.siteId, req.params.roundScheduleId, req.body),
  );
  app.delete(
    '/sites/:siteId/round-schedules/:roundScheduleId',
    { schema: { tags, summary: 'Stop a schedule; decided slots are kept', params: RoundScheduleParams, response: { 204: { type: 'null' } } } },
    async (req, reply) => {
      await deleteSchedule(deps, req.actor, req.params.siteId, req.params.roundScheduleId);
      return reply.status(204).send();
    },
  );
  app.get(
    '/sites/:siteId/rounds/day',
    {
      schema: {
        tags,
        summary: "A site day's slots (staff: their posts')",
        params: SiteParams,
        querystring: RoundDayQuery,
        response: { 200: RoundDay },
      },
    },
    (req) => getRoundDay(deps, req.actor, req.params.siteId, req.query),
  );
  app.post(
    '/sites/:siteId/round-slots/:slotId/confirm',
    {
      schema: {
        tags,
        summary: 'Confirm a tap-proof slot from the phone, optionally with a photo',
        params: RoundSlotParams,
        body: ConfirmSlotBody,
        response: { 200: RoundSlot },
      },
    },
    (req) => confirmSlot(deps, req.actor, req.params.siteId, req.params.slotId, req.body),
  );
  app.get(
    '/sites/:siteId/rounds/compliance',
    {
      schema: {
        tags,
        summary: 'Met / missed / late per day and schedule, or per person',
        params: SiteParams,
        querystring: ComplianceQuery,
        response: { 200: Page(ComplianceRow) },
      },
    },
    (req) => getCompliance(deps, req.actor, req.params.siteId, req.query),
  );
}
