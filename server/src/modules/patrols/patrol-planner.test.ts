import { describe, expect, it } from 'vitest';
import { isOutOfOrder, patrolSlotsFor, planPatrolDay, planningInstant, roundOutcome } from './patrol-planner.js';

const hours = { open: '08:30', close: '18:00', closedWeekdays: [] as number[] };
const local = (date: string, hhmm: string) => Date.parse(`${date}T${hhmm}:00+08:00`);

describe('patrolSlotsFor', () => {
  it('starts every N minutes from opening, strictly before closing', () => {
    const slots = patrolSlotsFor({ kind: 'every', everyMinutes: 60, times: [], graceMinutes: 15 }, '2026-12-01', 'Asia/Shanghai', hours);
    expect(slots).toHaveLength(10);
    expect(slots[0]).toBe(local('2026-12-01', '08:30'));
    expect(slots.at(-1)).toBe(local('2026-12-01', '17:30'));
    expect(patrolSlotsFor({ kind: 'every', everyMinutes: 45, times: [], graceMinutes: 15 }, '2026-12-01', 'Asia/Shanghai', hours)).toHaveLength(13);
  });

  it('makes no interval rounds on a closed weekday, but keeps fixed times every day', () => {
    // 2026-12-07 is a Monday.
    const closedMonday = { ...hours, closedWeekdays: [1] };
    expect(patrolSlotsFor({ kind: 'every', everyMinutes: 60, times: [], graceMinutes: 15 }, '2026-12-07', 'Asia/Shanghai', closedMonday)).toEqual([]);
    expect(
      patrolSlotsFor(
        { kind: 'fixed', everyMinutes: null, times: ['22:00', '02:00', '22:00'], graceMinutes: 15 },
        '2026-12-07',
        'Asia/Shanghai',
        closedMonday,
      ),
    ).toEqual([local('2026-12-07', '02:00'), local('2026-12-07', '22:00')]);
  });

  it('patrols round the clock on a 24-hour site: from midnight to midnight, closed weekdays included', () => {
    const closedMonday = { ...hours, closedWeekdays: [1] };
    const every = { kind: 'every' as const, everyMinutes: 120, times: [], graceMinutes: 15 };
    const slots = patrolSlotsFor(every, '2026-12-07', 'Asia/Shanghai', closedMonday, true);
    expect(slots).toHaveLength(12);
    expect(slots[0]).toBe(local('2026-12-07', '00:00'));
    expect(slots).toContain(local('2026-12-07', '02:00'));
    expect(slots.at(-1)).toBe(local('2026-12-07', '22:00'));
    // The same schedule without the setting stays within opening hours.
    expect(patrolSlotsFor(every, '2026-12-01', 'Asia/Shanghai', hours, false).every((s) => s >= local('2026-12-01', '08:30'))).toBe(true);
  });

  it('follows the site time zone, not the server one', () => {
    const [first] = patrolSlotsFor({ kind: 'every', everyMinutes: 60, times: [], graceMinutes: 15 }, '2026-07-01', 'Europe/Paris', hours);
    expect(first).toBe(Date.parse('2026-07-01T08:30:00+02:00'));
    expect(planningInstant('2026-07-01', 'Europe/Paris')).toBe(Date.parse('2026-07-01T00:00:00+02:00'));
  });
});

describe('planPatrolDay', () => {
  it('plans each checkpoint from the slot start and closes the round at the last one plus the grace', () => {
    const [round] = planPatrolDay(
      { kind: 'fixed', everyMinutes: null, times: ['10:00'], graceMinutes: 15 },
      [0, 10, 25],
      '2026-12-01',
      'Asia/Shanghai',
      hours,
    );
    const start = local('2026-12-01', '10:00');
    expect(round).toEqual({ slotStart: start, plannedAt: [start, start + 10 * 60_000, start + 25 * 60_000], closesAt: start + 40 * 60_000 });
  });
});

describe('roundOutcome', () => {
  const on = { scannedAt: 1, isLate: false };
  const late = { scannedAt: 1, isLate: true };
  const none = { scannedAt: null, isLate: false };
  it('is upcoming, then in progress, then done or done late', () => {
    expect(roundOutcome([none, none], false)).toBe('upcoming');
    expect(roundOutcome([on, none], false)).toBe('in_progress');
    expect(roundOutcome([on, on], false)).toBe('done');
    expect(roundOutcome([on, late], false)).toBe('done_late');
  });
  it('is missed once closed with a checkpoint unproven, whatever else was walked', () => {
    expect(roundOutcome([on, none], true)).toBe('missed');
    expect(roundOutcome([none, none], true)).toBe('missed');
    expect(roundOutcome([late, on], true)).toBe('done_late');
  });
});

describe('isOutOfOrder', () => {
  it('expects the first checkpoint not yet proven', () => {
    expect(isOutOfOrder(1, [], 3)).toBe(false);
    expect(isOutOfOrder(3, [1], 3)).toBe(true);
    expect(isOutOfOrder(2, [1, 3], 3)).toBe(false);
  });
});
