import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComplianceRow, PageOf, RoundDay, RoundSchedule, RoundSlot, WeatherDeclaration, RotatedWebhookToken } from '@anchang/contracts';
import { buildApp } from '../../app.js';
import { newId } from '../../platform/ids.js';
import type { App } from '../../platform/http/types.js';
import { inTransaction } from '../../platform/tx.js';
import { buildTestApp, type TestApp } from '../../test/build-test-app.js';
import { createCompanyWithSite, createPerson, loginAs, type TestPerson, type TestSite } from '../../test/factories.js';
import { planSiteDay, slotsFor } from './index.js';

// 2026-12-01 (a Tuesday), 08:00 in Shanghai; the site opens 08:30–18:00.
const DAY = '2026-12-01';
const at = (hhmm: string, date = DAY) => {
  const [h, m] = hhmm.split(':').map(Number);
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), h! - 8, m);
};

describe(`rounds and weather (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestApp;
  let site: TestSite;
  let base: string;
  let manager: string;
  let supervisor: TestPerson;
  let cleaner: TestPerson;
  let cleanerCookie: string;
  let techCookie: string;
  let logins: { manager: string; cleaner: string; tech: string };
  let checkpointCode: string;
  let checkpointId: string;
  let washroom: RoundSchedule;

  beforeAll(async () => {
    t = await buildTestApp();
    t.clock.set(at('08:00'));
    const db = t.testDb.database.db;
    site = await createCompanyWithSite(db, t.clock.now());
    base = `/api/sites/${site.siteId}`;
    const now = t.clock.now();
    const cleanPost = newId();
    const techPost = newId();
    await db
      .insertInto('posts')
      .values([
        { id: cleanPost, site_id: site.siteId, kind: 'CLEAN', name: '保洁岗', zone_id: site.zoneId, created_at: now, updated_at: now },
        { id: techPost, site_id: site.siteId, kind: 'TECH', name: '技术岗', zone_id: site.zoneId, created_at: now, updated_at: now },
      ])
      .execute();
    supervisor = await createPerson(db, site, 'supervisor');
    cleaner = await createPerson(db, site, 'staff', { postIds: [cleanPost] });
    logins = {
      manager: (await createPerson(db, site, 'site_manager')).login,
      cleaner: cleaner.login,
      tech: (await createPerson(db, site, 'staff', { postIds: [techPost] })).login,
    };
    await logInAll();
    expect((await call(manager, 'POST', '/standards/adopt')).statusCode).toBe(201);
    checkpointId = newId();
    checkpointCode = `wc${newId().replace(/-/g, '')}`;
    await db
      .insertInto('checkpoints')
      .values({
        id: checkpointId,
        site_id: site.siteId,
        zone_id: site.zoneId,
        name_zh: '洗手间',
        name_en: 'Washroom',
        code: checkpointCode,
        lat: null,
        lng: null,
        revoked_at: null,
        created_at: now,
      })
      .execute();
  });
  afterAll(() => t.close());

  // Sessions expire as the driven clock crosses days: everyone logs in again.
  const logInAll = async () => {
    manager = await loginAs(t.app, logins.manager);
    cleanerCookie = await loginAs(t.app, logins.cleaner);
    techCookie = await loginAs(t.app, logins.tech);
  };
  const call = (cookie: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown, app: App = t.app) =>
    app.inject({
      method,
      url: url.startsWith('/api/') ? url : `${base}${url}`,
      headers: { cookie },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const code = (res: { json: <T>() => T }) => res.json<{ error: { code: string } }>().error.code;
  const alertsOf = (personId: string) =>
    t.testDb.database.db
      .selectFrom('notifications')
      .select(['title', 'created_at'])
      .where('to_person_id', '=', personId)
      .orderBy('created_at')
      .execute();
  const slotsOn = async (cookie: string, query = '') => (await call(cookie, 'GET', `/rounds/day?date=${DAY}${query}`)).json<RoundDay>().slots;
  const runTimers = () => t.app.services.timers.runDue();

  it('schedules the washroom round for the CLEAN post from the standard, with clear refusals', async () => {
    const body = {
      id: newId(),
      postKind: 'CLEAN',
      itemId: 'CLEAN-2',
      recurrence: { kind: 'interval', everyMinutes: 10 },
      graceMinutes: 10,
      proof: 'scan',
      checkpointId,
    };
    expect(code(await call(manager, 'POST', '/round-schedules', { ...body, itemId: 'CLEAN-9' }))).toBe('ITEM_NOT_IN_STANDARD');
    expect(code(await call(manager, 'POST', '/round-schedules', { ...body, recurrence: { kind: 'interval' } }))).toBe('ROUND_RECURRENCE_INVALID');
    expect(code(await call(manager, 'POST', '/round-schedules', { ...body, checkpointId: newId() }))).toBe('ROUND_CHECKPOINT_INVALID');
    expect((await call(cleanerCookie, 'POST', '/round-schedules', body)).statusCode).toBe(403);
    const res = await call(manager, 'POST', '/round-schedules', body);
    expect(res.statusCode).toBe(201);
    washroom = res.json<RoundSchedule>();
    expect(washroom).toMatchObject({ labelZh: '卫生间每十分钟巡视性清洁一次', checkpointName: '洗手间', active: true });
    // The same id again is the same schedule, not a second one.
    expect((await call(manager, 'POST', '/round-schedules', body)).statusCode).toBe(200);
    const slots = await slotsOn(cleanerCookie);
    expect(slots).toHaveLength(57);
    expect(slots[0]).toMatchObject({ dueAt: at('08:30'), graceEndsAt: at('08:40'), status: 'pending', checkpointName: '洗手间' });
    // The technician's phone does not list the cleaner's round.
    expect(await slotsOn(techCookie)).toHaveLength(0);
  });

  it('alerts the supervisor when a washroom slot is missed, exactly at the end of its grace window', async () => {
    t.clock.set(at('08:39') + 59_000);
    await runTimers();
    expect(await alertsOf(supervisor.id)).toHaveLength(0);
    t.clock.set(at('08:40'));
    await runTimers();
    const alerts = await alertsOf(supervisor.id);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ title: '漏检:卫生间每十分钟巡视性清洁一次', created_at: at('08:40') });
    expect((await slotsOn(manager))[0]).toMatchObject({ dueAt: at('08:30'), status: 'missed' });
  });

  it('a scan inside the window meets the slot, for the person who scanned, and nobody is alerted', async () => {
    t.clock.set(at('08:45'));
    const scan = await call(cleanerCookie, 'POST', '/api/scans', { id: newId(), code: checkpointCode });
    expect(scan.statusCode).toBeLessThan(300);
    // Shown as met at once, before the window closes.
    expect((await slotsOn(cleanerCookie))[1]).toMatchObject({ dueAt: at('08:40'), status: 'met', provedById: cleaner.id });
    t.clock.set(at('08:50'));
    await runTimers();
    expect(await alertsOf(supervisor.id)).toHaveLength(1);
    const stored = await t.testDb.database.db
      .selectFrom('round_slots')
      .selectAll()
      .where('schedule_id', '=', washroom.id)
      .where('due_at', '=', at('08:40'))
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ status: 'met', proved_by: cleaner.id, proved_at: at('08:45') });
  });

  it('a restart on the same database neither duplicates nor loses slots', async () => {
    const app2 = await buildApp({ config: t.config, database: t.testDb.database, clock: t.clock, logger: false, instanceId: 'second' });
    await app2.ready();
    try {
      // Planning today again adds nothing.
      expect(await inTransaction(app2.services.deps, (tx) => planSiteDay(tx, site.siteId, DAY))).toBe(0);
      // Tomorrow is planned at the site's midnight by whichever instance is running.
      t.clock.set(at('00:00', '2026-12-02'));
      await Promise.all([app2.services.timers.runDue(), runTimers()]);
      await app2.services.timers.runDue();
      const db = t.testDb.database.db;
      const counts = await db
        .selectFrom('round_slots')
        .select(['local_date', (eb) => eb.fn.countAll<number>().as('n')])
        .where('schedule_id', '=', washroom.id)
        .groupBy('local_date')
        .orderBy('local_date')
        .execute();
      const expected = slotsFor({ recurrence: washroom.recurrence }, '2026-12-02', 'Asia/Shanghai', {
        open: '08:30',
        close: '18:00',
        closedWeekdays: [],
      }).length;
      expect(counts.map((c) => [c.local_date, Number(c.n)])).toEqual([
        [DAY, 57],
        ['2026-12-02', expected],
      ]);
      // Every slot of yesterday was decided once: 55 more missed after the two above.
      const decided = await db
        .selectFrom('round_slots')
        .select(['status'])
        .where('local_date', '=', DAY)
        .where('schedule_id', '=', washroom.id)
        .execute();
      expect(decided.filter((s) => s.status === 'pending')).toHaveLength(0);
      expect(decided.filter((s) => s.status === 'met')).toHaveLength(1);
      expect(await alertsOf(supervisor.id)).toHaveLength(56);
      const firings = await db.selectFrom('timers').select(['id']).where('kind', '=', 'round.slot').where('status', '=', 'done').execute();
      expect(new Set(firings.map((f) => f.id)).size).toBe(firings.length);
    } finally {
      await app2.close();
    }
  });

  it('reports compliance per day and per person, paged', async () => {
    await logInAll();
    const byDay = (await call(manager, 'GET', `/rounds/compliance?from=${DAY}&to=${DAY}&by=day`)).json<PageOf<ComplianceRow>>();
    expect(byDay.items).toHaveLength(1);
    expect(byDay.items[0]).toMatchObject({ date: DAY, scheduleId: washroom.id, due: 57, met: 1, missed: 56 });
    const byPerson = (await call(manager, 'GET', `/rounds/compliance?from=${DAY}&to=${DAY}&by=person&limit=1`)).json<PageOf<ComplianceRow>>();
    expect(byPerson.items[0]).toMatchObject({ personId: cleaner.id, met: 1 });
    expect(code(await call(manager, 'GET', `/rounds/compliance?from=${DAY}&to=2026-11-01&by=day`))).toBe('DATE_RANGE_INVALID');
    expect((await call(cleanerCookie, 'GET', `/rounds/compliance?from=${DAY}&to=${DAY}&by=day`)).statusCode).toBe(403);
  });

  it('declaring rain gives CLEAN its CLEAN-3 and TECH its TECH-4 task; a missed one alerts at its end', async () => {
    t.clock.set(at('14:00', '2026-12-02'));
    await logInAll();
    const res = await call(manager, 'POST', '/weather', { id: newId(), kind: 'rainstorm', note: '暴雨蓝色预警', graceMinutes: 20 });
    expect(res.statusCode).toBe(201);
    const declaration = res.json<WeatherDeclaration>();
    expect(declaration.taskSlotIds).toHaveLength(2);
    expect(code(await call(manager, 'POST', '/weather', { id: newId(), kind: 'rainstorm' }))).toBe('WEATHER_ALREADY_DECLARED');
    const day = '2026-12-02';
    const mine = (await call(cleanerCookie, 'GET', `/rounds/day?date=${day}`)).json<RoundDay>().slots.filter((s) => s.weatherId);
    expect(mine).toEqual([
      expect.objectContaining({ itemId: 'CLEAN-3', postKind: 'CLEAN', proof: 'tap', dueAt: at('14:00', day), graceEndsAt: at('14:20', day) }),
    ]);
    const techTask = (await call(techCookie, 'GET', `/rounds/day?date=${day}`)).json<RoundDay>().slots.find((s) => s.weatherId)!;
    expect(techTask.itemId).toBe('TECH-4');
    // The cleaner cannot confirm the technician's task; their own one is met.
    expect(code(await call(cleanerCookie, 'POST', `/round-slots/${techTask.id}/confirm`, {}))).toBe('SLOT_NOT_YOUR_POST');
    t.clock.set(at('14:05', day));
    const confirmed = await call(cleanerCookie, 'POST', `/round-slots/${mine[0]!.id}/confirm`, {});
    expect(confirmed.json<RoundSlot>()).toMatchObject({ status: 'met', provedById: cleaner.id });
    // Only the weather tasks count here: the washroom slots of the day are missed meanwhile.
    const weatherAlerts = async () => (await alertsOf(supervisor.id)).filter((a) => a.title.includes('天'));
    t.clock.set(at('14:19', day));
    await runTimers();
    expect(await weatherAlerts()).toHaveLength(0);
    t.clock.set(at('14:20', day));
    await runTimers();
    const alerts = await weatherAlerts();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.title).toBe('漏检:接到异常天气信息,对设备进行安全隐患排除');
    // Confirming after the window keeps the proof as late.
    t.clock.set(at('14:30', day));
    expect((await call(techCookie, 'POST', `/round-slots/${techTask.id}/confirm`, {})).json<RoundSlot>().status).toBe('late');
    const ended = await call(manager, 'POST', `/weather/${declaration.id}/end`);
    expect(ended.json<WeatherDeclaration>().endedAt).toBe(at('14:30', day));
    expect(code(await call(manager, 'POST', `/weather/${declaration.id}/end`))).toBe('WEATHER_ALREADY_ENDED');
  });

  it('a tap round cannot be confirmed before it is due, nor a scan round by tapping', async () => {
    const snacks = (
      await call(manager, 'POST', '/round-schedules', {
        id: newId(),
        postKind: 'CLEAN',
        itemId: null,
        labelZh: '11:00 点心',
        labelEn: 'Snacks at 11:00',
        recurrence: { kind: 'times', times: ['16:00'] },
        graceMinutes: 15,
        proof: 'tap',
      })
    ).json<RoundSchedule>();
    const slots = (await call(cleanerCookie, 'GET', '/rounds/day?date=2026-12-02')).json<RoundDay>().slots;
    const snack = slots.find((s) => s.scheduleId === snacks.id)!;
    expect(code(await call(cleanerCookie, 'POST', `/round-slots/${snack.id}/confirm`, {}))).toBe('SLOT_NOT_DUE');
    const scanSlot = slots.find((s) => s.scheduleId === washroom.id && s.status === 'pending')!;
    expect(code(await call(cleanerCookie, 'POST', `/round-slots/${scanSlot.id}/confirm`, {}))).toBe('SLOT_NEEDS_SCAN');
    // Stopping the schedule drops its upcoming slots only.
    expect((await call(manager, 'DELETE', `/round-schedules/${snacks.id}`)).statusCode).toBe(204);
    expect((await call(cleanerCookie, 'GET', '/rounds/day?date=2026-12-02')).json<RoundDay>().slots.some((s) => s.scheduleId === snacks.id)).toBe(
      false,
    );
  });

  it('the weather webhook refuses a wrong token with 401 and keeps the attempt in the audit log', async () => {
    const url = `/api/public/weather-webhook/${site.siteId}`;
    const body = { action: 'declare', kind: 'wind', note: '大风黄色预警' };
    const notConfigured = await t.app.inject({ method: 'POST', url, headers: { authorization: 'Bearer whatever' }, payload: body });
    expect(notConfigured.statusCode).toBe(401);
    const { token } = (await call(manager, 'POST', '/weather/webhook/rotate')).json<RotatedWebhookToken>();
    const wrong = await t.app.inject({
      method: 'POST',
      url,
      headers: { authorization: `Bearer ${token.slice(0, -1)}${token.endsWith('x') ? 'y' : 'x'}` },
      payload: body,
    });
    expect(wrong.statusCode).toBe(401);
    expect(code(wrong)).toBe('WEBHOOK_TOKEN_INVALID');
    expect((await t.app.inject({ method: 'POST', url, payload: body })).statusCode).toBe(401);
    const refused = await t.testDb.database.db
      .selectFrom('audit_log')
      .select(['detail'])
      .where('site_id', '=', site.siteId)
      .where('action', '=', 'weather.webhook_refused')
      .execute();
    expect(refused.map((r) => (JSON.parse(r.detail) as { reason: string }).reason)).toEqual(['not_configured', 'wrong_token', 'missing_token']);
    expect((await t.testDb.database.db.selectFrom('weather_declarations').select('id').where('kind', '=', 'wind').execute()).length).toBe(0);

    const ok = await t.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}` }, payload: body });
    expect(ok.statusCode).toBe(200);
    const declared = ok.json<{ declaration: WeatherDeclaration }>().declaration;
    expect(declared).toMatchObject({ kind: 'wind', source: 'webhook', endedAt: null });
    expect(declared.taskSlotIds).toHaveLength(2);
    // The same alert sent twice is one declaration.
    const again = await t.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}` }, payload: body });
    expect(again.json<{ declaration: WeatherDeclaration }>().declaration.id).toBe(declared.id);
    const ended = await t.app.inject({
      method: 'POST',
      url,
      headers: { authorization: `Bearer ${token}` },
      payload: { action: 'end', kind: 'wind' },
    });
    expect(ended.json<{ declaration: WeatherDeclaration }>().declaration.endedAt).not.toBeNull();
    expect((await call(manager, 'GET', '/weather/webhook')).json()).toMatchObject({ configured: true, tokenHint: token.slice(-4) });
    // A script trying tokens is slowed down before it floods the audit log.
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++)
      statuses.push((await t.app.inject({ method: 'POST', url, headers: { authorization: 'Bearer nope' }, payload: body })).statusCode);
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    const limited = await t.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}` }, payload: body });
    expect([limited.statusCode, code(limited)]).toEqual([429, 'PUBLIC_RATE_LIMITED']);
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(limited.json<{ error: { params: { retryAfterSeconds: number } } }>().error.params.retryAfterSeconds).toBe(retryAfter);
    // Refused before the token is even looked at: the audit log stops growing.
    const refusedRows = async () =>
      (
        await t.testDb.database.db
          .selectFrom('audit_log')
          .select('id')
          .where('site_id', '=', site.siteId)
          .where('action', '=', 'weather.webhook_refused')
          .execute()
      ).length;
    const logged = await refusedRows();
    expect((await t.app.inject({ method: 'POST', url, headers: { authorization: 'Bearer nope' }, payload: body })).statusCode).toBe(429);
    expect(await refusedRows()).toBe(logged);
    // Another sender is not held back, and the same one is served again once the wait is over.
    const elsewhere = await t.app.inject({
      method: 'POST',
      url,
      remoteAddress: '10.20.30.40',
      headers: { authorization: 'Bearer nope' },
      payload: body,
    });
    expect([elsewhere.statusCode, code(elsewhere)]).toEqual([401, 'WEBHOOK_TOKEN_INVALID']);
    t.clock.advance(retryAfter * 1000);
    expect((await t.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}` }, payload: body })).statusCode).toBe(200);
  });

  it('a task confirmed stays with whoever confirmed it: a colleague after them is refused, their own retry is not', async () => {
    await logInAll();
    const db = t.testDb.database.db;
    const cleanPost = await db
      .selectFrom('posts')
      .select('id')
      .where('site_id', '=', site.siteId)
      .where('kind', '=', 'CLEAN')
      .executeTakeFirstOrThrow();
    const colleague = await loginAs(t.app, (await createPerson(db, site, 'staff', { postIds: [cleanPost.id] })).login);
    const supervisorCookie = await loginAs(t.app, supervisor.login);
    const now = t.clock.now();
    const localNow = new Date(now + 8 * 3_600_000).toISOString().slice(11, 16);
    const today = new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);
    const schedule = (
      await call(manager, 'POST', '/round-schedules', {
        id: newId(),
        postKind: 'CLEAN',
        itemId: null,
        labelZh: '补充洗手液',
        labelEn: 'Refill the soap',
        recurrence: { kind: 'times', times: [localNow] },
        graceMinutes: 15,
        proof: 'tap',
      })
    ).json<RoundSchedule>();
    const slot = (await call(cleanerCookie, 'GET', `/rounds/day?date=${today}`)).json<RoundDay>().slots.find((x) => x.scheduleId === schedule.id)!;
    const confirmed = (await call(cleanerCookie, 'POST', `/round-slots/${slot.id}/confirm`, {})).json<RoundSlot>();
    expect(confirmed).toMatchObject({ status: 'met', provedById: cleaner.id, provedAt: now });

    t.clock.advance(60_000);
    for (const someoneElse of [colleague, supervisorCookie]) {
      const refused = await call(someoneElse, 'POST', `/round-slots/${slot.id}/confirm`, {});
      expect([refused.statusCode, code(refused)]).toEqual([409, 'SLOT_ALREADY_DECIDED']);
      expect(refused.json<{ error: { params: { status: string } } }>().error.params.status).toBe('met');
    }
    // The cleaner's phone resending its tap gets the same answer, not a second proof.
    const retried = await call(cleanerCookie, 'POST', `/round-slots/${slot.id}/confirm`, {});
    expect(retried.statusCode).toBe(200);
    expect(retried.json<RoundSlot>()).toMatchObject({ status: 'met', provedById: cleaner.id, provedAt: now });
    const stored = await db
      .selectFrom('round_slots')
      .select(['status', 'proved_by', 'proved_at'])
      .where('id', '=', slot.id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ status: 'met', proved_by: cleaner.id, proved_at: now });
  });
  it('a confirmation sent later from the phone keeps its tap time: met when tapped inside the window, even after the slot was called missed; stored once', async () => {
    await logInAll();
    const db = t.testDb.database.db;
    const due = t.clock.now();
    const localDue = new Date(due + 8 * 3_600_000).toISOString().slice(11, 16);
    const today = new Date(due + 8 * 3_600_000).toISOString().slice(0, 10);
    const schedule = (
      await call(manager, 'POST', '/round-schedules', {
        id: newId(),
        postKind: 'CLEAN',
        itemId: null,
        labelZh: '补充纸巾',
        labelEn: 'Refill the tissues',
        recurrence: { kind: 'times', times: [localDue] },
        graceMinutes: 15,
        proof: 'tap',
      })
    ).json<RoundSchedule>();
    const slot = (await call(cleanerCookie, 'GET', `/rounds/day?date=${today}`)).json<RoundDay>().slots.find((x) => x.scheduleId === schedule.id)!;
    const tapped = slot.dueAt + 5 * 60_000;
    // No signal: the answer comes 40 minutes later, after the window closed and the slot was called missed.
    t.clock.advance(40 * 60_000);
    await runTimers();
    await logInAll();
    expect((await call(cleanerCookie, 'GET', `/rounds/day?date=${today}`)).json<RoundDay>().slots.find((x) => x.id === slot.id)?.status).toBe(
      'missed',
    );
    // A tap before the slot was due, or a clock ahead of the server's, is refused.
    const early = await call(cleanerCookie, 'POST', `/round-slots/${slot.id}/confirm`, { at: slot.dueAt - 60_000 });
    expect(code(early)).toBe('SLOT_NOT_DUE');
    const ahead = await call(cleanerCookie, 'POST', `/round-slots/${slot.id}/confirm`, { at: t.clock.now() + 10 * 60_000 });
    expect([ahead.statusCode, code(ahead)]).toEqual([400, 'CLOCK_TIME_INVALID']);

    const first = await call(cleanerCookie, 'POST', `/round-slots/${slot.id}/confirm`, { at: tapped });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json<RoundSlot>()).toMatchObject({ status: 'met', provedById: cleaner.id, provedAt: tapped });
    // Sent twice (the answer was lost): the same answer, stored once.
    t.clock.advance(60_000);
    const again = await call(cleanerCookie, 'POST', `/round-slots/${slot.id}/confirm`, { at: tapped });
    expect(again.statusCode).toBe(200);
    expect(again.json<RoundSlot>()).toMatchObject({ status: 'met', provedAt: tapped });
    const audits = await db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'round.slot_confirm')
      .where('entity_id', '=', slot.id)
      .execute();
    expect(audits).toHaveLength(1);
    const stored = await db.selectFrom('round_slots').select(['status', 'proved_at']).where('id', '=', slot.id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ status: 'met', proved_at: tapped });

    // Tapped after the window: late, at the tap's time.
    const lateSchedule = (
      await call(manager, 'POST', '/round-schedules', {
        id: newId(),
        postKind: 'CLEAN',
        itemId: null,
        labelZh: '补充香氛',
        labelEn: 'Refill the scent',
        recurrence: { kind: 'times', times: [new Date(t.clock.now() + 8 * 3_600_000).toISOString().slice(11, 16)] },
        graceMinutes: 5,
        proof: 'tap',
      })
    ).json<RoundSchedule>();
    const lateSlot = (await call(cleanerCookie, 'GET', `/rounds/day?date=${today}`))
      .json<RoundDay>()
      .slots.find((x) => x.scheduleId === lateSchedule.id)!;
    t.clock.advance(20 * 60_000);
    const lateTap = lateSlot.graceEndsAt + 60_000;
    const late = await call(cleanerCookie, 'POST', `/round-slots/${lateSlot.id}/confirm`, { at: lateTap });
    expect(late.json<RoundSlot>()).toMatchObject({ status: 'late', provedAt: lateTap });
  });
});
