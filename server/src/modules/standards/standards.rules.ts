/**
 * Pure rules of the standards: the greeting for the time of day (HALL-IN-5), the default
 * site thresholds, and the checks an edited standard must pass.
 */
import type { GreetingWindow, StandardItem, StandardSettings } from '@anchang/contracts';
import { AppError } from '../../platform/errors.js';
import { toMinutes } from '../../platform/site-time.js';

export const DEFAULT_STANDARD_SETTINGS: StandardSettings = {
  refillFraction: '1/3',
  greetingWindows: [
    { from: '08:30', to: '11:30', zh: '早上好', en: 'Good morning' },
    { from: '11:30', to: '14:30', zh: '中午好', en: 'Good day' },
    { from: '14:30', to: '18:00', zh: '下午好', en: 'Good afternoon' },
  ],
  lateGraceMinutes: 5,
  clockInEarlyMinutes: 60,
};

/** The window containing the local time: from inclusive, to exclusive. Null outside every window. */
export function greetingFor(windows: readonly GreetingWindow[], minutesOfDay: number): GreetingWindow | null {
  return windows.find((w) => toMinutes(w.from) <= minutesOfDay && minutesOfDay < toMinutes(w.to)) ?? null;
}

export function assertGreetingWindows(windows: readonly GreetingWindow[]): void {
  const sorted = [...windows].sort((a, b) => toMinutes(a.from) - toMinutes(b.from));
  for (const [i, w] of sorted.entries()) {
    if (toMinutes(w.from) >= toMinutes(w.to)) {
      throw new AppError('INVALID_TIME_RANGE', {
        message: 'A greeting window must start before it ends',
        params: { from: w.from, to: w.to },
      });
    }
    const next = sorted[i + 1];
    if (next && toMinutes(next.from) < toMinutes(w.to)) {
      throw new AppError('INVALID_TIME_RANGE', { message: 'Greeting windows overlap', params: { from: next.from, to: w.to } });
    }
  }
}

export function assertEditableItems(items: readonly StandardItem[]): void {
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.id)) throw new AppError('DUPLICATE_ITEM_ID', { message: 'Two items share an id', params: { itemId: item.id } });
    seen.add(item.id);
  }
}
