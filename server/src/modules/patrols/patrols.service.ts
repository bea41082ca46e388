/**
 * Patrols (SECURITY-1, SECURITY-4): routes of ordered checkpoints with planned minutes,
 * schedules that make one round per slot, and each round proven checkpoint by checkpoint by
 * the scans of the person who walks it. A round is judged when its last checkpoint's planned
 * time plus the grace has passed; a missed or late one alerts the supervisors.
 */
import type {
  EquipmentState,
  OpeningHours,
  PageOf,
  PatrolRound,
  PatrolRoundStatus,
  PatrolRoute,
  PatrolSchedule,
  PostKind,
  ScanFlag,
  ScanPatrolProof,
} from '@anchang/contracts';
import { ROLE_GROUPS } from '@anchang/contracts';
import type { PatrolRoundsTable, PatrolRoutesTable, PatrolSchedulesTable } from '../../db/schema.js';
import { actorRef, type Actor } from '../../platform/auth/actor.js';
import { requireSiteMember, requireSiteRole } from '../../platform/auth/policy.js';
import { AppError } from '../../platform/errors.js';
import { writeOnce } from '../../platform/idempotent.js';
import { newId } from '../../platform/ids.js';
import { pageRequest, toPageBatched } from '../../platform/http/pagination.js';
import { isValidDate, localParts } from '../../platform/site-time.js';
import { cancelTimer, scheduleTimer, type TimerRunner } from '../../platform/timers/timers.js';
import { inTransaction, type Deps, type Tx } from '../../platform/tx.js';
import { raiseAnomaly } from '../anomalies/index.js';
import { recordAudit } from '../audit/index.js';
import { findCheckpointById, findCheckpointNames } from '../checkpoints/index.js';
import { notifyPeople } from '../notifications/index.js';
import { findPersonNames, postKindsOfPerson as postKindsOf, siteOverseerIds as overseersOf } from '../people/index.js';
import { findSiteRow as findSiteRecord } from '../sites/index.js';
import {
  EARLY_START_MS,
  isOutOfOrder,
  LATE_AFTER_MS,
  nextDate,
  planPatrolDay,
  planningInstant,
  roundOutcome,
  type PatrolScheduleSpec,
} from './patrol-planner.js';
import {
  activeSchedulesOfRoute,
  checksOfRound,
  deleteFutureRounds,
  findCheckByScan,
  findProvableCheck,
  findRound,
  findRoundById,
  findRoute,
  findRouteById,
  findRouteNames,
  findSchedule,
  findScheduleById,
  findSiteRow,
  insertChecks,
  insertRoundOnce,
  insertRoute,
  insertSchedule,
  listCheckRows,
  listRoundRows,
  listRouteRows,
  listScheduleRows,
  listStops,
  liveCheckpointIds,
  proveCheck,
  replaceStops,
  updateCheck,
  updateRound,
  updateRouteRow,
  updateScheduleRow,
} from './patrols.repository.js';

/** Who lays out routes and schedules: the site's managers and supervisors. */
export const PATROL_PLANNERS = ROLE_GROUPS.patrolPlanners;
export const PLAN_TIMER = 'patrol-plan';
export const CLOSE_TIMER = 'patrol-close';

// ---- routes ----

async function toRoutes(deps: Pick<Deps, 'db'>, rows: PatrolRoutesTable[]): Promise<PatrolRoute[]> {
  const stops = await listStops(
    deps.db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    siteId: r.site_id,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    stops: stops
      .filter((s) => s.route_id === r.id)
      .map((s) => ({ checkpointId: s.checkpoint_id, plannedMinute: s.planned_minute, nameZh: s.name_zh, nameEn: s.name_en, zoneName: s.zone_name })),
    archivedAt: r.archived_at,
    createdAt: r.created_at,
  }));
}

async function assertStops(deps: Deps, siteId: string, stops: { checkpointId: string; plannedMinute: number }[]): Promise<void> {
  const live = await liveCheckpointIds(
    deps.db,
    siteId,
    stops.map((s) => s.checkpointId),
  );
  const unknown = stops.filter((s) => !live.has(s.checkpointId)).map((s) => s.checkpointId);
  if (unknown.length) throw new AppError('CHECKPOINT_NOT_FOUND', { params: { checkpointIds: unknown } });
  if (new Set(stops.map((s) => s.checkpointId)).size !== stops.length)
    throw new AppError('VALIDATION_FAILED', { message: 'A checkpoint appears twice on the route', params: { field: 'stops' } });
  for (let i = 1; i < stops.length; i += 1) {
    if (stops[i]!.plannedMinute < stops[i - 1]!.plannedMinute)
      throw new AppError('VALIDATION_FAILED', {
        message: 'Planned minutes must not go backwards along the route',
        params: { field: 'stops' },
      });
  }
}

export async function listRoutes(deps: Deps, actor: Actor, siteId: string, query: { limit?: number; cursor?: string }): Promise<PageOf<PatrolRoute>> {
  requireSiteMember(actor, siteId);
  const page = pageRequest(query, 'asc');
  return toPageBatched(await listRouteRows(deps.db, siteId, page), page, (rows) => toRoutes(deps, rows));
}

export async function createRoute(
  deps: Deps,
  actor: Actor,
  siteId: string,
  input: { id: string; nameZh: string; nameEn: string; stops: { checkpointId: string; plannedMinute: number }[] },
): Promise<{ route: PatrolRoute; created: boolean }> {
  requireSiteRole(actor, siteId, PATROL_PLANNERS);
  const { value, created } = await writeOnce(
    async () => {
      const stored = await findRouteById(deps.db, input.id);
      if (stored && stored.site_id !== siteId) throw new AppError('ID_CONFLICT', { message: 'This id belongs to another record' });
      return stored;
    },
    async () => {
      await assertStops(deps, siteId, input.stops);
      return inTransaction(deps, async (tx) => {
        const row: PatrolRoutesTable = {
          id: input.id,
          site_id: siteId,
          name_zh: input.nameZh.trim(),
          name_en: input.nameEn.trim(),
          archived_at: null,
          created_at: tx.now,
          updated_at: tx.now,
        };
        await insertRoute(tx.trx, row);
        await replaceStops(tx.trx, siteId, row.id, input.stops);
        await recordAudit(tx, actorRef(actor), {
          siteId,
          action: 'patrol.route_create',
          entityType: 'patrol_route',
          entityId: row.id,
          detail: { nameZh: row.name_zh, stops: input.stops },
        });
        return row;
      });
    },
  );
  return { route: (await toRoutes(deps, [value]))[0]!, created };
}

/** New stops apply to rounds planned from now on; rounds already planned keep theirs. */
export async function updateRoute(
  deps: Deps,
  actor: Actor,
  siteId: string,
  routeId: string,
  patch: { nameZh?: string; nameEn?: string; stops?: { checkpointId: string; plannedMinute: number }[] },
): Promise<PatrolRoute> {
  requireSiteRole(actor, siteId, PATROL_PLANNERS);
  const route = await findRoute(deps.db, siteId, routeId);
  if (!route || route.archived_at !== null) throw new AppError('PATROL_ROUTE_NOT_FOUND', { params: { routeId } });
  if (patch.stops) await assertStops(deps, siteId, patch.stops);
  await inTransaction(deps, async (tx) => {
    await updateRouteRow(tx.trx, routeId, {
      name_zh: patch.nameZh?.trim() ?? route.name_zh,
      name_en: patch.nameEn?.trim() ?? route.name_en,
      updated_at: tx.now,
    });
    if (patch.stops) await replaceStops(tx.trx, siteId, routeId, patch.stops);
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: 'patrol.route_update',
      entityType: 'patrol_route',
      entityId: routeId,
      detail: { ...patch },
    });
  });
  return (await toRoutes(deps, [(await findRoute(deps.db, siteId, routeId))!]))[0]!;
}

/** Archives the route and stops its schedules; rounds already walked stay as history. */
export async function archiveRoute(deps: Deps, actor: Actor, siteId: string, routeId: string): Promise<void> {
  requireSiteRole(actor, siteId, PATROL_PLANNERS);
  const route = await findRoute(deps.db, siteId, routeId);
  if (!route || route.archived_at !== null) throw new AppError('PATROL_ROUTE_NOT_FOUND', { params: { routeId } });
  await inTransaction(deps, async (tx) => {
    await updateRouteRow(tx.trx, routeId, { archived_at: tx.now, updated_at: tx.now });
    for (const schedule of await activeSchedulesOfRoute(tx.trx, routeId)) await stopScheduleIn(tx, schedule);
    await recordAudit(tx, actorRef(actor), { siteId, action: 'patrol.route_archive', entityType: 'patrol_route', entityId: routeId });
    tx.emit({ siteId }, 'patrol.round_changed', { roundId: routeId, routeId, status: 'archived' });
  });
}

// ---- schedules ----

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

const specOf = (r: PatrolSchedulesTable): PatrolScheduleSpec => ({
  kind: r.kind as PatrolScheduleSpec['kind'],
  everyMinutes: r.every_minutes,
  times: JSON.parse(r.times) as string[],
  graceMinutes: r.grace_minutes,
});

export async function listSchedules(
  deps: Deps,
  actor: Actor,
  siteId: string,
  query: { limit?: number; cursor?: string },
): Promise<PageOf<PatrolSchedule>> {
  requireSiteMember(actor, siteId);
  const page = pageRequest(query, 'asc');
  return toPageBatched(await listScheduleRows(deps.db, siteId, page), page, (rows) => Promise.resolve(rows.map(toSchedule)));
}

export async function createSchedule(
  deps: Deps,
  actor: Actor,
  siteId: string,
  input: {
    id: string;
    routeId: string;
    postKind?: PostKind;
    kind: 'every' | 'fixed';
    everyMinutes?: number;
    times?: string[];
    graceMinutes?: number;
  },
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

async function stopScheduleIn(tx: Tx, schedule: PatrolSchedulesTable): Promise<void> {
  await updateScheduleRow(tx.trx, schedule.id, { active: 0, updated_at: tx.now });
  for (const roundId of await deleteFutureRounds(tx.trx, schedule.id, tx.now)) await cancelTimer(tx, `${CLOSE_TIMER}:${roundId}`);
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

// ---- planning and judging (timers) ----

/**
 * Creates the schedule's rounds of `date` that have not closed yet (each once: the slot is
 * unique), each with its close timer, and the planner of the next day. Bounded: one day.
 */
export async function planDay(tx: Tx, schedule: PatrolSchedulesTable, date: string): Promise<number> {
  const site = await findSiteRow(tx.trx, schedule.site_id);
  const route = await findRouteById(tx.trx, schedule.route_id);
  if (!site || !route || route.archived_at !== null || schedule.active !== 1) return 0;
  const stops = await listStops(tx.trx, [route.id]);
  const hours = JSON.parse(site.opening_hours) as OpeningHours;
  let created = 0;
  for (const planned of planPatrolDay(
    specOf(schedule),
    stops.map((s) => s.planned_minute),
    date,
    site.time_zone,
    hours,
    site.patrol_all_day === 1,
  )) {
    if (planned.closesAt <= tx.now) continue;
    const round: PatrolRoundsTable = {
      id: newId(tx.now),
      site_id: schedule.site_id,
      route_id: route.id,
      schedule_id: schedule.id,
      post_kind: schedule.post_kind,
      date,
      slot_start: planned.slotStart,
      closes_at: planned.closesAt,
      status: 'upcoming',
      walker_id: null,
      created_at: tx.now,
      updated_at: tx.now,
    };
    if (!(await insertRoundOnce(tx.trx, round))) continue;
    created += 1;
    await insertChecks(
      tx.trx,
      stops.map((s, i) => ({
        round_id: round.id,
        position: s.position,
        site_id: round.site_id,
        checkpoint_id: s.checkpoint_id,
        planned_at: planned.plannedAt[i]!,
        scan_id: null,
        scanned_at: null,
        is_late: 0,
        equipment_state: null,
        equipment_note: null,
        anomaly_id: null,
      })),
    );
    await scheduleTimer(tx, {
      id: `${CLOSE_TIMER}:${round.id}`,
      kind: CLOSE_TIMER,
      siteId: round.site_id,
      dueAt: round.closes_at,
      payload: { roundId: round.id },
    });
  }
  const next = nextDate(date);
  await scheduleTimer(tx, {
    id: `${PLAN_TIMER}:${schedule.id}:${next}`,
    kind: PLAN_TIMER,
    siteId: schedule.site_id,
    dueAt: planningInstant(next, site.time_zone),
    payload: { scheduleId: schedule.id, date: next },
  });
  return created;
}

/** Judges a round at its close: missed if a checkpoint is unproven; alerts when missed or late. */
export async function closeRound(tx: Tx, roundId: string): Promise<void> {
  const round = await findRoundById(tx.trx, roundId);
  if (!round || round.status === 'done' || round.status === 'missed') return;
  const checks = await checksOfRound(tx.trx, roundId);
  const status = roundOutcome(
    checks.map((c) => ({ scannedAt: c.scanned_at, isLate: c.is_late === 1 })),
    true,
  );
  if (status !== round.status) await updateRound(tx.trx, roundId, { status, updated_at: tx.now });
  tx.emit({ siteId: round.site_id }, 'patrol.round_changed', { roundId, routeId: round.route_id, status });
  if (status === 'done') return;
  const site = (await findSiteRow(tx.trx, round.site_id))!;
  const names = new Map(
    (
      await findCheckpointNames(
        tx.trx,
        checks.map((c) => c.checkpoint_id),
      )
    ).map((c) => [c.id, c]),
  );
  const missed = checks.filter((c) => c.scanned_at === null).map((c) => names.get(c.checkpoint_id)!);
  const late = checks.filter((c) => c.is_late === 1).map((c) => names.get(c.checkpoint_id)!);
  const route = (await findRouteById(tx.trx, round.route_id))!;
  const at = localParts(round.slot_start, site.time_zone).time;
  const text = (c: { name_zh: string; name_en: string }) => ({ zh: c.name_zh, en: c.name_en });
  await notifyPeople(tx, await overseersOf(tx.trx, round.site_id), {
    siteId: round.site_id,
    code: 'patrol.round_alert',
    params: { status: status === 'missed' ? 'missed' : 'late', route: text(route), at, missed: missed.map(text), late: late.map(text) },
  });
  await recordAudit(
    tx,
    { personId: null, name: null, companyId: await companyOf(tx, round.site_id), requestId: null },
    {
      siteId: round.site_id,
      action: status === 'missed' ? 'patrol.round_missed' : 'patrol.round_late',
      entityType: 'patrol_round',
      entityId: roundId,
      detail: { missed: missed.map((c) => c.id), late: late.map((c) => c.id) },
    },
  );
}

async function companyOf(tx: Tx, siteId: string): Promise<string> {
  return (await findSiteRecord(tx.trx, siteId))!.company_id;
}

export function registerPatrolTimers(timers: TimerRunner): void {
  timers.register(PLAN_TIMER, async (tx, timer) => {
    const { scheduleId, date } = timer.payload as { scheduleId: string; date: string };
    const schedule = await findScheduleById(tx.trx, scheduleId);
    if (schedule) await planDay(tx, schedule, date);
  });
  timers.register(CLOSE_TIMER, async (tx, timer) => {
    await closeRound(tx, (timer.payload as { roundId: string }).roundId);
  });
}

// ---- proving checkpoints (called by the scan) ----

/**
 * Attaches a scan to the open patrol round it proves, if any, inside the scan's transaction.
 * Returns the proof and whether the guard skipped ahead of the route's order.
 */
export async function provePatrolCheck(
  tx: Tx,
  input: { siteId: string; checkpointId: string; personId: string; scanId: string; at?: number },
): Promise<{ proof: ScanPatrolProof; outOfOrder: boolean } | null> {
  const postKinds = await postKindsOf(tx.trx, input.siteId, input.personId);
  if (!postKinds.length) return null;
  // The scan's own time (the tap, for a scan sent later), never after the transaction's now.
  const at = Math.min(input.at ?? tx.now, tx.now);
  const { at: _at, ...keys } = input;
  const hit = await findProvableCheck(tx.trx, { ...keys, postKinds, now: at, earlyMs: EARLY_START_MS });
  if (!hit) return null;
  const isLate = at > hit.planned_at + LATE_AFTER_MS;
  if (!(await proveCheck(tx.trx, hit.round_id, hit.position, { scan_id: input.scanId, scanned_at: at, is_late: isLate ? 1 : 0 }))) return null;
  const checks = await checksOfRound(tx.trx, hit.round_id);
  const provenBefore = checks.filter((c) => c.scan_id !== null && c.position !== hit.position).map((c) => c.position);
  const outOfOrder = isOutOfOrder(hit.position, provenBefore, checks.length);
  const status = roundOutcome(
    checks.map((c) => ({ scannedAt: c.scanned_at, isLate: c.is_late === 1 })),
    false,
  );
  await updateRound(tx.trx, hit.round_id, { walker_id: input.personId, status, updated_at: tx.now });
  tx.emit({ siteId: input.siteId }, 'patrol.round_changed', { roundId: hit.round_id, routeId: hit.route_id, status });
  const names = (await findRouteNames(tx.trx, [hit.route_id])).get(hit.route_id)!;
  return {
    proof: {
      roundId: hit.round_id,
      routeNameZh: names.zh,
      routeNameEn: names.en,
      slotStart: hit.slot_start,
      position: hit.position,
      total: checks.length,
      plannedAt: hit.planned_at,
      isLate,
      equipmentState: null,
    },
    outOfOrder,
  };
}

// ---- rounds ----

async function toRounds(deps: Pick<Deps, 'db'>, rows: PatrolRoundsTable[]): Promise<PatrolRound[]> {
  const ids = rows.map((r) => r.id);
  const [checks, routeNames, walkers] = await Promise.all([
    listCheckRows(deps.db, ids),
    findRouteNames(
      deps.db,
      rows.map((r) => r.route_id),
    ),
    findPersonNames(
      deps.db,
      rows.flatMap((r) => (r.walker_id ? [r.walker_id] : [])),
    ),
  ]);
  return rows.map((r) => ({
    id: r.id,
    siteId: r.site_id,
    routeId: r.route_id,
    scheduleId: r.schedule_id,
    routeNameZh: routeNames.get(r.route_id)?.zh ?? '',
    routeNameEn: routeNames.get(r.route_id)?.en ?? '',
    postKind: r.post_kind as PostKind,
    date: r.date,
    slotStart: r.slot_start,
    closesAt: r.closes_at,
    status: r.status as PatrolRoundStatus,
    walkerId: r.walker_id,
    walkerName: r.walker_id ? (walkers.get(r.walker_id) ?? null) : null,
    checks: checks
      .filter((c) => c.round_id === r.id)
      .map((c) => ({
        position: c.position,
        checkpointId: c.checkpoint_id,
        nameZh: c.name_zh,
        nameEn: c.name_en,
        plannedAt: c.planned_at,
        scannedAt: c.scanned_at,
        isLate: c.is_late === 1,
        flags: c.flags ? (JSON.parse(c.flags) as ScanFlag[]) : [],
        lat: c.lat ?? null,
        lng: c.lng ?? null,
        equipmentState: c.equipment_state as EquipmentState | null,
        equipmentNote: c.equipment_note,
        anomalyId: c.anomaly_id,
      })),
  }));
}

async function siteDate(deps: Deps, siteId: string, date: string | undefined): Promise<string> {
  if (date !== undefined) {
    if (!isValidDate(date)) throw new AppError('VALIDATION_FAILED', { message: 'Not a calendar date', params: { field: 'date' } });
    return date;
  }
  const site = await findSiteRow(deps.db, siteId);
  return localParts(deps.clock.now(), site!.time_zone).date;
}

/** A day's rounds of the whole site, for the console. */
export async function listRounds(
  deps: Deps,
  actor: Actor,
  siteId: string,
  query: { limit?: number; cursor?: string; date?: string },
): Promise<PageOf<PatrolRound>> {
  requireSiteRole(actor, siteId, PATROL_PLANNERS);
  const page = pageRequest(query, 'asc');
  const date = await siteDate(deps, siteId, query.date);
  return toPageBatched(await listRoundRows(deps.db, siteId, date, page), page, (rows) => toRounds(deps, rows));
}

/** A day's rounds of the posts I hold (or that I walked), for the phone. */
export async function myRounds(
  deps: Deps,
  actor: Actor,
  siteId: string,
  query: { limit?: number; cursor?: string; date?: string },
): Promise<PageOf<PatrolRound>> {
  requireSiteMember(actor, siteId);
  const page = pageRequest(query, 'asc');
  const date = await siteDate(deps, siteId, query.date);
  const postKinds = await postKindsOf(deps.db, siteId, actor.personId);
  return toPageBatched(await listRoundRows(deps.db, siteId, date, page, { personId: actor.personId, postKinds }), page, (rows) =>
    toRounds(deps, rows),
  );
}

export async function getRound(deps: Deps, actor: Actor, siteId: string, roundId: string): Promise<PatrolRound> {
  requireSiteMember(actor, siteId);
  const row = await findRound(deps.db, siteId, roundId);
  if (!row) throw new AppError('PATROL_ROUND_NOT_FOUND', { params: { roundId } });
  return (await toRounds(deps, [row]))[0]!;
}

/**
 * SECURITY-4: the state of the equipment at a checkpoint the walker just proved. Abnormal
 * raises an equipment anomaly (to the supervisors, marked as needing repair), once per check.
 */
export async function recordEquipmentState(
  deps: Deps,
  actor: Actor,
  siteId: string,
  roundId: string,
  position: number,
  input: { state: EquipmentState; note?: string },
): Promise<PatrolRound> {
  requireSiteMember(actor, siteId);
  const round = await findRound(deps.db, siteId, roundId);
  if (!round) throw new AppError('PATROL_ROUND_NOT_FOUND', { params: { roundId } });
  const check = (await checksOfRound(deps.db, roundId)).find((c) => c.position === position);
  if (!check) throw new AppError('PATROL_ROUND_NOT_FOUND', { params: { roundId, position } });
  if (round.walker_id !== actor.personId) throw new AppError('PATROL_NOT_YOUR_ROUND', { params: { roundId } });
  if (check.scan_id === null) throw new AppError('PATROL_CHECK_NOT_SCANNED', { params: { roundId, position } });
  const note = input.note?.trim() ?? null;
  if (input.state === 'abnormal' && !note) throw new AppError('NOTE_REQUIRED', { message: 'Say what is wrong', params: { field: 'note' } });
  await inTransaction(deps, async (tx) => {
    let anomalyId = check.anomaly_id;
    if (input.state === 'abnormal' && !anomalyId) {
      const cp = (await findCheckpointById(tx.trx, check.checkpoint_id))!;
      anomalyId = await raiseAnomaly(tx, actor, {
        siteId,
        shiftId: null,
        postId: null,
        itemId: null,
        itemText: { zh: `巡视设备异常 · ${cp.name_zh}`, en: `Patrol equipment fault · ${cp.name_en}` },
        category: 'equipment',
        note: note!,
        photoId: null,
        reportedAt: tx.now,
      });
    }
    await updateCheck(tx.trx, roundId, position, { equipment_state: input.state, equipment_note: note, anomaly_id: anomalyId });
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: 'patrol.equipment_state',
      entityType: 'patrol_round',
      entityId: roundId,
      detail: { position, state: input.state, note, anomalyId },
    });
    tx.emit({ siteId }, 'patrol.round_changed', { roundId, routeId: round.route_id, status: round.status });
  });
  return getRound(deps, actor, siteId, roundId);
}

/** What a stored scan proved, for a resent scan that gets the first answer again. */
export async function patrolProofOfScan(deps: Pick<Deps, 'db'>, scanId: string): Promise<ScanPatrolProof | null> {
  const check = await findCheckByScan(deps.db, scanId);
  if (!check) return null;
  const round = (await findRoundById(deps.db, check.round_id))!;
  const names = (await findRouteNames(deps.db, [round.route_id])).get(round.route_id)!;
  const total = (await checksOfRound(deps.db, round.id)).length;
  return {
    roundId: round.id,
    routeNameZh: names.zh,
    routeNameEn: names.en,
    slotStart: round.slot_start,
    position: check.position,
    total,
    plannedAt: check.planned_at,
    isLate: check.is_late === 1,
    equipmentState: check.equipment_state as EquipmentState | null,
  };
}
