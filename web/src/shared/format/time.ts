/** Dates and times are shown in the site's own time zone: a manager abroad sees site time. */
import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

// Extended here, beside the only code that needs them, so importing this module is enough.
dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.extend(relativeTime);

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export function formatDateTime(epochMs: number, timeZone: string = DEFAULT_TIME_ZONE): string {
  return dayjs(epochMs).tz(timeZone).format('YYYY-MM-DD HH:mm');
}

/** Any dayjs format, at the site's local time. */
export function formatLocal(epochMs: number, timeZone: string, format: string): string {
  return dayjs(epochMs).tz(timeZone).format(format);
}

export function formatRelative(epochMs: number, now: number = Date.now()): string {
  return dayjs(epochMs).from(now);
}

/** Minutes since local midnight at the site for `epochMs`. */
export function minutesOfDay(epochMs: number, timeZone: string): number {
  const local = dayjs(epochMs).tz(timeZone);
  return local.hour() * 60 + local.minute();
}

/** ISO weekday at the site (1 = Monday … 7 = Sunday), like openingHours.closedWeekdays. */
export function isoWeekday(epochMs: number, timeZone: string): number {
  const day = dayjs(epochMs).tz(timeZone).day();
  return day === 0 ? 7 : day;
}

export function hhmmToMinutes(hhmm: string): number {
  const [h = '0', m = '0'] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

export type GreetingSlot = 'morning' | 'noon' | 'afternoon' | 'evening';

/**
 * The greeting the service standard prescribes for the time of day (HALL-IN-5):
 * 08:30–11:30 早上好 · 11:30–14:30 中午好 · 14:30–18:00 下午好. Before 11:30 counts as morning;
 * after 18:00 we say 晚上好, which the standard leaves open.
 */
export function greetingSlot(epochMs: number, timeZone: string): GreetingSlot {
  const minutes = minutesOfDay(epochMs, timeZone);
  if (minutes < 11 * 60 + 30) return 'morning';
  if (minutes < 14 * 60 + 30) return 'noon';
  if (minutes < 18 * 60) return 'afternoon';
  return 'evening';
}

/** The UTC offset of a zone right now, e.g. "+08:00". */
export function utcOffset(timeZone: string, epochMs: number = Date.now()): string {
  try {
    return dayjs(epochMs).tz(timeZone).format('Z');
  } catch {
    return '';
  }
}

let zoneCache: string[] | null = null;

/** IANA zone names this browser knows, for the time-zone picker. */
export function ianaTimeZones(): string[] {
  if (!zoneCache) {
    const supported = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    zoneCache = supported.length ? supported : [DEFAULT_TIME_ZONE, 'Asia/Hong_Kong', 'Asia/Singapore', 'UTC'];
    // Some engines omit the plain aliases; the server accepts them and sites may already use them.
    for (const name of [DEFAULT_TIME_ZONE, 'UTC']) if (!zoneCache.includes(name)) zoneCache.push(name);
  }
  return zoneCache;
}
