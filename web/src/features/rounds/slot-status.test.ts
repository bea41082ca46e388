import { describe, expect, it } from 'vitest';
import type { RoundSlot } from '@anchang/contracts';
import { nextSlot, slotView } from './slot-status';

const MIN = 60_000;
const slot = (id: string, dueAt: number, status: RoundSlot['status'] = 'pending'): RoundSlot => ({
  id,
  siteId: 's',
  scheduleId: 'r',
  weatherId: null,
  postKind: 'CLEAN',
  itemId: 'CLEAN-2',
  labelZh: '卫生间',
  labelEn: 'Washroom',
  proof: 'scan',
  checkpointId: 'c',
  checkpointName: '洗手间',
  localDate: '2026-12-01',
  dueAt,
  graceEndsAt: dueAt + 10 * MIN,
  status,
  provedById: null,
  provedByName: null,
  provedAt: null,
  photoId: null,
});

describe('slotView', () => {
  it('is upcoming before the slot, open inside its window, missed past it until the server decides', () => {
    const s = slot('a', 100 * MIN);
    expect(slotView(s, 99 * MIN)).toBe('upcoming');
    expect(slotView(s, 100 * MIN)).toBe('open');
    expect(slotView(s, 110 * MIN)).toBe('open');
    expect(slotView(s, 110 * MIN + 1)).toBe('missed');
    expect(slotView({ ...s, status: 'met' }, 99 * MIN)).toBe('met');
  });
});

describe('nextSlot', () => {
  it('picks the earliest open slot, else the earliest upcoming one, never a decided one', () => {
    const slots = [slot('a', 0, 'met'), slot('b', 10 * MIN), slot('c', 20 * MIN), slot('d', 30 * MIN)];
    expect(nextSlot(slots, 12 * MIN)?.id).toBe('b');
    expect(nextSlot(slots, 21 * MIN)?.id).toBe('c');
    expect(nextSlot(slots, 5 * MIN)?.id).toBe('b');
    expect(nextSlot(slots, 60 * MIN)).toBeNull();
  });
});
