import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Certificate,
  FactSheet,
  MyTrainingSession,
  PageOf,
  QuizResult,
  RosterWeek,
  TrainingCourse,
  TrainingMonth,
  TrainingSessionDetail,
  TrainingSessionSummary,
} from '@anchang/contracts';
import { newId } from '../../platform/ids.js';
import { instantAt } from '../../platform/site-time.js';
import { buildTestApp, type TestApp } from '../../test/build-test-app.js';
import { createCompanyWithSite, createPerson, loginAs, type TestPerson, type TestSite } from '../../test/factories.js';
import { trainingFiguresOfPeriod } from './index.js';

const SH = 'Asia/Shanghai';
const SHEET = {
  unitTypes: [
    { name: 'A1', areaM2: 89, rooms: '三室两厅一卫', orientation: '南北通透', priceFromWan: 180, priceToWan: 220 },
    { name: 'B2', areaM2: 120, rooms: '四室两厅两卫', orientation: '朝南', priceFromWan: 260, priceToWan: 300 },
  ],
  managementFeePerM2: 3.5,
  sellingPoints: ['地铁口 300 米', '双语学校'],
  notes: '样板房 10:00 开放',
};

describe(`training (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestApp;
  let site: TestSite;
  let other: TestSite;
  let base: string;
  let manager: TestPerson;
  let alice: TestPerson;
  let bob: TestPerson;
  let carol: TestPerson;
  const cookies = new Map<string, string>();
  let outsiderCookie: string;
  let techPostId: string;

  const call = async (who: TestPerson | string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, payload?: unknown) => {
    const cookie = typeof who === 'string' ? who : cookies.get(who.id)!;
    return t.app.inject({ method, url: `${base}${path}`, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });
  };
  const logInAll = async () => {
    for (const p of [manager, alice, bob, carol]) cookies.set(p.id, await loginAs(t.app, p.login));
    outsiderCookie = await loginAs(t.app, (await createPerson(t.testDb.database.db, other, 'site_manager', { now: t.clock.now() })).login);
  };

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.testDb.database.db;
    site = await createCompanyWithSite(db);
    other = await createCompanyWithSite(db);
    base = `/api/sites/${site.siteId}`;
    manager = await createPerson(db, site, 'site_manager');
    alice = await createPerson(db, site, 'staff', { postIds: [site.postId] });
    bob = await createPerson(db, site, 'staff', { postIds: [site.postId] });
    carol = await createPerson(db, site, 'staff', { postIds: [site.postId] });
    techPostId = newId();
    await db
      .insertInto('posts')
      .values({
        id: techPostId,
        site_id: site.siteId,
        kind: 'TECH',
        name: '技术岗',
        zone_id: site.zoneId,
        created_at: t.clock.now(),
        updated_at: t.clock.now(),
      })
      .execute();
    await logInAll();
  });
  afterAll(() => t.close());

  let courses: TrainingCourse[];
  let session: TrainingSessionDetail;

  it('seeds the pre-job course and the seven on-job topics, bilingual', async () => {
    const res = await call(manager, 'GET', '/training/courses');
    expect(res.statusCode).toBe(200);
    courses = res.json<TrainingCourse[]>();
    expect(courses.filter((c) => c.kind === 'on_job').map((c) => c.nameZh)).toEqual([
      '企业文化',
      '客户服务技巧',
      '客户心理',
      '突发事件处理',
      '营销知识',
      '职业安全',
      '7S 现场管理',
    ]);
    expect(courses.filter((c) => c.kind === 'pre_job')).toHaveLength(1);
    expect(courses.every((c) => c.nameEn.length > 0)).toBe(true);
    // Read again: seeded once.
    expect((await call(manager, 'GET', '/training/courses')).json<TrainingCourse[]>()).toHaveLength(8);
  });

  it('publishes the fact sheet in versions every member reads; a stale base is refused', async () => {
    expect((await call(alice, 'GET', '/fact-sheet')).json<FactSheet>().version).toBe(0);
    expect((await call(alice, 'POST', '/fact-sheet', { baseVersion: 0, content: SHEET })).statusCode).toBe(403);
    const published = await call(manager, 'POST', '/fact-sheet', { baseVersion: 0, content: SHEET, changeNote: '首版' });
    expect(published.statusCode).toBe(201);
    const stale = await call(manager, 'POST', '/fact-sheet', { baseVersion: 0, content: { ...SHEET, notes: '' } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json<{ error: { code: string } }>().error.code).toBe('FACT_SHEET_VERSION_CONFLICT');
    const read = (await call(alice, 'GET', '/fact-sheet')).json<FactSheet>();
    expect(read).toMatchObject({ version: 1, changeNote: '首版', content: SHEET });
    expect((await t.app.inject({ method: 'GET', url: `${base}/fact-sheet`, headers: { cookie: outsiderCookie } })).statusCode).toBe(404);
  });

  it('schedules a session with a quiz from written questions, the fact sheet and the standards', async () => {
    const course = courses.find((c) => c.nameZh === '客户服务技巧')!;
    const res = await call(manager, 'POST', '/training/sessions', {
      courseId: course.id,
      date: '2026-12-02',
      trainerName: '王经理',
      material: '微笑服务要点',
      attendeeIds: [alice.id, bob.id],
      quiz: {
        passMark: 60,
        questions: [{ prompt: '客人到访时第一句话?', choices: ['您好!欢迎光临!', '有事吗?'], correctIndex: 0 }],
        fromFactSheet: true,
        fromStandards: true,
      },
    });
    expect(res.statusCode).toBe(201);
    session = res.json<TrainingSessionDetail>();
    expect(session.questions[0]).toMatchObject({ source: 'manual', correctIndex: 0 });
    expect(session.questions.some((q) => q.source === 'fact_sheet' && q.choices.includes('89'))).toBe(true);
    expect(session.questions.some((q) => q.source === 'standard' && q.choices.includes('1.5 米'))).toBe(true);
    expect(session.attendees.map((a) => a.personId).sort()).toEqual([alice.id, bob.id].sort());

    const bad = await call(manager, 'POST', '/training/sessions', {
      courseId: course.id,
      date: '2026-12-02',
      trainerName: '王经理',
      attendeeIds: [alice.id],
      quiz: { passMark: 60, questions: [{ prompt: 'x', choices: ['a', 'b'], correctIndex: 4 }] },
    });
    expect(bad.json<{ error: { code: string } }>().error.code).toBe('QUIZ_QUESTION_INVALID');
    const stranger = await call(manager, 'POST', '/training/sessions', {
      courseId: course.id,
      date: '2026-12-02',
      trainerName: 'x',
      attendeeIds: [newId()],
    });
    expect(stranger.statusCode).toBe(404);
  });

  it('shows the invited attendee the quiz without its key', async () => {
    const mine = (await call(alice, 'GET', '/training/my-sessions')).json<PageOf<MyTrainingSession>>();
    expect(mine.items.map((s) => s.id)).toEqual([session.id]);
    expect(mine.items[0]!.questions).toHaveLength(session.questions.length);
    expect(JSON.stringify(mine.items[0]!.questions)).not.toContain('correctIndex');
    expect((await call(carol, 'GET', '/training/my-sessions')).json<PageOf<MyTrainingSession>>().items).toEqual([]);
  });

  it('lets only invited attendees confirm; confirming twice answers the first confirmation and writes one record', async () => {
    const notInvited = await call(carol, 'POST', `/training/sessions/${session.id}/confirm`);
    expect(notInvited.statusCode).toBe(403);
    expect(notInvited.json<{ error: { code: string } }>().error.code).toBe('TRAINING_NOT_INVITED');
    const first = await call(alice, 'POST', `/training/sessions/${session.id}/confirm`);
    expect(first.json()).toMatchObject({ alreadyConfirmed: false, confirmedAt: t.clock.now() });
    t.clock.advance(60_000);
    const second = await call(alice, 'POST', `/training/sessions/${session.id}/confirm`);
    expect(second.statusCode).toBe(200);
    expect(second.json()).toMatchObject({ alreadyConfirmed: true, confirmedAt: first.json<{ confirmedAt: number }>().confirmedAt });
    const records = await t.testDb.database.db.selectFrom('training_records').selectAll().where('person_id', '=', alice.id).execute();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ kind: 'on_job', site_id: site.siteId, session_id: session.id, topic: '客户服务技巧' });
  });

  it('grades the quiz once: a second answer is 409 and changes nothing', async () => {
    const keys = session.questions.map((q) => q.correctIndex);
    const early = await call(bob, 'POST', `/training/sessions/${session.id}/quiz`, { answers: keys });
    expect(early.json<{ error: { code: string } }>().error.code).toBe('TRAINING_NOT_CONFIRMED');
    const short = await call(alice, 'POST', `/training/sessions/${session.id}/quiz`, { answers: [0] });
    expect(short.json<{ error: { code: string } }>().error.code).toBe('QUIZ_ANSWERS_MISMATCH');
    const ok = await call(alice, 'POST', `/training/sessions/${session.id}/quiz`, { answers: keys });
    expect(ok.statusCode).toBe(201);
    expect(ok.json<QuizResult>()).toEqual({ score: 100, passed: true, correct: keys.length, total: keys.length, passMark: 60 });
    const again = await call(alice, 'POST', `/training/sessions/${session.id}/quiz`, { answers: keys.map(() => 5) });
    expect(again.statusCode).toBe(409);
    expect(again.json<{ error: { code: string } }>().error.code).toBe('QUIZ_ALREADY_TAKEN');
    const attempts = await t.testDb.database.db.selectFrom('training_quiz_attempts').selectAll().where('person_id', '=', alice.id).execute();
    expect(attempts).toHaveLength(1);
    expect(attempts[0]!.score).toBe(100);

    // Bob confirms and gets every answer wrong: failed, and his phone shows it.
    await call(bob, 'POST', `/training/sessions/${session.id}/confirm`);
    const wrong = keys.map((k) => (k === 0 ? 1 : 0));
    expect((await call(bob, 'POST', `/training/sessions/${session.id}/quiz`, { answers: wrong })).json<QuizResult>()).toMatchObject({
      score: 0,
      passed: false,
    });
    const bobs = (await call(bob, 'GET', '/training/my-sessions')).json<PageOf<MyTrainingSession>>().items[0]!;
    expect(bobs.result).toMatchObject({ score: 0, passed: false });
  });

  it('shows the manager attendees, confirmations and results, and pages the sessions', async () => {
    const detail = (await call(manager, 'GET', `/training/sessions/${session.id}`)).json<TrainingSessionDetail>();
    expect(detail.confirmed).toBe(2);
    expect(detail.attendees.find((a) => a.personId === alice.id)).toMatchObject({ quizScore: 100, quizPassed: true });
    expect(detail.attendees.find((a) => a.personId === bob.id)).toMatchObject({ quizScore: 0, quizPassed: false });
    expect((await call(alice, 'GET', `/training/sessions/${session.id}`)).statusCode).toBe(403);
    const course = courses.find((c) => c.nameZh === '企业文化')!;
    await call(manager, 'POST', '/training/sessions', { courseId: course.id, date: '2026-12-03', trainerName: '王经理', attendeeIds: [carol.id] });
    const page1 = (await call(manager, 'GET', '/training/sessions?limit=1')).json<PageOf<TrainingSessionSummary>>();
    expect(page1.items).toHaveLength(1);
    expect(page1.nextCursor).not.toBeNull();
    const page2 = (await call(manager, 'GET', `/training/sessions?limit=1&cursor=${page1.nextCursor}`)).json<PageOf<TrainingSessionSummary>>();
    expect(page2.items[0]!.id).toBe(session.id);
    expect(page2.items[0]).toMatchObject({ invited: 2, confirmed: 2, hasQuiz: true });
  });

  it('counts on-job training per person in a period for the assessment', async () => {
    const { fromMs, toMs } = { fromMs: instantAt('2026-12-01', '00:00', SH), toMs: instantAt('2027-01-01', '00:00', SH) };
    const figures = await trainingFiguresOfPeriod(t.testDb.database.db, site.siteId, [alice.id, bob.id, carol.id], fromMs, toMs);
    expect(figures.get(alice.id)).toEqual({ onJobSessions: 1, quizzesTaken: 1, quizzesPassed: 1, quizAverage: 100 });
    expect(figures.get(bob.id)).toEqual({ onJobSessions: 1, quizzesTaken: 1, quizzesPassed: 0, quizAverage: 0 });
    expect(figures.get(carol.id)).toEqual({ onJobSessions: 0, quizzesTaken: 0, quizzesPassed: 0, quizAverage: null });
    const november = await trainingFiguresOfPeriod(t.testDb.database.db, site.siteId, [alice.id], instantAt('2026-11-01', '00:00', SH), fromMs);
    expect(november.get(alice.id)).toEqual({ onJobSessions: 0, quizzesTaken: 0, quizzesPassed: 0, quizAverage: null });
    const otherSite = await trainingFiguresOfPeriod(t.testDb.database.db, other.siteId, [alice.id], fromMs, toMs);
    expect(otherSite.get(alice.id)?.onJobSessions).toBe(0);
  });

  it('flags people without on-job training from the 20th, and tells the manager by a timer', async () => {
    const before = (await call(manager, 'GET', '/training/month')).json<TrainingMonth>();
    expect(before).toMatchObject({ month: '2026-12', flagFrom: '2026-12-20', isFlagging: false });
    expect(before.people.find((p) => p.personId === alice.id)).toMatchObject({ onJobCount: 1, flagged: false });
    expect(before.people.find((p) => p.personId === carol.id)).toMatchObject({ onJobCount: 0, flagged: false });
    expect(before.people.some((p) => p.personId === manager.id)).toBe(false);

    t.clock.set(instantAt('2026-12-20', '08:59', SH));
    await logInAll();
    const on20th = (await call(manager, 'GET', '/training/month')).json<TrainingMonth>();
    expect(on20th.isFlagging).toBe(true);
    expect(on20th.people.filter((p) => p.flagged).map((p) => p.personId)).toEqual([carol.id]);
    await t.app.services.timers.runDue();
    const tooEarly = await t.testDb.database.db.selectFrom('notifications').selectAll().where('to_person_id', '=', manager.id).execute();
    expect(tooEarly).toHaveLength(0);
    t.clock.set(instantAt('2026-12-20', '09:00', SH));
    await t.app.services.timers.runDue();
    const told = await t.testDb.database.db.selectFrom('notifications').selectAll().where('to_person_id', '=', manager.id).execute();
    expect(told).toHaveLength(1);
    expect(told[0]!.body).toContain(carol.name);
    expect(told[0]!.body).not.toContain(alice.name);
    // Next month's flag is booked.
    const next = await t.testDb.database.db
      .selectFrom('timers')
      .select(['id', 'due_at'])
      .where('id', '=', `training.on_job_flag:${site.siteId}:2027-01`)
      .executeTakeFirst();
    expect(next?.due_at).toBe(instantAt('2027-01-20', '09:00', SH));
    // A past month is asked by name and stays flagged.
    expect((await call(manager, 'GET', '/training/month?month=2026-11')).json<TrainingMonth>().people.every((p) => p.flagged)).toBe(true);
  });

  it('blocks a roster line for someone without pre-job training when the site says block', async () => {
    const line = { postId: site.postId, personId: carol.id, date: '2026-12-21', start: '08:30', end: '18:00' };
    const warned = await call(manager, 'POST', '/roster', line);
    expect(warned.statusCode).toBe(201);
    const week = (await call(manager, 'GET', '/roster?week=2026-12-21')).json<RosterWeek>();
    expect(week.conflicts.some((c) => c.kind === 'NO_PRE_JOB_TRAINING' && c.personId === carol.id)).toBe(true);

    expect((await call(alice, 'PUT', '/training/settings', { preJobGate: 'block' })).statusCode).toBe(403);
    expect((await call(manager, 'PUT', '/training/settings', { preJobGate: 'block' })).json()).toEqual({ preJobGate: 'block' });
    const blocked = await call(manager, 'POST', '/roster', { ...line, date: '2026-12-22' });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json<{ error: { code: string; params: { personId: string } } }>().error).toMatchObject({
      code: 'PRE_JOB_TRAINING_MISSING',
      params: { personId: carol.id },
    });
    const lines = await t.testDb.database.db.selectFrom('roster_entries').select('id').where('person_id', '=', carol.id).execute();
    expect(lines).toHaveLength(1);

    // The pre-job session, confirmed on Carol's phone, opens the gate.
    const preJob = courses.find((c) => c.kind === 'pre_job')!;
    const s = (
      await call(manager, 'POST', '/training/sessions', { courseId: preJob.id, date: '2026-12-20', trainerName: '王经理', attendeeIds: [carol.id] })
    ).json<TrainingSessionDetail>();
    expect((await call(carol, 'POST', `/training/sessions/${s.id}/confirm`)).statusCode).toBe(200);
    expect((await call(manager, 'POST', '/roster', { ...line, date: '2026-12-22' })).statusCode).toBe(201);
  });

  it('flags a roster line on a post whose certificate the person lacks or let expire', async () => {
    await t.testDb.database.db
      .insertInto('training_records')
      .values({
        id: newId(),
        company_id: site.companyId,
        person_id: alice.id,
        kind: 'pre_job',
        topic: 'BI',
        completed_at: t.clock.now(),
        recorded_by: null,
        site_id: site.siteId,
        session_id: null,
      })
      .execute();
    expect(
      (await call(manager, 'POST', '/roster', { postId: techPostId, personId: alice.id, date: '2026-12-23', start: '08:30', end: '18:00' }))
        .statusCode,
    ).toBe(201);
    const gaps = async () =>
      (await call(manager, 'GET', '/roster?week=2026-12-21'))
        .json<RosterWeek>()
        .conflicts.filter((c) => c.kind === 'CERTIFICATE_MISSING' && c.personId === alice.id);
    expect((await gaps())[0]).toMatchObject({ postId: techPostId, date: '2026-12-23', certificateKinds: ['ELECTRICIAN', 'HVAC'] });

    const electrician = await call(manager, 'POST', '/certificates', {
      personId: alice.id,
      kind: 'ELECTRICIAN',
      number: 'T-001',
      expiresOn: '2026-12-19',
    });
    expect(electrician.statusCode).toBe(201);
    await call(manager, 'POST', '/certificates', { personId: alice.id, kind: 'HVAC', expiresOn: '2028-06-30' });
    // The electrician's licence expired before the line: still flagged, for it alone.
    expect((await gaps())[0]?.certificateKinds).toEqual(['ELECTRICIAN']);
    await call(manager, 'POST', '/certificates', { personId: alice.id, kind: 'ELECTRICIAN', number: 'T-002', expiresOn: '2029-01-01' });
    expect(await gaps()).toEqual([]);

    const list = (await call(manager, 'GET', `/certificates?personId=${alice.id}`)).json<PageOf<Certificate>>();
    expect(list.items).toHaveLength(3);
    expect(list.items.find((c) => c.number === 'T-001')?.isExpired).toBe(true);
    expect((await call(alice, 'POST', '/certificates', { personId: alice.id, kind: 'HVAC', expiresOn: '2030-01-01' })).statusCode).toBe(403);
    const del = await call(manager, 'DELETE', `/certificates/${electrician.json<Certificate>().id}`);
    expect(del.statusCode).toBe(204);
    expect((await call(manager, 'DELETE', `/certificates/${electrician.json<Certificate>().id}`)).statusCode).toBe(404);
  });
});
