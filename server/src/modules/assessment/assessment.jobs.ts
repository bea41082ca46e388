/**
 * The monthly close: once a site's clocks show a new month, the month before is computed and
 * stored for everyone at the site. An hourly database timer (`assessment.close:<hour>`) looks for
 * sites whose previous month is not closed yet, so each site closes within the hour after its own
 * local midnight on the 1st, whatever its time zone, and a restart neither skips nor repeats one.
 * Idempotent: a site-month is closed once (assessment_closes); signed months are never recomputed.
 */
import { scheduleTimer, type TimerRunner } from '../../platform/timers/timers.js';
import type { Tx } from '../../platform/tx.js';
import { recordAudit } from '../audit/index.js';
import { listSiteClocks } from '../sites/index.js';
import { insertClose, listClosedSites } from './assessment.repository.js';
import { previousMonth } from './assessment.rules.js';
import { computeSiteMonth, currentMonthAt, systemActor, type ComputeOutcome } from './assessment.service.js';

const HOUR_MS = 3_600_000;
export const ASSESSMENT_CLOSE_KIND = 'assessment.close';

/** The next hourly slot strictly after `now`, and its deterministic id. */
export function closeSlot(now: number): { id: string; dueAt: number } {
  const dueAt = Math.floor(now / HOUR_MS) * HOUR_MS + HOUR_MS;
  return { id: `${ASSESSMENT_CLOSE_KIND}:${new Date(dueAt).toISOString().slice(0, 13)}`, dueAt };
}

export function scheduleAssessmentClose(tx: Tx): Promise<boolean> {
  return scheduleTimer(tx, { ...closeSlot(tx.now), kind: ASSESSMENT_CLOSE_KIND });
}

/** Closes the previous month of every site whose clocks are past it and that is not closed yet. */
export async function closePreviousMonths(tx: Tx): Promise<(ComputeOutcome & { siteId: string })[]> {
  const sites = await listSiteClocks(tx.trx);
  const closedByMonth = new Map<string, Set<string>>();
  const outcomes: (ComputeOutcome & { siteId: string })[] = [];
  for (const site of sites) {
    const month = previousMonth(currentMonthAt(tx.now, site.time_zone));
    let closed = closedByMonth.get(month);
    if (!closed) closedByMonth.set(month, (closed = await listClosedSites(tx.trx, month)));
    if (closed.has(site.id)) continue;
    const outcome = await computeSiteMonth(tx, site, month);
    await insertClose(tx.trx, site.id, month, tx.now);
    await recordAudit(tx, systemActor(site.company_id), {
      siteId: site.id,
      action: 'assessment.month_closed',
      entityType: 'site',
      entityId: site.id,
      detail: { ...outcome },
    });
    outcomes.push({ siteId: site.id, ...outcome });
  }
  return outcomes;
}

export function registerAssessmentTimers(timers: TimerRunner): void {
  timers.register(ASSESSMENT_CLOSE_KIND, async (tx) => {
    await closePreviousMonths(tx);
    await scheduleAssessmentClose(tx);
  });
}
