/**
 * Training's pure rules: the month and its from-the-20th flag in the site's time zone, quiz
 * grading, the questions drawn from the fact sheet and the standards' numbers, and the
 * certificate gaps of roster lines. No database, no clock: callers pass instants.
 */
import {
  DEFAULT_REPAIR_ARRIVAL_MINUTES,
  ON_JOB_FLAG_FROM_DAY,
  POST_CERTIFICATES,
  type CertificateKind,
  type FactSheetContent,
  type GreetingWindow,
  type PostKind,
  type QuizQuestionInput,
  type RosterConflict,
  type RosterEntry,
} from '@anchang/contracts';
import { instantAt, localParts } from '../../platform/site-time.js';

/** `YYYY-MM` of an instant on the site's clocks. */
export const monthOf = (instant: number, timeZone: string): string => localParts(instant, timeZone).date.slice(0, 7);

export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** The month's instants on the site's clocks: [first day 00:00, next month's first day 00:00). */
export function monthBounds(month: string, timeZone: string): { fromMs: number; toMs: number } {
  return { fromMs: instantAt(`${month}-01`, '00:00', timeZone), toMs: instantAt(`${nextMonth(month)}-01`, '00:00', timeZone) };
}

/** The local day from which people without on-job training this month are flagged. */
export const flagFromDate = (month: string): string => `${month}-${String(ON_JOB_FLAG_FROM_DAY).padStart(2, '0')}`;

/**
 * 在岗培训每月至少一次: a month flags its people without on-job training once its 20th has begun
 * on the site's clocks, and for good once the month is over (the closed month keeps its flags).
 */
export function isFlagging(month: string, now: number, timeZone: string): boolean {
  return localParts(now, timeZone).date >= flagFromDate(month);
}

export interface Grade {
  correct: number;
  total: number;
  /** Percent, rounded down: 2 of 3 is 66, below a pass mark of 67. */
  score: number;
  passed: boolean;
}

export function gradeQuiz(keys: readonly number[], answers: readonly number[], passMark: number): Grade {
  const correct = keys.reduce((n, key, i) => n + (answers[i] === key ? 1 : 0), 0);
  const total = keys.length;
  const score = total === 0 ? 0 : Math.floor((correct * 100) / total);
  return { correct, total, score, passed: score >= passMark };
}

/**
 * Places the right answer among distractors at a position derived from the prompt, so the key
 * is not always the first choice yet the same sheet always gives the same quiz.
 */
function question(prompt: string, right: string, wrong: readonly string[]): QuizQuestionInput {
  const distractors = [...new Set(wrong.filter((w) => w !== right))].slice(0, 3);
  let hash = 0;
  for (const ch of prompt) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  const at = hash % (distractors.length + 1);
  const choices = [...distractors.slice(0, at), right, ...distractors.slice(at)];
  return { prompt, choices, correctIndex: at };
}

const fmtNumber = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** Questions a guest would ask the concierge (GUARD-IN-1): each unit type's area, orientation and price, and the fee. */
export function factSheetQuestions(sheet: FactSheetContent): QuizQuestionInput[] {
  const out: QuizQuestionInput[] = [];
  const units = sheet.unitTypes;
  for (const u of units) {
    const others = units.filter((o) => o !== u);
    const areas = [...others.map((o) => fmtNumber(o.areaM2)), fmtNumber(u.areaM2 - 10), fmtNumber(u.areaM2 + 12), fmtNumber(u.areaM2 + 25)];
    out.push(question(`户型「${u.name}」的建筑面积是多少平方米? / Area of unit type "${u.name}" (m²)?`, fmtNumber(u.areaM2), areas));
    const orientations = [...others.map((o) => o.orientation), '坐北朝南', '东西朝向', '南北通透', '朝东'];
    out.push(question(`户型「${u.name}」的朝向? / Orientation of "${u.name}"?`, u.orientation, orientations));
    const price = (from: number, to: number) => `${fmtNumber(from)}–${fmtNumber(to)} 万`;
    const prices = [
      ...others.map((o) => price(o.priceFromWan, o.priceToWan)),
      price(u.priceFromWan * 0.8, u.priceToWan * 0.8),
      price(u.priceFromWan * 1.25, u.priceToWan * 1.25),
      price(u.priceFromWan + 50, u.priceToWan + 50),
    ];
    out.push(question(`户型「${u.name}」的在售总价区间? / Price on sale of "${u.name}"?`, price(u.priceFromWan, u.priceToWan), prices));
  }
  if (sheet.managementFeePerM2 !== null) {
    const fee = sheet.managementFeePerM2;
    const fmt = (n: number) => `${n.toFixed(2)} 元/㎡·月`;
    out.push(
      question('物业服务管理费是多少? / The property management fee?', fmt(fee), [fmt(fee + 0.5), fmt(fee * 1.5), fmt(Math.max(0.5, fee - 0.8))]),
    );
  }
  return out;
}

/** The standards' numbers a post must know by heart. */
export interface StandardNumbers {
  greetingWindows: readonly GreetingWindow[];
  repairArrivalMinutes?: number | undefined;
}

/** Questions on the numbers of the standards: greetings by time of day, distances, rounds, arrival. */
export function standardQuestions(n: StandardNumbers): QuizQuestionInput[] {
  const out: QuizQuestionInput[] = [];
  const words = n.greetingWindows.map((w) => w.zh);
  for (const w of n.greetingWindows)
    out.push(question(`${w.from}–${w.to} 迎宾问候语应为? / Greeting between ${w.from} and ${w.to}?`, w.zh, [...words, '晚上好', '您好']));
  // GUARD-IN-3, HALL-IN-1, CLEAN-2, HALL-IN-1's bow: the library's fixed numbers.
  out.push(question('礼宾岗在客户行进至多少米时敬礼问好? / At what distance does the concierge salute a guest?', '1.5 米', ['3 米', '1 米', '5 米']));
  out.push(question('客人距多少米时大厅岗主动迎宾? / At what distance does the hall greet a guest?', '3 米', ['1.5 米', '5 米', '10 米']));
  out.push(
    question('卫生间多久巡视性清洁一次? / How often is the washroom cleaned on a round?', '每 10 分钟', ['每 30 分钟', '每 5 分钟', '每小时']),
  );
  out.push(question('迎宾鞠躬的角度? / The bow when greeting at the hall?', '15°', ['30°', '45°', '90°']));
  const arrival = n.repairArrivalMinutes ?? DEFAULT_REPAIR_ARRIVAL_MINUTES;
  out.push(
    question(`报修后技术岗应在几分钟内赶到现场? / Within how many minutes must the technician reach a repair?`, `${arrival} 分钟`, [
      `${arrival + 5} 分钟`,
      `${arrival * 3} 分钟`,
      '30 分钟',
      '60 分钟',
    ]),
  );
  return out;
}

/** The certificate kinds a post needs that the person lacks or holds only expired on `date`. */
export function missingCertificates(postKind: PostKind, date: string, held: readonly { kind: string; expiresOn: string }[]): CertificateKind[] {
  const needed = POST_CERTIFICATES[postKind] ?? [];
  // A certificate is valid through its expiry day.
  return needed.filter((kind) => !held.some((c) => c.kind === kind && c.expiresOn >= date));
}

/** One conflict per roster line whose post needs a certificate its person lacks on the line's day. */
export function findCertificateGaps(
  entries: readonly RosterEntry[],
  postKindById: ReadonlyMap<string, PostKind>,
  certificatesByPerson: ReadonlyMap<string, readonly { kind: string; expiresOn: string }[]>,
): RosterConflict[] {
  const out: RosterConflict[] = [];
  for (const e of entries) {
    const kind = postKindById.get(e.postId);
    if (!kind || !POST_CERTIFICATES[kind]) continue;
    const missing = missingCertificates(kind, e.date, certificatesByPerson.get(e.personId) ?? []);
    if (missing.length > 0)
      out.push({ kind: 'CERTIFICATE_MISSING', date: e.date, personId: e.personId, postId: e.postId, entryIds: [e.id], certificateKinds: missing });
  }
  return out;
}
