/**
 * The pure rules of stock keeping: when a level crosses its threshold, which weeks a range
 * covers, how a page of weekly consumption is laid out. No I/O here.
 */
import { addDays, mondayOf } from '../../platform/site-time.js';

/**
 * What a new on-hand means for the low-stock alert. The stock row remembers which side of the
 * threshold it was on; only a move from above to at-or-below alerts, so a store that keeps
 * issuing while low does not alert again until it has been restocked above the threshold.
 */
export function lowStockTransition(wasLow: boolean, onHand: number, threshold: number): 'alert' | 'recovered' | null {
  const low = onHand <= threshold;
  if (low && !wasLow) return 'alert';
  if (!low && wasLow) return 'recovered';
  return null;
}

/** How many weeks one consumption report may span: a year. */
export const MAX_REPORT_WEEKS = 53;

/** The Mondays of every week from the week of `from` to the week of `to`, oldest first; null when more than `max`. */
export function weeksBetween(from: string, to: string, max = MAX_REPORT_WEEKS): string[] | null {
  const weeks: string[] = [];
  for (let w = mondayOf(from); w <= mondayOf(to); w = addDays(w, 7)) {
    if (weeks.length === max) return null;
    weeks.push(w);
  }
  return weeks;
}

/** The item ids that appear on more than one line. */
export function duplicateItemIds(lines: readonly { itemId: string }[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const l of lines) (seen.has(l.itemId) ? dup : seen).add(l.itemId);
  return [...dup];
}

/** Issued quantities laid out per week (zero where nothing was issued); issues are stored negative. */
export function consumptionByWeek(
  weeks: readonly string[],
  issued: readonly { week: string; delta: number }[],
): { weeks: { week: string; quantity: number }[]; total: number } {
  const byWeek = new Map(weeks.map((w) => [w, 0]));
  for (const m of issued) if (byWeek.has(m.week)) byWeek.set(m.week, byWeek.get(m.week)! - m.delta);
  const out = [...byWeek.entries()].map(([week, quantity]) => ({ week, quantity }));
  return { weeks: out, total: out.reduce((n, w) => n + w.quantity, 0) };
}
