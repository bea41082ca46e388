/**
 * When patrol rounds happen: pure functions of a schedule, a site-local date, the site's time
 * zone and opening hours. The timers plan one day at a time with them, and a bench can count
 * the expected rounds independently.
 */
import type { OpeningHours } from '@anchang/contracts';
import { addDays, instantAt, toMinutes, weekdayOf } from '../../platform/site-time.js';

export interface PatrolScheduleSpec {
  kind: 'every' | 'fixed';
  everyMinutes: number | null;
  /** HH:MM site-local times, for 'fixed'. */
  times: readonly string[];
  graceMinutes: number;
}

export interface PlannedRound {
  slotStart: number;
  /** When each checkpoint should be reached, in route order. */
  plannedAt: number[];
  /** The last checkpoint's planned time plus the grace: the round is judged then. */
  closesAt: number;
}

/**
 * The start instants of a schedule's rounds on `date`, ascending.
 * - every: from opening, each `everyMinutes`, starting strictly before closing; none on the
 *   site's closed weekdays. A site with 24-hour patrols (`allDay`) steps from midnight to
 *   midnight every day instead: the night is patrolled too;
 * - fixed: at each time, every day (security patrols the site when the hall is closed too).
 */
export function patrolSlotsFor(spec: PatrolScheduleSpec, date: string, timeZone: string, hours: OpeningHours, allDay = false): number[] {
  if (spec.kind === 'fixed') {
    return [...new Set(spec.times)].sort().map((time) => instantAt(date, time, timeZone));
  }
  if (!spec.everyMinutes || spec.everyMinutes <= 0) return [];
  if (!allDay && hours.closedWeekdays.includes(weekdayOf(date))) return [];
  const open = allDay ? 0 : toMinutes(hours.open);
  const close = allDay ? 24 * 60 : toMinutes(hours.close);
  const slots: number[] = [];
  for (let m = open; m < close; m += spec.everyMinutes) slots.push(instantAt(date, minutesToHHMM(m), timeZone));
  // A wall-clock time skipped or repeated by a DST change maps to one instant: keep it once.
  return [...new Set(slots)];
}

function minutesToHHMM(m: number): string {
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** Every round of `date`, with each checkpoint's planned time, given the route's planned minutes. */
export function planPatrolDay(
  spec: PatrolScheduleSpec,
  plannedMinutes: readonly number[],
  date: string,
  timeZone: string,
  hours: OpeningHours,
  allDay = false,
): PlannedRound[] {
  const last = plannedMinutes.length ? Math.max(...plannedMinutes) : 0;
  return patrolSlotsFor(spec, date, timeZone, hours, allDay).map((slotStart) => ({
    slotStart,
    plannedAt: plannedMinutes.map((m) => slotStart + m * 60_000),
    closesAt: slotStart + (last + spec.graceMinutes) * 60_000,
  }));
}

/** The instant the planner for `date` runs: the site's midnight starting that day. */
export function planningInstant(date: string, timeZone: string): number {
  return instantAt(date, '00:00', timeZone);
}

export const nextDate = (date: string) => addDays(date, 1);

/** A checkpoint reached after its planned time plus this counts as late. */
export const LATE_AFTER_MS = 5 * 60_000;
/** A guard may start a round this early and still have the scans count for it. */
export const EARLY_START_MS = 10 * 60_000;

export type RoundOutcome = 'upcoming' | 'in_progress' | 'done' | 'done_late' | 'missed';

/**
 * A round's status from its checks. Before it closes: upcoming until the first scan, then in
 * progress until every checkpoint is proven (done, or done late if any was late). Once closed,
 * a checkpoint still unproven makes the whole round missed.
 */
export function roundOutcome(checks: readonly { scannedAt: number | null; isLate: boolean }[], isClosed: boolean): RoundOutcome {
  const scanned = checks.filter((c) => c.scannedAt !== null);
  if (scanned.length === checks.length && checks.length > 0) return checks.some((c) => c.isLate) ? 'done_late' : 'done';
  if (isClosed) return 'missed';
  return scanned.length ? 'in_progress' : 'upcoming';
}

/** On a route walked in order, the next checkpoint is the first one not yet proven. */
export function isOutOfOrder(position: number, provenPositions: readonly number[], total: number): boolean {
  for (let p = 1; p <= total; p += 1) if (!provenPositions.includes(p)) return p !== position;
  return false;
}
