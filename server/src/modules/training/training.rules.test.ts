import { describe, expect, it } from 'vitest';
import type { RosterEntry } from '@anchang/contracts';
import { ManualClock } from '../../platform/clock.js';
import { instantAt } from '../../platform/site-time.js';
import {
  factSheetQuestions,
  findCertificateGaps,
  gradeQuiz,
  isFlagging,
  missingCertificates,
  monthBounds,
  monthOf,
  standardQuestions,
} from './training.rules.js';

const SH = 'Asia/Shanghai';
const NY = 'America/New_York';

describe('the on-job flag from the 20th, on the site clocks', () => {
  it('flags from 00:00 local on the 20th, not a minute before', () => {
    const clock = new ManualClock(instantAt('2026-12-19', '23:59', SH));
    expect(monthOf(clock.now(), SH)).toBe('2026-12');
    expect(isFlagging('2026-12', clock.now(), SH)).toBe(false);
    clock.advance(60_000);
    expect(isFlagging('2026-12', clock.now(), SH)).toBe(true);
  });

  it('reads the month in the site time zone, not UTC: 20th 00:30 in Shanghai is the 19th in UTC', () => {
    const at = instantAt('2026-12-20', '00:30', SH);
    expect(new Date(at).toISOString().slice(0, 10)).toBe('2026-12-19');
    expect(isFlagging('2026-12', at, SH)).toBe(true);
    // The same instant in New York is still the 19th: not yet flagging there.
    expect(isFlagging('2026-12', at, NY)).toBe(false);
  });

  it('keeps a closed month flagged, and does not flag next month early', () => {
    const clock = new ManualClock(instantAt('2027-01-02', '09:00', SH));
    expect(isFlagging('2026-12', clock.now(), SH)).toBe(true);
    expect(isFlagging('2027-01', clock.now(), SH)).toBe(false);
  });

  it('bounds the month at local midnights, across the year end', () => {
    const { fromMs, toMs } = monthBounds('2026-12', SH);
    expect(fromMs).toBe(Date.UTC(2026, 10, 30, 16, 0));
    expect(toMs).toBe(Date.UTC(2026, 11, 31, 16, 0));
    expect(monthOf(toMs - 1, SH)).toBe('2026-12');
    expect(monthOf(toMs, SH)).toBe('2027-01');
  });
});

describe('quiz grading', () => {
  it('counts right answers and rounds the percent down against the pass mark', () => {
    expect(gradeQuiz([0, 1, 2], [0, 1, 0], 67)).toEqual({ correct: 2, total: 3, score: 66, passed: false });
    expect(gradeQuiz([0, 1, 2], [0, 1, 0], 66)).toMatchObject({ passed: true });
    expect(gradeQuiz([3, 3], [3, 3], 100)).toEqual({ correct: 2, total: 2, score: 100, passed: true });
    expect(gradeQuiz([1], [0], 1)).toEqual({ correct: 0, total: 1, score: 0, passed: false });
  });
});

describe('questions drawn from the fact sheet and the standards', () => {
  const sheet = {
    unitTypes: [
      { name: 'A1', areaM2: 89, rooms: '三室两厅', orientation: '南北通透', priceFromWan: 180, priceToWan: 220 },
      { name: 'B2', areaM2: 120, rooms: '四室两厅', orientation: '朝南', priceFromWan: 260, priceToWan: 300 },
    ],
    managementFeePerM2: 3.5,
    sellingPoints: ['地铁口'],
    notes: '',
  };

  it('asks each unit type’s area, orientation and price, and the fee, with the key among the choices', () => {
    const qs = factSheetQuestions(sheet);
    expect(qs).toHaveLength(7);
    for (const q of qs) {
      expect(new Set(q.choices).size).toBe(q.choices.length);
      expect(q.correctIndex).toBeLessThan(q.choices.length);
    }
    expect(qs[0]!.choices[qs[0]!.correctIndex]).toBe('89');
    expect(qs[2]!.choices[qs[2]!.correctIndex]).toBe('180–220 万');
    expect(qs[6]!.choices[qs[6]!.correctIndex]).toBe('3.50 元/㎡·月');
  });

  it('takes the greeting windows and the repair arrival from the site settings', () => {
    const qs = standardQuestions({
      greetingWindows: [
        { from: '08:30', to: '11:30', zh: '早上好', en: 'Good morning' },
        { from: '11:30', to: '14:30', zh: '中午好', en: 'Good noon' },
      ],
      repairArrivalMinutes: 7,
    });
    const keyOf = (needle: string) => {
      const q = qs.find((x) => x.prompt.includes(needle))!;
      return q.choices[q.correctIndex];
    };
    expect(keyOf('08:30–11:30')).toBe('早上好');
    expect(keyOf('11:30–14:30')).toBe('中午好');
    expect(keyOf('敬礼问好')).toBe('1.5 米');
    expect(keyOf('卫生间')).toBe('每 10 分钟');
    expect(keyOf('赶到现场')).toBe('7 分钟');
  });
});

describe('certificates per post', () => {
  it('needs every listed kind, valid through its expiry day', () => {
    expect(missingCertificates('TECH', '2026-12-10', [{ kind: 'ELECTRICIAN', expiresOn: '2026-12-10' }])).toEqual(['HVAC']);
    expect(
      missingCertificates('TECH', '2026-12-11', [
        { kind: 'ELECTRICIAN', expiresOn: '2026-12-10' },
        { kind: 'HVAC', expiresOn: '2030-01-01' },
      ]),
    ).toEqual(['ELECTRICIAN']);
    expect(missingCertificates('HALL', '2026-12-10', [])).toEqual([]);
  });

  it('flags only the lines of posts that need a certificate', () => {
    const line = (id: string, postId: string, personId: string): RosterEntry => ({
      id,
      siteId: 's',
      postId,
      personId,
      date: '2026-12-10',
      start: '08:30',
      end: '18:00',
    });
    const gaps = findCertificateGaps(
      [line('e1', 'tech', 'p1'), line('e2', 'hall', 'p2'), line('e3', 'bus', 'p3')],
      new Map([
        ['tech', 'TECH'],
        ['hall', 'HALL'],
        ['bus', 'SHUTTLE'],
      ]),
      new Map([['p3', [{ kind: 'DRIVING', expiresOn: '2027-01-01' }]]]),
    );
    expect(gaps).toEqual([
      {
        kind: 'CERTIFICATE_MISSING',
        date: '2026-12-10',
        personId: 'p1',
        postId: 'tech',
        entryIds: ['e1'],
        certificateKinds: ['ELECTRICIAN', 'HVAC'],
      },
    ]);
  });
});
