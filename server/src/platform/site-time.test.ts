import { describe, expect, it } from 'vitest';
import { addDays, endsNextDay, instantAt, localParts, mondayOf, shiftSpan } from './site-time.js';

describe('site time', () => {
  it('reads the wall clock of the site, not of the server', () => {
    const instant = Date.UTC(2026, 10, 28, 3, 30); // 11:30 in Shanghai
    expect(localParts(instant, 'Asia/Shanghai')).toMatchObject({ date: '2026-11-28', time: '11:30', minutes: 690, weekday: 6 });
    expect(localParts(instant, 'Europe/London')).toMatchObject({ date: '2026-11-28', time: '03:30' });
  });

  it('finds the instant of a local date and time, across midnight and DST', () => {
    expect(instantAt('2026-11-28', '08:30', 'Asia/Shanghai')).toBe(Date.UTC(2026, 10, 28, 0, 30));
    expect(instantAt('2026-11-28', '00:15', 'Asia/Shanghai')).toBe(Date.UTC(2026, 10, 27, 16, 15));
    expect(localParts(instantAt('2026-07-01', '09:00', 'Europe/Berlin'), 'Europe/Berlin').time).toBe('09:00');
  });

  it('does calendar arithmetic on local dates', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(mondayOf('2026-11-28')).toBe('2026-11-23');
    expect(mondayOf('2026-11-23')).toBe('2026-11-23');
    expect(mondayOf('2026-11-29')).toBe('2026-11-23');
  });

  it('puts a shift’s end on the next day when it is not after its start', () => {
    expect(endsNextDay('20:00', '08:00')).toBe(true);
    expect(endsNextDay('08:00', '08:00')).toBe(true);
    expect(endsNextDay('08:30', '17:00')).toBe(false);
    expect(shiftSpan('2026-12-31', '20:00', '08:00', 'Asia/Shanghai')).toEqual({
      startsAt: Date.UTC(2026, 11, 31, 12, 0),
      endsAt: Date.UTC(2027, 0, 1, 0, 0),
    });
    // A night across the spring-forward change lasts one hour less, as the guard lives it.
    const dst = shiftSpan('2026-03-28', '20:00', '08:00', 'Europe/Berlin');
    expect((dst.endsAt - dst.startsAt) / 3_600_000).toBe(11);
  });
});
