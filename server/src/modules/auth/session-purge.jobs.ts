/**
 * Expired sessions and login throttle counters are removed once a day by a database timer: one slot per day
 * (`sessions.purge:<YYYY-MM-DD>`), each firing schedules the next, so it runs on exactly one
 * instance and survives restarts.
 */
import { deleteExpiredSessions } from '../../platform/auth/session.repository.js';
import { scheduleTimer, type TimerRunner } from '../../platform/timers/timers.js';
import type { Tx } from '../../platform/tx.js';
import { deleteExpiredThrottles } from './login-throttle.repository.js';

const DAY_MS = 86_400_000;
export const SESSION_PURGE_KIND = 'sessions.purge';

export function sessionPurgeSlot(now: number): { id: string; dueAt: number } {
  const dueAt = Math.floor(now / DAY_MS) * DAY_MS + DAY_MS;
  return { id: `${SESSION_PURGE_KIND}:${new Date(dueAt).toISOString().slice(0, 10)}`, dueAt };
}

export function scheduleSessionPurge(tx: Tx): Promise<boolean> {
  return scheduleTimer(tx, { ...sessionPurgeSlot(tx.now), kind: SESSION_PURGE_KIND });
}

export function registerSessionPurge(timers: TimerRunner): void {
  timers.register(SESSION_PURGE_KIND, async (tx) => {
    await deleteExpiredSessions(tx.trx, tx.now);
    await deleteExpiredThrottles(tx.trx, tx.now);
    await scheduleSessionPurge(tx);
  });
}
