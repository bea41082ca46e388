import { describe, expect, it } from 'vitest';
import { instantAt } from '../../platform/site-time.js';
import { serviceIndexOf } from './dashboard.service.js';
import { assertFiguresRange, daysBetween, visitorFiguresOf } from './site-figures.service.js';

describe('the service index', () => {
  it('averages the rates that had something due, leaving out the others', () => {
    expect(serviceIndexOf([1, 0.5, null, 0.75])).toBe(75);
    expect(serviceIndexOf([null, null])).toBeNull();
    expect(serviceIndexOf([1 / 3])).toBe(33.3);
  });
});

describe('a period of dates', () => {
  it('counts both ends, across months and a leap day', () => {
    expect(daysBetween('2026-11-01', '2026-11-30')).toBe(30);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(3);
    expect(daysBetween('2024-01-01', '2024-12-31')).toBe(366);
  });
  it('refuses reversed, over-long and impossible ranges with a code', () => {
    expect(() => assertFiguresRange('2026-02-02', '2026-02-01')).toThrow(expect.objectContaining({ code: 'FIGURES_RANGE_REVERSED' }));
    expect(() => assertFiguresRange('2025-01-01', '2026-01-02')).toThrow(expect.objectContaining({ code: 'FIGURES_RANGE_TOO_LONG' }));
    expect(() => assertFiguresRange('2026-02-29', '2026-03-01')).toThrow(expect.objectContaining({ code: 'INVALID_DATE' }));
    expect(() => assertFiguresRange('2026-12-01', '2026-12-01')).not.toThrow();
  });
});

describe('visitor figures', () => {
  const TZ = 'Asia/Shanghai';
  it("puts a visit on the site's local day and hour, not UTC's", () => {
    // 07:30 on the 2nd in Shanghai is still the 1st in UTC.
    const arrived = instantAt('2026-11-02', '07:30', TZ);
    const f = visitorFiguresOf(
      [
        {
          id: 'v',
          party_size: 2,
          arrival_mode: 'car',
          status: 'closed',
          arrived_at: arrived,
          closed_at: arrived + 40 * 60_000,
          stage_log: JSON.stringify([
            { stage: 'car_park', at: arrived },
            { stage: 'hall', at: arrived + 5 * 60_000 },
            { stage: 'departed', at: arrived + 40 * 60_000 },
          ]),
          customer_id: null,
          customer_first_seen_at: null,
        },
      ],
      [],
      '2026-11-01',
      '2026-11-02',
      TZ,
    );
    expect(f.byDay).toEqual([
      { date: '2026-11-01', visits: 0, guests: 0 },
      { date: '2026-11-02', visits: 1, guests: 2 },
    ]);
    expect(f.byHour[7]).toEqual({ hour: 7, visits: 1, guests: 2 });
    expect(f.stageTimes.map((s) => [s.stage, s.averageMs])).toEqual([
      ['car_park', 5 * 60_000],
      ['hall', 35 * 60_000],
    ]);
    expect(f.returningShare).toBeNull();
  });
});
