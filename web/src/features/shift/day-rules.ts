/**
 * What the phone says about today, shared by the home page and the shift screen so they cannot
 * disagree: which roster line may be clocked in for now (a line the shift screen calls over is
 * never offered as 去签到 on the home page), and which greeting applies now (the site's HALL-IN-5
 * windows; outside them there is none, and the home says so too instead of 晚上好).
 */
import type { GreetingWindow, MyDay } from '@anchang/contracts';
import { clockInAvailability, greetingFor, type ClockInAvailability } from './shift-rules';

type RosterLine = MyDay['roster'][number];

/** done: clocked out · onShift: its shift is open · else when its clock-in is open, too early or over. */
export type RosterLineStatus = 'done' | 'onShift' | ClockInAvailability;

export function rosterLineStatus(line: RosterLine, openShiftId: string | null, now: number, earlyMinutes: number): RosterLineStatus {
  if (line.shiftId !== null) return line.shiftId === openShiftId ? 'onShift' : 'done';
  // On the line's real instants, so a 20:00–次日 08:00 night line is still open after midnight.
  return clockInAvailability(now, line.startsAt, line.endsAt, earlyMinutes);
}

/**
 * What the home page offers when the person is not on shift:
 * - clockIn: a line whose clock-in is open now (the 去签到 button);
 * - upcoming: the next line, not open yet (its time, no button);
 * - over: lines left whose time has passed without a clock-in (本班次已结束);
 * - allDone: every line clocked out; noRoster: nothing rostered today.
 */
export type HomeShiftOffer = { kind: 'clockIn' | 'upcoming' | 'over'; line: RosterLine } | { kind: 'allDone' } | { kind: 'noRoster' };

export function homeShiftOffer(roster: readonly RosterLine[], openShiftId: string | null, now: number, earlyMinutes: number): HomeShiftOffer {
  if (roster.length === 0) return { kind: 'noRoster' };
  const statuses = roster.map((line) => ({ line, status: rosterLineStatus(line, openShiftId, now, earlyMinutes) }));
  const open = statuses.find((s) => s.status === 'open');
  if (open) return { kind: 'clockIn', line: open.line };
  const upcoming = statuses.find((s) => s.status === 'tooEarly');
  if (upcoming) return { kind: 'upcoming', line: upcoming.line };
  const over = statuses.find((s) => s.status === 'over');
  if (over) return { kind: 'over', line: over.line };
  return { kind: 'allDone' };
}

/** The greeting of this minute from the site's windows, or null outside them: the one answer both screens show. */
export function greetingNow(windows: readonly GreetingWindow[] | undefined, minutesOfDay: number): GreetingWindow | null {
  return windows ? greetingFor(windows, minutesOfDay) : null;
}
