/**
 * Calendar dates (`YYYY-MM-DD`) as the server keeps them for shifts and rosters: a day at the
 * site, with no time zone of its own. Arithmetic runs in UTC so a daylight-saving change in the
 * browser's zone never shifts a date.
 */
import dayjs, { type Dayjs } from 'dayjs';
import './time'; // extends dayjs with utc and timezone

const toUtc = (date: string): number => {
  const [y = 1970, m = 1, d = 1] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d);
};
const fromUtc = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** Today at the site. */
export function todayAt(timeZone: string, now: number = Date.now()): string {
  return dayjs(now).tz(timeZone).format('YYYY-MM-DD');
}

export function addDays(date: string, days: number): string {
  return fromUtc(toUtc(date) + days * 86_400_000);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: string): number {
  const day = new Date(toUtc(date)).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The Monday of the week containing `date` (weeks run Monday to Sunday, as the roster does). */
export function mondayOf(date: string): string {
  return addDays(date, 1 - weekdayOf(date));
}

/** A real calendar date in `YYYY-MM-DD` (from a URL, say). */
export const isLocalDate = (value: string | null | undefined): value is string =>
  !!value && /^\d{4}-\d{2}-\d{2}$/.test(value) && fromUtc(toUtc(value)) === value;

/** A date for antd's DatePicker (which works in the browser's zone; only the calendar day matters). */
export const dateToPicker = (date: string): Dayjs => dayjs(date);
export const pickerToDate = (value: Dayjs): string => value.format('YYYY-MM-DD');

/** 'HH:MM' as a dayjs for antd's TimePicker (only its hour and minute matter). */
export const timeToPicker = (hhmm: string): Dayjs => {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  return dayjs().hour(h).minute(m).second(0).millisecond(0);
};
