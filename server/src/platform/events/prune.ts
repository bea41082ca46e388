/**
 * The event log keeps a week: a database timer prunes older rows once a day, one slot per day
 * (`events.prune:<YYYY-MM-DD>`); each firing schedules the next, so it runs on one instance and
 * survives restarts.
 */
import { scheduleTimer, type TimerRunner } from '../timers/timers.js';
import type { Tx } from '../tx.js';
import { deleteEventsBefore } from './event-store.js';

const DAY_MS = 86_400_000;

/**
 * How long events stay replayable. A phone put away for a staff member's days off (a week at
 * most between two shifts) still resumes its own room instead of refetching; on a busy site's
 * room the replay limit (500 events) is reached sooner anyway and the phone resyncs.
 */
export const EVENT_RETENTION_MS = 7 * DAY_MS;
export const EVENT_PRUNE_KIND = 'events.prune';

export function eventPruneSlot(now: number): { id: string; dueAt: number } {
  const dueAt = Math.floor(now / DAY_MS) * DAY_MS + DAY_MS;
  return { id: `${EVENT_PRUNE_KIND}:${new Date(dueAt).toISOString().slice(0, 10)}`, dueAt };
}

export function scheduleEventPrune(tx: Tx): Promise<boolean> {
  return scheduleTimer(tx, { ...eventPruneSlot(tx.now), kind: EVENT_PRUNE_KIND });
}

export function registerEventPrune(timers: TimerRunner): void {
  timers.register(EVENT_PRUNE_KIND, async (tx) => {
    await deleteEventsBefore(tx.trx, tx.now - EVENT_RETENTION_MS);
    await scheduleEventPrune(tx);
  });
}
