/**
 * Rules of a shift, pure so they are tested with a driven clock at their edges: when a
 * clock-in is accepted, when it is late, and when a clock-out must wait for the guests.
 */
import type { PostKind } from '@anchang/contracts';
import type { ShiftSpan } from '../../platform/site-time.js';

/** Posts that serve visitors: their people stay until the guests have left (HALL-POST-4, PARK-POST-4, …). */
export const SERVICE_POSTS: ReadonlySet<PostKind> = new Set<PostKind>(['HALL', 'BAR', 'PARK', 'GUARD', 'SHUTTLE', 'MODEL', 'MODELSVC']);

/** How far a phone's clock (time recorded offline) may be from the server's. */
export const MAX_CLOCK_SKEW_MS = 2 * 60_000;
/** Events recorded offline are accepted for this long after they happened. */
export const MAX_OFFLINE_AGE_MS = 24 * 3_600_000;

export type ClockInWindow = 'ok' | 'too_early' | 'after_end';

/**
 * A clock-in is accepted from `earlyMinutes` before the rostered start until the rostered end.
 * On instants (see shiftSpan): a night line's window runs past midnight into the next morning.
 */
export function clockInWindow(at: number, span: ShiftSpan, earlyMinutes: number): ClockInWindow {
  if (at < span.startsAt - earlyMinutes * 60_000) return 'too_early';
  if (at >= span.endsAt) return 'after_end';
  return 'ok';
}

/** Late once the grace has passed: a clock-in within the grace's last minute still counts on time. */
export function isLate(clockInAt: number, startsAt: number, graceMinutes: number): boolean {
  return Math.floor((clockInAt - startsAt) / 60_000) > graceMinutes;
}

/**
 * Which of the person's lines on a post a clock-in at `at` belongs to: the first whose window is
 * open; otherwise the reason the earliest still to come is not open yet, or that all are over.
 * Candidates include the day before's, whose night line may still be running.
 */
export function lineForClockIn<T>(
  lines: readonly { line: T; span: ShiftSpan }[],
  at: number,
  earlyMinutes: number,
): { line: T } | { refused: 'too_early'; line: T } | { refused: 'after_end' } {
  const open = lines.find((l) => clockInWindow(at, l.span, earlyMinutes) === 'ok');
  if (open) return { line: open.line };
  const upcoming = [...lines]
    .filter((l) => clockInWindow(at, l.span, earlyMinutes) === 'too_early')
    .sort((a, b) => a.span.startsAt - b.span.startsAt)[0];
  if (upcoming) return { refused: 'too_early', line: upcoming.line };
  return { refused: 'after_end' };
}

export type ClockOutVerdict = { allowed: true; leftWithGuests: boolean } | { allowed: false; guests: number };

/** 待客人离开后下班: a service post with guests on site leaves only with a stated reason. */
export function clockOutVerdict(postKind: PostKind, guestsOnSite: number, leaveReason: string | undefined): ClockOutVerdict {
  if (!SERVICE_POSTS.has(postKind) || guestsOnSite === 0) return { allowed: true, leftWithGuests: false };
  if (leaveReason && leaveReason.trim().length > 0) return { allowed: true, leftWithGuests: true };
  return { allowed: false, guests: guestsOnSite };
}

/** When the phone says an event happened: its own time if plausible, otherwise refused. */
export function acceptedEventTime(clientAt: number | undefined, serverNow: number): number | null {
  if (clientAt === undefined) return serverNow;
  if (clientAt > serverNow + MAX_CLOCK_SKEW_MS || clientAt < serverNow - MAX_OFFLINE_AGE_MS) return null;
  return Math.min(clientAt, serverNow);
}
