/** What waits in the outbox as the person counts it: records, by kind (no i18n import: unit-tested). */
import type { TFunction } from 'i18next';
import type { OutboxItem } from './outbox';
import { outboxKind } from './outbox-registry';

/** The items the person counts as records: a photo travels with the write that uses it. */
function records(items: readonly OutboxItem[]): OutboxItem[] {
  const carried = new Set(items.flatMap((i) => outboxKind(i.op.kind)?.carries?.(i.op) ?? []));
  return items.filter((i) => !carried.has(i.key));
}

/** How many records wait, as the person counts them (a photo counts only when it waits alone). */
export function countRecords(items: readonly OutboxItem[]): number {
  return records(items).length;
}

/** What waits, by kind, in the order first made: "2 条巡更打卡 · 1 次车辆检查". */
export function summarizeByKind(items: readonly OutboxItem[], t: TFunction): string[] {
  const counts = new Map<string, number>();
  for (const item of records(items)) {
    const group = outboxKind(item.op.kind)?.group ?? 'shiftPhone.outbox.groups.other';
    counts.set(group, (counts.get(group) ?? 0) + 1);
  }
  // Keys come from the registered kinds, so they are checked there, not here.
  const say = t as unknown as (key: string, options: { count: number }) => string;
  return [...counts].map(([group, count]) => say(group, { count }));
}
