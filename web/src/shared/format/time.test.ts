import { describe, expect, it } from 'vitest';
import { greetingSlot, isoWeekday, minutesOfDay } from './time';

// 2026-11-28 is a Saturday. Instants are built in UTC; the site is in Shanghai (UTC+8).
const shanghai = (hhmm: string) => Date.parse(`2026-11-28T${hhmm}:00+08:00`);

describe('greetingSlot (HALL-IN-5: 早上好 08:30–11:30 · 中午好 11:30–14:30 · 下午好 14:30–18:00)', () => {
  it.each([
    ['08:30', 'morning'],
    ['11:29', 'morning'],
    ['11:30', 'noon'],
    ['14:29', 'noon'],
    ['14:30', 'afternoon'],
    ['17:59', 'afternoon'],
    ['18:00', 'evening'],
  ])('%s at the site is %s', (hhmm, slot) => {
    expect(greetingSlot(shanghai(hhmm), 'Asia/Shanghai')).toBe(slot);
  });

  it('reads the clock in the site’s zone, not the browser’s', () => {
    const instant = shanghai('15:00'); // 07:00 UTC
    expect(greetingSlot(instant, 'Asia/Shanghai')).toBe('afternoon');
    expect(greetingSlot(instant, 'UTC')).toBe('morning');
  });
});

describe('site-local calendar', () => {
  it('gives minutes since local midnight and the ISO weekday', () => {
    expect(minutesOfDay(shanghai('08:30'), 'Asia/Shanghai')).toBe(8 * 60 + 30);
    expect(isoWeekday(shanghai('08:30'), 'Asia/Shanghai')).toBe(6);
    // 00:30 Sunday in Shanghai is still Saturday in UTC.
    const sundayEarly = Date.parse('2026-11-29T00:30:00+08:00');
    expect(isoWeekday(sundayEarly, 'Asia/Shanghai')).toBe(7);
    expect(isoWeekday(sundayEarly, 'UTC')).toBe(6);
  });
});
