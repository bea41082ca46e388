/**
 * At the site's closing time (opening hours' `close`, in the site's time zone) the day's customer
 * summary goes to the site manager(s) as one notification pointing at the summary page. The timer
 * of a site-day has a deterministic id (`customer-summary.daily:<site>:<YYYY-MM-DD>`), so booking
 * it again is a no-op and it never fires twice; when it fires it books the next day's, at the
 * closing time then in force. A server that was down for days sends the missed day it had booked
 * and goes on from the next closing time ahead, not one notice per missed day.
 */
import { notifyGroups } from '../integrations/index.js';
import { notifyPeople } from '../notifications/index.js';
import { listActiveMembersOfSite } from '../people/index.js';
import { findSiteRow, listSiteClocks } from '../sites/index.js';
import { addDays, isValidDate, localParts } from '../../platform/site-time.js';
import { scheduleTimer, type TimerRunner } from '../../platform/timers/timers.js';
import type { Tx } from '../../platform/tx.js';
import { buildDailyCustomerSummary, closingInstant, figureOf } from './customer-summary.js';

export const DAILY_SUMMARY_TIMER = 'customer-summary.daily';

export const dailySummaryTimerId = (siteId: string, date: string) => `${DAILY_SUMMARY_TIMER}:${siteId}:${date}`;

type SiteClock = { id: string; time_zone: string; opening_hours: string };

/** The first site-local day from `date` on whose closing time is still ahead of `now`. */
function nextClosingDay(site: SiteClock, date: string, now: number): string {
  let day = date;
  while (closingInstant(site, day) <= now) day = addDays(day, 1);
  return day;
}

function bookDay(tx: Tx, site: SiteClock, date: string): Promise<boolean> {
  return scheduleTimer(tx, {
    id: dailySummaryTimerId(site.id, date),
    kind: DAILY_SUMMARY_TIMER,
    siteId: site.id,
    dueAt: closingInstant(site, date),
    payload: { siteId: site.id, date },
  });
}

/** Books the site's next summary: today's if its closing time is ahead, else tomorrow's. */
export function scheduleDailyCustomerSummary(tx: Tx, site: SiteClock): Promise<boolean> {
  return bookDay(tx, site, nextClosingDay(site, localParts(tx.now, site.time_zone).date, tx.now));
}

/** At boot: books the next summary of every site (the ones already booked stay as they are). */
export async function scheduleDailyCustomerSummaries(tx: Tx): Promise<void> {
  for (const clock of await listSiteClocks(tx.trx)) {
    const site = await findSiteRow(tx.trx, clock.id);
    if (site) await scheduleDailyCustomerSummary(tx, site);
  }
}

/** Sends the day's summary to the site's managers; returns how many were told (0 on a closed day). */
export async function sendDailyCustomerSummary(tx: Tx, siteId: string, date: string): Promise<number> {
  const summary = await buildDailyCustomerSummary(tx.trx, siteId, date);
  if (!summary || summary.isClosedDay) return 0;
  const visits = figureOf(summary, 'visitors', 'visits');
  const guests = figureOf(summary, 'visitors', 'guests');
  const opinions = figureOf(summary, 'opinions', 'opinions');
  const forms = figureOf(summary, 'feedback-forms', 'forms');
  const surveys = summary.sections.find((s) => s.key === 'surveys');
  const survey = (key: string) => surveys?.figures.find((f) => f.key === key)?.value;
  const rating = survey('averageRating');
  const nps = survey('nps');
  // The site's group robots get the headline counts, whether or not a manager is on the site's books.
  notifyGroups(tx, {
    siteId,
    kind: 'customer.daily_summary',
    title: `每日客户信息汇总 ${date}`,
    lines: [
      `来访 ${visits} 组 ${guests} 人 · 反馈表 ${forms} 份 · 客户意见 ${opinions} 条`,
      `满意度问卷 ${survey('answers') ?? 0} 份` +
        (rating === undefined ? '' : ` · 平均评分 ${rating.toFixed(2)}`) +
        (nps === undefined ? '' : ` · NPS ${nps}`),
      `新收投诉 ${figureOf(summary, 'complaints', 'received')} 件 · 未关闭 ${figureOf(summary, 'complaints', 'open')} 件 · 超时 ${figureOf(summary, 'complaints', 'overdue')} 件`,
    ],
    link: `/sites/${siteId}/customer-summary?date=${date}`,
    refs: { siteId, date },
  });
  const managers = await listActiveMembersOfSite(tx.trx, siteId, ['site_manager']);
  if (managers.length === 0) return 0;
  // Each manager reads the notice in their own language (notifications/messages.ts).
  await notifyPeople(
    tx,
    managers.map((m) => m.id),
    {
      siteId,
      code: 'customer.daily_summary',
      params: { date, visits, guests, opinions, forms, link: `/sites/${siteId}/customer-summary?date=${date}` },
    },
  );
  return managers.length;
}

export function registerCustomerSummaryTimers(timers: TimerRunner): void {
  timers.register(DAILY_SUMMARY_TIMER, async (tx, timer) => {
    const { siteId, date } = (timer.payload ?? {}) as { siteId?: unknown; date?: unknown };
    if (typeof siteId !== 'string' || typeof date !== 'string' || !isValidDate(date)) return;
    const site = await findSiteRow(tx.trx, siteId);
    if (!site) return;
    await sendDailyCustomerSummary(tx, siteId, date);
    await bookDay(tx, site, nextClosingDay(site, addDays(date, 1), tx.now));
  });
}
