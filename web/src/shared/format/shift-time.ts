/**
 * A rostered shift's times as people read them. The server's rule: an end not after the start
 * is on the next day (a 20:00–08:00 night shift), so "08:00" alone would read as before 20:00.
 */
import type { TFunction } from 'i18next';
import { hhmmToMinutes } from './time';

export function endsNextDay(start: string, end: string): boolean {
  return hhmmToMinutes(end) <= hhmmToMinutes(start);
}

/** "08:30–17:00", or "20:00–次日 08:00" for a line that ends the next day. */
export function shiftTimeRange(t: TFunction, start: string, end: string): string {
  return endsNextDay(start, end) ? t('nightShift.shiftTime', { start, end }) : `${start}–${end}`;
}
