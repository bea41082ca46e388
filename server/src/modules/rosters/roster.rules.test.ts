import { describe, expect, it } from 'vitest';
import type { RosterEntry } from '@anchang/contracts';
import { entriesOverlap, findDoubleBookings, findUncoveredPosts, findUntrained } from './roster.rules.js';

const e = (id: string, personId: string, postId: string, start: string, end: string, date = '2026-11-23'): RosterEntry => ({
  id,
  siteId: 's',
  personId,
  postId,
  date,
  start,
  end,
});

const TZ = 'Asia/Shanghai';

describe('roster conflicts', () => {
  it('flags one person on two posts at once, not back-to-back shifts', () => {
    const conflicts = findDoubleBookings(
      [e('a', 'p1', 'hall', '08:00', '12:00'), e('b', 'p1', 'bar', '11:00', '15:00'), e('c', 'p1', 'park', '15:00', '18:00')],
      TZ,
    );
    expect(conflicts).toEqual([
      expect.objectContaining({ kind: 'PERSON_DOUBLE_BOOKED', personId: 'p1', entryIds: ['a', 'b'], from: '11:00', to: '12:00' }),
    ]);
  });

  it('compares lines on real instants: a night line clashes with the next morning’s line, not with the evening before', () => {
    const night = e('n', 'p1', 'gate', '20:00', '08:00', '2026-11-23');
    const morning = e('m', 'p1', 'hall', '07:00', '12:00', '2026-11-24');
    const nextEvening = e('x', 'p1', 'hall', '08:00', '12:00', '2026-11-24');
    const sameEvening = e('s', 'p1', 'hall', '14:00', '20:00', '2026-11-23');
    expect(entriesOverlap(night, morning, TZ)).toBe(true);
    expect(entriesOverlap(night, nextEvening, TZ)).toBe(false);
    expect(entriesOverlap(night, sameEvening, TZ)).toBe(false);
    expect(findDoubleBookings([morning, night, sameEvening], TZ)).toEqual([
      expect.objectContaining({ kind: 'PERSON_DOUBLE_BOOKED', date: '2026-11-23', entryIds: ['n', 'm'], from: '07:00', to: '08:00' }),
    ]);
  });

  it('counts a night line as cover until midnight and the next morning until its end', () => {
    const hours = { open: '06:00', close: '23:00', closedWeekdays: [] };
    const gaps = findUncoveredPosts(
      [e('n', 'p1', 'gate', '18:00', '08:00', '2026-11-23'), e('d', 'p2', 'gate', '08:00', '18:00', '2026-11-24')],
      ['gate'],
      ['2026-11-23', '2026-11-24'],
      hours,
    );
    expect(gaps.map((g) => `${g.date} ${g.from}-${g.to}`)).toEqual(['2026-11-23 06:00-18:00', '2026-11-24 18:00-23:00']);
  });

  it('finds the gaps in a post’s cover during opening hours, and skips closed days', () => {
    const hours = { open: '08:30', close: '18:00', closedWeekdays: [2] };
    const gaps = findUncoveredPosts(
      [e('a', 'p1', 'hall', '08:00', '12:00'), e('b', 'p2', 'hall', '13:00', '17:00')],
      ['hall'],
      ['2026-11-23', '2026-11-24'],
      hours,
    );
    expect(gaps.map((g) => `${g.date} ${g.from}-${g.to}`)).toEqual(['2026-11-23 12:00-13:00', '2026-11-23 17:00-18:00']);
  });

  it('reports a post with nobody at all as uncovered all day', () => {
    const gaps = findUncoveredPosts([], ['bar'], ['2026-11-23'], { open: '08:30', close: '18:00', closedWeekdays: [] });
    expect(gaps).toEqual([expect.objectContaining({ postId: 'bar', from: '08:30', to: '18:00' })]);
  });

  it('flags rostered people without pre-job training once per day', () => {
    const flagged = findUntrained(
      [e('a', 'p1', 'hall', '08:00', '12:00'), e('b', 'p1', 'bar', '13:00', '15:00'), e('c', 'p2', 'bar', '08:00', '12:00')],
      new Set(['p1']),
    );
    expect(flagged).toEqual([expect.objectContaining({ kind: 'NO_PRE_JOB_TRAINING', personId: 'p1', entryIds: ['a', 'b'] })]);
  });
});
