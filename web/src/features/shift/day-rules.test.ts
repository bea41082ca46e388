import { describe, expect, it } from 'vitest';
import type { GreetingWindow, MyDay } from '@anchang/contracts';
import { greetingNow, homeShiftOffer, rosterLineStatus } from './day-rules';

type Line = MyDay['roster'][number];
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
/** Instants on a day that starts at 0 (the rules only compare them); an end not after the start is the next day. */
const at = (hhmm: string, nextDay = false) => (minutes(hhmm) + (nextDay ? 1440 : 0)) * 60_000;
const line = (id: string, start: string, end: string, shiftId: string | null = null): Line =>
  ({
    entry: { id, start, end },
    postName: '销售大厅',
    postKind: 'HALL',
    shiftId,
    startsAt: at(start),
    endsAt: at(end, minutes(end) <= minutes(start)),
  }) as Line;
const EARLY = 60;

describe('rosterLineStatus (the shift screen) and homeShiftOffer (the home page) agree', () => {
  const day = [line('a', '08:30', '18:00')];

  it('never offers 去签到 for a line the shift screen calls over', () => {
    expect(rosterLineStatus(day[0]!, null, at('19:30'), EARLY)).toBe('over');
    expect(homeShiftOffer(day, null, at('19:30'), EARLY)).toEqual({ kind: 'over', line: day[0] });
  });

  it('offers 去签到 exactly while the shift screen’s button is open', () => {
    for (const [time, kind] of [
      ['07:29', 'upcoming'],
      ['07:30', 'clockIn'],
      ['17:59', 'clockIn'],
      ['18:00', 'over'],
    ] as const) {
      const status = rosterLineStatus(day[0]!, null, at(time), EARLY);
      expect(homeShiftOffer(day, null, at(time), EARLY).kind, time).toBe(kind);
      expect(status === 'open', time).toBe(kind === 'clockIn');
    }
  });

  it('prefers an open line to a later one, and a coming one to one that is over', () => {
    const split = [line('m', '08:30', '12:00'), line('e', '13:00', '18:00')];
    expect(homeShiftOffer(split, null, at('12:30'), 30)).toEqual({ kind: 'clockIn', line: split[1] });
    expect(homeShiftOffer(split, null, at('12:10'), 30)).toEqual({ kind: 'upcoming', line: split[1] });
  });

  it('keeps a 20:00–次日 08:00 night line open after midnight, and over at 08:00', () => {
    const night = [line('n', '20:00', '08:00')];
    expect(homeShiftOffer(night, null, at('19:00'), EARLY).kind).toBe('clockIn');
    expect(homeShiftOffer(night, null, at('00:30', true), EARLY).kind).toBe('clockIn');
    expect(homeShiftOffer(night, null, at('08:00', true), EARLY).kind).toBe('over');
  });

  it('says all done once every line is clocked out, and tells an open shift from a finished one', () => {
    const done = [line('a', '08:30', '18:00', 's1')];
    expect(homeShiftOffer(done, null, at('19:00'), EARLY)).toEqual({ kind: 'allDone' });
    expect(rosterLineStatus(done[0]!, 's1', at('10:00'), EARLY)).toBe('onShift');
    expect(rosterLineStatus(done[0]!, null, at('10:00'), EARLY)).toBe('done');
    expect(homeShiftOffer([], null, at('10:00'), EARLY)).toEqual({ kind: 'noRoster' });
  });
});

describe('greetingNow', () => {
  const windows: GreetingWindow[] = [
    { from: '08:30', to: '11:30', zh: '早上好', en: 'Good morning' },
    { from: '11:30', to: '14:30', zh: '中午好', en: 'Good day' },
    { from: '14:30', to: '18:00', zh: '下午好', en: 'Good afternoon' },
  ];

  it('gives the window of the minute, and none in the evening (no 晚上好 the site never set)', () => {
    expect(greetingNow(windows, minutes('11:29'))?.zh).toBe('早上好');
    expect(greetingNow(windows, minutes('11:30'))?.zh).toBe('中午好');
    expect(greetingNow(windows, minutes('18:00'))).toBeNull();
    expect(greetingNow(windows, minutes('20:00'))).toBeNull();
  });

  it('has no greeting before the site’s windows are known', () => {
    expect(greetingNow(undefined, minutes('09:00'))).toBeNull();
  });
});
