import { describe, expect, it } from 'vitest';
import { toMinutes } from '../../platform/site-time.js';
import { acceptedEventTime, clockInWindow, clockOutVerdict, isLate, MAX_CLOCK_SKEW_MS, MAX_OFFLINE_AGE_MS } from './shift.rules.js';

const m = toMinutes;

describe('shift rules', () => {
  it('accepts a clock-in from the early allowance until the rostered end', () => {
    expect(clockInWindow(m('07:29'), m('08:30'), m('17:00'), 60)).toBe('too_early');
    expect(clockInWindow(m('07:30'), m('08:30'), m('17:00'), 60)).toBe('ok');
    expect(clockInWindow(m('16:59'), m('08:30'), m('17:00'), 60)).toBe('ok');
    expect(clockInWindow(m('17:00'), m('08:30'), m('17:00'), 60)).toBe('after_end');
  });

  it('is late only past the grace minutes', () => {
    expect(isLate(m('08:35'), m('08:30'), 5)).toBe(false);
    expect(isLate(m('08:36'), m('08:30'), 5)).toBe(true);
  });

  it('holds a service post while guests are on site unless a reason is given', () => {
    expect(clockOutVerdict('HALL', 0, undefined)).toEqual({ allowed: true, leftWithGuests: false });
    expect(clockOutVerdict('HALL', 3, undefined)).toEqual({ allowed: false, guests: 3 });
    expect(clockOutVerdict('HALL', 3, '  ')).toEqual({ allowed: false, guests: 3 });
    expect(clockOutVerdict('PARK', 1, '孩子发烧,经理批准')).toEqual({ allowed: true, leftWithGuests: true });
    expect(clockOutVerdict('CLEAN', 5, undefined)).toEqual({ allowed: true, leftWithGuests: false });
  });

  it('takes the phone’s time for offline events within bounds', () => {
    const now = 1_800_000_000_000;
    expect(acceptedEventTime(undefined, now)).toBe(now);
    expect(acceptedEventTime(now - 3_600_000, now)).toBe(now - 3_600_000);
    expect(acceptedEventTime(now + MAX_CLOCK_SKEW_MS, now)).toBe(now);
    expect(acceptedEventTime(now + MAX_CLOCK_SKEW_MS + 1, now)).toBeNull();
    expect(acceptedEventTime(now - MAX_OFFLINE_AGE_MS - 1, now)).toBeNull();
  });
});
