import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DailyCustomerSummary, FeedbackForm, Notification, PageOf } from '@anchang/contracts';
import { newId } from '../../platform/ids.js';
import { buildTestApp, type TestApp } from '../../test/build-test-app.js';
import { createCompanyWithSite, createPerson, loginAs, type TestPerson, type TestSite } from '../../test/factories.js';
import { dailySummaryTimerId, feedbackFormFiguresOfPeriod } from './index.js';

// Shanghai is UTC+8: local HH:MM on `date` as an instant.
const at = (date: string, hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), h! - 8, m);
};
const DAY = '2026-12-03';
const NEXT = '2026-12-04';

type Who = 'manager' | 'supervisor' | 'guide' | 'parker' | 'hostess' | 'client';

describe(`customer feedback forms and the daily summary (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestApp;
  let site: TestSite;
  let base: string;
  let people: Record<Who, TestPerson>;
  const cookies = {} as Record<Who, string>;
  let guideForm: FeedbackForm;
  let servedPost = { postId: '', name: '' };
  let visitId = '';

  beforeAll(async () => {
    t = await buildTestApp();
    t.clock.set(at(DAY, '09:00'));
    const db = t.testDb.database.db;
    site = await createCompanyWithSite(db); // its post is a HALL post
    base = `/api/sites/${site.siteId}`;
    const manager = await createPerson(db, site, 'site_manager');
    cookies.manager = await loginAs(t.app, manager.login);
    const post = async (kind: string, name: string) =>
      (await t.app.inject({ method: 'POST', url: `${base}/posts`, headers: { cookie: cookies.manager }, payload: { kind, name } })).json<{
        id: string;
      }>().id;
    const modelPost = await post('MODEL', '样板房讲解岗');
    const parkPost = await post('PARK', '车场岗');
    people = {
      manager,
      supervisor: await createPerson(db, site, 'supervisor'),
      guide: await createPerson(db, site, 'staff', { postIds: [modelPost] }),
      parker: await createPerson(db, site, 'staff', { postIds: [parkPost] }),
      hostess: await createPerson(db, site, 'staff', { postIds: [site.postId] }),
      client: await createPerson(db, site, 'client_viewer'),
    };
    for (const who of ['supervisor', 'guide', 'parker', 'hostess', 'client'] as const) cookies[who] = await loginAs(t.app, people[who].login);
  });
  afterAll(() => t.close());

  const call = (who: Who, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url: `${base}${url}`,
      headers: { cookie: cookies[who] },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const refusal = (res: { statusCode: number; json: <T>() => T }) => [res.statusCode, res.json<{ error: { code: string } }>().error.code];
  const modelForm = (extra: Record<string, unknown> = {}) => ({
    id: newId(),
    customerRef: '王先生',
    unitType: 'A户型 三室两厅 120㎡',
    views: {
      modelRoom: { rating: 5, note: '装修风格喜欢' },
      unit: { rating: 4, note: '主卧偏小' },
      price: { rating: 2, note: '觉得单价偏高' },
    },
    intention: 'high',
    notes: '关注学区',
    ...extra,
  });
  const parkingForm = (extra: Record<string, unknown> = {}) => ({
    id: newId(),
    origin: '南山区',
    channel: 'online',
    plate: '粤B12345',
    partySize: 3,
    askKind: 'none',
    remarks: '第二次来访',
    ...extra,
  });
  const formCount = async () => (await call('manager', 'GET', '/feedback-forms?limit=200')).json<PageOf<FeedbackForm>>().items.length;

  it('the model-room guide files the model-room form; a resend of the same id stores it once', async () => {
    const body = modelForm();
    const first = await call('guide', 'POST', '/feedback-forms/model-room', body);
    expect(first.statusCode).toBe(201);
    guideForm = first.json<FeedbackForm>();
    expect(guideForm).toMatchObject({ kind: 'model_room', date: DAY, personId: people.guide.id, parking: null });
    expect(guideForm.modelRoom!.views.service).toEqual({ rating: null, note: '' });
    expect(guideForm.modelRoom!.views.price.rating).toBe(2);
    const again = await call('guide', 'POST', '/feedback-forms/model-room', body);
    expect(again.statusCode).toBe(200);
    expect(again.json<FeedbackForm>().id).toBe(guideForm.id);
    expect(await formCount()).toBe(1);
  });

  it('the car park files the parking form with the plate kept masked only', async () => {
    const res = await call('parker', 'POST', '/feedback-forms/parking', parkingForm({ askKind: 'complaint', askText: '车位太少,等了十分钟' }));
    expect(res.statusCode).toBe(201);
    const form = res.json<FeedbackForm>();
    expect(form.parking).toMatchObject({ channel: 'online', plateMasked: '粤B1**45', partySize: 3, askKind: 'complaint' });
    expect(JSON.stringify(form)).not.toContain('12345');
    // A manager may file either form for a post.
    expect((await call('manager', 'POST', '/feedback-forms/parking', parkingForm({ plate: undefined, channel: 'friend' }))).statusCode).toBe(201);
    expect(await formCount()).toBe(3);
  });

  it('refuses a form from the wrong post, with a code, and stores nothing', async () => {
    expect(refusal(await call('parker', 'POST', '/feedback-forms/model-room', modelForm()))).toEqual([403, 'NOT_ON_POST']);
    expect(refusal(await call('hostess', 'POST', '/feedback-forms/parking', parkingForm()))).toEqual([403, 'NOT_ON_POST']);
    expect(refusal(await call('guide', 'POST', '/feedback-forms/parking', parkingForm()))).toEqual([403, 'NOT_ON_POST']);
    expect(await formCount()).toBe(3);
  });

  it('refuses bad input with a clear code, and stores nothing', async () => {
    expect(refusal(await call('guide', 'POST', '/feedback-forms/model-room', modelForm({ views: {} })))).toEqual([400, 'FEEDBACK_FORM_EMPTY']);
    expect(refusal(await call('guide', 'POST', '/feedback-forms/model-room', modelForm({ views: { unit: { rating: 6, note: '' } } })))).toEqual([
      400,
      'VALIDATION_FAILED',
    ]);
    expect(refusal(await call('guide', 'POST', '/feedback-forms/model-room', modelForm({ intention: 'maybe' })))).toEqual([400, 'VALIDATION_FAILED']);
    expect(refusal(await call('parker', 'POST', '/feedback-forms/parking', parkingForm({ askKind: 'request', askText: '  ' })))).toEqual([
      400,
      'FEEDBACK_ASK_TEXT_REQUIRED',
    ]);
    expect(refusal(await call('parker', 'POST', '/feedback-forms/parking', parkingForm({ plate: '12345' })))).toEqual([
      400,
      'FEEDBACK_PLATE_INVALID',
    ]);
    expect(refusal(await call('parker', 'POST', '/feedback-forms/parking', parkingForm({ partySize: 0 })))).toEqual([400, 'VALIDATION_FAILED']);
    expect(refusal(await call('parker', 'POST', '/feedback-forms/parking', parkingForm({ visitId: newId() })))).toEqual([404, 'VISIT_NOT_FOUND']);
    expect(refusal(await call('parker', 'POST', '/feedback-forms/parking', parkingForm({ shiftId: newId() })))).toEqual([404, 'SHIFT_NOT_FOUND']);
    // Another person's id is not a resend.
    expect(refusal(await call('manager', 'POST', '/feedback-forms/model-room', modelForm({ id: guideForm.id })))).toEqual([409, 'ID_CONFLICT']);
    expect(await formCount()).toBe(3);
  });

  it('attaches a form to a visit of the site', async () => {
    t.clock.set(at(DAY, '09:30'));
    const visit = await call('parker', 'POST', '/visits', { id: newId(), partySize: 2, arrivalMode: 'walk_in' });
    expect(visit.statusCode).toBe(201);
    visitId = visit.json<{ id: string }>().id;
    const res = await call(
      'guide',
      'POST',
      '/feedback-forms/model-room',
      modelForm({ visitId, intention: 'low', views: { service: { rating: 4, note: '' } } }),
    );
    expect(res.statusCode).toBe(201);
    expect(res.json<FeedbackForm>().visitId).toBe(visitId);
  });

  it('lists forms by kind for overseers; staff see only their own; one form opens by id', async () => {
    const parking = (await call('supervisor', 'GET', '/feedback-forms?kind=parking')).json<PageOf<FeedbackForm>>();
    expect(parking.items.map((f) => f.kind)).toEqual(['parking', 'parking']);
    const mine = (await call('guide', 'GET', '/feedback-forms')).json<PageOf<FeedbackForm>>();
    expect(mine.items).toHaveLength(2);
    expect(mine.items.every((f) => f.personId === people.guide.id)).toBe(true);
    const paged = (await call('manager', 'GET', '/feedback-forms?limit=3')).json<PageOf<FeedbackForm>>();
    expect(paged.items).toHaveLength(3);
    expect(paged.nextCursor).not.toBeNull();
    const rest = (await call('manager', 'GET', `/feedback-forms?limit=3&cursor=${paged.nextCursor}`)).json<PageOf<FeedbackForm>>();
    const all = [...paged.items, ...rest.items];
    expect(new Set(all.map((f) => f.id)).size).toBe(4);
    expect(rest.nextCursor).toBeNull();
    // Newest first by filing time, whatever order the phones' ids fall in.
    expect(all.map((f) => f.createdAt)).toEqual([...all.map((f) => f.createdAt)].sort((a, b) => b - a));
    expect((await call('manager', 'GET', `/feedback-forms?from=${NEXT}`)).json<PageOf<FeedbackForm>>().items).toHaveLength(0);
    expect((await call('manager', 'GET', `/feedback-forms/${guideForm.id}`)).json<FeedbackForm>().modelRoom!.customerRef).toBe('王先生');
    expect(refusal(await call('parker', 'GET', `/feedback-forms/${guideForm.id}`))).toEqual([404, 'FEEDBACK_FORM_NOT_FOUND']);
    expect(refusal(await call('client', 'GET', '/feedback-forms'))).toEqual([403, 'FORBIDDEN']);
    expect(refusal(await call('client', 'POST', '/feedback-forms/parking', parkingForm()))).toEqual([403, 'NOT_ON_POST']);
  });

  it('gives the figures of a period for the monthly report', async () => {
    const figures = await feedbackFormFiguresOfPeriod(t.testDb.database.db, site.siteId, at(DAY, '00:00'), at(NEXT, '00:00'));
    expect(figures.total).toBe(4);
    expect(figures.modelRoom.count).toBe(2);
    expect(figures.modelRoom.intentions).toEqual({ high: 1, medium: 0, low: 1, unknown: 0 });
    expect(figures.modelRoom.ratings.modelRoom).toEqual({ rated: 1, average: 5 });
    expect(figures.modelRoom.ratings.service).toEqual({ rated: 1, average: 4 });
    expect(figures.parking).toMatchObject({ count: 2, partyPeople: 6, asks: { none: 1, request: 0, complaint: 1 } });
    expect(figures.parking.channels.online).toBe(1);
    expect(figures.parking.channels.friend).toBe(1);
    expect((await feedbackFormFiguresOfPeriod(t.testDb.database.db, site.siteId, at(NEXT, '00:00'), at(NEXT, '23:00'))).total).toBe(0);
  });

  const notices = async (who: Who) =>
    (await call(who, 'GET', '/notifications')).json<PageOf<Notification>>().items.filter((n) => n.title.includes('每日客户信息汇总'));
  const timerRow = (id: string) => t.testDb.database.db.selectFrom('timers').select(['status', 'due_at']).where('id', '=', id).executeTakeFirst();

  it("takes the day's survey answer and complaints, the complainant's phone kept out of the summary", async () => {
    t.clock.set(at(DAY, '10:00'));
    const token = await call('parker', 'PUT' as 'POST', `/visits/${visitId}/survey-token`);
    expect(token.statusCode, token.body).toBe(200);
    const surveyUrl = `/api/public/surveys/${token.json<{ token: string }>().token}`;
    // The post that received the visit rated 4, NPS 8: a passive, so the day's NPS is 0.
    const served = (await t.app.inject({ method: 'GET', url: surveyUrl })).json<{ posts: { postId: string; name: string }[] }>().posts;
    servedPost = served[0]!;
    const answered = await t.app.inject({
      method: 'POST',
      url: `${surveyUrl}/answers`,
      payload: { ratings: [{ postId: servedPost.postId, rating: 4 }], nps: 8, deviceId: 'device-summary' },
    });
    expect(answered.statusCode, answered.body).toBe(201);
    // An urgent one (2 hours, never answered: overdue by closing time) and a normal one with the complainant's phone.
    for (const complaint of [
      { category: 'waiting', severity: 'urgent', description: '排队等候超过半小时' },
      { category: 'attitude', severity: 'normal', description: '讲解员态度敷衍', complainantPhone: '13912345678', phoneConsent: true },
    ])
      expect((await call('manager', 'POST', '/complaints', complaint)).statusCode).toBe(201);
  });

  it("at closing time the manager gets exactly one notice with the day's counts, and the next day's is booked", async () => {
    expect((await call('hostess', 'POST', '/opinions', { id: newId(), category: 'suggestion', text: '希望周末延长开放时间' })).statusCode).toBe(201);
    expect(await timerRow(dailySummaryTimerId(site.siteId, DAY))).toMatchObject({ status: 'pending', due_at: at(DAY, '18:00') });
    t.clock.set(at(DAY, '17:59'));
    await t.app.services.timers.runDue();
    expect(await notices('manager')).toHaveLength(0);
    t.clock.set(at(DAY, '18:00'));
    await t.app.services.timers.runDue();
    await t.app.services.timers.runDue();
    const got = await notices('manager');
    expect(got).toHaveLength(1);
    expect(got[0]!.title).toContain(DAY);
    expect(got[0]!.body).toContain('来访 1 组 2 人 · 客户意见 1 条 · 反馈表 4 份');
    expect(got[0]!.body).toContain(`/sites/${site.siteId}/customer-summary?date=${DAY}`);
    // The same transaction queued one notice for the site's group robots, with the day's headline counts.
    const groupNotices = await t.testDb.database.db
      .selectFrom('group_notices')
      .select(['kind', 'title', 'lines', 'refs'])
      .where('site_id', '=', site.siteId)
      .execute();
    expect(groupNotices).toHaveLength(1);
    expect(groupNotices[0]).toMatchObject({ kind: 'customer.daily_summary', title: `每日客户信息汇总 ${DAY}` });
    expect(JSON.parse(groupNotices[0]!.lines)).toEqual([
      '来访 1 组 2 人 · 反馈表 4 份 · 客户意见 1 条',
      '满意度问卷 1 份 · 平均评分 4.00 · NPS 0',
      '新收投诉 2 件 · 未关闭 2 件 · 超时 1 件',
    ]);
    expect(groupNotices[0]!.lines).not.toContain('13912345678');
    expect(JSON.parse(groupNotices[0]!.refs)).toEqual({ siteId: site.siteId, date: DAY });
    expect(await notices('supervisor')).toHaveLength(0);
    expect(await timerRow(dailySummaryTimerId(site.siteId, DAY))).toMatchObject({ status: 'done' });
    expect(await timerRow(dailySummaryTimerId(site.siteId, NEXT))).toMatchObject({ status: 'pending', due_at: at(NEXT, '18:00') });
  });

  it('the next day sends its own summary at its closing time', async () => {
    t.clock.set(at(NEXT, '18:00'));
    cookies.manager = await loginAs(t.app, people.manager.login);
    await t.app.services.timers.runDue();
    const got = await notices('manager');
    expect(got).toHaveLength(2);
    expect(got.find((n) => n.title.includes(NEXT))!.body).toContain('来访 0 组 0 人 · 客户意见 0 条 · 反馈表 0 份');
    expect(await timerRow(dailySummaryTimerId(site.siteId, '2026-12-05'))).toMatchObject({ status: 'pending' });
  });

  it('shows any past day on read, in sections, to overseers only', async () => {
    cookies.supervisor = await loginAs(t.app, people.supervisor.login);
    cookies.guide = await loginAs(t.app, people.guide.login);
    const res = await call('supervisor', 'GET', `/customer-summary?date=${DAY}`);
    expect(res.statusCode).toBe(200);
    const summary = res.json<DailyCustomerSummary>();
    expect(summary).toMatchObject({ date: DAY, closingTime: '18:00', isClosedDay: false });
    expect(summary.sections.map((s) => s.key)).toEqual(['visitors', 'opinions', 'feedback-forms', 'surveys', 'complaints']);
    const [visitors, opinions, forms, surveys, complaints] = summary.sections;
    expect(surveys!.figures).toEqual([
      { key: 'answers', value: 1 },
      { key: 'averageRating', value: 4 },
      { key: 'nps', value: 0 },
    ]);
    expect(surveys!.breakdowns).toEqual([
      { key: 'npsGroup', items: [{ key: 'passives', label: null, count: 1 }] },
      { key: 'ratingsByPost', items: [{ key: servedPost.postId, label: servedPost.name, count: 1 }] },
    ]);
    expect(complaints!.figures).toEqual([
      { key: 'received', value: 2 },
      { key: 'open', value: 2 },
      { key: 'overdue', value: 1 },
    ]);
    expect(complaints!.entries.map((e) => [e.tag, e.text])).toEqual([
      ['urgent:waiting', '排队等候超过半小时'],
      ['normal:attitude', '讲解员态度敷衍'],
    ]);
    expect(complaints!.breakdowns.find((b) => b.key === 'complaintSeverity')!.items).toEqual([
      { key: 'urgent', label: null, count: 1 },
      { key: 'normal', label: null, count: 1 },
    ]);
    expect(res.body).not.toContain('13912345678');
    expect(res.body).not.toContain('5678');
    // The next day: nothing new, the two still open, only the urgent one overdue (the normal one has 72 hours).
    const next = (await call('supervisor', 'GET', `/customer-summary?date=${NEXT}`)).json<DailyCustomerSummary>();
    expect(next.sections.find((s) => s.key === 'complaints')!.figures).toEqual([
      { key: 'received', value: 0 },
      { key: 'open', value: 2 },
      { key: 'overdue', value: 1 },
    ]);
    expect(next.sections.find((s) => s.key === 'surveys')!.figures).toEqual([{ key: 'answers', value: 0 }]);
    expect(visitors!.figures).toEqual([
      { key: 'visits', value: 1 },
      { key: 'guests', value: 2 },
      { key: 'stillOnSite', value: 1 },
    ]);
    // Every opening hour (08:30–18:00) is listed, the quiet ones with 0.
    const byHour = visitors!.breakdowns.find((b) => b.key === 'byHour')!.items;
    expect(byHour.map((i) => i.key)).toEqual(['08', '09', '10', '11', '12', '13', '14', '15', '16', '17']);
    expect(byHour.filter((i) => i.count > 0)).toEqual([{ key: '09', label: null, count: 1 }]);
    expect(visitors!.breakdowns.find((b) => b.key === 'arrivalMode')!.items).toEqual([{ key: 'walk_in', label: null, count: 1 }]);
    expect(opinions!.entries.map((e) => e.text)).toEqual(['希望周末延长开放时间']);
    expect(forms!.figures).toContainEqual({ key: 'complaints', value: 1 });
    expect(forms!.entries).toHaveLength(4);
    expect(refusal(await call('guide', 'GET', `/customer-summary?date=${DAY}`))).toEqual([403, 'FORBIDDEN']);
    expect(refusal(await call('supervisor', 'GET', '/customer-summary?date=2026-13-01'))).toEqual([400, 'INVALID_DATE']);
  });
});
