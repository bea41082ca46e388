/**
 * When a phone says the person acted. A write made without signal is sent later with the time
 * of the tap, and that time is what the record keeps where the domain cares (a scan's time, a
 * trip's start). It must be plausible: not ahead of the server's clock by more than a phone's
 * usual drift, and not older than a phone keeps writes waiting; otherwise it is refused with
 * CLOCK_TIME_INVALID (the phone then resends without it, or shows the write as failed).
 */
import { AppError } from './errors.js';

/** A phone's clock may run this far ahead of the server's. */
export const MAX_CLOCK_SKEW_MS = 2 * 60_000;
/** A write older than this is not taken with its own time. */
export const MAX_OFFLINE_AGE_MS = 24 * 3_600_000;

/** The time to record: the server's now without a client time, else the client's, bounded. */
export function tapTime(clientAt: number | undefined, now: number): number {
  if (clientAt === undefined) return now;
  if (clientAt > now + MAX_CLOCK_SKEW_MS || clientAt < now - MAX_OFFLINE_AGE_MS)
    throw new AppError('CLOCK_TIME_INVALID', {
      message: "The phone's time is too far from the server's",
      params: { at: clientAt, now },
    });
  return Math.min(clientAt, now);
}
