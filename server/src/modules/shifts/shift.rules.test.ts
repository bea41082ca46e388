import { describe, expect, it } from 'vitest';
import { instantAt, shiftSpan } from '../../platform/site-time.js';
import { acceptedEventTime, clockInWindow, clockOutVerdict, isLate, lineForClockIn, MAX_CLOCK_SKEW_MS, MAX_OFFLINE_AGE_MS } from './shift.rules.js';

describe('shift rules', () => {
  const TZ = 'Asia/Shanghai';
  const at = (date: string, time: string) => instantAt(date, time, TZ);

  it('accepts a clock-in from the early allowance until the rostered end', () => {
    const day = shiftSpan('2026-11-28', '08:30', '17:00', TZ);
    expect(clockInWindow(at('2026-11-28', '07:29'), day, 60)).toBe('too_early');
    expect(clockInWindow(at('2026-11-28', '07:30'), day, 60)).toBe('ok');
    expect(clockInWindow(at('2026-11-28', '16:59'), day, 60)).toBe('ok');
    expect(clockInWindow(at('2026-11-28', '17:00'), day, 60)).toBe('after_end');
  });

  it('keeps a night line’s window open past midnight until its end the next morning', () => {
    const night = shiftSpan('2026-11-28', '20:00', '08:00', TZ);
    expect(night).toEqual({ startsAt: at('2026-11-28', '20:00'), endsAt: at('2026-11-29', '08:00') });
    expect(clockInWindow(at('2026-11-28', '18:59'), night, 60)).toBe('too_early');
    expect(clockInWindow(at('2026-11-28', '19:55'), night, 60)).toBe('ok');
    expect(clockInWindow(at('2026-11-29', '02:00'), night, 60)).toBe('ok');
    expect(clockInWindow(at('2026-11-29', '08:00'), night, 60)).toBe('after_end');
  });

  it('is late only past the grace minutes, on instants', () => {
    expect(isLate(at('2026-11-28', '08:35') + 59_000, at('2026-11-28', '08:30'), 5)).toBe(false);
    expect(isLate(at('2026-11-28', '08:36'), at('2026-11-28', '08:30'), 5)).toBe(true);
    const night = shiftSpan('2026-11-28', '20:00', '08:00', TZ).startsAt;
    expect(isLate(at('2026-11-28', '19:55'), night, 5)).toBe(false);
    expect(isLate(at('2026-11-28', '20:05'), night, 5)).toBe(false);
    expect(isLate(at('2026-11-28', '20:06'), night, 5)).toBe(true);
    // After midnight the minute of the day (00:30) is smaller than the start's: still late.
    expect(isLate(at('2026-11-29', '00:30'), night, 5)).toBe(true);
  });

  it('picks the open line among yesterday’s night and today’s lines, or says why none is open', () => {
    const lines = [
      { line: 'night', span: shiftSpan('2026-11-28', '20:00', '08:00', TZ) },
      { line: 'day', span: shiftSpan('2026-11-29', '14:00', '18:00', TZ) },
    ];
    expect(lineForClockIn(lines, at('2026-11-29', '01:00'), 60)).toEqual({ line: 'night' });
    expect(lineForClockIn(lines, at('2026-11-29', '09:00'), 60)).toEqual({ refused: 'too_early', line: 'day' });
    expect(lineForClockIn(lines, at('2026-11-29', '13:00'), 60)).toEqual({ line: 'day' });
    expect(lineForClockIn(lines, at('2026-11-29', '18:00'), 60)).toEqual({ refused: 'after_end' });
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
