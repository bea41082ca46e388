import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientReport, ClientReportSummary, PageOf, SiteFigures } from '@anchang/contracts';
import { newId } from '../../platform/ids.js';
import { instantAt } from '../../platform/site-time.js';
import { inTransaction } from '../../platform/tx.js';
import { buildTestApp, type TestApp } from '../../test/build-test-app.js';
import { createCompanyWithSite, createPerson, loginAs, type TestPerson, type TestSite } from '../../test/factories.js';
import { toPostStandard } from '../standards/index.js';
import { clientReportTimerId, scheduleClientReports } from './client-reports.jobs.js';
import { readSnapshot } from './client-reports.figures.js';

const TZ = 'Asia/Shanghai';
const at = (date: string, time: string) => instantAt(date, time, TZ);
const MIN = 60_000;

/**
 * November 2026 at one site, by hand: two visits (2 and 3 guests, 30 and 45 minutes) and one in
 * December; three rostered lines (on time, late, absent) with the full checklist on the first.
 * The 1st's timer drafts November's report; the manager writes and publishes it; the client's
 * viewer reads, downloads and acknowledges it.
 */
describe(`the monthly client report (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestApp;
  let site: TestSite;
  let manager: TestPerson;
  let client: TestPerson;
  const cookies = { manager: '', client: '', staff: '', supervisor: '', otherClient: '' };
  let checklistItems = 0;
  let reportId = '';

  const call = async <T = unknown>(cookie: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => {
    const res = await t.app.inject({
      method,
      url: `/api/sites/${site.siteId}/client-reports${url}`,
      headers: { cookie },
      payload: payload as object,
    });
    return {
      status: res.statusCode,
      body: (res.body && res.headers['content-type']?.toString().includes('json') ? JSON.parse(res.body) : null) as T & { error?: { code: string } },
      raw: res.rawPayload,
      headers: res.headers,
    };
  };
  const logins = { staff: '', supervisor: '', otherClient: '' };
  // The clock jumps by weeks: sessions idle out, so everyone signs in again at the new time.
  const loginAll = async () => {
    cookies.manager = await loginAs(t.app, manager.login);
    cookies.client = await loginAs(t.app, client.login);
    if (logins.staff) {
      cookies.staff = await loginAs(t.app, logins.staff);
      cookies.supervisor = await loginAs(t.app, logins.supervisor);
      cookies.otherClient = await loginAs(t.app, logins.otherClient);
    }
  };

  beforeAll(async () => {
    t = await buildTestApp({ now: at('2026-10-30', '09:00') });
    const db = t.testDb.database.db;
    site = await createCompanyWithSite(db, t.clock.now());
    await db.updateTable('sites').set({ name: '滨江壹号售楼处' }).where('id', '=', site.siteId).execute();
    manager = await createPerson(db, site, 'site_manager', { now: t.clock.now() });
    client = await createPerson(db, site, 'client_viewer', { now: t.clock.now() });
    const staff = await createPerson(db, site, 'staff', { postIds: [site.postId], now: t.clock.now() });
    const supervisor = await createPerson(db, site, 'supervisor', { now: t.clock.now() });
    const other = await createCompanyWithSite(db, t.clock.now());
    const otherClient = await createPerson(db, other, 'client_viewer', { now: t.clock.now() });
    Object.assign(logins, { staff: staff.login, supervisor: supervisor.login, otherClient: otherClient.login });
    await loginAll();
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/sites/${site.siteId}/standards/adopt`, headers: { cookie: cookies.manager } })).statusCode,
    ).toBe(201);
    const version = await db
      .selectFrom('standard_versions')
      .selectAll()
      .where('site_id', '=', site.siteId)
      .where('post_kind', '=', 'HALL')
      .executeTakeFirstOrThrow();
    const items = toPostStandard(version).items.filter((i) => i.phase === 'PRE' || i.phase === 'POST');
    checklistItems = items.length;

    /** A walk-in served by the hall, answering the survey on the way out when `survey` is given. */
    const visit = async (arrive: number, partySize: number, leave: number, survey?: { rating: number; nps: number }) => {
      t.clock.set(arrive);
      const hall = await loginAs(t.app, staff.login);
      const id = newId();
      const post = (url: string, payload: object) =>
        t.app.inject({ method: 'POST', url: `/api/sites/${site.siteId}/visits${url}`, headers: { cookie: hall }, payload });
      expect((await post('', { id, partySize, arrivalMode: 'walk_in' })).statusCode).toBeLessThan(300);
      t.clock.set(leave);
      expect((await post(`/${id}/handoffs`, { id: newId(), to: 'departure' })).statusCode).toBeLessThan(300);
      if (!survey) return;
      const token = await t.app.inject({ method: 'PUT', url: `/api/sites/${site.siteId}/visits/${id}/survey-token`, headers: { cookie: hall } });
      const answered = await t.app.inject({
        method: 'POST',
        url: `/api/public/surveys/${token.json<{ token: string }>().token}/answers`,
        payload: { ratings: [{ postId: site.postId, rating: survey.rating }], nps: survey.nps, deviceId: `device-${id}` },
      });
      expect(answered.statusCode, answered.body).toBe(201);
    };
    // October's one answer (rating 3, a detractor) is the trend's baseline.
    await visit(at('2026-10-30', '10:00'), 1, at('2026-10-30', '10:20'), { rating: 3, nps: 6 });
    await visit(at('2026-11-03', '10:05'), 2, at('2026-11-03', '10:35'), { rating: 5, nps: 10 });
    await visit(at('2026-11-10', '14:00'), 3, at('2026-11-10', '14:45'));

    const lines: [string, number | null][] = [
      ['2026-11-02', at('2026-11-02', '09:00')],
      ['2026-11-03', at('2026-11-03', '09:20')],
      ['2026-11-04', null],
    ];
    for (const [date, clockIn] of lines) {
      const entryId = newId();
      await db
        .insertInto('roster_entries')
        .values({
          id: entryId,
          site_id: site.siteId,
          post_id: site.postId,
          person_id: staff.id,
          date,
          start_time: '09:00',
          end_time: '18:00',
          created_by: null,
          created_at: at('2026-10-30', '12:00'),
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
          planned_start: '09:00',
          planned_end: '18:00',
          clock_in_at: clockIn,
          clock_in_received_at: clockIn,
          clock_in_location: null,
          clock_out_at: clockIn + 9 * 3_600_000,
          left_with_guests: 0,
          guests_at_clock_out: null,
          leave_reason: null,
          debrief_attended: 1,
          created_at: clockIn,
        })
        .execute();
      if (date !== '2026-11-02') continue;
      for (const item of items)
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
  });
  afterAll(() => t.close());

  it('drafts last month on the 1st after local midnight, with figures frozen as counted by hand', async () => {
    t.clock.set(at('2026-11-30', '20:00'));
    await inTransaction(t.app.services.deps, (tx) => scheduleClientReports(tx));
    const timer = await t.testDb.database.db
      .selectFrom('timers')
      .select(['due_at'])
      .where('id', '=', clientReportTimerId(site.siteId, '2026-11'))
      .executeTakeFirstOrThrow();
    expect(Number(timer.due_at)).toBe(at('2026-12-01', '00:30'));

    // Not yet: 00:20 on the 1st.
    t.clock.set(at('2026-12-01', '00:20'));
    await t.app.services.timers.runDue();
    await loginAll();
    expect((await call<PageOf<ClientReportSummary>>(cookies.manager, 'GET', '')).body.items).toHaveLength(0);

    t.clock.set(at('2026-12-01', '00:31'));
    await t.app.services.timers.runDue();
    // A December visit after the draft is frozen does not change it.
    const list = await call<PageOf<ClientReportSummary>>(cookies.manager, 'GET', '');
    expect(list.body.items.map((r) => [r.month, r.status])).toEqual([['2026-11', 'draft']]);
    reportId = list.body.items[0]!.id;

    const row = await t.testDb.database.db.selectFrom('client_reports').selectAll().where('id', '=', reportId).executeTakeFirstOrThrow();
    const f: SiteFigures = readSnapshot(row.figures).figures;
    expect([f.from, f.to]).toEqual(['2026-11-01', '2026-11-30']);
    expect(f.visitors.visits).toBe(2);
    expect(f.visitors.guests).toBe(5);
    expect(f.visitors.byDay).toHaveLength(30);
    expect(f.visitors.byDay.find((d) => d.date === '2026-11-03')).toEqual({ date: '2026-11-03', visits: 1, guests: 2 });
    expect(f.visitors.byHour.filter((h) => h.visits > 0).map((h) => h.hour)).toEqual([10, 14]);
    expect(f.visitors.averageVisitMs).toBe(((30 + 45) / 2) * MIN);
    expect(f.service.punctuality).toEqual({ rostered: 3, onTime: 1, late: 1, absences: 1, rate: 1 / 3 });
    expect(f.service.checklist).toEqual({ expected: 2 * checklistItems, done: checklistItems, rate: 0.5 });
    expect(f.satisfaction).toMatchObject({ answers: 1, averageRating: 5, nps: 100, promoters: 1, detractors: 0 });
    expect(f.complaints).toMatchObject({ received: 0, overdue: 0 });
    expect(readSnapshot(row.figures).previousSatisfaction).toEqual({ month: '2026-10', answers: 1, averageRating: 3, nps: -100 });

    // The next month is booked; the timer does not draft twice.
    expect(
      await t.testDb.database.db.selectFrom('timers').select('id').where('id', '=', clientReportTimerId(site.siteId, '2026-12')).executeTakeFirst(),
    ).toBeTruthy();
    t.clock.advance(3_600_000);
    await t.app.services.timers.runDue();
    expect((await call<PageOf<ClientReportSummary>>(cookies.manager, 'GET', '')).body.items).toHaveLength(1);

    // Chinese sections from the frozen figures.
    const view = await call<ClientReport>(cookies.manager, 'GET', `/${reportId}?lang=zh-CN`);
    const visitors = view.body.sections.find((s) => s.key === 'visitors')!;
    expect(visitors.title).toBe('来访接待');
    expect(visitors.figures.slice(0, 3)).toEqual([
      { label: '来访组数', value: '2' },
      { label: '来访人数', value: '5' },
      { label: '平均停留', value: '37 分 30 秒' },
    ]);
    expect(view.body.sections.find((s) => s.key === 'service')!.figures[0]).toEqual({ label: '检查表完成率', value: '50%' });
    const satisfaction = view.body.sections.find((s) => s.key === 'satisfaction')!;
    expect(satisfaction.title).toBe('满意度与 NPS');
    expect(satisfaction.figures).toEqual([
      { label: '问卷份数', value: '1' },
      { label: '平均评分 (1–5)', value: '5.00' },
      { label: '净推荐值 NPS', value: '100' },
      { label: '推荐 / 中立 / 贬损', value: '1 / 0 / 0' },
      // Against October's 3.00 and −100.
      { label: '评分较 2026-10', value: '+2.00' },
      { label: 'NPS 较 2026-10', value: '+200' },
    ]);
    expect(satisfaction.charts[0]).toMatchObject({ key: 'satisfaction-by-day', categories: ['03'] });
    expect(satisfaction.table!.rows).toEqual([['大堂', 1, '5.00']]);
    const complaints = view.body.sections.find((s) => s.key === 'complaints')!;
    expect(complaints.figures[0]).toEqual({ label: '收到投诉', value: '0' });
    expect(complaints.charts).toEqual([]);
  });

  it('keeps drafts from the client, refuses bad input, and publishes once with a narrative', async () => {
    expect((await call(cookies.client, 'GET', '')).body).toEqual({ items: [], nextCursor: null });
    expect((await call(cookies.client, 'GET', `/${reportId}`)).body.error?.code).toBe('CLIENT_REPORT_NOT_FOUND');
    expect((await call(cookies.staff, 'GET', '')).status).toBe(403);
    expect((await call(cookies.supervisor, 'PUT', `/${reportId}`, { narrative: 'x', measures: [] })).status).toBe(403);
    const otherSite = await call(cookies.otherClient, 'GET', `/${reportId}`);
    expect([otherSite.status, otherSite.body.error?.code]).toEqual([404, 'SITE_NOT_FOUND']);

    const future = await call(cookies.manager, 'POST', '', { month: '2026-12' });
    expect([future.status, future.body.error?.code]).toEqual([400, 'CLIENT_REPORT_MONTH_NOT_OVER']);
    const again = await call(cookies.manager, 'POST', '', { month: '2026-11' });
    expect([again.status, again.body.error?.code]).toEqual([409, 'CLIENT_REPORT_EXISTS']);
    expect((await call(cookies.manager, 'POST', '', { month: '2026-13' })).status).toBe(400);

    const empty = await call(cookies.manager, 'POST', `/${reportId}/publish`);
    expect([empty.status, empty.body.error?.code]).toEqual([400, 'CLIENT_REPORT_NARRATIVE_REQUIRED']);

    const saved = await call<ClientReport>(cookies.manager, 'PUT', `/${reportId}`, {
      narrative: '  本月接待来访 2 组,服务平稳。  ',
      measures: [
        { text: '周末高峰加派大厅引导', owner: '张经理', dueDate: '2026-12-15' },
        { text: '   ', owner: '', dueDate: null },
      ],
    });
    expect(saved.status).toBe(200);
    expect(saved.body.narrative).toBe('本月接待来访 2 组,服务平稳。');
    expect(saved.body.measures).toEqual([{ text: '周末高峰加派大厅引导', owner: '张经理', dueDate: '2026-12-15' }]);
    const badDate = await call(cookies.manager, 'PUT', `/${reportId}`, { narrative: 'x', measures: [{ text: 'a', owner: '', dueDate: '15/12' }] });
    expect(badDate.status).toBe(400);

    const published = await call<ClientReport>(cookies.manager, 'POST', `/${reportId}/publish`);
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('published');
    expect(published.body.publishedBy?.id).toBe(manager.id);
    const twice = await call(cookies.manager, 'POST', `/${reportId}/publish`);
    expect([twice.status, twice.body.error?.code]).toEqual([409, 'REPORT_ALREADY_PUBLISHED']);
    const edit = await call(cookies.manager, 'PUT', `/${reportId}`, { narrative: 'changed', measures: [] });
    expect([edit.status, edit.body.error?.code]).toEqual([409, 'REPORT_ALREADY_PUBLISHED']);
    expect((await call(cookies.manager, 'POST', `/${reportId}/regenerate`)).body.error?.code).toBe('REPORT_ALREADY_PUBLISHED');

    // The client's viewer was told.
    const notes = await t.app.inject({ method: 'GET', url: `/api/sites/${site.siteId}/notifications`, headers: { cookie: cookies.client } });
    expect(JSON.stringify(notes.json())).toContain('月度服务报告已发布');
    // The site's group robots get one notice of the publication, in the same transaction.
    const groupNotices = await t.testDb.database.db
      .selectFrom('group_notices')
      .select(['kind', 'title', 'refs'])
      .where('site_id', '=', site.siteId)
      .where('kind', '=', 'client.monthly_report')
      .execute();
    expect(groupNotices).toHaveLength(1);
    expect(groupNotices[0]!.title).toBe('滨江壹号售楼处 2026-11 月度服务报告已发布');
    expect(JSON.parse(groupNotices[0]!.refs)).toEqual({ siteId: site.siteId, reportId, month: '2026-11' });
  });

  it('lets the client read the archive, download the workbook and the PDF, and acknowledge once', async () => {
    const archive = await call<PageOf<ClientReportSummary>>(cookies.client, 'GET', '');
    expect(archive.body.items.map((r) => [r.month, r.status, r.acknowledgedAt])).toEqual([['2026-11', 'published', null]]);

    const xlsx = await call(cookies.client, 'GET', `/${reportId}/export.xlsx?lang=zh-CN`);
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.raw as unknown as ArrayBuffer);
    const cover = wb.worksheets[0]!;
    expect(cover.getCell('A1').value).toBe('滨江壹号售楼处 2026 年 11 月 月度服务报告');
    expect(cover.getCell('B8').value).toBe('本月接待来访 2 组,服务平稳。');
    const visitors = wb.getWorksheet('来访接待')!;
    const rows = visitors.getSheetValues().map((r) => (Array.isArray(r) ? r.slice(1) : []));
    expect(rows).toContainEqual(['来访人数', '5']);
    // The daily chart's data: the 3rd, one visit of two guests.
    expect(rows).toContainEqual(['03', 1, 2]);

    const pdf = await call(cookies.client, 'GET', `/${reportId}/export.pdf?lang=zh-CN`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.raw.subarray(0, 5).toString()).toBe('%PDF-');
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const task = getDocument({ data: new Uint8Array(pdf.raw), useSystemFonts: false, disableFontFace: true });
    const doc = await task.promise;
    let text = '';
    try {
      for (let p = 1; p <= doc.numPages; p++) {
        const content = await (await doc.getPage(p)).getTextContent();
        text += content.items.map((i) => ('str' in i ? i.str : '')).join('') + '\n';
      }
    } finally {
      await doc.destroy();
      await task.destroy();
    }
    const flat = text.replace(/\s+/g, '');
    expect(flat).toContain('滨江壹号售楼处');
    expect(flat).toContain('2026年11月月度服务报告');
    expect(flat).toContain('平均停留');
    expect(flat).toContain('37分30秒');
    expect(flat).toContain('满意度与NPS');
    expect(flat).toContain('+2.00');
    expect(flat).toContain('周末高峰加派大厅引导');

    expect((await call(cookies.manager, 'POST', `/${reportId}/acknowledge`)).status).toBe(403);
    t.clock.set(at('2026-12-02', '09:00'));
    await loginAll();
    const ack = await call<ClientReport>(cookies.client, 'POST', `/${reportId}/acknowledge`);
    expect(ack.status).toBe(200);
    expect(ack.body.acknowledgedBy?.id).toBe(client.id);
    expect(ack.body.acknowledgedAt).toBe(at('2026-12-02', '09:00'));
    // A second acknowledgement answers the first record unchanged.
    t.clock.advance(MIN);
    const second = await call<ClientReport>(cookies.client, 'POST', `/${reportId}/acknowledge`);
    expect([second.status, second.body.acknowledgedAt]).toEqual([200, at('2026-12-02', '09:00')]);

    // The manager sees who acknowledged and when.
    const seen = await call<PageOf<ClientReportSummary>>(cookies.manager, 'GET', '');
    expect(seen.body.items[0]!.acknowledgedBy).toEqual({ id: client.id, name: expect.any(String) as string });
    expect(seen.body.items[0]!.acknowledgedAt).toBe(at('2026-12-02', '09:00'));
  });
});
