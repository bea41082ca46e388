/**
 * The demo's training history, written through the training services as the manager and the
 * staff would: the fact sheet published, on-job sessions last month and this month with most
 * people confirming on their phones and some failing the quiz, one person with no on-job
 * training this month (flagged from the 20th), and certificates, one of them expired.
 */
import { ON_JOB_TOPICS, type FactSheetContent } from '@anchang/contracts';
import type { DemoHistoryContext } from '../../db/seed/demo-history-context.js';
import { instantAt } from '../../platform/site-time.js';
import { confirmAttendance, createSession, listCourses, publishFactSheet, readFactSheet, recordCertificate, submitQuiz } from './training.service.js';

const DEMO_FACT_SHEET: FactSheetContent = {
  unitTypes: [
    { name: 'A1 江景', areaM2: 89, rooms: '三室两厅一卫', orientation: '南北通透', priceFromWan: 268, priceToWan: 305 },
    { name: 'B2 洋房', areaM2: 118, rooms: '四室两厅两卫', orientation: '朝南', priceFromWan: 356, priceToWan: 398 },
    { name: 'C3 叠墅', areaM2: 165, rooms: '五室三厅三卫', orientation: '南北通透', priceFromWan: 520, priceToWan: 610 },
  ],
  managementFeePerM2: 3.8,
  sellingPoints: ['地铁 5 号线出口 300 米', '九年一贯制双语学校', '一线江景,楼间距 60 米', '精装交付,全屋新风'],
  notes: '样板房开放时间 09:00–18:00;价格以销售部当日公示为准。',
};

/** Who is trained: everyone who works a post. `green` is left out of this month's sessions on purpose. */
const TRAINEES = ['supervisor', 'hall', 'bar', 'park', 'shuttle', 'model', 'tech', 'security', 'clean', 'green'] as const;
const NOT_THIS_MONTH = 'green';

export async function seedTrainingDemoHistory(ctx: DemoHistoryContext): Promise<void> {
  const { deps, clock, siteId, timeZone, days } = ctx;
  if (days.length === 0) return;
  const manager = await ctx.actorFor('manager');
  const at = (date: string, time: string) => instantAt(date, time, timeZone);

  clock.set(at(days[0]!, '09:00'));
  const sheet = await readFactSheet(deps.db, siteId);
  if (sheet.version === 0) await publishFactSheet(deps, manager, siteId, { baseVersion: 0, content: DEMO_FACT_SHEET, changeNote: '首版 · 开盘' });

  // Certificates: the technician's HVAC licence has lapsed (the roster flags it), the rest are valid.
  clock.set(at(days[0]!, '10:00'));
  const certificates = [
    { login: 'tech', kind: 'ELECTRICIAN' as const, number: 'T-3301-2024-0187', expiresOn: '2029-06-30' },
    { login: 'tech', kind: 'HVAC' as const, number: 'R-3301-2021-0562', expiresOn: days[Math.min(10, days.length - 1)]! },
    { login: 'shuttle', kind: 'DRIVING' as const, number: '330106199001011234', expiresOn: '2031-03-15' },
  ];
  for (const c of certificates)
    await recordCertificate(deps, manager, siteId, {
      personId: ctx.personIdByLogin[c.login]!,
      kind: c.kind,
      number: c.number,
      expiresOn: c.expiresOn,
    });

  const courses = await listCourses(deps, manager, siteId);
  const course = (key: string) => courses.find((c) => c.topicKey === key)!;

  const thisMonth = days[days.length - 1]!.slice(0, 7);
  const lastMonthDays = days.filter((d) => d.slice(0, 7) !== thisMonth);
  const thisMonthDays = days.filter((d) => d.slice(0, 7) === thisMonth);
  // Last month: two sessions; this month: one early in the month once a day of it has passed.
  const plan: { date: string; topic: string; thisMonth: boolean }[] = [];
  if (lastMonthDays.length > 0) {
    plan.push({ date: lastMonthDays[Math.min(6, lastMonthDays.length - 1)]!, topic: ON_JOB_TOPICS[1].key, thisMonth: false });
    plan.push({ date: lastMonthDays[Math.min(20, lastMonthDays.length - 1)]!, topic: ON_JOB_TOPICS[5].key, thisMonth: false });
  }
  if (thisMonthDays.length > 0)
    plan.push({ date: thisMonthDays[Math.min(2, thisMonthDays.length - 1)]!, topic: ON_JOB_TOPICS[3].key, thisMonth: true });

  for (const p of plan) {
    clock.set(at(p.date, '17:30'));
    const invited = TRAINEES.filter((login) => !(p.thisMonth && login === NOT_THIS_MONTH)).map((login) => ctx.personIdByLogin[login]!);
    const session = await createSession(deps, manager, siteId, {
      courseId: course(p.topic).id,
      date: p.date,
      trainerName: '林经理',
      material: MATERIAL[p.topic] ?? '',
      photoIds: [],
      attendeeIds: invited,
      quiz: { passMark: 80, questions: [], fromFactSheet: true, fromStandards: true },
    });
    const keys = session.questions.map((q) => q.correctIndex);
    for (const login of TRAINEES) {
      const personId = ctx.personIdByLogin[login]!;
      if (!invited.includes(personId)) continue;
      // Most confirm within the evening; about one in ten never does.
      if (ctx.random() < 0.1) continue;
      clock.set(at(p.date, '17:30') + Math.floor(ctx.random() * 90) * 60_000);
      const actor = await ctx.actorFor(login);
      await confirmAttendance(deps, actor, siteId, session.id);
      if (ctx.random() < 0.15) continue; // confirmed, quiz not taken
      // Each answer right with a person's own chance: some fail the pass mark.
      const skill = 0.6 + ctx.random() * 0.4;
      const answers = keys.map((key, qi) => (ctx.random() < skill ? key : (key + 1) % session.questions[qi]!.choices.length));
      clock.set(clock.now() + 5 * 60_000);
      await submitQuiz(deps, actor, siteId, session.id, answers);
    }
  }
}

/** The session's outline, fitting its topic. */
const MATERIAL: Record<string, string> = {
  service_skills: '1. 迎宾三米、十五度鞠躬\n2. 问候语按时段\n3. 客户异议的应对',
  emergencies: '1. 客户突发不适:呼叫、陪护、上报\n2. 停电与电梯困人\n3. 火警疏散路线与集合点',
  occupational_safety: '1. 消防器材位置与使用\n2. 雨天防滑\n3. 用电安全',
};
