/**
 * 在岗培训每月至少一次: on the 20th of each site-local month (09:00), the site's managers are told
 * who has had no on-job training yet this month; the timer then books next month's. A slot's id
 * is deterministic (`training.on_job_flag:<site>:<YYYY-MM>`), so booking it again is a no-op and
 * it never fires twice.
 */
import { notifyPeople } from '../notifications/index.js';
import { listActiveMembersOfSite } from '../people/index.js';
import { findSiteRow } from '../sites/index.js';
import { instantAt } from '../../platform/site-time.js';
import { scheduleTimer, type TimerRunner } from '../../platform/timers/timers.js';
import type { Tx } from '../../platform/tx.js';
import { flagFromDate, monthOf, nextMonth } from './training.rules.js';
import { readTrainingMonth } from './training-month.js';

export const ON_JOB_FLAG_TIMER = 'training.on_job_flag';
const FLAG_TIME = '09:00';

export const onJobFlagTimerId = (siteId: string, month: string) => `${ON_JOB_FLAG_TIMER}:${siteId}:${month}`;

/** Books the flag of the site's current month, or next month's once this month's 20th 09:00 has passed. */
export async function scheduleOnJobFlag(tx: Tx, siteId: string, timeZone: string): Promise<void> {
  let month = monthOf(tx.now, timeZone);
  if (instantAt(flagFromDate(month), FLAG_TIME, timeZone) <= tx.now) month = nextMonth(month);
  await scheduleTimer(tx, {
    id: onJobFlagTimerId(siteId, month),
    kind: ON_JOB_FLAG_TIMER,
    siteId,
    dueAt: instantAt(flagFromDate(month), FLAG_TIME, timeZone),
    payload: { siteId, month },
  });
}

/** Tells the managers who is flagged this month; returns how many people were flagged. */
export async function notifyOnJobFlag(tx: Tx, siteId: string, month: string, timeZone: string): Promise<number> {
  const view = await readTrainingMonth(tx.trx, siteId, month, tx.now, timeZone);
  const flagged = view.people.filter((p) => p.flagged);
  if (flagged.length > 0) {
    const managers = await listActiveMembersOfSite(tx.trx, siteId, ['site_manager']);
    await notifyPeople(
      tx,
      managers.map((m) => m.id),
      { siteId, code: 'training.on_job_missing', params: { month, names: flagged.map((p) => p.name) } },
    );
  }
  return flagged.length;
}

export function registerTrainingTimers(timers: TimerRunner): void {
  timers.register(ON_JOB_FLAG_TIMER, async (tx, timer) => {
    const { siteId, month } = timer.payload as { siteId: string; month: string };
    const site = await findSiteRow(tx.trx, siteId);
    if (!site) return;
    await notifyOnJobFlag(tx, siteId, month, site.time_zone);
    await scheduleTimer(tx, {
      id: onJobFlagTimerId(siteId, nextMonth(month)),
      kind: ON_JOB_FLAG_TIMER,
      siteId,
      dueAt: instantAt(flagFromDate(nextMonth(month)), FLAG_TIME, site.time_zone),
      payload: { siteId, month: nextMonth(month) },
    });
  });
}
