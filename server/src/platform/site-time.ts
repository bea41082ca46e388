/**
 * Wall-clock time at a site. Rules in the standards are written in local time (08:30–11:30
 * 早上好, opening hours, rostered shifts), so instants are converted through the site's IANA
 * time zone, never the server's.
 */

export interface LocalParts {
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM */
  time: string;
  /** Minutes since local midnight. */
  minutes: number;
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

export function localParts(instant: number, timeZone: string): LocalParts {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instant))) parts[p.type] = p.value;
  const time = `${parts.hour}:${parts.minute}`;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time,
    minutes: toMinutes(time),
    weekday: WEEKDAYS[parts.weekday ?? 'Mon'] ?? 1,
  };
}

export function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

export function fromMinutes(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** The instant at which the site's clocks show `date` `time`. */
export function instantAt(date: string, time: string, timeZone: string): number {
  const [y, mo, d] = date.split('-').map(Number);
  const guess = Date.UTC(y ?? 1970, (mo ?? 1) - 1, d ?? 1) + toMinutes(time) * 60_000;
  // Offset of the zone at the guess, then once more at the corrected instant (DST edges).
  let instant = guess - offsetMs(guess, timeZone);
  instant = guess - offsetMs(instant, timeZone);
  return instant;
}

function offsetMs(instant: number, timeZone: string): number {
  const p = localParts(instant, timeZone);
  const [y, mo, d] = p.date.split('-').map(Number);
  const asUtc = Date.UTC(y ?? 1970, (mo ?? 1) - 1, d ?? 1) + p.minutes * 60_000;
  return asUtc - (instant - (instant % 60_000));
}

export function isValidDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const d = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === date;
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** ISO weekday of a calendar date (1 = Monday). */
export function weekdayOf(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

export function mondayOf(date: string): string {
  return addDays(date, 1 - weekdayOf(date));
}

/**
 * A rostered shift on the site's clocks: it starts on `date` at `start`; an end not after the
 * start is on the next day (a 20:00–08:00 night shift, or a 24-hour watch when they are equal).
 * Every rule about a shift's times (clock-in window, lateness, overlaps, the day board) works on
 * these instants, so a night crossing midnight (or a DST change) needs no special case.
 */
export interface ShiftSpan {
  startsAt: number;
  endsAt: number;
}

export function endsNextDay(start: string, end: string): boolean {
  return toMinutes(end) <= toMinutes(start);
}

export function shiftSpan(date: string, start: string, end: string, timeZone: string): ShiftSpan {
  return {
    startsAt: instantAt(date, start, timeZone),
    endsAt: instantAt(endsNextDay(start, end) ? addDays(date, 1) : date, end, timeZone),
  };
}
