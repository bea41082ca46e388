/**
 * The meetings' rules on site-local days and weeks, apart from the database so they are tested
 * at the time zone's edges: which day and week an instant belongs to, when an action item falls
 * overdue, which earlier items a weekly review carries over, and what a clock-out answer means
 * for the debrief's attendance.
 */
import type { AttendanceStatus } from '@anchang/contracts';
import { addDays, instantAt, localParts, mondayOf } from '../../platform/site-time.js';

/** A site-local ISO week, Monday to Sunday, as the roster's weeks. */
export interface SiteWeek {
  weekStart: string;
  weekEnd: string;
}

export function weekOf(date: string): SiteWeek {
  const weekStart = mondayOf(date);
  return { weekStart, weekEnd: addDays(weekStart, 6) };
}

/** The site-local day an instant falls on. */
export const siteDayOf = (instant: number, timeZone: string): string => localParts(instant, timeZone).date;

/** The first instant after the site-local day `date`: its next midnight on the site's clocks. */
export const endOfSiteDay = (date: string, timeZone: string): number => instantAt(addDays(date, 1), '00:00', timeZone);

/** An item is overdue once its due day has ended on the site's clocks while still open. */
export function isOverdue(item: { status: string; dueDate: string }, timeZone: string, at: number): boolean {
  return item.status === 'open' && at >= endOfSiteDay(item.dueDate, timeZone);
}

/** The days of `month` (YYYY-MM), in order. */
export function daysOfMonth(month: string): string[] {
  const days: string[] = [];
  for (let d = `${month}-01`; d.startsWith(month); d = addDays(d, 1)) days.push(d);
  return days;
}

/** The ISO weeks that have at least one day in `month`, by their Monday. */
export function weeksTouchingMonth(month: string): SiteWeek[] {
  const starts = [...new Set(daysOfMonth(month).map((d) => mondayOf(d)))];
  return starts.map((weekStart) => ({ weekStart, weekEnd: addDays(weekStart, 6) }));
}

export interface CarryCandidate {
  /** The site-local day of the meeting that gave the item (a review's Monday). */
  meetingDate: string;
  createdAt: number;
  doneAt: number | null;
}

/**
 * The items a weekly review of the week starting `weekStart` shows as carried over: given at
 * an earlier meeting (before the week), and still open when the week began. An item is carried
 * week after week until it is done; one done during the week still shows in that week's
 * review (closed there), and no later one. `weekStartsAt` is the Monday's midnight on the
 * site's clocks. Nothing is copied: the review reads the items where they were given.
 */
export function isCarriedInto(item: CarryCandidate, weekStart: string, weekStartsAt: number): boolean {
  if (item.meetingDate >= weekStart) return false;
  return item.doneAt === null || item.doneAt >= weekStartsAt;
}

/** What the debrief takes from a clock-out answer, before anyone corrects it. */
export function attendanceFromAnswer(answer: boolean | null): AttendanceStatus {
  return answer === true ? 'present' : 'absent';
}

/**
 * One person's answer from their shifts of the day: yes if any shift said yes (a split shift
 * answered once is enough), no if one said no, null when none answered.
 */
export function answerOfShifts(shifts: readonly { debrief_attended: number | null }[]): boolean | null {
  if (shifts.some((s) => s.debrief_attended === 1)) return true;
  if (shifts.some((s) => s.debrief_attended === 0)) return false;
  return null;
}

/**
 * The state of a day or week in the compliance view: held when a meeting exists; otherwise, if
 * the site was open, due while it is running (today, this week), missing once it has passed,
 * and upcoming before it has begun.
 */
export function complianceState(opts: { isOpen: boolean; hasMeeting: boolean; firstDay: string; lastDay: string; today: string }) {
  if (opts.hasMeeting) return 'held' as const;
  if (!opts.isOpen) return 'not_open' as const;
  if (opts.firstDay > opts.today) return 'upcoming' as const;
  return opts.lastDay >= opts.today ? ('pending' as const) : ('missing' as const);
}
