/** Month arithmetic of the monthly client report, on the site's calendar. Pure functions. */
import { instantAt, localParts } from '../../platform/site-time.js';

/** Minutes after the site's local midnight on the 1st: past the day's other midnight jobs, and any late clock-out of the month's last night shift. */
export const GENERATE_OFFSET = '00:30';

export const monthOfInstant = (at: number, timeZone: string) => localParts(at, timeZone).date.slice(0, 7);

export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** The month's first and last days (YYYY-MM-DD). */
export function monthBounds(month: string): { fromDate: string; toDate: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { fromDate: `${month}-01`, toDate: `${month}-${String(days).padStart(2, '0')}` };
}

/** When the report of `month` is generated: the 1st of the month after, GENERATE_OFFSET site-local. */
export const generateDueAt = (month: string, timeZone: string) => instantAt(`${nextMonth(month)}-01`, GENERATE_OFFSET, timeZone);

/** Whether the month has ended on the site's clocks (a report of a month still running would be half a month). */
export const isMonthOver = (month: string, now: number, timeZone: string) => monthOfInstant(now, timeZone) > month;
