/**
 * The planner: which instants a round schedule is due at on one site day. Pure, so the server,
 * its tests and a bench counting expected slots all compute the same answer.
 *
 * Times are site wall-clock times converted through the site's IANA zone; an interval round
 * steps in wall-clock minutes from opening, or from midnight when it runs round the clock (a DST
 * change moves the instants, not the rule).
 */
import type { OpeningHours, RoundRecurrence } from '@anchang/contracts';
import { fromMinutes, instantAt, isValidDate, toMinutes, weekdayOf } from '../../platform/site-time.js';

export interface PlannedSlot {
  /** When the duty is due (slot start). */
  dueAt: number;
  /** HH:MM on the site's clocks. */
  localTime: string;
}

export interface PlannableSchedule {
  recurrence: RoundRecurrence;
}

/** True when the recurrence carries what its kind needs and its season is a real date range. */
export function recurrenceProblem(r: RoundRecurrence): string | null {
  if (r.kind === 'interval' && !r.everyMinutes) return 'everyMinutes';
  if (r.kind !== 'interval' && r.allDay) return 'allDay';
  if (r.kind === 'before_open' && r.minutesBeforeOpen === undefined) return 'minutesBeforeOpen';
  if (r.kind === 'times' && (!r.times || r.times.length === 0)) return 'times';
  if (r.fromDate && !isValidDate(r.fromDate)) return 'fromDate';
  if (r.toDate && !isValidDate(r.toDate)) return 'toDate';
  if (r.fromDate && r.toDate && r.fromDate > r.toDate) return 'toDate';
  return null;
}

export function slotsFor(schedule: PlannableSchedule, siteDay: string, timeZone: string, openingHours: OpeningHours): PlannedSlot[] {
  const r = schedule.recurrence;
  const roundTheClock = r.kind === 'interval' && r.allDay === true;
  if (!roundTheClock && openingHours.closedWeekdays.includes(weekdayOf(siteDay))) return [];
  if (r.weekdays && r.weekdays.length > 0 && !r.weekdays.includes(weekdayOf(siteDay))) return [];
  if (r.fromDate && siteDay < r.fromDate) return [];
  if (r.toDate && siteDay > r.toDate) return [];
  const open = roundTheClock ? 0 : toMinutes(openingHours.open);
  const close = roundTheClock ? 24 * 60 : toMinutes(openingHours.close);
  const minutes: number[] = [];
  if (r.kind === 'interval') {
    const every = r.everyMinutes ?? 0;
    if (every > 0) for (let m = open; m < close; m += every) minutes.push(m);
  } else if (r.kind === 'before_open') {
    minutes.push(Math.max(0, open - (r.minutesBeforeOpen ?? 0)));
  } else {
    for (const t of r.times ?? []) minutes.push(toMinutes(t));
  }
  const seen = new Set<number>();
  const slots: PlannedSlot[] = [];
  for (const m of minutes.sort((a, b) => a - b)) {
    const localTime = fromMinutes(m);
    const dueAt = instantAt(siteDay, localTime, timeZone);
    // A wall-clock time skipped or repeated by a DST change maps to one instant: keep it once.
    if (seen.has(dueAt)) continue;
    seen.add(dueAt);
    slots.push({ dueAt, localTime });
  }
  return slots;
}
