/**
 * The assessment's arithmetic, kept pure so hand-made months can test it: a site's month of
 * records in → each person's figures → lines, points, total, pass or fail; and the rule that two
 * consecutive failing months call for a person to decide on dismissal.
 *
 * Month membership is decided on the site's clocks: a shift belongs to the month of its rostered
 * date (a 23:30 start on the 30th local is November even when UTC already says December), and an
 * instant (a round's due time, a repair's report) to the month of its local date.
 */
import {
  ASSESSMENT_LINES,
  type AssessmentFigures,
  type AssessmentLine,
  type AssessmentLineKey,
  type AssessmentOutcome,
  type LineWeights,
  type PostKind,
  type SchemeContent,
  type SchemeRules,
} from '@anchang/contracts';
import { localParts, shiftSpan } from '../../platform/site-time.js';

export interface ShiftRecord {
  id: string;
  personId: string;
  postId: string;
  postKind: PostKind;
  rosterEntryId: string | null;
  date: string;
  plannedStart: string;
  plannedEnd: string;
  clockInAt: number;
  clockOutAt: number | null;
  /** Checklist items the shift's standard version asks for, per phase. */
  expectedPre: number;
  expectedPost: number;
  /** Checklist results recorded, per phase. */
  donePre: number;
  donePost: number;
}

export interface RosterRecord {
  id: string;
  personId: string;
  postKind: PostKind;
  date: string;
  start: string;
  end: string;
}

/** A round slot (rounds) or a patrol round (patrols), reduced to what the assessment needs. */
export interface RoundRecord {
  postKind: string;
  dueAt: number;
  outcome: 'met' | 'late' | 'missed';
  /** Who proved it (met/late) or walked it; null: nobody did. */
  byPersonId: string | null;
}

export interface RepairRecord {
  technicianId: string;
  reportedAt: number;
  arrivedAt: number | null;
  arrivalDeadlineAt: number;
}

export interface OpinionRecord {
  personId: string;
  postId: string | null;
  date: string;
  category: string;
}

export interface TrainingFigures {
  onJobSessions: number;
  quizzesTaken: number;
  quizzesPassed: number;
  quizAverage: number | null;
}

export interface InspectionFigures {
  inspections: number;
  failedItems: number;
  deductionPoints: number;
  rectificationsOverdue: number;
}

export interface SiteMonthRecords {
  month: string;
  timeZone: string;
  lateGraceMinutes: number;
  /** The instant the month is judged at: a rostered line is a no-show only once its grace passed by then. */
  now: number;
  shifts: readonly ShiftRecord[];
  roster: readonly RosterRecord[];
  rounds: readonly RoundRecord[];
  repairs: readonly RepairRecord[];
  opinions: readonly OpinionRecord[];
  training: ReadonlyMap<string, TrainingFigures>;
  inspections: ReadonlyMap<string, InspectionFigures>;
  /** Each person's month of survey ratings as a 0..1 share (surveys: satisfactionShare); absent: no rating. */
  satisfaction?: ReadonlyMap<string, number>;
}

export interface PersonMonth {
  personId: string;
  postKind: PostKind;
  figures: AssessmentFigures;
}

/** A month with nothing recorded yet; a person's figures start from it. */
export const emptyFigures = (): AssessmentFigures => ({
  rostered: 0,
  shifts: 0,
  lateClockIns: 0,
  noShows: 0,
  checklistExpected: 0,
  checklistDone: 0,
  roundsDue: 0,
  roundsMet: 0,
  roundsLate: 0,
  repairsDue: 0,
  repairsOnTime: 0,
  inspections: 0,
  inspectionDeductions: 0,
  rectificationsOverdue: 0,
  opinionsCollected: 0,
  complaints: 0,
  onJobTrainings: 0,
  quizzesTaken: 0,
  quizzesPassed: 0,
  quizAverage: null,
  satisfaction: null,
});

const lateBy = (clockInAt: number, startsAt: number, graceMinutes: number) => Math.floor((clockInAt - startsAt) / 60_000) > graceMinutes;

/** The month (YYYY-MM) of a site-local date or of an instant on the site's clocks. */
export const monthOfDate = (date: string) => date.slice(0, 7);
export const monthOfInstant = (at: number, timeZone: string) => localParts(at, timeZone).date.slice(0, 7);

/**
 * Each person's figures for the month. People are those rostered or clocked in at the site that
 * month, plus anyone named by the training or inspection figures; their post is the one they
 * worked most (their rostered post when they never clocked in).
 */
export function figuresOfMonth(r: SiteMonthRecords): PersonMonth[] {
  const inMonthDate = (date: string) => monthOfDate(date) === r.month;
  const inMonthAt = (at: number) => monthOfInstant(at, r.timeZone) === r.month;
  const shifts = r.shifts.filter((s) => inMonthDate(s.date));
  const roster = r.roster.filter((e) => inMonthDate(e.date));
  const byPerson = new Map<string, AssessmentFigures>();
  const postVotes = new Map<string, Map<PostKind, number>>();
  const of = (personId: string) => {
    let f = byPerson.get(personId);
    if (!f) byPerson.set(personId, (f = emptyFigures()));
    return f;
  };
  const vote = (personId: string, kind: PostKind, weight: number) => {
    const votes = postVotes.get(personId) ?? new Map<PostKind, number>();
    votes.set(kind, (votes.get(kind) ?? 0) + weight);
    postVotes.set(personId, votes);
  };

  const shiftOfEntry = new Set(shifts.map((s) => s.rosterEntryId).filter((id): id is string => id !== null));
  for (const e of roster) {
    const startsAt = shiftSpan(e.date, e.start, e.end, r.timeZone).startsAt;
    // The month so far: a line still to come is no duty yet (nor a no-show).
    if (startsAt > r.now && !shiftOfEntry.has(e.id)) continue;
    const f = of(e.personId);
    f.rostered += 1;
    vote(e.personId, e.postKind, 1);
    if (!shiftOfEntry.has(e.id) && lateBy(r.now, startsAt, r.lateGraceMinutes)) f.noShows += 1;
  }
  for (const s of shifts) {
    const f = of(s.personId);
    f.shifts += 1;
    vote(s.personId, s.postKind, 2);
    if (lateBy(s.clockInAt, shiftSpan(s.date, s.plannedStart, s.plannedEnd, r.timeZone).startsAt, r.lateGraceMinutes)) f.lateClockIns += 1;
    // The closing list is only due once the shift has ended.
    const closed = s.clockOutAt !== null;
    f.checklistExpected += s.expectedPre + (closed ? s.expectedPost : 0);
    f.checklistDone += Math.min(s.donePre, s.expectedPre) + (closed ? Math.min(s.donePost, s.expectedPost) : 0);
  }

  // A missed round falls to whoever held a post of its kind when it was due.
  const onDutyAt = (postKind: string, at: number) =>
    shifts.filter((s) => s.postKind === postKind && s.clockInAt <= at && (s.clockOutAt === null || at < s.clockOutAt)).map((s) => s.personId);
  for (const round of r.rounds) {
    if (!inMonthAt(round.dueAt)) continue;
    const people = round.byPersonId ? [round.byPersonId] : round.outcome === 'missed' ? [...new Set(onDutyAt(round.postKind, round.dueAt))] : [];
    for (const personId of people) {
      if (!byPerson.has(personId)) continue;
      const f = of(personId);
      f.roundsDue += 1;
      if (round.outcome === 'met') f.roundsMet += 1;
      if (round.outcome === 'late') f.roundsLate += 1;
    }
  }

  for (const w of r.repairs) {
    if (!inMonthAt(w.reportedAt)) continue;
    const isDue = w.arrivedAt !== null || w.arrivalDeadlineAt <= r.now;
    if (!isDue || !byPerson.has(w.technicianId)) continue;
    const f = of(w.technicianId);
    f.repairsDue += 1;
    if (w.arrivedAt !== null && w.arrivedAt <= w.arrivalDeadlineAt) f.repairsOnTime += 1;
  }

  // A customer's problem noted by someone else about a post on a day a person held it counts
  // against them; the problems people note themselves never do (noting them is their duty).
  const heldOn = new Map<string, Set<string>>();
  for (const s of shifts) {
    const key = `${s.postId}|${s.date}`;
    heldOn.set(key, (heldOn.get(key) ?? new Set()).add(s.personId));
  }
  for (const o of r.opinions) {
    if (!inMonthDate(o.date)) continue;
    if (byPerson.has(o.personId)) of(o.personId).opinionsCollected += 1;
    if (o.category !== 'problem' || o.postId === null) continue;
    for (const personId of heldOn.get(`${o.postId}|${o.date}`) ?? []) if (personId !== o.personId) of(personId).complaints += 1;
  }

  for (const [personId, t] of r.training) {
    if (!byPerson.has(personId)) continue;
    const f = of(personId);
    f.onJobTrainings = t.onJobSessions;
    f.quizzesTaken = t.quizzesTaken;
    f.quizzesPassed = t.quizzesPassed;
    f.quizAverage = t.quizAverage;
  }
  for (const [personId, i] of r.inspections) {
    if (!byPerson.has(personId)) continue;
    const f = of(personId);
    f.inspections = i.inspections;
    f.inspectionDeductions = i.deductionPoints;
    f.rectificationsOverdue = i.rectificationsOverdue;
  }
  for (const [personId, share] of r.satisfaction ?? []) if (byPerson.has(personId)) of(personId).satisfaction = share;

  return [...byPerson.entries()].map(([personId, figures]) => ({ personId, postKind: mostVoted(postVotes.get(personId)), figures }));
}

function mostVoted(votes: Map<PostKind, number> | undefined): PostKind {
  let best: PostKind = 'HALL';
  let most = -1;
  for (const [kind, n] of votes ?? []) if (n > most) [best, most] = [kind, n];
  return best;
}

const tenth = (n: number) => Math.round(n * 10) / 10;
const clamp = (n: number, max: number) => Math.max(0, Math.min(max, n));

/** Share of a line earned, 0..1, for the lines that are a share of what was due. */
function lineShare(key: AssessmentLineKey, f: AssessmentFigures): number {
  const share = (done: number, due: number) => (due === 0 ? 1 : done / due);
  switch (key) {
    case 'checklist':
      return share(f.checklistDone, f.checklistExpected);
    case 'rounds':
      // A late round was done, but not as the standard asks: half.
      return share(f.roundsMet + f.roundsLate / 2, f.roundsDue);
    case 'repairs':
      return share(f.repairsOnTime, f.repairsDue);
    case 'training':
      // 在岗培训每月至少一次: none, nothing; attended, full marks, or half plus half the quizzes passed.
      if (f.onJobTrainings < 1) return 0;
      return f.quizzesTaken === 0 ? 1 : 0.5 + (0.5 * f.quizzesPassed) / f.quizzesTaken;
    case 'satisfaction':
      // No rating in the month: nothing deducted (as a line with nothing due); a rating's share
      // is the month's average mapped 1 → 0 … 5 → 1 (surveys: satisfactionShare).
      return f.satisfaction === null ? 1 : clamp(f.satisfaction, 1);
    case 'punctuality':
    case 'inspections':
    case 'opinions':
      return 1;
  }
}

/** The points a line's figures earn out of its weight, to a tenth. */
export function linePoints(key: AssessmentLineKey, weight: number, f: AssessmentFigures, rules: SchemeRules): number {
  switch (key) {
    case 'punctuality':
      return tenth(clamp(weight - f.lateClockIns * rules.latePoints - f.noShows * rules.absencePoints, weight));
    case 'inspections':
      return tenth(clamp(weight - f.inspectionDeductions - f.rectificationsOverdue * rules.overdueRectificationPoints, weight));
    case 'opinions': {
      const collected = rules.opinionTarget === 0 ? 1 : Math.min(1, f.opinionsCollected / rules.opinionTarget);
      return tenth(clamp(weight * collected - f.complaints * rules.complaintPoints, weight));
    }
    case 'checklist':
    case 'rounds':
    case 'repairs':
    case 'training':
    case 'satisfaction':
      return tenth(clamp(weight * lineShare(key, f), weight));
  }
}

export interface Score {
  lines: AssessmentLine[];
  total: number;
  outcome: AssessmentOutcome;
}

/**
 * Lines, total and outcome. Adjustments made earlier (by review or appeal) are kept across a
 * recompute: they replace the computed points of their line.
 */
export function scoreMonth(
  figures: AssessmentFigures,
  weights: LineWeights,
  scheme: Pick<SchemeContent, 'passMark' | 'rules'>,
  adjustments: ReadonlyMap<AssessmentLineKey, AssessmentLine['adjustment']> = new Map(),
): Score {
  const lines = ASSESSMENT_LINES.map((key): AssessmentLine => {
    const weight = weights[key];
    const computedPoints = linePoints(key, weight, figures, scheme.rules);
    const adjustment = adjustments.get(key) ?? null;
    return { key, weight, computedPoints, points: adjustment ? clamp(adjustment.points, weight) : computedPoints, adjustment };
  });
  return { lines, ...totalOf(lines, figures, scheme.passMark) };
}

export function totalOf(
  lines: readonly AssessmentLine[],
  figures: AssessmentFigures,
  passMark: number,
): { total: number; outcome: AssessmentOutcome } {
  const total = tenth(lines.reduce((n, l) => n + l.points, 0));
  const hadDuty = figures.rostered > 0 || figures.shifts > 0;
  return { total, outcome: !hadDuty ? 'no_duty' : total >= passMark ? 'pass' : 'fail' };
}

/** A signed month's outcome, or what stands for a month that is not (yet) signed. */
export interface MonthOutcome {
  month: string;
  outcome: AssessmentOutcome | 'unsigned';
}

/**
 * Two consecutive failing months: pairs of signed failing months with no month in between that
 * had duty. A month with no duty (and a month not assessed at all) is neither pass nor fail and
 * breaks nothing, so fail – (no duty) – fail is a pair. A passing month breaks the chain, and so
 * does a month assessed but not yet signed (the pair forms when it is signed). fail–fail–fail
 * gives two pairs: the second one after a decision to keep the person is a new question.
 */
export function consecutiveFailingPairs(months: readonly MonthOutcome[]): [string, string][] {
  const ordered = [...months].sort((a, b) => a.month.localeCompare(b.month));
  const pairs: [string, string][] = [];
  let previous: MonthOutcome | null = null;
  for (const m of ordered) {
    if (m.outcome === 'no_duty') continue;
    if (m.outcome === 'fail' && previous?.outcome === 'fail') pairs.push([previous.month, m.month]);
    previous = m;
  }
  return pairs;
}

/** YYYY-MM of the month before. */
export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** The last calendar date of a month. */
export function lastDateOf(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}
