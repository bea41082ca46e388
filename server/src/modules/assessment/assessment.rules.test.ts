import { defaultSchemeContent, type AssessmentFigures } from '@anchang/contracts';
import { describe, expect, it } from 'vitest';
import { instantAt } from '../../platform/site-time.js';
import {
  consecutiveFailingPairs,
  figuresOfMonth,
  lastDateOf,
  previousMonth,
  scoreMonth,
  type RosterRecord,
  type ShiftRecord,
  type SiteMonthRecords,
} from './assessment.rules.js';

const TZ = 'Asia/Shanghai';
const at = (date: string, time: string) => instantAt(date, time, TZ);

function shift(over: Partial<ShiftRecord> & Pick<ShiftRecord, 'id' | 'date'>): ShiftRecord {
  return {
    personId: 'anna',
    postId: 'hall-1',
    postKind: 'HALL',
    rosterEntryId: `r-${over.id}`,
    plannedStart: '09:00',
    plannedEnd: '18:00',
    clockInAt: at(over.date, over.plannedStart ?? '09:00'),
    clockOutAt: at(over.date, '18:00'),
    expectedPre: 4,
    expectedPost: 2,
    donePre: 4,
    donePost: 2,
    ...over,
  };
}

const entry = (id: string, date: string, over: Partial<RosterRecord> = {}): RosterRecord => ({
  id,
  personId: 'anna',
  postKind: 'HALL',
  date,
  start: '09:00',
  end: '18:00',
  ...over,
});

function month(over: Partial<SiteMonthRecords>): SiteMonthRecords {
  return {
    month: '2026-11',
    timeZone: TZ,
    lateGraceMinutes: 5,
    // Judged on the 1st of the next month, as the monthly close does.
    now: at('2026-12-01', '02:00'),
    shifts: [],
    roster: [],
    rounds: [],
    repairs: [],
    opinions: [],
    training: new Map(),
    inspections: new Map(),
    ...over,
  };
}

const figuresOf = (records: SiteMonthRecords, personId = 'anna'): AssessmentFigures => {
  const found = figuresOfMonth(records).find((p) => p.personId === personId);
  if (!found) throw new Error(`no figures for ${personId}`);
  return found.figures;
};

describe('figures of a month, on the site clocks', () => {
  it('counts a shift starting 23:30 on the last local day in that month, though UTC says it is already the next', () => {
    const night = shift({ id: 'n', date: '2026-11-30', plannedStart: '23:30', plannedEnd: '07:30', clockOutAt: at('2026-12-01', '07:30') });
    // 23:30 in Shanghai is 15:30 UTC; the point of the case is the local date, so check the premise.
    expect(new Date(night.clockInAt).toISOString().slice(0, 10)).toBe('2026-11-30');
    const earlyDecember = shift({ id: 'd', date: '2026-12-01', plannedStart: '00:30', clockInAt: at('2026-12-01', '00:30') });
    // 00:30 on the 1st local is still the 30th in UTC: it is December's.
    expect(new Date(earlyDecember.clockInAt).toISOString().slice(0, 10)).toBe('2026-11-30');
    const f = figuresOf(month({ shifts: [night, earlyDecember], roster: [entry('r-n', '2026-11-30'), entry('r-d', '2026-12-01')] }));
    expect(f.shifts).toBe(1);
    expect(f.rostered).toBe(1);
  });

  it('late clock-ins after the grace, and no-shows only once their start and grace have passed', () => {
    const records = month({
      now: at('2026-11-20', '09:04'),
      shifts: [
        shift({ id: 'a', date: '2026-11-02', clockInAt: at('2026-11-02', '09:05') }), // within 5 min grace
        shift({ id: 'b', date: '2026-11-03', clockInAt: at('2026-11-03', '09:06') }), // late
      ],
      roster: [
        entry('r-a', '2026-11-02'),
        entry('r-b', '2026-11-03'),
        entry('r-c', '2026-11-04'),
        entry('r-d', '2026-11-20'),
        entry('r-e', '2026-11-21'),
      ],
    });
    const f = figuresOf(records);
    expect(f.lateClockIns).toBe(1);
    // r-c never clocked in; r-d starts at 09:00 today, still within its grace at 09:04.
    expect(f.noShows).toBe(1);
    // r-e is tomorrow: the month so far does not count it.
    expect(f.rostered).toBe(4);
  });

  it('checklist: done against expected, the closing list only once the shift has ended', () => {
    const f = figuresOf(
      month({
        shifts: [
          shift({ id: 'a', date: '2026-11-02', donePre: 3, donePost: 1 }),
          shift({ id: 'b', date: '2026-11-03', clockOutAt: null, donePre: 4, donePost: 0 }),
        ],
      }),
    );
    expect(f.checklistExpected).toBe(6 + 4);
    expect(f.checklistDone).toBe(4 + 4);
  });

  it('rounds: met and late by the prover; a missed one to whoever held a post of its kind then; the month by local date', () => {
    const anna = shift({ id: 'a', date: '2026-11-10', postKind: 'CLEAN' });
    const bo = shift({ id: 'b', date: '2026-11-10', personId: 'bo', postKind: 'CLEAN', clockInAt: at('2026-11-10', '13:00') });
    const records = month({
      shifts: [anna, bo],
      rounds: [
        { postKind: 'CLEAN', dueAt: at('2026-11-10', '10:00'), outcome: 'met', byPersonId: 'anna' },
        { postKind: 'CLEAN', dueAt: at('2026-11-10', '10:10'), outcome: 'late', byPersonId: 'anna' },
        { postKind: 'CLEAN', dueAt: at('2026-11-10', '10:20'), outcome: 'missed', byPersonId: null },
        { postKind: 'CLEAN', dueAt: at('2026-11-10', '14:00'), outcome: 'missed', byPersonId: null },
        { postKind: 'HALL', dueAt: at('2026-11-10', '14:00'), outcome: 'missed', byPersonId: null },
        // 07:30 on Dec 1st local is still Nov 30 in UTC: not November's.
        { postKind: 'CLEAN', dueAt: at('2026-12-01', '07:30'), outcome: 'missed', byPersonId: 'anna' },
      ],
    });
    expect(figuresOf(records)).toMatchObject({ roundsDue: 4, roundsMet: 1, roundsLate: 1 });
    expect(figuresOf(records, 'bo')).toMatchObject({ roundsDue: 1, roundsMet: 0, roundsLate: 0 });
  });

  it('repairs: on time when reached by the deadline; one still inside its deadline is not yet due', () => {
    const reported = at('2026-11-05', '10:00');
    const f = figuresOf(
      month({
        now: at('2026-11-05', '10:03'),
        shifts: [shift({ id: 't', date: '2026-11-05', postKind: 'TECH' })],
        repairs: [
          { technicianId: 'anna', reportedAt: reported, arrivedAt: reported + 4 * 60_000, arrivalDeadlineAt: reported + 5 * 60_000 },
          { technicianId: 'anna', reportedAt: reported - 3_600_000, arrivedAt: reported, arrivalDeadlineAt: reported - 3_300_000 },
          { technicianId: 'anna', reportedAt: reported - 7_200_000, arrivedAt: null, arrivalDeadlineAt: reported - 6_900_000 },
          { technicianId: 'anna', reportedAt: reported, arrivedAt: null, arrivalDeadlineAt: reported + 5 * 60_000 },
        ],
      }),
    );
    expect(f).toMatchObject({ repairsDue: 3, repairsOnTime: 1 });
  });

  it('opinions collected by the person; a problem noted by someone else on their post and day counts against them', () => {
    const records = month({
      shifts: [shift({ id: 'a', date: '2026-11-07' }), shift({ id: 'b', date: '2026-11-07', personId: 'bo', postId: 'bar-1', postKind: 'BAR' })],
      opinions: [
        { personId: 'anna', postId: 'hall-1', date: '2026-11-07', category: 'opinion' },
        { personId: 'anna', postId: 'hall-1', date: '2026-11-07', category: 'problem' },
        { personId: 'bo', postId: 'hall-1', date: '2026-11-07', category: 'problem' },
        { personId: 'bo', postId: 'hall-1', date: '2026-11-08', category: 'problem' },
        { personId: 'anna', postId: 'hall-1', date: '2026-12-01', category: 'opinion' },
      ],
    });
    expect(figuresOf(records)).toMatchObject({ opinionsCollected: 2, complaints: 1 });
    expect(figuresOf(records, 'bo')).toMatchObject({ opinionsCollected: 2, complaints: 0 });
  });

  it('training and inspections come from their modules; a person named only there has no month here', () => {
    const records = month({
      shifts: [shift({ id: 'a', date: '2026-11-07' })],
      training: new Map([
        ['anna', { onJobSessions: 2, quizzesTaken: 2, quizzesPassed: 1, quizAverage: 75 }],
        ['ghost', { onJobSessions: 1, quizzesTaken: 0, quizzesPassed: 0, quizAverage: null }],
      ]),
      inspections: new Map([['anna', { inspections: 3, failedItems: 2, deductionPoints: 4, rectificationsOverdue: 1 }]]),
    });
    expect(figuresOf(records)).toMatchObject({
      onJobTrainings: 2,
      quizzesTaken: 2,
      quizzesPassed: 1,
      quizAverage: 75,
      inspections: 3,
      inspectionDeductions: 4,
      rectificationsOverdue: 1,
    });
    expect(figuresOfMonth(records).map((p) => p.personId)).toEqual(['anna']);
  });

  it("satisfaction is the surveys' share for the people with a month here", () => {
    const records = month({
      shifts: [shift({ id: 'a', date: '2026-11-07' })],
      satisfaction: new Map([
        ['anna', 0.75],
        ['ghost', 1],
      ]),
    });
    expect(figuresOf(records).satisfaction).toBe(0.75);
    expect(figuresOfMonth(records).map((p) => p.personId)).toEqual(['anna']);
    expect(figuresOf(month({ shifts: [shift({ id: 'a', date: '2026-11-07' })] })).satisfaction).toBeNull();
  });

  it('a person is assessed on the post they worked most', () => {
    const records = month({
      shifts: [
        shift({ id: 'a', date: '2026-11-02' }),
        shift({ id: 'b', date: '2026-11-03', postKind: 'BAR' }),
        shift({ id: 'c', date: '2026-11-04', postKind: 'BAR' }),
      ],
    });
    expect(figuresOfMonth(records)[0]?.postKind).toBe('BAR');
  });
});

describe('points of a month', () => {
  const scheme = defaultSchemeContent();
  const hall = scheme.weights.HALL;
  const perfect = figuresOf(
    month({
      shifts: [shift({ id: 'a', date: '2026-11-02' })],
      training: new Map([['anna', { onJobSessions: 1, quizzesTaken: 0, quizzesPassed: 0, quizAverage: null }]]),
    }),
  );

  it('a clean month with its opinions collected and a training scores 100 and passes', () => {
    const score = scoreMonth({ ...perfect, opinionsCollected: 4 }, hall, scheme);
    expect(score.total).toBe(100);
    expect(score.outcome).toBe('pass');
    expect(score.lines.map((l) => l.key)).toEqual([
      'checklist',
      'punctuality',
      'rounds',
      'repairs',
      'inspections',
      'opinions',
      'training',
      'satisfaction',
    ]);
    // The hall meets visitors: satisfaction weighs 10; a month without a rating deducts nothing.
    expect(score.lines.find((l) => l.key === 'satisfaction')).toMatchObject({ weight: 10, points: 10 });
  });

  it('each line by hand', () => {
    const f: AssessmentFigures = {
      ...perfect,
      checklistExpected: 20,
      checklistDone: 15, // 20 × 0.75 = 15
      lateClockIns: 2,
      noShows: 1, // 20 − 2×2 − 10 = 6
      roundsDue: 4,
      roundsMet: 2,
      roundsLate: 1, // 5 × 2.5/4 = 3.125 → 3.1
      inspectionDeductions: 3,
      rectificationsOverdue: 2, // 20 − 3 − 4 = 13
      opinionsCollected: 2,
      complaints: 1, // 10 × 0.5 − 5 = 0
      onJobTrainings: 1,
      quizzesTaken: 2,
      quizzesPassed: 1, // 15 × 0.75 = 11.25 → 11.3
      satisfaction: 0.625, // an average of 3.5 of 5: 10 × 0.625 = 6.25 → 6.3
    };
    const score = scoreMonth(f, hall, scheme);
    const points = Object.fromEntries(score.lines.map((l) => [l.key, l.points]));
    expect(points).toEqual({
      checklist: 15,
      punctuality: 6,
      rounds: 3.1,
      repairs: 0,
      inspections: 13,
      opinions: 0,
      training: 11.3,
      satisfaction: 6.3,
    });
    expect(score.total).toBe(54.7);
    expect(score.outcome).toBe('fail');
  });

  it('the technician: the 5-minute arrival rule weighs a quarter', () => {
    const score = scoreMonth({ ...perfect, repairsDue: 4, repairsOnTime: 3 }, scheme.weights.TECH, scheme);
    expect(score.lines.find((l) => l.key === 'repairs')?.points).toBe(18.8);
  });

  it('no training this month: the training line is empty', () => {
    expect(scoreMonth({ ...perfect, onJobTrainings: 0 }, hall, scheme).lines.find((l) => l.key === 'training')?.points).toBe(0);
  });

  it('an adjustment replaces its line and is kept within the weight', () => {
    const adjustment = { points: 30, reason: 'x', byName: 'm', at: 1, source: 'review' as const };
    const score = scoreMonth({ ...perfect, opinionsCollected: 0 }, hall, scheme, new Map([['opinions', adjustment]]));
    expect(score.lines.find((l) => l.key === 'opinions')).toMatchObject({ computedPoints: 0, points: 10 });
  });

  it('passes at the pass mark exactly', () => {
    const score = scoreMonth({ ...perfect, opinionsCollected: 4, lateClockIns: 10 }, hall, scheme);
    expect(score.total).toBe(80);
    expect(score.outcome).toBe('pass');
  });

  it('neither rostered nor clocked in: no duty, neither pass nor fail', () => {
    const none: AssessmentFigures = { ...perfect, shifts: 0, rostered: 0 };
    expect(scoreMonth(none, hall, scheme).outcome).toBe('no_duty');
    // Rostered but never came is a month with duty: the no-shows fail it.
    expect(scoreMonth({ ...none, rostered: 3, noShows: 3, checklistExpected: 0 }, hall, scheme).outcome).toBe('fail');
  });
});

describe('two consecutive failing months', () => {
  const m = (month: string, outcome: 'pass' | 'fail' | 'no_duty' | 'unsigned') => ({ month, outcome });
  it('fail – pass – fail: none', () => {
    expect(consecutiveFailingPairs([m('2026-08', 'fail'), m('2026-09', 'pass'), m('2026-10', 'fail')])).toEqual([]);
  });
  it('fail – fail: one', () => {
    expect(consecutiveFailingPairs([m('2026-09', 'fail'), m('2026-10', 'fail')])).toEqual([['2026-09', '2026-10']]);
  });
  it('a month with no duty is neither and breaks nothing', () => {
    expect(consecutiveFailingPairs([m('2026-08', 'fail'), m('2026-09', 'no_duty'), m('2026-10', 'fail')])).toEqual([['2026-08', '2026-10']]);
    expect(consecutiveFailingPairs([m('2026-08', 'fail'), m('2026-09', 'no_duty'), m('2026-10', 'pass')])).toEqual([]);
  });
  it('a month not yet signed breaks the pair until it is signed', () => {
    expect(consecutiveFailingPairs([m('2026-08', 'fail'), m('2026-09', 'unsigned'), m('2026-10', 'fail')])).toEqual([]);
  });
  it('fail – fail – fail: two questions, in any input order', () => {
    expect(consecutiveFailingPairs([m('2026-10', 'fail'), m('2026-08', 'fail'), m('2026-09', 'fail')])).toEqual([
      ['2026-08', '2026-09'],
      ['2026-09', '2026-10'],
    ]);
  });
  it('months: the one before and the last day, across a year', () => {
    expect(previousMonth('2027-01')).toBe('2026-12');
    expect(lastDateOf('2028-02')).toBe('2028-02-29');
  });
});
