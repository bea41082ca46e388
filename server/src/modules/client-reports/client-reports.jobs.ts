/**
 * The monthly client report is drafted on the 1st of each month, GENERATE_OFFSET after the site's
 * local midnight, for the month before. One timer per site and month with a deterministic id
 * (`client_report.generate:<site>:<YYYY-MM>`, the month it reports), so booking it again is a
 * no-op and it never fires twice; the handler books the next month's.
 */
import type { SitesTable } from '../../db/schema.js';
import { scheduleTimer, type TimerRunner } from '../../platform/timers/timers.js';
import type { Tx } from '../../platform/tx.js';
import { findSiteRow, listSiteClocks } from '../sites/index.js';
import { generateDueAt, monthOfInstant, nextMonth } from './client-reports.rules.js';
import { generateDraft, systemActor } from './client-reports.service.js';

export const CLIENT_REPORT_TIMER = 'client_report.generate';

export const clientReportTimerId = (siteId: string, month: string) => `${CLIENT_REPORT_TIMER}:${siteId}:${month}`;

function bookMonth(tx: Tx, siteId: string, month: string, timeZone: string): Promise<boolean> {
  return scheduleTimer(tx, {
    id: clientReportTimerId(siteId, month),
    kind: CLIENT_REPORT_TIMER,
    siteId,
    dueAt: generateDueAt(month, timeZone),
    payload: { siteId, month },
  });
}

/** Books the report of the site's current month (drafted on the next 1st); a no-op when booked. */
export const scheduleClientReport = (tx: Tx, site: Pick<SitesTable, 'id' | 'time_zone'>) =>
  bookMonth(tx, site.id, monthOfInstant(tx.now, site.time_zone), site.time_zone);

/** At boot: every site's current month is booked (sites created since the last boot included). */
export async function scheduleClientReports(tx: Tx): Promise<void> {
  for (const site of await listSiteClocks(tx.trx)) await scheduleClientReport(tx, site);
}

export function registerClientReportTimers(timers: TimerRunner): void {
  timers.register(CLIENT_REPORT_TIMER, async (tx, timer) => {
    const { siteId, month } = timer.payload as { siteId: string; month: string };
    const site = await findSiteRow(tx.trx, siteId);
    if (!site) return;
    await generateDraft(tx, site, month, systemActor(site.company_id));
    await bookMonth(tx, siteId, nextMonth(month), site.time_zone);
  });
}
