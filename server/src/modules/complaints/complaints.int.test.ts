import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Complaint, ComplaintFigures, ComplaintSettings, ComplaintSummary, PageOf } from '@anchang/contracts';
import { newId } from '../../platform/ids.js';
import { buildTestApp, type TestApp } from '../../test/build-test-app.js';
import { createCompanyWithSite, createPerson, createSite, loginAs, type TestPerson, type TestSite } from '../../test/factories.js';
import { TINY_JPEG } from '../../test/photo-fixtures.js';
import { complaintFiguresOfPeriod } from './index.js';

const H = 3_600_000;

describe(`complaints to their end (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestApp;
  let site: TestSite;
  let otherSite: TestSite;
  let figSite: { companyId: string; siteId: string };
  type Who = 'admin' | 'manager' | 'supervisor' | 'filer' | 'owner' | 'client' | 'otherStaff' | 'otherClient' | 'figManager';
  let people: Record<Who, TestPerson>;
  const cookies: Partial<Record<Who, string>> = {};

  const call = (who: Who, method: 'GET' | 'POST' | 'PUT', path: string, payload?: unknown, siteId = site.siteId) =>
    t.app.inject({
      method,
      url: `/api/sites/${siteId}${path}`,
      headers: { cookie: cookies[who]! },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const code = (res: { json: <T>() => T }) => res.json<{ error: { code: string } }>().error.code;
  const db = () => t.testDb.database.db;
  const alertsOf = (personId: string, title: string) =>
    db().selectFrom('notifications').select('id').where('to_person_id', '=', personId).where('title', 'like', `${title}%`).execute();
  const countComplaints = async () =>
    Number(
      (
        await db()
          .selectFrom('complaints')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const runTimers = () => t.app.services.timers.runDue();

  beforeAll(async () => {
    // The clock walks through a month: sessions must outlast its gaps (signed in again at its start).
    t = await buildTestApp({ env: { SESSION_TTL_HOURS: '720', SESSION_MAX_DAYS: '365' } });
    site = await createCompanyWithSite(db(), t.clock.now());
    otherSite = await createCompanyWithSite(db(), t.clock.now());
    const fig = await createSite(db(), site.companyId, t.clock.now());
    figSite = { companyId: site.companyId, siteId: fig.siteId };
    people = {
      admin: await createPerson(db(), site, 'company_admin'),
      manager: await createPerson(db(), site, 'site_manager'),
      supervisor: await createPerson(db(), site, 'supervisor'),
      filer: await createPerson(db(), site, 'staff', { postIds: [site.postId] }),
      owner: await createPerson(db(), site, 'staff'),
      client: await createPerson(db(), site, 'client_viewer'),
      otherStaff: await createPerson(db(), otherSite, 'staff'),
      otherClient: await createPerson(db(), otherSite, 'client_viewer'),
      figManager: await createPerson(db(), figSite, 'site_manager'),
    };
    for (const [key, p] of Object.entries(people)) cookies[key as Who] = await loginAs(t.app, p.login);
  });
  afterAll(() => t.close());

  it('has the default hours per severity until a site manager sets them; a supervisor may not', async () => {
    expect((await call('manager', 'GET', '/complaint-settings')).json<ComplaintSettings>()).toEqual({
      deadlineHours: { normal: 72, serious: 24, urgent: 2 },
    });
    const hours = { deadlineHours: { normal: 48, serious: 4, urgent: 1 } };
    expect((await call('supervisor', 'PUT', '/complaint-settings', hours)).statusCode).toBe(403);
    expect((await call('manager', 'PUT', '/complaint-settings', hours)).statusCode).toBe(200);
    expect((await call('client', 'GET', '/complaint-settings')).json<ComplaintSettings>()).toEqual(hours);
    expect((await call('manager', 'PUT', '/complaint-settings', { deadlineHours: { normal: 0, serious: 4, urgent: 1 } })).statusCode).toBe(400);
  });

  let complaint: Complaint;
  const filedAt = () => complaint.receivedAt;

  it('refuses a phone without consent and a post of another site, saving nothing', async () => {
    const base = { category: 'attitude', severity: 'serious', description: '前台接待冷淡,等了十分钟无人理会' };
    expect(code(await call('filer', 'POST', '/complaints', { ...base, complainantPhone: '13912345678' }))).toBe('COMPLAINT_PHONE_CONSENT_REQUIRED');
    expect(code(await call('filer', 'POST', '/complaints', { ...base, postId: otherSite.postId }))).toBe('POST_NOT_FOUND');
    expect(code(await call('filer', 'POST', '/complaints', { ...base, photoIds: [newId()] }))).toBe('PHOTO_NOT_FOUND');
    expect((await call('filer', 'POST', '/complaints', { ...base, category: 'rude' })).statusCode).toBe(400);
    expect(code(await call('filer', 'POST', '/complaints', { ...base, ownerId: people.owner.id }))).toBe('FORBIDDEN');
    expect((await call('otherStaff', 'POST', '/complaints', base)).statusCode).toBe(404);
    expect(await countComplaints()).toBe(0);
  });

  it('files from a staff phone with a photo: received, the handlers told, the phone masked in lists', async () => {
    const photoId = newId();
    const upload = await t.app.inject({
      method: 'PUT',
      url: `/api/sites/${site.siteId}/photos/${photoId}`,
      headers: { cookie: cookies.filer!, 'content-type': 'image/jpeg' },
      payload: TINY_JPEG,
    });
    expect(upload.statusCode).toBe(201);
    const res = await call('filer', 'POST', '/complaints', {
      via: 'staff',
      complainantName: '王先生',
      complainantPhone: '13912345678',
      phoneConsent: true,
      category: 'attitude',
      severity: 'serious',
      description: '前台接待冷淡,等了十分钟无人理会',
      postId: site.postId,
      photoIds: [photoId],
    });
    expect(res.statusCode).toBe(201);
    complaint = res.json<Complaint>();
    expect(complaint).toMatchObject({
      number: 1,
      source: 'staff',
      status: 'received',
      postName: '大厅服务岗',
      photoIds: [photoId],
      deadlineAt: t.clock.now() + 4 * H,
      isOverdue: false,
      actions: [],
      // The filer is not the owner: the detail masks the phone for them too.
      complainantPhone: '139****5678',
    });
    expect(complaint.events.map((e) => e.kind)).toEqual(['filed']);
    expect(await alertsOf(people.manager.id, '新投诉')).toHaveLength(1);
    expect(await alertsOf(people.supervisor.id, '新投诉')).toHaveLength(1);
    expect(await alertsOf(people.filer.id, '新投诉')).toHaveLength(0);

    const mine = (await call('filer', 'GET', '/complaints?scope=mine')).json<PageOf<ComplaintSummary>>();
    expect(mine.items.map((c) => c.id)).toEqual([complaint.id]);
    expect((await call('filer', 'GET', '/complaints?scope=all')).statusCode).toBe(403);
    const managerList = (await call('manager', 'GET', '/complaints')).json<PageOf<ComplaintSummary>>();
    expect(managerList.items[0]!.complainantPhone).toBe('139****5678');
    const managerDetail = (await call('manager', 'GET', `/complaints/${complaint.id}`)).json<Complaint>();
    expect(managerDetail.complainantPhone).toBe('13912345678');
    expect(managerDetail.actions).toEqual(['assign', 'note']);
  });

  it('lets the client viewer read their site’s complaints with the phone masked, and file one; not another site’s', async () => {
    const detail = await call('client', 'GET', `/complaints/${complaint.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json<Complaint>()).toMatchObject({ complainantPhone: '139****5678', actions: [] });
    const filed = await call('client', 'POST', '/complaints', {
      via: 'console',
      category: 'cleanliness',
      severity: 'normal',
      description: '样板房地面有污渍',
    });
    expect(filed.statusCode).toBe(201);
    expect(filed.json<Complaint>()).toMatchObject({ source: 'client', number: 2, deadlineAt: t.clock.now() + 48 * H });
    expect(code(await call('client', 'POST', `/complaints/${complaint.id}/assign`, { ownerId: people.owner.id }))).toBe('FORBIDDEN');

    expect((await call('otherClient', 'GET', `/complaints/${complaint.id}`, undefined, site.siteId)).statusCode).toBe(404);
    expect((await call('otherClient', 'GET', `/complaints/${complaint.id}`, undefined, otherSite.siteId)).statusCode).toBe(404);
    expect((await call('otherStaff', 'GET', `/complaints/${complaint.id}`, undefined, otherSite.siteId)).statusCode).toBe(404);
    expect((await call('otherStaff', 'POST', `/complaints/${complaint.id}/notes`, { note: 'x' }, otherSite.siteId)).statusCode).toBe(404);
    expect((await call('otherClient', 'GET', '/complaints', undefined, otherSite.siteId)).json<PageOf<ComplaintSummary>>().items).toEqual([]);
    // Staff who neither filed nor own it do not see it.
    expect((await call('owner', 'GET', `/complaints/${complaint.id}`)).statusCode).toBe(404);
  });

  it('refuses moves the state does not allow (409) and a close before any result (4xx)', async () => {
    expect(code(await call('manager', 'POST', `/complaints/${complaint.id}/result`, { resultText: '已致歉', channel: 'phone' }))).toBe(
      'COMPLAINT_STATE',
    );
    expect((await call('manager', 'POST', `/complaints/${complaint.id}/result`, { resultText: '已致歉', channel: 'phone' })).statusCode).toBe(409);
    expect(code(await call('manager', 'POST', `/complaints/${complaint.id}/follow-up`, { verdict: 'satisfied' }))).toBe('COMPLAINT_STATE');
    expect(code(await call('manager', 'POST', `/complaints/${complaint.id}/reopen`, { note: '客户来电' }))).toBe('COMPLAINT_STATE');
    const close = await call('manager', 'POST', `/complaints/${complaint.id}/close`, {});
    expect(close.statusCode).toBe(422);
    expect(code(close)).toBe('COMPLAINT_RESULT_REQUIRED');
    expect(code(await call('filer', 'POST', `/complaints/${complaint.id}/assign`, { ownerId: people.owner.id }))).toBe('FORBIDDEN');
    expect(code(await call('manager', 'POST', `/complaints/${complaint.id}/assign`, { ownerId: people.client.id }))).toBe(
      'COMPLAINT_OWNER_NOT_ON_SITE',
    );
    expect(code(await call('manager', 'POST', `/complaints/${complaint.id}/assign`, { ownerId: people.otherStaff.id }))).toBe(
      'COMPLAINT_OWNER_NOT_ON_SITE',
    );
    expect((await call('manager', 'GET', `/complaints/${complaint.id}`)).json<Complaint>()).toMatchObject({ status: 'received', version: 1 });
  });

  it('assigns an owner who notes what was done; the filer may not note it, the company admin only reads', async () => {
    const assigned = await call('supervisor', 'POST', `/complaints/${complaint.id}/assign`, { ownerId: people.owner.id, note: '请今天内回电' });
    expect(assigned.statusCode).toBe(200);
    expect(assigned.json<Complaint>()).toMatchObject({ status: 'handling', ownerId: people.owner.id, ownerName: people.owner.name });
    expect(await alertsOf(people.owner.id, '投诉待处理')).toHaveLength(1);

    const ownerView = (await call('owner', 'GET', `/complaints/${complaint.id}`)).json<Complaint>();
    expect(ownerView).toMatchObject({ complainantPhone: '13912345678', actions: ['note', 'report_result'] });
    const mine = (await call('owner', 'GET', '/complaints?scope=mine')).json<PageOf<ComplaintSummary>>();
    expect(mine.items.map((c) => c.id)).toEqual([complaint.id]);

    t.clock.advance(30 * 60_000);
    expect((await call('owner', 'POST', `/complaints/${complaint.id}/notes`, { note: '已查看监控,当班人员离岗' })).statusCode).toBe(200);
    expect(code(await call('filer', 'POST', `/complaints/${complaint.id}/notes`, { note: '补充' }))).toBe('COMPLAINT_NOT_YOURS');
    expect(code(await call('admin', 'POST', `/complaints/${complaint.id}/notes`, { note: '补充' }))).toBe('COMPLAINT_NOT_YOURS');
    expect((await call('admin', 'GET', `/complaints/${complaint.id}`)).statusCode).toBe(200);
    const timeline = (await call('manager', 'GET', `/complaints/${complaint.id}`)).json<Complaint>().events;
    expect(timeline.map((e) => [e.kind, e.status])).toEqual([
      ['filed', 'received'],
      ['assigned', 'handling'],
      ['note', 'handling'],
    ]);
    expect(timeline[1]).toMatchObject({ byName: people.supervisor.name, note: `${people.owner.name} · 请今天内回电` });
    expect(timeline[2]).toMatchObject({ byName: people.owner.name, note: '已查看监控,当班人员离岗', at: filedAt() + 30 * 60_000 });
  });

  it('escalates at the deadline to the owner and the managers, at twice it to the company admins, each once', async () => {
    await runTimers();
    expect(await alertsOf(people.owner.id, '投诉超时')).toHaveLength(0);
    t.clock.set(filedAt() + 4 * H + 60_000);
    await runTimers();
    expect(await alertsOf(people.owner.id, '投诉超时')).toHaveLength(1);
    expect(await alertsOf(people.manager.id, '投诉超时')).toHaveLength(1);
    expect(await alertsOf(people.admin.id, '投诉升级')).toHaveLength(0);
    const overdue = (await call('manager', 'GET', '/complaints?overdue=true')).json<PageOf<ComplaintSummary>>();
    expect(overdue.items.map((c) => c.id)).toEqual([complaint.id]);
    expect((await call('manager', 'GET', '/complaints?overdue=false')).json<PageOf<ComplaintSummary>>().items).toHaveLength(1);

    t.clock.set(filedAt() + 8 * H + 60_000);
    await runTimers();
    await runTimers();
    expect(await alertsOf(people.admin.id, '投诉升级')).toHaveLength(1);
    expect(await alertsOf(people.owner.id, '投诉超时')).toHaveLength(1);
    const detail = (await call('manager', 'GET', `/complaints/${complaint.id}`)).json<Complaint>();
    expect(detail.events.map((e) => e.kind)).toEqual(['filed', 'assigned', 'note', 'overdue', 'escalated']);
    expect(detail.isOverdue).toBe(true);
  });

  it('needs the result’s text and channel; two reports at once: one wins, the other gets 409', async () => {
    const empty = await call('owner', 'POST', `/complaints/${complaint.id}/result`, { resultText: '  ', channel: 'phone' });
    expect([empty.statusCode, code(empty)]).toEqual([422, 'COMPLAINT_RESULT_REQUIRED']);
    expect(code(await call('owner', 'POST', `/complaints/${complaint.id}/result`, { channel: 'phone' }))).toBe('COMPLAINT_RESULT_REQUIRED');
    expect(code(await call('owner', 'POST', `/complaints/${complaint.id}/result`, { resultText: '已致歉' }))).toBe('COMPLAINT_CHANNEL_REQUIRED');
    expect((await call('owner', 'POST', `/complaints/${complaint.id}/result`, { resultText: '已致歉', channel: 'fax' })).statusCode).toBe(400);

    const body = { resultText: '已电话致歉,并对当班人员进行培训', channel: 'phone' };
    const [a, b] = await Promise.all([
      call('owner', 'POST', `/complaints/${complaint.id}/result`, body),
      call('manager', 'POST', `/complaints/${complaint.id}/result`, body),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const after = (await call('manager', 'GET', `/complaints/${complaint.id}`)).json<Complaint>();
    expect(after).toMatchObject({ status: 'result_reported', resultText: body.resultText, resultChannel: 'phone', resultAt: t.clock.now() });
    expect(after.events.filter((e) => e.kind === 'result')).toHaveLength(1);
    expect(after.actions).toEqual(['note', 'follow_up', 'close']);
  });

  it('reopens on a not-satisfied follow-up with a new deadline and its own escalation; closes when satisfied', async () => {
    t.clock.advance(H);
    const notSatisfied = await call('supervisor', 'POST', `/complaints/${complaint.id}/follow-up`, {
      verdict: 'not_satisfied',
      note: '客户认为道歉不够诚恳',
    });
    expect(notSatisfied.statusCode).toBe(200);
    const reopenedAt = t.clock.now();
    expect(notSatisfied.json<Complaint>()).toMatchObject({
      status: 'handling',
      reopenCount: 1,
      deadlineAt: reopenedAt + 4 * H,
      verdict: 'not_satisfied',
      followUpByName: people.supervisor.name,
      followUpAt: reopenedAt,
      resultText: null,
    });
    expect(await alertsOf(people.owner.id, '投诉重新处理')).toHaveLength(1);

    // The new round's deadline alerts again, once.
    t.clock.set(reopenedAt + 4 * H + 60_000);
    await runTimers();
    expect(await alertsOf(people.owner.id, '投诉超时')).toHaveLength(2);

    expect(
      (await call('owner', 'POST', `/complaints/${complaint.id}/result`, { resultText: '经理上门致歉并赠送礼品', channel: 'in_person' })).statusCode,
    ).toBe(200);
    const closed = await call('manager', 'POST', `/complaints/${complaint.id}/follow-up`, { verdict: 'satisfied' });
    expect(closed.json<Complaint>()).toMatchObject({ status: 'closed', verdict: 'satisfied', closedAt: t.clock.now(), actions: ['reopen'] });
    expect(code(await call('manager', 'POST', `/complaints/${complaint.id}/notes`, { note: 'x' }))).toBe('COMPLAINT_STATE');

    // Past the first round's escalation time nothing more fires for the closed complaint.
    t.clock.advance(10 * H);
    await runTimers();
    expect(await alertsOf(people.admin.id, '投诉升级')).toHaveLength(1);

    const reopened = await call('manager', 'POST', `/complaints/${complaint.id}/reopen`, { note: '客户再次来电' });
    expect(reopened.json<Complaint>()).toMatchObject({ status: 'handling', reopenCount: 2, closedAt: null });
    const audit = await db().selectFrom('audit_log').select('action').where('entity_id', '=', complaint.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual([
      'complaint.file',
      'complaint.assign',
      'complaint.overdue',
      'complaint.escalated',
      'complaint.report_result',
      'complaint.follow_up',
      'complaint.overdue',
      'complaint.report_result',
      'complaint.follow_up',
      'complaint.reopen',
    ]);
  });

  it('gives a seeded month’s figures equal to a hand computation, through the API and the exported function', async () => {
    const fig = (who: Who, method: 'GET' | 'POST', path: string, payload?: unknown) => call(who, method, path, payload, figSite.siteId);
    const file = async (at: number, category: string, severity: string) => {
      t.clock.set(at);
      const res = await fig('figManager', 'POST', '/complaints', { via: 'console', category, severity, description: `${category} ${severity}` });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<Complaint>().id;
    };
    const act = async (at: number, id: string, path: string, body: object) => {
      t.clock.set(at);
      const res = await fig('figManager', 'POST', `/complaints/${id}/${path}`, body);
      expect(res.statusCode).toBe(200);
    };
    const result = { resultText: '已处理', channel: 'phone' };
    const owner = { ownerId: people.figManager.id };
    // January 2027 in Asia/Shanghai: [2026-12-31T16:00Z, 2027-01-31T16:00Z). Default hours: normal 72, serious 24, urgent 2.
    const jan = (day: number, hourUtc: number) => Date.UTC(2027, 0, day, hourUtc, 0);
    t.clock.set(jan(1, 0));
    cookies.figManager = await loginAs(t.app, people.figManager.login);
    const c1 = await file(jan(3, 2), 'attitude', 'urgent'); // result after 1 h, satisfied
    await act(jan(3, 2) + 10 * 60_000, c1, 'assign', owner);
    await act(jan(3, 3), c1, 'result', result);
    await act(jan(3, 5), c1, 'follow-up', { verdict: 'satisfied' });
    const c2 = await file(jan(5, 2), 'attitude', 'normal'); // first result after 10 h, reopened, then satisfied
    await act(jan(5, 3), c2, 'assign', owner);
    await act(jan(5, 12), c2, 'result', result);
    await act(jan(5, 14), c2, 'follow-up', { verdict: 'not_satisfied' });
    await act(jan(5, 22), c2, 'result', result);
    await act(jan(6, 0), c2, 'follow-up', { verdict: 'satisfied' });
    const c3 = await file(jan(10, 2), 'parking', 'serious'); // the deadline passes: overdue; result after 30 h
    await act(jan(10, 3), c3, 'assign', owner);
    t.clock.set(jan(11, 3));
    await runTimers();
    await act(jan(11, 8), c3, 'result', result);
    await file(jan(31, 15) + 30 * 60_000, 'safety', 'urgent'); // 23:30 local, its deadline falls in February
    await file(jan(31, 16) + 30 * 60_000, 'other', 'normal'); // 00:30 local on 1 February: not January's

    const expected: ComplaintFigures = {
      received: 4,
      byCategory: { attitude: 2, waiting: 0, cleanliness: 0, facilities: 0, parking: 1, safety: 1, other: 0 },
      bySeverity: { normal: 1, serious: 1, urgent: 2 },
      closed: 2,
      overdue: 1,
      averageHoursToResult: 13.7, // (1 + 10 + 30) / 3
      followUps: 3,
      satisfiedShare: 2 / 3,
      reopened: 1,
    };
    const viaApi = await fig('figManager', 'GET', '/complaint-figures?month=2027-01');
    expect(viaApi.statusCode).toBe(200);
    expect(viaApi.json<ComplaintFigures>()).toEqual(expected);
    expect(await complaintFiguresOfPeriod(db(), figSite.siteId, Date.UTC(2026, 11, 31, 16), Date.UTC(2027, 0, 31, 16))).toEqual(expected);
    expect((await fig('figManager', 'GET', '/complaint-figures?month=2027-02')).json<ComplaintFigures>()).toMatchObject({
      received: 1,
      followUps: 0,
      satisfiedShare: null,
    });
    cookies.filer = await loginAs(t.app, people.filer.login);
    expect((await call('filer', 'GET', '/complaint-figures?month=2027-01')).statusCode).toBe(403);
    // The list's date filter uses the site's days.
    const lastDay = (await fig('figManager', 'GET', '/complaints?from=2027-01-31&to=2027-01-31')).json<PageOf<ComplaintSummary>>();
    expect(lastDay.items.map((c) => c.category)).toEqual(['safety']);
  });
});
