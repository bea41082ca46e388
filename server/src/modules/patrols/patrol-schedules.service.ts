/**
 * Patrol schedules: a route walked every N minutes in opening hours, or at fixed times. Creating
 * one plans today's remaining rounds at once; each day's planning timer (patrols.jobs.ts) then
 * plans the next day.
 */
import type { PageOf, PageQuery, PatrolSchedule, PatrolScheduleBody, PostKind } from '@anchang/contracts';
import type { Static } from '@sinclair/typebox';
import type { PatrolSchedulesTable } from '../../db/schema.js';
import { actorRef, type Actor } from '../../platform/auth/actor.js';
import { requireSiteMember, requireSiteRole } from '../../platform/auth/policy.js';
import { AppError } from '../../platform/errors.js';
import { writeOnce } from '../../platform/idempotent.js';
import { pageRequest, toPageBatched } from '../../platform/http/pagination.js';
import { localParts } from '../../platform/site-time.js';
import { cancelTimers } from '../../platform/timers/timers.js';
import { inTransaction, type Deps, type Tx } from '../../platform/tx.js';
import { recordAudit } from '../audit/index.js';
import { findSiteRow } from '../sites/index.js';
import { closeTimerId, planDay } from './patrols.jobs.js';
import { PATROL_PLANNERS } from './patrols.policy.js';
import {
  deleteFutureRounds,
  findRoute,
  findSchedule,
  findScheduleById,
  insertSchedule,
  listScheduleRows,
  updateScheduleRow,
} from './patrols.repository.js';

const toSchedule = (r: PatrolSchedulesTable): PatrolSchedule => ({
  id: r.id,
  siteId: r.site_id,
  routeId: r.route_id,
  postKind: r.post_kind as PostKind,
  kind: r.kind as PatrolSchedule['kind'],
  everyMinutes: r.every_minutes,
  times: JSON.parse(r.times) as string[],
  graceMinutes: r.grace_minutes,
  active: r.active === 1,
  createdAt: r.created_at,
});

export async function listSchedules(deps: Deps, actor: Actor, siteId: string, query: PageQuery): Promise<PageOf<PatrolSchedule>> {
  requireSiteMember(actor, siteId);
  const page = pageRequest(query, 'asc');
  return toPageBatched(await listScheduleRows(deps.db, siteId, page), page, (rows) => Promise.resolve(rows.map(toSchedule)));
}

export async function createSchedule(
  deps: Deps,
  actor: Actor,
  siteId: string,
  input: Static<typeof PatrolScheduleBody>,
): Promise<{ schedule: PatrolSchedule; created: boolean }> {
  requireSiteRole(actor, siteId, PATROL_PLANNERS);
  if (input.kind === 'every' ? !input.everyMinutes || input.times : !input.times || input.everyMinutes) {
    throw new AppError('PATROL_SCHEDULE_INVALID', {
      message: 'An "every" schedule takes everyMinutes only; a "fixed" one takes times only',
      params: { kind: input.kind },
    });
  }
  const { value, created } = await writeOnce(
    async () => {
      const stored = await findScheduleById(deps.db, input.id);
      if (stored && stored.site_id !== siteId) throw new AppError('ID_CONFLICT', { message: 'This id belongs to another record' });
      return stored;
    },
    async () => {
      const route = await findRoute(deps.db, siteId, input.routeId);
      if (!route || route.archived_at !== null) throw new AppError('PATROL_ROUTE_NOT_FOUND', { params: { routeId: input.routeId } });
      return inTransaction(deps, async (tx) => {
        const row: PatrolSchedulesTable = {
          id: input.id,
          site_id: siteId,
          route_id: route.id,
          post_kind: input.postKind ?? 'SECURITY',
          kind: input.kind,
          every_minutes: input.kind === 'every' ? input.everyMinutes! : null,
          times: JSON.stringify(input.kind === 'fixed' ? [...input.times!].sort() : []),
          grace_minutes: input.graceMinutes ?? 15,
          active: 1,
          created_at: tx.now,
          updated_at: tx.now,
        };
        await insertSchedule(tx.trx, row);
        // Today's remaining rounds now; each day's planner then plans the next day.
        const site = (await findSiteRow(tx.trx, siteId))!;
        await planDay(tx, row, localParts(tx.now, site.time_zone).date);
        await recordAudit(tx, actorRef(actor), {
          siteId,
          action: 'patrol.schedule_create',
          entityType: 'patrol_schedule',
          entityId: row.id,
          detail: { routeId: row.route_id, kind: row.kind, everyMinutes: row.every_minutes, times: row.times, graceMinutes: row.grace_minutes },
        });
        tx.emit({ siteId }, 'patrol.round_changed', { roundId: row.id, routeId: row.route_id, status: 'planned' });
        return row;
      });
    },
  );
  return { schedule: toSchedule(value), created };
}

/** Stops the schedule inside `tx`: its rounds not started yet go, with their close timers. */
export async function stopScheduleIn(tx: Tx, schedule: PatrolSchedulesTable): Promise<void> {
  await updateScheduleRow(tx.trx, schedule.id, { active: 0, updated_at: tx.now });
  await cancelTimers(tx, (await deleteFutureRounds(tx.trx, schedule.id, tx.now)).map(closeTimerId));
}

export async function stopSchedule(deps: Deps, actor: Actor, siteId: string, scheduleId: string): Promise<void> {
  requireSiteRole(actor, siteId, PATROL_PLANNERS);
  const schedule = await findSchedule(deps.db, siteId, scheduleId);
  if (!schedule || schedule.active !== 1) throw new AppError('PATROL_SCHEDULE_NOT_FOUND', { params: { scheduleId } });
  await inTransaction(deps, async (tx) => {
    await stopScheduleIn(tx, schedule);
    await recordAudit(tx, actorRef(actor), { siteId, action: 'patrol.schedule_stop', entityType: 'patrol_schedule', entityId: scheduleId });
    tx.emit({ siteId }, 'patrol.round_changed', { roundId: scheduleId, routeId: schedule.route_id, status: 'stopped' });
  });
}
