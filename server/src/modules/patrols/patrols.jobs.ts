/**
 * The two patrol timers, with deterministic ids so nothing is planned or judged twice:
 * - `patrol-plan:<scheduleId>:<date>` plans a schedule's rounds of that site day (each once: the
 *   slot is unique), then books the next day's;
 * - `patrol-close:<roundId>` judges the round when its last checkpoint's planned time plus the
 *   grace has passed; a missed or late one alerts the supervisors.
 */
import type { OpeningHours } from '@anchang/contracts';
import type { PatrolRoundsTable, PatrolSchedulesTable } from '../../db/schema.js';
import { newId } from '../../platform/ids.js';
import { localParts } from '../../platform/site-time.js';
import { scheduleTimer, type TimerRunner } from '../../platform/timers/timers.js';
import type { Tx } from '../../platform/tx.js';
import { recordAudit } from '../audit/index.js';
import { findCheckpointNames } from '../checkpoints/index.js';
import { notifyPeople } from '../notifications/index.js';
import { siteOverseerIds as overseersOf } from '../people/index.js';
import { findSiteRow } from '../sites/index.js';
import { nextDate, planPatrolDay, planningInstant, roundOutcome, type PatrolScheduleSpec } from './patrol-planner.js';
import {
  checksOfRound,
  findRoundById,
  findRouteById,
  findScheduleById,
  insertChecks,
  insertRoundOnce,
  listStops,
  updateRound,
} from './patrols.repository.js';

export const PLAN_TIMER = 'patrol-plan';
export const CLOSE_TIMER = 'patrol-close';

export const closeTimerId = (roundId: string) => `${CLOSE_TIMER}:${roundId}`;

const specOf = (r: PatrolSchedulesTable): PatrolScheduleSpec => ({
  kind: r.kind as PatrolScheduleSpec['kind'],
  everyMinutes: r.every_minutes,
  times: JSON.parse(r.times) as string[],
  graceMinutes: r.grace_minutes,
});

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
      id: closeTimerId(round.id),
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
    { personId: null, name: null, companyId: site.company_id, requestId: null },
    {
      siteId: round.site_id,
      action: status === 'missed' ? 'patrol.round_missed' : 'patrol.round_late',
      entityType: 'patrol_round',
      entityId: roundId,
      detail: { missed: missed.map((c) => c.id), late: late.map((c) => c.id) },
    },
  );
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
