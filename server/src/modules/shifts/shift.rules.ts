/**
 * Rules of a shift, pure so they are tested with a driven clock at their edges: when a
 * clock-in is accepted, when it is late, and when a clock-out must wait for the guests.
 */
import type { PostKind } from '@anchang/contracts';

/** Posts that serve visitors: their people stay until the guests have left (HALL-POST-4, PARK-POST-4, …). */
export const SERVICE_POSTS: ReadonlySet<PostKind> = new Set<PostKind>(['HALL', 'BAR', 'PARK', 'GUARD', 'SHUTTLE', 'MODEL', 'MODELSVC']);

/** How far a phone's clock (time recorded offline) may be from the server's. */
export const MAX_CLOCK_SKEW_MS = 2 * 60_000;
/** Events recorded offline are accepted for this long after they happened. */
export const MAX_OFFLINE_AGE_MS = 24 * 3_600_000;

export type ClockInWindow = 'ok' | 'too_early' | 'after_end';

/** A clock-in is accepted from `earlyMinutes` before the rostered start until the rostered end. */
export function clockInWindow(localMinutes: number, start: number, end: number, earlyMinutes: number): ClockInWindow {
  if (localMinutes < start - earlyMinutes) return 'too_early';
  if (localMinutes >= end) return 'after_end';
  return 'ok';
}

export function isLate(clockInLocalMinutes: number, start: number, graceMinutes: number): boolean {
  return clockInLocalMinutes > start + graceMinutes;
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
