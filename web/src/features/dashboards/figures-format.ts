/** How the figures read on screen: shares as percentages, durations in minutes, default ranges. */
import { addDays } from '../../shared/format/local-date';

export const percent = (share: number | null | undefined): string =>
  share === null || share === undefined ? '—' : `${Math.round(share * 1000) / 10}%`;

/** Milliseconds as minutes with one decimal (stage times are minutes long). */
export const minutes = (ms: number | null | undefined): number | null => (ms === null || ms === undefined ? null : Math.round(ms / 6_000) / 10);

/** The last `days` days up to `today`, both included. */
export const lastDays = (today: string, days: number) => ({ from: addDays(today, -(days - 1)), to: today });

export const monthSoFar = (today: string) => ({ from: `${today.slice(0, 7)}-01`, to: today });

export function lastMonth(today: string) {
  const end = addDays(`${today.slice(0, 7)}-01`, -1);
  return { from: `${end.slice(0, 7)}-01`, to: end };
}
