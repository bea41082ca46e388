/**
 * A site's figures for any period, gathered from each owning module's exported readers in one
 * batch per source (no query per visit or per shift), then reduced here. The visitor history,
 * the company dashboard and the monthly client report all read this one function, so a figure
 * means the same on every screen.
 *
 * Period membership follows the assessment's rule: a shift, roster line, round slot or patrol
 * belongs to the period of its rostered/local date; an instant (a visit's arrival, a repair's
 * report) to the period when its local date falls in it.
 */
import { FIGURES_MAX_DAYS, type ServiceFigures, type SiteFigures, type StageTime, type VisitorFigures } from '@anchang/contracts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../platform/errors.js';
import { complaintFiguresOfPeriod } from '../complaints/index.js';
import { addDays, instantAt, isValidDate, localParts, shiftSpan } from '../../platform/site-time.js';
import { equipmentFiguresOfPeriod } from '../equipment/index.js';
import { countIncidentsOfPeriod } from '../incidents/index.js';
import { countInspectionsOfPeriod, inspectionFiguresOfPeriod } from '../inspections/index.js';
import { listFinishedPatrolRoundsOfPeriod } from '../patrols/index.js';
import { countWorkOrdersOfPeriod, listRepairArrivalsOfPeriod } from '../repairs/index.js';
import { listDecidedSlots } from '../rounds/index.js';
import { listEntriesBetween } from '../rosters/index.js';
import { countChecklistResultsOfPeriod, isLate, listShiftsOfPeriod } from '../shifts/index.js';
import { findSiteRow } from '../sites/index.js';
import { findVersionsByIds, readStandardSettings, toPostStandard } from '../standards/index.js';
import { listQuestionTimesOfPeriod } from '../questions/index.js';
import { listShuttleCallsBetween } from '../shuttle/index.js';
import { listIssuedOfPeriod } from '../supplies/index.js';
import { surveyFiguresOfPeriod } from '../surveys/index.js';
import { countSessionsOfPeriod, trainingFiguresOfPeriod } from '../training/index.js';
import { listHandoffsOfPeriod, listVisitsOfPeriod, stageDurations, type StageEntry } from '../visits/index.js';

/** The chain's order, for the stage-time chart: car park → hall (bar, consultant) → shuttle → concierge → model room → farewell. */
export const STAGE_ORDER = ['car_park', 'hall', 'shuttle', 'concierge', 'model_room', 'departing'] as const;
const HANDOFF_ORDER = ['hall', 'consultant', 'bar', 'shuttle', 'concierge', 'model_room', 'departure'] as const;

export const rate = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/** Days from `from` to `to`, both included (0 when to is before from). */
export function daysBetween(from: string, to: string): number {
  const ms =
    Date.UTC(+to.slice(0, 4), +to.slice(5, 7) - 1, +to.slice(8, 10)) - Date.UTC(+from.slice(0, 4), +from.slice(5, 7) - 1, +from.slice(8, 10));
  return Math.round(ms / 86_400_000) + 1;
}

function average(values: readonly number[]): number | null {
  return values.length === 0 ? null : Math.round(values.reduce((a, b) => a + b, 0) / values.length);
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

type VisitRow = Awaited<ReturnType<typeof listVisitsOfPeriod>>[number];
type ShuttleCallRow = Awaited<ReturnType<typeof listShuttleCallsBetween>>[number];
type QuestionRow = Awaited<ReturnType<typeof listQuestionTimesOfPeriod>>[number];

/** GUARD-IN-8/9: the period's shuttle calls, measured from the call. */
export function shuttleCallFiguresOf(calls: readonly ShuttleCallRow[]): NonNullable<VisitorFigures['shuttleCalls']> {
  const taken = calls.filter((c) => c.taken_at !== null);
  const started = calls.filter((c) => c.trip_started_at !== null);
  const waits = calls.filter((c) => c.apology_at !== null);
  return {
    calls: calls.length,
    taken: taken.length,
    started: started.length,
    averageTakeMs: average(taken.map((c) => Number(c.taken_at) - Number(c.called_at))),
    averagePickupMs: average(started.map((c) => Number(c.trip_started_at) - Number(c.called_at))),
    waits: waits.length,
    // A wait still running (no driver yet) is not averaged: it has no end.
    averageWaitMs: average(waits.filter((c) => c.taken_at !== null).map((c) => Number(c.taken_at) - Number(c.called_at))),
  };
}

/** GUARD-IN-7: questions handed to sales in the period and the time to their answers. */
export function questionFiguresOf(questions: readonly QuestionRow[]): NonNullable<VisitorFigures['questions']> {
  const answered = questions.filter((q) => q.answer_ms !== null);
  return { asked: questions.length, answered: answered.length, averageAnswerMs: average(answered.map((q) => Number(q.answer_ms))) };
}
type HandoffRow = Awaited<ReturnType<typeof listHandoffsOfPeriod>>[number];

/** Visitor figures from the period's visits and hand-offs (pure, so a hand-made month can test it). */
export function visitorFiguresOf(
  visits: readonly VisitRow[],
  handoffs: readonly HandoffRow[],
  from: string,
  to: string,
  timeZone: string,
): VisitorFigures {
  const days = new Map<string, { visits: number; guests: number }>();
  for (let d = from; d <= to; d = addDays(d, 1)) days.set(d, { visits: 0, guests: 0 });
  const hours = Array.from({ length: 24 }, (_, hour) => ({ hour, visits: 0, guests: 0 }));
  const stageSpans = new Map<string, number[]>();
  const visitSpans: number[] = [];
  let identified = 0;
  let returning = 0;
  let car = 0;
  for (const v of visits) {
    const arrivedAt = Number(v.arrived_at);
    const local = localParts(arrivedAt, timeZone);
    const day = days.get(local.date);
    if (day) {
      day.visits += 1;
      day.guests += v.party_size;
    }
    const hour = hours[Math.floor(local.minutes / 60)]!;
    hour.visits += 1;
    hour.guests += v.party_size;
    if (v.arrival_mode === 'car') car += 1;
    if (v.customer_id !== null) {
      identified += 1;
      // First seen before this arrival: an earlier visit, before the period or inside it.
      if (v.customer_first_seen_at !== null && Number(v.customer_first_seen_at) < arrivedAt) returning += 1;
    }
    // Only finished visits: an open one's current stage has no end yet.
    if (v.status === 'closed' && v.closed_at !== null) {
      const closedAt = Number(v.closed_at);
      visitSpans.push(closedAt - arrivedAt);
      for (const [stage, ms] of Object.entries(stageDurations(JSON.parse(v.stage_log) as StageEntry[], closedAt))) {
        const list = stageSpans.get(stage) ?? [];
        list.push(ms);
        stageSpans.set(stage, list);
      }
    }
  }
  const stageTimes: StageTime[] = [...new Set<string>([...STAGE_ORDER, ...stageSpans.keys()])]
    .filter((stage) => stageSpans.has(stage))
    .map((stage) => {
      const spans = stageSpans.get(stage)!;
      return { stage, visits: spans.length, averageMs: average(spans), medianMs: median(spans) };
    });
  const byTarget = new Map<string, { handoffs: number; acks: number[] }>();
  for (const h of handoffs) {
    const t = byTarget.get(h.to_target) ?? { handoffs: 0, acks: [] };
    t.handoffs += 1;
    if (h.acked_at !== null) t.acks.push(Math.max(0, Number(h.acked_at) - Number(h.sent_at)));
    byTarget.set(h.to_target, t);
  }
  const handoffTimes = [...new Set<string>([...HANDOFF_ORDER, ...byTarget.keys()])]
    .filter((to) => byTarget.has(to))
    .map((to) => {
      const t = byTarget.get(to)!;
      return { to, handoffs: t.handoffs, acknowledged: t.acks.length, averageAckMs: average(t.acks) };
    });
  return {
    visits: visits.length,
    guests: visits.reduce((n, v) => n + v.party_size, 0),
    byDay: [...days.entries()].map(([date, d]) => ({ date, ...d })),
    byHour: hours,
    stageTimes,
    averageVisitMs: average(visitSpans),
    handoffTimes,
    identifiedVisits: identified,
    returningVisits: returning,
    returningShare: rate(returning, identified),
    byArrivalMode: { car, walkIn: visits.length - car },
  };
}

/**
 * The site's figures from `fromDate` to `toDate` (site-local dates, both included), judged at
 * `now`: a rostered line still to come is no absence yet, a repair whose deadline is still
 * running does not count against the 5-minute rule. Throws SITE_NOT_FOUND for an unknown site;
 * the range is the caller's to validate (see `assertFiguresRange`).
 */
export async function siteFiguresOfPeriod(db: Kysely<DB>, siteId: string, fromDate: string, toDate: string, now: number): Promise<SiteFigures> {
  const site = await findSiteRow(db, siteId);
  if (!site) throw new AppError('SITE_NOT_FOUND', { params: { siteId } });
  const tz = site.time_zone;
  const fromMs = instantAt(fromDate, '00:00', tz);
  const toMs = instantAt(addDays(toDate, 1), '00:00', tz);
  const today = localParts(now, tz).date;

  const [
    visits,
    handoffs,
    settings,
    roster,
    shifts,
    checklist,
    slots,
    patrols,
    arrivals,
    workOrders,
    incidents,
    equipment,
    issued,
    calls,
    questions,
  ] = await Promise.all([
    listVisitsOfPeriod(db, siteId, fromMs, toMs),
    listHandoffsOfPeriod(db, siteId, fromMs, toMs),
    readStandardSettings(db, siteId),
    listEntriesBetween(db, siteId, fromDate, toDate),
    listShiftsOfPeriod(db, siteId, fromDate, toDate),
    countChecklistResultsOfPeriod(db, siteId, fromDate, toDate),
    listDecidedSlots(db, siteId, fromDate, toDate),
    listFinishedPatrolRoundsOfPeriod(db, siteId, fromDate, toDate),
    listRepairArrivalsOfPeriod(db, siteId, fromMs, toMs),
    countWorkOrdersOfPeriod(db, siteId, fromMs, toMs),
    countIncidentsOfPeriod(db, siteId, fromMs, toMs),
    equipmentFiguresOfPeriod(db, siteId, fromMs, toMs, addDays(toDate, 1) < today ? addDays(toDate, 1) : today),
    listIssuedOfPeriod(db, siteId, fromMs, toMs),
    listShuttleCallsBetween(db, siteId, fromMs, toMs),
    listQuestionTimesOfPeriod(db, siteId, fromMs, toMs),
  ]);
  const people = [...new Set([...roster.map((e) => e.person_id), ...shifts.map((s) => s.person_id)])];
  const [versions, training, inspections, siteInspections, sessionsHeld, satisfaction, complaints] = await Promise.all([
    findVersionsByIds(db, [...new Set(shifts.map((s) => s.standard_version_id))]),
    trainingFiguresOfPeriod(db, siteId, people, fromMs, toMs),
    inspectionFiguresOfPeriod(db, siteId, people, fromMs, toMs),
    countInspectionsOfPeriod(db, siteId, fromDate, toDate, fromMs, toMs),
    countSessionsOfPeriod(db, siteId, fromDate, toDate),
    surveyFiguresOfPeriod(db, siteId, fromMs, toMs),
    complaintFiguresOfPeriod(db, siteId, fromMs, toMs),
  ]);

  // Checklist: the opening list is due once clocked in, the closing one once clocked out.
  const expected = new Map(
    versions.map((v) => {
      const items = toPostStandard(v).items;
      return [v.id, { pre: items.filter((i) => i.phase === 'PRE').length, post: items.filter((i) => i.phase === 'POST').length }];
    }),
  );
  const done = new Map<string, { pre: number; post: number }>();
  for (const c of checklist) {
    const d = done.get(c.shiftId) ?? { pre: 0, post: 0 };
    if (c.phase === 'PRE') d.pre += c.count;
    if (c.phase === 'POST') d.post += c.count;
    done.set(c.shiftId, d);
  }
  let checklistExpected = 0;
  let checklistDone = 0;
  for (const s of shifts) {
    const e = expected.get(s.standard_version_id) ?? { pre: 0, post: 0 };
    const d = done.get(s.id) ?? { pre: 0, post: 0 };
    const closed = s.clock_out_at !== null;
    checklistExpected += e.pre + (closed ? e.post : 0);
    checklistDone += Math.min(d.pre, e.pre) + (closed ? Math.min(d.post, e.post) : 0);
  }

  // Punctuality: each rostered line that has started is on time, late, or (grace passed, no shift) an absence.
  const shiftOfEntry = new Map(shifts.filter((s) => s.roster_entry_id !== null).map((s) => [s.roster_entry_id!, s]));
  let rostered = 0;
  let onTime = 0;
  let late = 0;
  let absences = 0;
  for (const e of roster) {
    const startsAt = shiftSpan(e.date, e.start_time, e.end_time, tz).startsAt;
    const shift = shiftOfEntry.get(e.id);
    if (shift) {
      rostered += 1;
      if (isLate(Number(shift.clock_in_at), startsAt, settings.lateGraceMinutes)) late += 1;
      else onTime += 1;
    } else if (isLate(now, startsAt, settings.lateGraceMinutes)) {
      rostered += 1;
      absences += 1;
    }
  }

  const roundsMet = slots.filter((s) => s.status === 'met').length;
  const roundsLate = slots.filter((s) => s.status === 'late').length;
  const patrolsDone = patrols.filter((p) => p.status === 'done').length;
  const patrolsLate = patrols.filter((p) => p.status === 'done_late').length;

  // A repair counts for the rule once it has arrived or its deadline has passed.
  const judged = arrivals.filter((w) => w.arrived_at !== null || Number(w.arrival_deadline_at) <= now);
  const arrived = judged.filter((w) => w.arrived_at !== null);
  const withinRule = arrived.filter((w) => Number(w.arrived_at) <= Number(w.arrival_deadline_at)).length;

  const byKind: Record<string, number> = {};
  const bySeverity: Record<string, number> = {};
  for (const i of incidents) {
    byKind[i.kind] = (byKind[i.kind] ?? 0) + i.count;
    bySeverity[i.severity] = (bySeverity[i.severity] ?? 0) + i.count;
  }

  const trainingOf = [...training.values()];
  const inspectionOf = [...inspections.values()];
  const byCategory: Record<string, number> = {};
  for (const i of issued) byCategory[i.category] = (byCategory[i.category] ?? 0) + i.quantity;

  const service: ServiceFigures = {
    checklist: { expected: checklistExpected, done: checklistDone, rate: rate(checklistDone, checklistExpected) },
    punctuality: { rostered, onTime, late, absences, rate: rate(onTime, rostered) },
    rounds: {
      due: slots.length,
      met: roundsMet,
      late: roundsLate,
      missed: slots.length - roundsMet - roundsLate,
      rate: rate(roundsMet + roundsLate, slots.length),
    },
    patrols: {
      due: patrols.length,
      done: patrolsDone,
      late: patrolsLate,
      missed: patrols.length - patrolsDone - patrolsLate,
      rate: rate(patrolsDone + patrolsLate, patrols.length),
    },
    repairs: {
      opened: workOrders.opened,
      closed: workOrders.closed,
      dispatched: judged.length,
      arrived: arrived.length,
      averageArrivalMs: average(arrived.map((w) => Number(w.arrived_at) - Number(w.reported_at))),
      withinRule,
      withinRuleShare: rate(withinRule, judged.length),
    },
    incidents: { total: incidents.reduce((n, i) => n + i.count, 0), byKind, bySeverity },
    inspections: {
      ...siteInspections,
      averageDeduction: siteInspections.count > 0 ? Math.round((siteInspections.deductionPoints / siteInspections.count) * 10) / 10 : null,
      rectificationsOverdue: inspectionOf.reduce((n, i) => n + i.rectificationsOverdue, 0),
    },
    training: {
      sessionsHeld,
      peopleTrainedOnJob: trainingOf.filter((t) => t.onJobSessions > 0).length,
      people: people.length,
      quizzesTaken: trainingOf.reduce((n, t) => n + t.quizzesTaken, 0),
      quizzesPassed: trainingOf.reduce((n, t) => n + t.quizzesPassed, 0),
    },
    equipment: { ...equipment, faults: workOrders.openedOnAssets },
    supplies: { issued: [...issued].sort((a, b) => b.quantity - a.quantity), byCategory },
  };

  return {
    siteId,
    from: fromDate,
    to: toDate,
    timeZone: tz,
    days: daysBetween(fromDate, toDate),
    computedAt: now,
    visitors: {
      ...visitorFiguresOf(visits, handoffs, fromDate, toDate, tz),
      shuttleCalls: shuttleCallFiguresOf(calls),
      questions: questionFiguresOf(questions),
    },
    service,
    satisfaction,
    complaints,
  };
}

/** A requested period: real calendar dates, from ≤ to, at most FIGURES_MAX_DAYS days. 400 with a code otherwise. */
export function assertFiguresRange(from: string, to: string): void {
  for (const date of [from, to]) if (!isValidDate(date)) throw new AppError('INVALID_DATE', { message: 'Not a calendar date', params: { date } });
  if (from > to) throw new AppError('FIGURES_RANGE_REVERSED', { message: '`from` is after `to`', params: { from, to } });
  const days = daysBetween(from, to);
  if (days > FIGURES_MAX_DAYS)
    throw new AppError('FIGURES_RANGE_TOO_LONG', {
      message: `At most ${FIGURES_MAX_DAYS} days`,
      params: { from, to, days, maxDays: FIGURES_MAX_DAYS },
    });
}
