import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompanyDashboard, SiteFigures, Visit } from '@anchang/contracts';
import { newId } from '../../platform/ids.js';
import { instantAt } from '../../platform/site-time.js';
import { buildTestApp, type TestApp } from '../../test/build-test-app.js';
import { createCompanyWithSite, createPerson, createSite, loginAs, type TestSite } from '../../test/factories.js';
import { toPostStandard } from '../standards/index.js';

const TZ = 'Asia/Shanghai';
const at = (date: string, time: string) => instantAt(date, time, TZ);
const MIN = 60_000;

/**
 * November 2026 at one site, built by hand so every figure can be checked against arithmetic:
 * five visits through the visits API on a driven clock, four rostered lines with three shifts,
 * four round slots and two repairs.
 */
describe(`a site's figures for a period (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestApp;
  let site: TestSite;
  let otherSiteId: string;
  const cookies: Record<'manager' | 'admin' | 'client' | 'staff' | 'hall' | 'otherAdmin' | 'otherClient', string> = {
    manager: '',
    admin: '',
    client: '',
    staff: '',
    hall: '',
    otherAdmin: '',
    otherClient: '',
  };
  const logins = { hall: '', manager: '' };
  const whoIs = { manager: '', admin: '', client: '', staff: '', otherAdmin: '', otherClient: '' };
  let pre = 0;
  let post = 0;

  const get = async <T>(cookie: string, url: string) => {
    const res = await t.app.inject({ method: 'GET', url: `/api${url}`, headers: { cookie } });
    return { status: res.statusCode, body: JSON.parse(res.body) as T & { error?: { code: string } } };
  };
  const visitCall = async (cookie: string, url: string, payload: object) => {
    const res = await t.app.inject({ method: 'POST', url: `/api/sites/${site.siteId}/visits${url}`, headers: { cookie }, payload });
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json<Visit>();
  };
  /** A walk-in at `arrive`, optionally shown the model room (sent, then taken 2 minutes later), leaving at `leave` (or still here). */
  const visit = async (arrive: number, partySize: number, opts: { phone?: string; modelRoomAt?: number; leave?: number } = {}) => {
    t.clock.set(arrive);
    // Weeks pass between visits: sessions idle out, so the two phones log in again that day.
    cookies.hall = await loginAs(t.app, logins.hall);
    cookies.manager = await loginAs(t.app, logins.manager);
    const id = newId();
    await visitCall(cookies.hall, '', {
      id,
      partySize,
      arrivalMode: 'walk_in',
      ...(opts.phone ? { customer: { phone: opts.phone, consent: true } } : {}),
    });
    if (opts.modelRoomAt) {
      t.clock.set(opts.modelRoomAt);
      const sent = await visitCall(cookies.hall, `/${id}/handoffs`, { id: newId(), to: 'model_room' });
      t.clock.set(opts.modelRoomAt + 2 * MIN);
      await visitCall(cookies.manager, `/${id}/handoffs/${sent.handoffs.at(-1)!.id}/ack`, {});
    }
    if (opts.leave) {
      t.clock.set(opts.leave);
      const left = await visitCall(cookies.manager, `/${id}/handoffs`, { id: newId(), to: 'departure' });
      expect(left.status).toBe('closed');
    }
    return id;
  };

  beforeAll(async () => {
    t = await buildTestApp({ now: at('2026-10-15', '08:00') });
    const db = t.testDb.database.db;
    site = await createCompanyWithSite(db, t.clock.now());
    const managerP = await createPerson(db, site, 'site_manager', { now: t.clock.now() });
    const staff = await createPerson(db, site, 'staff', { postIds: [site.postId], now: t.clock.now() });
    whoIs.manager = managerP.login;
    whoIs.admin = (await createPerson(db, site, 'company_admin', { now: t.clock.now() })).login;
    whoIs.client = (await createPerson(db, site, 'client_viewer', { now: t.clock.now() })).login;
    whoIs.staff = staff.login;
    logins.hall = staff.login;
    logins.manager = managerP.login;
    const other = await createCompanyWithSite(db, t.clock.now());
    otherSiteId = other.siteId;
    whoIs.otherAdmin = (await createPerson(db, other, 'company_admin', { now: t.clock.now() })).login;
    whoIs.otherClient = (await createPerson(db, other, 'client_viewer', { now: t.clock.now() })).login;
    // A second, empty site of the same company: on the dashboard with nothing due.
    const second = await createSite(db, site.companyId, t.clock.now());
    await db.updateTable('sites').set({ name: '第二售楼处' }).where('id', '=', second.siteId).execute();

    const adopt = await t.app.inject({
      method: 'POST',
      url: `/api/sites/${site.siteId}/standards/adopt`,
      headers: { cookie: await loginAs(t.app, managerP.login) },
    });
    expect(adopt.statusCode).toBe(201);
    const version = await db
      .selectFrom('standard_versions')
      .selectAll()
      .where('site_id', '=', site.siteId)
      .where('post_kind', '=', 'HALL')
      .executeTakeFirstOrThrow();
    const items = toPostStandard(version).items;
    pre = items.filter((i) => i.phase === 'PRE').length;
    post = items.filter((i) => i.phase === 'POST').length;

    // Customer C was first seen in October: their November visit is a return.
    await visit(at('2026-10-20', '11:00'), 1, { phone: '13900000003', leave: at('2026-10-20', '11:30') });
    // November's five visits.
    const surveyed = await visit(at('2026-11-03', '10:00'), 2, { phone: '13900000001', leave: at('2026-11-03', '10:30') });
    // That party answers the survey on the way out: the hall rated 4, NPS 9 (a promoter).
    const surveyToken = await t.app.inject({
      method: 'PUT',
      url: `/api/sites/${site.siteId}/visits/${surveyed}/survey-token`,
      headers: { cookie: cookies.hall },
    });
    expect(surveyToken.statusCode, surveyToken.body).toBe(200);
    const answered = await t.app.inject({
      method: 'POST',
      url: `/api/public/surveys/${surveyToken.json<{ token: string }>().token}/answers`,
      payload: { ratings: [{ postId: site.postId, rating: 4 }], nps: 9, deviceId: 'device-figures' },
    });
    expect(answered.statusCode, answered.body).toBe(201);
    await visit(at('2026-11-03', '14:00'), 3, { modelRoomAt: at('2026-11-03', '14:10'), leave: at('2026-11-03', '14:40') });
    await visit(at('2026-11-10', '10:00'), 1, { phone: '13900000001', leave: at('2026-11-10', '10:20') });
    await visit(at('2026-11-10', '10:40'), 1, { phone: '13900000002' });
    // A serious complaint about attitude at 11:00, never answered: its 24-hour deadline passes within the month.
    t.clock.set(at('2026-11-10', '11:00'));
    const filed = await t.app.inject({
      method: 'POST',
      url: `/api/sites/${site.siteId}/complaints`,
      headers: { cookie: cookies.manager },
      payload: { category: 'attitude', severity: 'serious', description: '前台接待冷淡,等了十分钟无人理会' },
    });
    expect(filed.statusCode, filed.body).toBe(201);
    await visit(at('2026-11-20', '15:00'), 2, { phone: '13900000003', leave: at('2026-11-20', '15:15') });
    // December: outside the period.
    await visit(at('2026-12-01', '10:00'), 4, { leave: at('2026-12-01', '10:30') });

    // Rostered lines: on time, late (09:20, past the grace), absent, on time (08:58). Full checklist on the 2nd only.
    const lines: [string, number | null][] = [
      ['2026-11-02', at('2026-11-02', '09:00')],
      ['2026-11-03', at('2026-11-03', '09:20')],
      ['2026-11-04', null],
      ['2026-11-05', at('2026-11-05', '08:58')],
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
          created_at: at('2026-10-20', '12:00'),
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
      for (const item of items.filter((i) => i.phase === 'PRE' || i.phase === 'POST'))
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

    // Toilet rounds: met, met, late, missed.
    for (const [time, status] of [
      ['10:00', 'met'],
      ['10:10', 'met'],
      ['10:20', 'late'],
      ['10:30', 'missed'],
    ] as const)
      await db
        .insertInto('round_slots')
        .values({
          id: newId(),
          site_id: site.siteId,
          schedule_id: null,
          weather_id: null,
          post_kind: 'CLEAN',
          item_id: null,
          label_zh: '卫生间巡视',
          label_en: 'Toilet round',
          proof: 'tap',
          checkpoint_id: null,
          local_date: '2026-11-05',
          due_at: at('2026-11-05', time),
          grace_ends_at: at('2026-11-05', time) + 2 * MIN,
          status,
          proved_by: status === 'missed' ? null : staff.id,
          proved_by_name: null,
          proved_at: null,
          photo_id: null,
          decided_at: at('2026-11-05', time) + 2 * MIN,
          created_at: at('2026-11-05', '00:00'),
        })
        .execute();

    // Repairs with the 5-minute rule: there in 3 minutes, and in 8.
    for (const [reported, minutes] of [
      [at('2026-11-06', '10:00'), 3],
      [at('2026-11-07', '15:00'), 8],
    ] as const)
      await db
        .insertInto('work_orders')
        .values({
          id: newId(),
          site_id: site.siteId,
          zone_id: site.zoneId,
          asset_id: null,
          source: 'staff',
          anomaly_id: null,
          description: '灯不亮',
          photo_id: null,
          after_photo_id: null,
          status: 'verified',
          reported_by: staff.id,
          technician_id: staff.id,
          reported_at: reported,
          accepted_at: reported + MIN,
          arrived_at: reported + minutes * MIN,
          done_at: reported + 30 * MIN,
          verified_at: reported + 40 * MIN,
          arrival_deadline_at: reported + 5 * MIN,
          escalation_level: 0,
          pause_reason: null,
          done_note: null,
          updated_at: reported + 40 * MIN,
        })
        .execute();

    // An inspection of the hall on the 12th: 10 items, 2 failed, 3 points; one rectification done, one open. An on-job session on the 15th.
    const inspectionId = newId();
    await db
      .insertInto('inspections')
      .values({
        id: inspectionId,
        site_id: site.siteId,
        post_id: site.postId,
        post_kind: 'HALL',
        person_id: staff.id,
        inspector_id: managerP.id,
        is_mystery: 0,
        standard_version_id: version.id,
        date: '2026-11-12',
        inspected_at: at('2026-11-12', '11:00'),
        item_count: 10,
        failed_count: 2,
        deduction_points: 3,
        note: null,
      })
      .execute();
    for (const status of ['done', 'to_rectify'])
      await db
        .insertInto('rectifications')
        .values({
          id: newId(),
          site_id: site.siteId,
          inspection_id: inspectionId,
          item_id: items[0]!.id,
          person_id: staff.id,
          inspector_id: managerP.id,
          status,
          round: 1,
          deduction: 2,
          deduction_waived: 0,
          deadline_at: at('2026-12-20', '18:00'),
          overdue_at: null,
          fix_note: null,
          fix_photo_id: null,
          fixed_at: null,
          decided_at: null,
          created_at: at('2026-11-12', '11:00'),
          updated_at: at('2026-11-12', '11:00'),
        })
        .execute();
    const courseId = newId();
    await db
      .insertInto('training_courses')
      .values({
        id: courseId,
        company_id: site.companyId,
        kind: 'on_job',
        topic_key: null,
        name_zh: '客户服务技巧',
        name_en: 'Service skills',
        created_at: at('2026-11-01', '09:00'),
      })
      .execute();
    await db
      .insertInto('training_sessions')
      .values({
        id: newId(),
        site_id: site.siteId,
        course_id: courseId,
        kind: 'on_job',
        date: '2026-11-15',
        trainer_name: '林经理',
        material: '客户服务技巧',
        photo_ids: '[]',
        pass_mark: null,
        created_by: managerP.id,
        created_at: at('2026-11-15', '16:00'),
      })
      .execute();

    t.clock.set(at('2026-12-02', '10:00'));
    for (const key of ['manager', 'admin', 'client', 'staff', 'otherAdmin', 'otherClient'] as const) cookies[key] = await loginAs(t.app, whoIs[key]);
  });
  afterAll(() => t.close());

  const november = `/sites/$SITE/figures?from=2026-11-01&to=2026-11-30`;

  it('counts the visitors of the month as a hand computation does', async () => {
    const { status, body } = await get<SiteFigures>(cookies.manager, november.replace('$SITE', site.siteId));
    expect(status).toBe(200);
    const v = body.visitors;
    expect(body).toMatchObject({ from: '2026-11-01', to: '2026-11-30', days: 30, timeZone: TZ });
    expect(v).toMatchObject({
      visits: 5,
      guests: 9,
      identifiedVisits: 4,
      returningVisits: 2,
      returningShare: 0.5,
      byArrivalMode: { car: 0, walkIn: 5 },
    });
    expect(v.byDay).toHaveLength(30);
    expect(v.byDay.filter((d) => d.visits > 0)).toEqual([
      { date: '2026-11-03', visits: 2, guests: 5 },
      { date: '2026-11-10', visits: 2, guests: 2 },
      { date: '2026-11-20', visits: 1, guests: 2 },
    ]);
    expect(v.byHour.filter((h) => h.visits > 0)).toEqual([
      { hour: 10, visits: 3, guests: 4 },
      { hour: 14, visits: 1, guests: 3 },
      { hour: 15, visits: 1, guests: 2 },
    ]);
    // Hall: 30, 12 (14:00 → taken in the model room at 14:12), 20 and 15 minutes; the open visit is left out.
    const hall = v.stageTimes.find((s) => s.stage === 'hall')!;
    expect(hall).toEqual({ stage: 'hall', visits: 4, averageMs: ((30 + 12 + 20 + 15) / 4) * MIN, medianMs: 17.5 * MIN });
    expect(v.stageTimes.find((s) => s.stage === 'model_room')).toEqual({ stage: 'model_room', visits: 1, averageMs: 28 * MIN, medianMs: 28 * MIN });
    expect(v.handoffTimes.find((h) => h.to === 'model_room')).toMatchObject({ handoffs: 1, acknowledged: 1, averageAckMs: 2 * MIN });
    expect(v.averageVisitMs).toBe(((30 + 40 + 20 + 15) / 4) * MIN);
  });

  it('carries the satisfaction and complaints of the month', async () => {
    const { body } = await get<SiteFigures>(cookies.client, november.replace('$SITE', site.siteId));
    // One answer, a promoter: NPS = (1 − 0) / 1 × 100.
    expect(body.satisfaction).toEqual({
      answers: 1,
      ratings: 1,
      averageRating: 4,
      nps: 100,
      promoters: 1,
      passives: 0,
      detractors: 0,
      byPost: [{ postId: site.postId, postKind: 'HALL', ratings: 1, average: 4 }],
      byDay: [{ date: '2026-11-03', answers: 1, averageRating: 4, nps: 100 }],
    });
    expect(body.complaints).toMatchObject({
      received: 1,
      closed: 0,
      overdue: 1,
      averageHoursToResult: null,
      followUps: 0,
      satisfiedShare: null,
      reopened: 0,
    });
    expect(body.complaints!.byCategory.attitude).toBe(1);
    expect(body.complaints!.bySeverity).toMatchObject({ serious: 1, normal: 0, urgent: 0 });
    // October had neither.
    const october = await get<SiteFigures>(cookies.client, `/sites/${site.siteId}/figures?from=2026-10-01&to=2026-10-31`);
    expect(october.body.satisfaction).toMatchObject({ answers: 0, averageRating: null, nps: null, byPost: [], byDay: [] });
    expect(october.body.complaints).toMatchObject({ received: 0, overdue: 0 });
  });

  it('computes the service figures of the month as a hand computation does', async () => {
    const { body } = await get<SiteFigures>(cookies.client, november.replace('$SITE', site.siteId));
    const s = body.service;
    expect(s.checklist).toEqual({ expected: 3 * (pre + post), done: pre + post, rate: 1 / 3 });
    expect(s.punctuality).toEqual({ rostered: 4, onTime: 2, late: 1, absences: 1, rate: 0.5 });
    expect(s.rounds).toEqual({ due: 4, met: 2, late: 1, missed: 1, rate: 0.75 });
    expect(s.patrols).toMatchObject({ due: 0, rate: null });
    expect(s.repairs).toEqual({ opened: 2, closed: 2, dispatched: 2, arrived: 2, averageArrivalMs: 5.5 * MIN, withinRule: 1, withinRuleShare: 0.5 });
    expect(s.incidents.total).toBe(0);
    expect(s.inspections).toEqual({
      count: 1,
      items: 10,
      failedItems: 2,
      deductionPoints: 3,
      averageDeduction: 3,
      rectificationsRaised: 2,
      rectificationsClosed: 1,
      rectificationsOpen: 1,
      rectificationsOverdue: 0,
    });
    expect(s.training.sessionsHeld).toEqual({ on_job: 1 });
  });

  it('a single day: only that day, with the December visit', async () => {
    const { body } = await get<SiteFigures>(cookies.manager, `/sites/${site.siteId}/figures?from=2026-12-01&to=2026-12-01`);
    expect(body.visitors).toMatchObject({ visits: 1, guests: 4 });
    expect(body.visitors.byDay).toEqual([{ date: '2026-12-01', visits: 1, guests: 4 }]);
  });

  it('refuses a reversed range, one over 366 days and a date that does not exist, with a code', async () => {
    const base = `/sites/${site.siteId}/figures`;
    expect((await get(cookies.manager, `${base}?from=2026-11-30&to=2026-11-01`)).body.error?.code).toBe('FIGURES_RANGE_REVERSED');
    const long = await get(cookies.manager, `${base}?from=2025-01-01&to=2026-01-02`);
    expect(long.status).toBe(400);
    expect(long.body.error?.code).toBe('FIGURES_RANGE_TOO_LONG');
    expect((await get(cookies.manager, `${base}?from=2026-02-30&to=2026-03-01`)).body.error?.code).toBe('INVALID_DATE');
    expect((await get(cookies.manager, `${base}?from=yesterday`)).body.error?.code).toBe('VALIDATION_FAILED');
    // A leap year's 366 days are allowed.
    expect((await get(cookies.manager, `${base}?from=2024-01-01&to=2024-12-31`)).status).toBe(200);
  });

  it('defaults to the last 30 days', async () => {
    const { body } = await get<SiteFigures>(cookies.manager, `/sites/${site.siteId}/figures`);
    expect(body).toMatchObject({ from: '2026-11-03', to: '2026-12-02', days: 30 });
  });

  it("is read by the site's overseers and client viewer, not by staff or another company", async () => {
    const url = november.replace('$SITE', site.siteId);
    expect((await get(cookies.admin, url)).status).toBe(200);
    expect((await get(cookies.client, url)).status).toBe(200);
    const staff = await get(cookies.staff, url);
    expect(staff.status).toBe(403);
    expect(staff.body.error?.code).toBe('FORBIDDEN');
    expect((await get(cookies.otherAdmin, url)).body.error?.code).toBe('SITE_NOT_FOUND');
    expect((await get(cookies.otherClient, url)).status).toBe(404);
    expect((await get(cookies.otherClient, november.replace('$SITE', otherSiteId))).status).toBe(200);
  });

  it("the company dashboard ranks the company's sites, for its admin only", async () => {
    const url = `/companies/${site.companyId}/dashboard?from=2026-11-01&to=2026-11-30`;
    const { status, body } = await get<CompanyDashboard>(cookies.admin, url);
    expect(status).toBe(200);
    expect(body.sites).toHaveLength(2);
    const busy = body.sites.find((s) => s.siteId === site.siteId)!;
    // (1/3 + 0.5 + 0.75 + 0.5) / 4 = 0.5208…
    expect(busy).toMatchObject({
      visits: 5,
      checklistRate: 1 / 3,
      punctualityRate: 0.5,
      roundRate: 0.75,
      repairWithinRuleShare: 0.5,
      serviceIndex: 52.1,
      averageRating: 4,
      nps: 100,
    });
    expect(body.sites.find((s) => s.siteId !== site.siteId)).toMatchObject({
      name: '第二售楼处',
      visits: 0,
      serviceIndex: null,
      checklistRate: null,
      averageRating: null,
      nps: null,
    });
    expect(body.totals).toMatchObject({ sites: 2, visits: 5, guests: 9, serviceIndex: 52.1, returningShare: 0.5, averageRating: 4, nps: 100 });
    expect(body.byDay.find((d) => d.date === '2026-11-03')).toEqual({ date: '2026-11-03', visits: 2 });
    expect((await get(cookies.admin, `/companies/${site.companyId}/dashboard`)).body).toMatchObject({ from: '2026-12-01', to: '2026-12-02' });

    expect((await get(cookies.manager, url)).status).toBe(403);
    expect((await get(cookies.client, url)).status).toBe(403);
    expect((await get(cookies.staff, url)).status).toBe(403);
    expect((await get(cookies.otherAdmin, url)).body.error?.code).toBe('COMPANY_NOT_FOUND');
    expect((await get(cookies.admin, `/companies/${site.companyId}/dashboard?from=2026-11-30&to=2026-11-01`)).body.error?.code).toBe(
      'FIGURES_RANGE_REVERSED',
    );
  });
});
