import {
  EquipmentStateBody,
  Page,
  PageQuery,
  PatrolCheckParams,
  PatrolRound,
  PatrolRoundParams,
  PatrolRoundsQuery,
  PatrolRoute,
  PatrolRouteBody,
  PatrolRouteParams,
  PatrolSchedule,
  PatrolScheduleBody,
  PatrolScheduleParams,
  SiteParams,
  UpdatePatrolRouteBody,
} from '@anchang/contracts';
import type { App } from '../../platform/http/types.js';
import type { Deps } from '../../platform/tx.js';
import { archiveRoute, createRoute, listRoutes, updateRoute } from './patrol-routes.service.js';
import { getRound, listRounds, myRounds, recordEquipmentState } from './patrol-rounds.service.js';
import { createSchedule, listSchedules, stopSchedule } from './patrol-schedules.service.js';

export function registerPatrolRoutes(app: App, deps: Deps): void {
  const tags = ['patrols'];
  app.get(
    '/sites/:siteId/patrol-routes',
    {
      schema: {
        tags,
        summary: 'Live patrol routes with their ordered checkpoints',
        params: SiteParams,
        querystring: PageQuery,
        response: { 200: Page(PatrolRoute) },
      },
    },
    (req) => listRoutes(deps, req.actor, req.params.siteId, req.query),
  );
  app.post(
    '/sites/:siteId/patrol-routes',
    {
      schema: { summary: 'Create a patrol route', tags, params: SiteParams, body: PatrolRouteBody, response: { 200: PatrolRoute, 201: PatrolRoute } },
    },
    async (req, reply) => {
      const { route, created } = await createRoute(deps, req.actor, req.params.siteId, req.body);
      return reply.status(created ? 201 : 200).send(route);
    },
  );
  app.patch(
    '/sites/:siteId/patrol-routes/:routeId',
    {
      schema: {
        tags,
        summary: 'Rename or re-order; rounds already planned keep their stops',
        params: PatrolRouteParams,
        body: UpdatePatrolRouteBody,
        response: { 200: PatrolRoute },
      },
    },
    (req) => updateRoute(deps, req.actor, req.params.siteId, req.params.routeId, req.body),
  );
  app.delete(
    '/sites/:siteId/patrol-routes/:routeId',
    { schema: { tags, summary: 'Archive the route and stop its schedules', params: PatrolRouteParams, response: { 204: { type: 'null' } } } },
    async (req, reply) => {
      await archiveRoute(deps, req.actor, req.params.siteId, req.params.routeId);
      return reply.status(204).send();
    },
  );
  app.get(
    '/sites/:siteId/patrol-schedules',
    { schema: { summary: 'List patrol schedules', tags, params: SiteParams, querystring: PageQuery, response: { 200: Page(PatrolSchedule) } } },
    (req) => listSchedules(deps, req.actor, req.params.siteId, req.query),
  );
  app.post(
    '/sites/:siteId/patrol-schedules',
    {
      schema: {
        tags,
        summary: "A route's rounds every N minutes in opening hours, or at fixed times",
        params: SiteParams,
        body: PatrolScheduleBody,
        response: { 200: PatrolSchedule, 201: PatrolSchedule },
      },
    },
    async (req, reply) => {
      const { schedule, created } = await createSchedule(deps, req.actor, req.params.siteId, req.body);
      return reply.status(created ? 201 : 200).send(schedule);
    },
  );
  app.delete(
    '/sites/:siteId/patrol-schedules/:patrolScheduleId',
    {
      schema: {
        tags,
        summary: 'Stop the schedule; its future rounds are dropped',
        params: PatrolScheduleParams,
        response: { 204: { type: 'null' } },
      },
    },
    async (req, reply) => {
      await stopSchedule(deps, req.actor, req.params.siteId, req.params.patrolScheduleId);
      return reply.status(204).send();
    },
  );
  app.get(
    '/sites/:siteId/patrol-rounds',
    {
      schema: {
        tags,
        summary: "A day's rounds, planned against actual per checkpoint",
        params: SiteParams,
        querystring: PatrolRoundsQuery,
        response: { 200: Page(PatrolRound) },
      },
    },
    (req) => listRounds(deps, req.actor, req.params.siteId, req.query),
  );
  app.get(
    '/sites/:siteId/patrol-rounds/mine',
    {
      schema: {
        tags,
        summary: "A day's rounds of the posts I hold",
        params: SiteParams,
        querystring: PatrolRoundsQuery,
        response: { 200: Page(PatrolRound) },
      },
    },
    (req) => myRounds(deps, req.actor, req.params.siteId, req.query),
  );
  app.get(
    '/sites/:siteId/patrol-rounds/:roundId',
    { schema: { summary: 'Read a patrol round with its scans', tags, params: PatrolRoundParams, response: { 200: PatrolRound } } },
    (req) => getRound(deps, req.actor, req.params.siteId, req.params.roundId),
  );
  app.put(
    '/sites/:siteId/patrol-rounds/:roundId/checks/:position/equipment',
    {
      schema: {
        tags,
        summary: 'SECURITY-4: equipment state at a proven checkpoint',
        params: PatrolCheckParams,
        body: EquipmentStateBody,
        response: { 200: PatrolRound },
      },
    },
    (req) => recordEquipmentState(deps, req.actor, req.params.siteId, req.params.roundId, req.params.position, req.body),
  );
}
