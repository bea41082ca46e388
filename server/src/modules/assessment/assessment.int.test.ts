import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Assessment, AssessmentMonthView, DismissalRecommendation } from '@anchang/contracts';
import { newId } from '../../platform/ids.js';
import { instantAt } from '../../platform/site-time.js';
import { inTransaction } from '../../platform/tx.js';
import { buildTestApp, type TestApp } from '../../test/build-test-app.js';
import { createCompanyWithSite, createPerson, loginAs, type TestPerson, type TestSite } from '../../test/factories.js';
import { toPostStandard } from '../standards/index.js';
import { scheduleAssessmentClose } from './assessment.jobs.js';

const TZ = 'Asia/Shanghai';
const at = (date: string, time: string) => instantAt(date, time, TZ);

describe(`the monthly assessment (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestApp;
  let site: TestSite;
  let staff: TestPerson;
  let manager: { cookie: string };
  let admin: { cookie: string };
  let staffCookie: string;
  let base: string;
  let pre = 0;
  let post = 0;
  let novemberId = '';

  const call = async <T = unknown>(cookie: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => {
    const res = await t.app.inject({ method, url: `${base}${url}`, headers: { cookie }, payload: payload as object });
    return { status: res.statusCode, body: (res.body ? JSON.parse(res.body) : null) as T & { error?: { code: string } } };
  };

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.testDb.database.db;
    site = await createCompanyWithSite(db);
    base = `/api/sites/${site.siteId}`;
    const managerP = await createPerson(db, site, 'site_manager');
    const adminP = await createPerson(db, site, 'company_admin');
    staff = await createPerson(db, site, 'staff', { postIds: [site.postId] });
    manager = { cookie: await loginAs(t.app, managerP.login) };
    admin = { cookie: await loginAs(t.app, adminP.login) };
    staffCookie = await loginAs(t.app, staff.login);
    expect((await call(manager.cookie, 'POST', '/standards/adopt')).status).toBe(201);
    const version = await db
      .selectFrom('standard_versions')
      .selectAll()
      .where('site_id', '=', site.siteId)
      .where('post_kind', '=', 'HALL')
      .executeTakeFirstOrThrow();
    const items = toPostStandard(version).items;
    pre = items.filter((i) => i.phase === 'PRE').length;
    post = items.filter((i) => i.phase === 'POST').length;
    expect(pre).toBeGreaterThan(0);

    // November, by hand: five rostered lines (one of them a night starting 23:30 on the 30th,
    // local), four shifts, one late (09:20), one no-show (the 4th); the full checklist on the 2nd
    // only; two opinions collected; one on-job training. A December line and shift stay out.
    const lines: [string, string, string, number | null][] = [
      ['2026-11-02', '09:00', '18:00', at('2026-11-02', '09:00')],
      ['2026-11-03', '09:00', '18:00', at('2026-11-03', '09:20')],
      ['2026-11-04', '09:00', '18:00', null],
      ['2026-11-05', '09:00', '18:00', at('2026-11-05', '08:58')],
      ['2026-11-30', '23:30', '07:30', at('2026-11-30', '23:31')],
      ['2026-12-01', '09:00', '18:00', at('2026-12-01', '09:00')],
      // October: rostered twice, never came.
      ['2026-10-05', '09:00', '18:00', null],
      ['2026-10-06', '09:00', '18:00', null],
    ];
    for (const [date, start, end, clockIn] of lines) {
      const entryId = newId();
      await db
        .insertInto('roster_entries')
        .values({
          id: entryId,
          site_id: site.siteId,
          post_id: site.postId,
          person_id: staff.id,
          date,
          start_time: start,
          end_time: end,
          created_by: null,
          created_at: t.clock.now(),
        })
        .execute();
      if (clockIn === null) continue;
      const shiftId = newId();
      await db
        .insertInto('shifts')
        .values({
          id: shiftId,
          site_id: site.siteId,
          post_id: site.postId,
          person_id: staff.id,
          roster_entry_id: entryId,
          date,
          standard_version_id: version.id,
          status: 'closed',
          planned_start: start,
          planned_end: end,
          clock_in_at: clockIn,
          clock_in_received_at: clockIn,
          clock_in_location: null,
          clock_out_at: clockIn + 8 * 3_600_000,
          left_with_guests: 0,
          guests_at_clock_out: null,
          leave_reason: null,
          debrief_attended: 1,
          created_at: clockIn,
        })
        .execute();
      if (date === '2026-11-02') {
        for (const item of items.filter((i) => i.phase === 'PRE' || i.phase === 'POST')) {
          await db
            .insertInto('checklist_results')
            .values({
              id: newId(),
              shift_id: shiftId,
              site_id: site.siteId,
              item_id: item.id,
              phase: item.phase,
              result: 'ok',
              note: null,
              photo_id: null,
              recorded_at: clockIn,
              received_at: clockIn,
            })
            .execute();
        }
      }
    }
    for (const date of ['2026-11-05', '2026-11-06'])
      await db
        .insertInto('customer_opinions')
        .values({
          id: newId(),
          site_id: site.siteId,
          shift_id: null,
          post_id: site.postId,
          person_id: staff.id,
          date,
          category: 'opinion',
          text: '户型不错',
          created_at: at(date, '11:00'),
        })
        .execute();
    await db
      .insertInto('training_records')
      .values({
        id: newId(),
        company_id: site.companyId,
        person_id: staff.id,
        kind: 'on_job',
        topic: '客户服务技巧',
        completed_at: at('2026-11-15', '16:00'),
        recorded_by: null,
        // Training counts where it was given: a record of this site (as a confirmed session writes).
        site_id: site.siteId,
        session_id: null,
      })
      .execute();
    // Two visitors rated the hall while the staff member held it (4 and 5): a 4.5 average.
    const tokenId = newId();
    await db
      .insertInto('survey_tokens')
      .values({
        id: tokenId,
        site_id: site.siteId,
        token: 'T'.repeat(32),
        source: 'poster',
        visit_id: null,
        scope: 'post',
        zone_id: null,
        post_id: site.postId,
        created_by: managerP.id,
        created_at: at('2026-11-01', '09:00'),
        revoked_at: null,
      })
      .execute();
    for (const [date, rating] of [
      ['2026-11-03', 4],
      ['2026-11-05', 5],
    ] as const) {
      const answerId = newId();
      const answeredAt = at(date, '11:30');
      await db
        .insertInto('survey_answers')
        .values({
          id: answerId,
          site_id: site.siteId,
          token_id: tokenId,
          source: 'poster',
          visit_id: null,
          nps: 9,
          comment: '',
          phone: null,
          address: '127.0.0.1',
          device_id: `device-${date}`,
          date,
          answered_at: answeredAt,
        })
        .execute();
      await db
        .insertInto('survey_credits')
        .values({ answer_id: answerId, site_id: site.siteId, post_id: site.postId, person_id: staff.id, rating, answered_at: answeredAt })
        .execute();
    }
  });
  afterAll(() => t.close());

  it('the month computed from the records equals the hand computation', async () => {
    const computed = await call<{ computed: number }>(manager.cookie, 'POST', '/assessments/compute', { month: '2026-11' });
    expect(computed.status).toBe(200);
    expect(computed.body.computed).toBe(1);
    const month = await call<AssessmentMonthView>(manager.cookie, 'GET', '/assessments?month=2026-11');
    expect(month.status).toBe(200);
    const anna = month.body.items.find((a) => a.personId === staff.id)!;
    novemberId = anna.id;
    expect(anna.figures).toMatchObject({
      rostered: 5,
      shifts: 4,
      lateClockIns: 1,
      noShows: 1,
      checklistExpected: 4 * (pre + post),
      checklistDone: pre + post,
      opinionsCollected: 2,
      onJobTrainings: 1,
    });
    const points = Object.fromEntries(anna.lines.map((l) => [l.key, l.points]));
    // The hall meets visitors (checklist 20, rounds 5, satisfaction 10): checklist 20 × ¼;
    // punctuality 20 − 2 − 10; rounds none due; opinions 10 × 2/4; training attended;
    // satisfaction 10 × (4.5 − 1)/4 = 8.75 → 8.8.
    expect(anna.figures.satisfaction).toBe(0.875);
    expect(points).toEqual({ checklist: 5, punctuality: 8, rounds: 5, repairs: 0, inspections: 20, opinions: 5, training: 15, satisfaction: 8.8 });
    expect(anna.total).toBe(66.8);
    expect(anna).toMatchObject({ outcome: 'fail', status: 'draft', passMark: 80, schemeVersion: 1, postKind: 'HALL' });
  });

  it('a month not started yet cannot be computed', async () => {
    const res = await call(manager.cookie, 'POST', '/assessments/compute', { month: '2027-01' });
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe('ASSESSMENT_MONTH_NOT_STARTED');
  });

  it('an adjustment needs a reason and stays within the weight; it is audited', async () => {
    const noReason = await call(manager.cookie, 'POST', `/assessments/${novemberId}/adjust`, { line: 'opinions', points: 10, reason: '  ' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error?.code).toBe('ASSESSMENT_REASON_REQUIRED');
    const tooMany = await call(manager.cookie, 'POST', `/assessments/${novemberId}/adjust`, { line: 'opinions', points: 30, reason: '多收集' });
    expect(tooMany.body.error?.code).toBe('ASSESSMENT_POINTS_OVER_WEIGHT');
    const byStaff = await call(staffCookie, 'POST', `/assessments/${novemberId}/adjust`, { line: 'opinions', points: 10, reason: 'me' });
    expect(byStaff.status).toBe(403);
    const ok = await call<Assessment>(manager.cookie, 'POST', `/assessments/${novemberId}/adjust`, {
      line: 'opinions',
      points: 10,
      reason: '口头意见已汇总',
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'reviewed', total: 71.8, outcome: 'fail' });
    // A recompute keeps the adjustment.
    await call(manager.cookie, 'POST', '/assessments/compute', { month: '2026-11' });
    const again = await call<Assessment>(manager.cookie, 'GET', `/assessments/${novemberId}`);
    expect(again.body.lines.find((l) => l.key === 'opinions')).toMatchObject({
      computedPoints: 5,
      points: 10,
      adjustment: { reason: '口头意见已汇总' },
    });
    const audit = await t.testDb.database.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'assessment.adjusted')
      .where('entity_id', '=', novemberId)
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('signed once; twice is 409 and a signed month is never recomputed', async () => {
    expect((await call(manager.cookie, 'POST', `/assessments/${novemberId}/sign`)).status).toBe(200);
    const twice = await call(manager.cookie, 'POST', `/assessments/${novemberId}/sign`);
    expect(twice.status).toBe(409);
    expect(twice.body.error?.code).toBe('ASSESSMENT_ALREADY_SIGNED');
    const adjust = await call(manager.cookie, 'POST', `/assessments/${novemberId}/adjust`, { line: 'opinions', points: 1, reason: 'x' });
    expect(adjust.body.error?.code).toBe('ASSESSMENT_ALREADY_SIGNED');
    const recompute = await call<{ computed: number; skippedSigned: number }>(manager.cookie, 'POST', '/assessments/compute', { month: '2026-11' });
    expect(recompute.body).toMatchObject({ computed: 0, skippedSigned: 1 });
  });

  it('the person sees their own month and appeals once; after the decision, no more', async () => {
    const mine = await call<Assessment[]>(staffCookie, 'GET', '/my-assessments');
    expect(mine.body.map((a) => a.month)).toEqual(['2026-11']);
    expect((await call(staffCookie, 'GET', '/assessments?month=2026-11')).status).toBe(403);
    const appeal = await call<Assessment>(staffCookie, 'POST', `/assessments/${novemberId}/appeal`, { text: '4号请了病假' });
    expect(appeal.body.appeal.status).toBe('open');
    const twice = await call(staffCookie, 'POST', `/assessments/${novemberId}/appeal`, { text: '再申诉' });
    expect(twice.body.error?.code).toBe('ASSESSMENT_APPEAL_ALREADY_MADE');
    const byManager = await call(manager.cookie, 'POST', `/assessments/${novemberId}/appeal`, { text: 'x' });
    expect(byManager.status).toBe(404);
    const noReason = await call(manager.cookie, 'POST', `/assessments/${novemberId}/appeal-decision`, { decision: 'rejected', reason: '' });
    expect(noReason.body.error?.code).toBe('ASSESSMENT_REASON_REQUIRED');
    const decided = await call<Assessment>(manager.cookie, 'POST', `/assessments/${novemberId}/appeal-decision`, {
      decision: 'rejected',
      reason: '未提交病假条',
    });
    expect(decided.body.appeal).toMatchObject({ status: 'rejected', reason: '未提交病假条' });
    const after = await call(staffCookie, 'POST', `/assessments/${novemberId}/appeal`, { text: '再申诉' });
    expect(after.status).toBe(409);
    expect(after.body.error?.code).toBe('ASSESSMENT_APPEAL_DECIDED');
  });

  it('two consecutive failing signed months: a recommendation for the company admin, who decides', async () => {
    await call(manager.cookie, 'POST', '/assessments/compute', { month: '2026-10' });
    const october = (await call<AssessmentMonthView>(manager.cookie, 'GET', '/assessments?month=2026-10')).body.items[0]!;
    expect(october).toMatchObject({ outcome: 'fail', total: 55 });
    expect((await call(admin.cookie, 'GET', '/assessment-recommendations')).body).toEqual([]);
    await call(manager.cookie, 'POST', `/assessments/${october.id}/sign`);
    const list = await call<DismissalRecommendation[]>(admin.cookie, 'GET', '/assessment-recommendations');
    expect(list.body).toHaveLength(1);
    const rec = list.body[0]!;
    expect(rec).toMatchObject({ personId: staff.id, status: 'open' });
    expect(rec.months.map((m) => m.month)).toEqual(['2026-10', '2026-11']);
    expect((await call(manager.cookie, 'GET', '/assessment-recommendations')).body).toHaveLength(1);
    expect((await call(staffCookie, 'GET', '/assessment-recommendations')).status).toBe(403);
    expect((await call(manager.cookie, 'POST', `/assessment-recommendations/${rec.id}/decision`, { decision: 'keep', reason: 'x' })).status).toBe(
      403,
    );
    const noReason = await call(admin.cookie, 'POST', `/assessment-recommendations/${rec.id}/decision`, { decision: 'keep', reason: '' });
    expect(noReason.body.error?.code).toBe('ASSESSMENT_REASON_REQUIRED');
    const kept = await call<DismissalRecommendation>(admin.cookie, 'POST', `/assessment-recommendations/${rec.id}/decision`, {
      decision: 'keep',
      reason: '给予一次改进机会',
    });
    expect(kept.body).toMatchObject({ status: 'keep', reason: '给予一次改进机会' });
    const twice = await call(admin.cookie, 'POST', `/assessment-recommendations/${rec.id}/decision`, { decision: 'dismiss', reason: 'x' });
    expect(twice.body.error?.code).toBe('RECOMMENDATION_ALREADY_DECIDED');
    // Nobody's account changed.
    const person = await t.testDb.database.db.selectFrom('people').select('is_active').where('id', '=', staff.id).executeTakeFirstOrThrow();
    expect(person.is_active).toBe(1);
  });

  it('the scheme: versioned, weights adding to 100, edited by the company admin only', async () => {
    const scheme = await call<{ version: number; content: { passMark: number; weights: Record<string, Record<string, number>> } }>(
      admin.cookie,
      'GET',
      '/assessment-scheme',
    );
    expect(scheme.body.version).toBe(1);
    const content = { ...scheme.body.content, passMark: 75 };
    expect((await call(manager.cookie, 'PUT', '/assessment-scheme', { content, changeNote: 'x' })).status).toBe(403);
    const bad = { ...content, weights: { ...content.weights, HALL: { ...content.weights.HALL, checklist: 50 } } };
    expect((await call(admin.cookie, 'PUT', '/assessment-scheme', { content: bad, changeNote: 'x' })).body.error?.code).toBe(
      'ASSESSMENT_SCHEME_INVALID',
    );
    const saved = await call<{ version: number }>(admin.cookie, 'PUT', '/assessment-scheme', { content, changeNote: '及格线调为75' });
    expect(saved.body.version).toBe(2);
    // The signed month keeps the version it used.
    expect((await call<Assessment>(manager.cookie, 'GET', `/assessments/${novemberId}`)).body).toMatchObject({ schemeVersion: 1, passMark: 80 });
  });

  it('the month in Excel, parsed back', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `${base}/assessments/export?month=2026-11&lang=zh-CN`,
      headers: { cookie: manager.cookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets).toHaveLength(1);
    const sheet = wb.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 6)).toEqual(['人员', '岗位', '状态', '结果', '总分', '检查表']);
    expect(sheet.rowCount).toBe(2);
    const row = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(row.slice(0, 5)).toEqual([staff.name, 'HALL', '已签字', '不合格', 71.8]);
    expect(row[header.indexOf('迟到')]).toBe(1);
    expect(row[header.indexOf('缺勤')]).toBe(1);
  });

  it('the timer on the site-local 1st closes the previous month once, and never recomputes a signed one', async () => {
    const db = t.testDb.database.db;
    // 23:50 on 31 December local: still December; the close waits.
    t.clock.set(at('2026-12-31', '23:50'));
    await inTransaction(t.app.services.deps, (tx) => scheduleAssessmentClose(tx));
    await db
      .insertInto('roster_entries')
      .values({
        id: newId(),
        site_id: site.siteId,
        post_id: site.postId,
        person_id: staff.id,
        date: '2026-12-20',
        start_time: '09:00',
        end_time: '18:00',
        created_by: null,
        created_at: t.clock.now(),
      })
      .execute();
    t.clock.set(at('2027-01-01', '00:10'));
    await t.app.services.timers.runDue();
    const closes = await db.selectFrom('assessment_closes').selectAll().where('site_id', '=', site.siteId).execute();
    expect(closes.map((c) => c.month)).toEqual(['2026-12']);
    // Read straight from the table: a month later, the test's sessions have expired.
    const december = await db.selectFrom('assessments').selectAll().where('site_id', '=', site.siteId).where('month', '=', '2026-12').execute();
    expect(december).toHaveLength(1);
    expect(JSON.parse(december[0]!.figures)).toMatchObject({ rostered: 2, shifts: 1, noShows: 1 });
    // The next hour: nothing again.
    t.clock.advance(3_600_000);
    await t.app.services.timers.runDue();
    const audits = await db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'assessment.month_closed')
      .where('site_id', '=', site.siteId)
      .execute();
    expect(audits).toHaveLength(1);
  });
});
