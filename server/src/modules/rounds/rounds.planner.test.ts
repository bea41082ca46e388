import { describe, expect, it } from 'vitest';
import type { OpeningHours } from '@anchang/contracts';
import { recurrenceProblem, slotsFor } from './rounds.planner.js';

const HOURS: OpeningHours = { open: '08:30', close: '18:00', closedWeekdays: [] };
const SH = 'Asia/Shanghai';

describe('slotsFor', () => {
  it('plans a washroom round every ten minutes from opening until closing, in site time', () => {
    const slots = slotsFor({ recurrence: { kind: 'interval', everyMinutes: 10 } }, '2026-12-01', SH, HOURS);
    expect(slots).toHaveLength(57);
    expect(slots[0]).toEqual({ dueAt: Date.UTC(2026, 11, 1, 0, 30), localTime: '08:30' });
    expect(slots.at(-1)).toEqual({ dueAt: Date.UTC(2026, 11, 1, 9, 50), localTime: '17:50' });
    expect(new Set(slots.map((s) => s.dueAt)).size).toBe(57);
  });

  it('plans the full clean half an hour before opening, and fixed times of day in order', () => {
    expect(slotsFor({ recurrence: { kind: 'before_open', minutesBeforeOpen: 30 } }, '2026-12-01', SH, HOURS)).toEqual([
      { dueAt: Date.UTC(2026, 11, 1, 0, 0), localTime: '08:00' },
    ]);
    expect(slotsFor({ recurrence: { kind: 'times', times: ['15:00', '11:00'] } }, '2026-12-01', SH, HOURS).map((s) => s.localTime)).toEqual([
      '11:00',
      '15:00',
    ]);
  });

  it('skips days the site is closed and days outside the season', () => {
    // 2026-12-07 is a Monday.
    expect(slotsFor({ recurrence: { kind: 'interval', everyMinutes: 10 } }, '2026-12-07', SH, { ...HOURS, closedWeekdays: [1] })).toEqual([]);
    const summerTowels = { recurrence: { kind: 'times' as const, times: ['14:00'], fromDate: '2026-06-01', toDate: '2026-08-31' } };
    expect(slotsFor(summerTowels, '2026-12-01', SH, HOURS)).toEqual([]);
    expect(slotsFor(summerTowels, '2026-08-31', SH, HOURS)).toHaveLength(1);
    expect(slotsFor(summerTowels, '2026-06-01', SH, HOURS)).toHaveLength(1);
  });

  it('plans a round-the-clock round from midnight to midnight, on closed days too', () => {
    const night = { recurrence: { kind: 'interval' as const, everyMinutes: 120, allDay: true } };
    const slots = slotsFor(night, '2026-12-07', SH, { ...HOURS, closedWeekdays: [1] });
    expect(slots.map((s) => s.localTime)).toEqual([
      '00:00',
      '02:00',
      '04:00',
      '06:00',
      '08:00',
      '10:00',
      '12:00',
      '14:00',
      '16:00',
      '18:00',
      '20:00',
      '22:00',
    ]);
    // 00:00 in Shanghai is 16:00 UTC the day before.
    expect(slots[0]!.dueAt).toBe(Date.UTC(2026, 11, 6, 16, 0));
    expect(slots.at(-1)!.dueAt).toBe(Date.UTC(2026, 11, 7, 14, 0));
  });

  it('plans a weekly round only on its days of the week (1 = Monday … 7 = Sunday)', () => {
    // The landscaper's pest control: Mondays, an hour before opening. 2026-12-07 is a Monday.
    const pestControl = { recurrence: { kind: 'before_open' as const, minutesBeforeOpen: 60, weekdays: [1] } };
    expect(slotsFor(pestControl, '2026-12-07', SH, HOURS).map((s) => s.localTime)).toEqual(['07:30']);
    expect(slotsFor(pestControl, '2026-12-08', SH, HOURS)).toEqual([]);
    expect(slotsFor(pestControl, '2026-12-13', SH, HOURS)).toEqual([]);
    const pruning = { recurrence: { kind: 'times' as const, times: ['09:30'], weekdays: [2, 5] } };
    const week = ['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11', '2026-12-12', '2026-12-13'];
    expect(week.filter((day) => slotsFor(pruning, day, SH, HOURS).length > 0)).toEqual(['2026-12-08', '2026-12-11']);
    // An empty list is every day, like no list at all.
    expect(slotsFor({ recurrence: { kind: 'times', times: ['09:30'], weekdays: [] } }, '2026-12-13', SH, HOURS)).toHaveLength(1);
  });

  it('keeps wall-clock times across a DST change and never plans one instant twice', () => {
    // Europe/Berlin falls back on 2026-10-25: 02:00-03:00 happens twice.
    const slots = slotsFor({ recurrence: { kind: 'interval', everyMinutes: 30 } }, '2026-10-25', 'Europe/Berlin', {
      open: '01:00',
      close: '04:00',
      closedWeekdays: [],
    });
    expect(slots.map((s) => s.localTime)).toEqual(['01:00', '01:30', '02:00', '02:30', '03:00', '03:30']);
    expect(new Set(slots.map((s) => s.dueAt)).size).toBe(slots.length);
    // 09:00 in Berlin is 08:00 UTC in winter time.
    expect(slotsFor({ recurrence: { kind: 'times', times: ['09:00'] } }, '2026-10-26', 'Europe/Berlin', HOURS)[0]!.dueAt).toBe(
      Date.UTC(2026, 9, 26, 8, 0),
    );
  });

  it('names what an incomplete recurrence lacks', () => {
    expect(recurrenceProblem({ kind: 'interval' })).toBe('everyMinutes');
    expect(recurrenceProblem({ kind: 'before_open' })).toBe('minutesBeforeOpen');
    expect(recurrenceProblem({ kind: 'times', times: [] })).toBe('times');
    expect(recurrenceProblem({ kind: 'times', times: ['11:00'], fromDate: '2026-09-01', toDate: '2026-06-01' })).toBe('toDate');
    expect(recurrenceProblem({ kind: 'times', times: ['11:00'], fromDate: '2026-02-30' })).toBe('fromDate');
    expect(recurrenceProblem({ kind: 'interval', everyMinutes: 10 })).toBeNull();
    expect(recurrenceProblem({ kind: 'times', times: ['02:00'], allDay: true })).toBe('allDay');
  });
});
