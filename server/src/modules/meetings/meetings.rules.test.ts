import { describe, expect, it } from 'vitest';
import {
  answerOfShifts,
  attendanceFromAnswer,
  complianceState,
  daysOfMonth,
  endOfSiteDay,
  isCarriedInto,
  isOverdue,
  siteDayOf,
  weekOf,
  weeksTouchingMonth,
} from './meetings.rules.js';

const SHANGHAI = 'Asia/Shanghai';
const NEW_YORK = 'America/New_York';

describe('site-local days and weeks', () => {
  it('puts an instant on the day of the site clocks, not of UTC', () => {
    // 2026-12-06 23:59 in Shanghai is 15:59 UTC the same day; 00:00 on the 7th is 16:00 UTC on the 6th.
    expect(siteDayOf(Date.UTC(2026, 11, 6, 15, 59), SHANGHAI)).toBe('2026-12-06');
    expect(siteDayOf(Date.UTC(2026, 11, 6, 16, 0), SHANGHAI)).toBe('2026-12-07');
    // The same UTC instant is still the 6th in New York.
    expect(siteDayOf(Date.UTC(2026, 11, 6, 16, 0), NEW_YORK)).toBe('2026-12-06');
  });

  it('starts weeks on Monday, a Sunday belonging to the week before', () => {
    expect(weekOf('2026-12-06')).toEqual({ weekStart: '2026-11-30', weekEnd: '2026-12-06' }); // a Sunday
    expect(weekOf('2026-12-07')).toEqual({ weekStart: '2026-12-07', weekEnd: '2026-12-13' }); // a Monday
    // Across a year's end: 2027-01-01 is a Friday of the week of Monday 2026-12-28.
    expect(weekOf('2027-01-01')).toEqual({ weekStart: '2026-12-28', weekEnd: '2027-01-03' });
    // Sunday 23:59 and Monday 00:00 on the site's clocks fall in different weeks.
    expect(weekOf(siteDayOf(Date.UTC(2026, 11, 6, 15, 59), SHANGHAI)).weekStart).toBe('2026-11-30');
    expect(weekOf(siteDayOf(Date.UTC(2026, 11, 6, 16, 0), SHANGHAI)).weekStart).toBe('2026-12-07');
  });

  it("ends a site's day at its own midnight, also across a DST change", () => {
    expect(endOfSiteDay('2026-12-06', SHANGHAI)).toBe(Date.UTC(2026, 11, 6, 16, 0));
    // New York springs forward on 2026-03-08: the 8th ends at 04:00 UTC on the 9th (EDT, UTC−4).
    expect(endOfSiteDay('2026-03-08', NEW_YORK)).toBe(Date.UTC(2026, 2, 9, 4, 0));
    expect(endOfSiteDay('2026-03-07', NEW_YORK)).toBe(Date.UTC(2026, 2, 8, 5, 0));
  });

  it('lists the days of a month and the ISO weeks touching it', () => {
    expect(daysOfMonth('2026-02')).toHaveLength(28);
    expect(daysOfMonth('2028-02')).toHaveLength(29);
    const weeks = weeksTouchingMonth('2026-12');
    expect(weeks[0]).toEqual({ weekStart: '2026-11-30', weekEnd: '2026-12-06' });
    expect(weeks[weeks.length - 1]).toEqual({ weekStart: '2026-12-28', weekEnd: '2027-01-03' });
    expect(weeks).toHaveLength(5);
  });
});

describe('overdue action items', () => {
  it("is overdue from the site's next midnight after the due day, while open", () => {
    const item = { status: 'open', dueDate: '2026-12-06' };
    expect(isOverdue(item, SHANGHAI, Date.UTC(2026, 11, 6, 15, 59))).toBe(false);
    expect(isOverdue(item, SHANGHAI, Date.UTC(2026, 11, 6, 16, 0))).toBe(true);
    expect(isOverdue({ ...item, status: 'done' }, SHANGHAI, Date.UTC(2026, 11, 9))).toBe(false);
  });
});

describe('carry-over into a weekly review', () => {
  const weekStart = '2026-12-07';
  const weekStartsAt = Date.UTC(2026, 11, 6, 16, 0); // Monday 00:00 in Shanghai
  it('carries an earlier open item, week after week, until done', () => {
    const item = { meetingDate: '2026-11-25', createdAt: 0, doneAt: null };
    expect(isCarriedInto(item, weekStart, weekStartsAt)).toBe(true);
    expect(isCarriedInto(item, '2026-12-14', weekStartsAt + 7 * 86_400_000)).toBe(true);
  });
  it('shows an item done during the week in that week only', () => {
    const doneMidWeek = { meetingDate: '2026-12-01', createdAt: 0, doneAt: weekStartsAt + 86_400_000 };
    expect(isCarriedInto(doneMidWeek, weekStart, weekStartsAt)).toBe(true);
    expect(isCarriedInto(doneMidWeek, '2026-12-14', weekStartsAt + 7 * 86_400_000)).toBe(false);
  });
  it('does not carry an item done before the week, nor one given in the week itself', () => {
    expect(isCarriedInto({ meetingDate: '2026-12-01', createdAt: 0, doneAt: weekStartsAt - 1 }, weekStart, weekStartsAt)).toBe(false);
    expect(isCarriedInto({ meetingDate: '2026-12-07', createdAt: 0, doneAt: null }, weekStart, weekStartsAt)).toBe(false);
  });
});

describe('attendance and compliance', () => {
  it('takes a yes at any shift of the day as present, otherwise absent', () => {
    expect(answerOfShifts([{ debrief_attended: 0 }, { debrief_attended: 1 }])).toBe(true);
    expect(answerOfShifts([{ debrief_attended: 0 }, { debrief_attended: null }])).toBe(false);
    expect(answerOfShifts([{ debrief_attended: null }])).toBeNull();
    expect(answerOfShifts([])).toBeNull();
    expect(attendanceFromAnswer(true)).toBe('present');
    expect(attendanceFromAnswer(false)).toBe('absent');
    expect(attendanceFromAnswer(null)).toBe('absent');
  });
  it('marks a past open day without a meeting missing, today due, a later day upcoming, a day nobody worked not needed', () => {
    const today = '2026-12-10';
    const day = (date: string) => ({ firstDay: date, lastDay: date, today });
    expect(complianceState({ isOpen: true, hasMeeting: false, ...day('2026-12-09') })).toBe('missing');
    expect(complianceState({ isOpen: true, hasMeeting: false, ...day(today) })).toBe('pending');
    expect(complianceState({ isOpen: true, hasMeeting: false, ...day('2026-12-11') })).toBe('upcoming');
    expect(complianceState({ isOpen: false, hasMeeting: false, ...day('2026-12-09') })).toBe('not_open');
    expect(complianceState({ isOpen: false, hasMeeting: true, ...day('2026-12-09') })).toBe('held');
    // A week is due while it runs, from its Monday to its Sunday.
    expect(complianceState({ isOpen: true, hasMeeting: false, firstDay: '2026-12-07', lastDay: '2026-12-13', today })).toBe('pending');
  });
});
