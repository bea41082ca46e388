import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Checkpoint, PageOf, PatrolRound, PatrolRoute, PatrolSchedule, PublicCheckpoint, ScanResult } from '@anchang/contracts';
import { newId } from '../../platform/ids.js';
import { buildTestApp, type TestApp } from '../../test/build-test-app.js';
import { createCompanyWithSite, createPerson, loginAs, type TestSite } from '../../test/factories.js';

/** Site-local (Asia/Shanghai, UTC+8) wall time on 2026-12-01. */
const at = (hhmm: string, day = 1) => Date.parse(`2026-12-${String(day).padStart(2, '0')}T${hhmm}:00+08:00`);

describe(`checkpoints and patrols (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestApp;
  let site: TestSite;
  let base: string;
  let manager: string;
  let guard: string;
  let guardId: string;
  let supervisorId: string;
  let managerId: string;
  let otherSiteCode: string;
  let otherSiteCheckpointId: string;
  let otherManagerLogin: string;
  let otherSiteId: string;
  const cp: Record<string, Checkpoint> = {};
  let route: PatrolRoute;
  let hourlyScheduleId: string;

  beforeAll(async () => {
    t = await buildTestApp();
    t.clock.set(at('10:20'));
    const db = t.testDb.database.db;
    site = await createCompanyWithSite(db);
    base = `/api/sites/${site.siteId}`;
    const securityPost = newId();
    await db
      .insertInto('posts')
      .values({ id: securityPost, site_id: site.siteId, kind: 'SECURITY', name: '安全岗', zone_id: null, created_at: 0, updated_at: 0 })
      .execute();
    const m = await createPerson(db, site, 'site_manager');
    managerId = m.id;
    manager = await loginAs(t.app, m.login);
    supervisorId = (await createPerson(db, site, 'supervisor')).id;
    const g = await createPerson(db, site, 'staff', { postIds: [securityPost] });
    guardId = g.id;
    guard = await loginAs(t.app, g.login);

    // Another company's site with its own checkpoint.
    const other = await createCompanyWithSite(db);
    otherSiteId = other.siteId;
    otherManagerLogin = (await createPerson(db, other, 'site_manager')).login;
    const otherManager = await loginAs(t.app, otherManagerLogin);
    const elsewhere = (
      await t.app.inject({
        method: 'POST',
        url: `/api/sites/${other.siteId}/checkpoints`,
        headers: { cookie: otherManager },
        payload: { id: newId(), zoneId: other.zoneId, nameZh: '别处', nameEn: 'Elsewhere' },
      })
    ).json<Checkpoint>();
    otherSiteCode = elsewhere.code;
    otherSiteCheckpointId = elsewhere.id;

    // A and B hang 40 m apart; C and D have no coordinates.
    const specs = [
      { key: 'A', nameZh: '东门', nameEn: 'East gate', lat: 31.2, lng: 121.5 },
      { key: 'B', nameZh: '停车场', nameEn: 'Car park', lat: 31.20036, lng: 121.5 },
      { key: 'C', nameZh: '样板房', nameEn: 'Model room' },
      { key: 'D', nameZh: '办公室', nameEn: 'Office' },
    ];
    for (const { key, ...body } of specs) {
      const res = await call(manager, 'POST', '/checkpoints', { id: newId(), zoneId: site.zoneId, ...body });
      expect(res.statusCode).toBe(201);
      cp[key] = res.json<Checkpoint>();
    }
    route = (
      await call(manager, 'POST', '/patrol-routes', {
        id: newId(),
        nameZh: '外围巡视',
        nameEn: 'Perimeter patrol',
        stops: [
          { checkpointId: cp.A!.id, plannedMinute: 0 },
          { checkpointId: cp.B!.id, plannedMinute: 10 },
          { checkpointId: cp.C!.id, plannedMinute: 20 },
        ],
      })
    ).json<PatrolRoute>();
    const schedule = await call(manager, 'POST', '/patrol-schedules', {
      id: newId(),
      routeId: route.id,
      kind: 'every',
      everyMinutes: 60,
      graceMinutes: 15,
    });
    expect(schedule.statusCode).toBe(201);
    expect(schedule.json<PatrolSchedule>()).toMatchObject({ postKind: 'SECURITY', kind: 'every', everyMinutes: 60 });
    hourlyScheduleId = schedule.json<PatrolSchedule>().id;
  });
  afterAll(() => t.close());

  const call = (cookie: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    t.app.inject({ method, url: `${base}${url}`, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });
  const scan = (cookie: string, code: string, extra: object = {}) =>
    t.app.inject({ method: 'POST', url: '/api/scans', headers: { cookie }, payload: { id: newId(), code, ...extra } });
  const code = (res: { json: <T>() => T }) => res.json<{ error: { code: string } }>().error.code;
  const rounds = async () => (await call(manager, 'GET', '/patrol-rounds?date=2026-12-01')).json<PageOf<PatrolRound>>().items;
  const alertsTo = (personId: string) =>
    t.testDb.database.db.selectFrom('notifications').selectAll().where('site_id', '=', site.siteId).where('to_person_id', '=', personId).execute();

  it('plans the rest of the day once: hourly within opening hours, rounds not yet closed', async () => {
    const today = await rounds();
    // 09:30 closed at 10:05; 10:30 … 17:30 remain.
    expect(today.map((r) => new Date(r.slotStart).toISOString())).toEqual(
      ['10:30', '11:30', '12:30', '13:30', '14:30', '15:30', '16:30', '17:30'].map((h) => new Date(at(h)).toISOString()),
    );
    expect(today[0]).toMatchObject({
      status: 'upcoming',
      closesAt: at('11:05'),
      checks: [{ plannedAt: at('10:30') }, { plannedAt: at('10:40') }, { plannedAt: at('10:50') }],
    });
  });

  it('proves checkpoints in order, flags a replayed code and a place reached too fast, and alerts the supervisor only at close + grace', async () => {
    t.clock.set(at('10:28'));
    const first = await scan(guard, cp.A!.code, { lat: 31.2, lng: 121.5, accuracyM: 8 });
    expect(first.statusCode).toBe(201);
    expect(first.json<ScanResult>()).toMatchObject({ flags: [], patrol: { position: 1, total: 3, isLate: false, routeNameZh: '外围巡视' } });

    t.clock.set(at('10:29'));
    const replay = (await scan(guard, cp.A!.code)).json<ScanResult>();
    expect(replay.flags).toEqual(['repeat']);
    expect(replay.patrol).toBeNull();

    // C is 20 planned minutes after A; two minutes later is not a walk. And B was skipped.
    t.clock.set(at('10:31'));
    const skipped = (await scan(guard, cp.C!.code)).json<ScanResult>();
    expect(skipped.flags).toEqual(['too_fast', 'out_of_order']);
    expect(skipped.patrol).toMatchObject({ position: 3, isLate: false });

    let round = (await rounds())[0]!;
    expect(round).toMatchObject({ status: 'in_progress', walkerId: guardId });
    expect(round.checks.map((c) => c.flags)).toEqual([[], [], ['too_fast', 'out_of_order']]);
    expect(round.checks[0]).toMatchObject({ lat: 31.2, lng: 121.5 });

    // B is never reached. A second before close + grace: nothing yet.
    t.clock.set(at('11:05') - 1000);
    await t.app.services.timers.runDue();
    expect((await rounds())[0]!.status).toBe('in_progress');
    expect(await alertsTo(supervisorId)).toHaveLength(0);

    t.clock.set(at('11:05'));
    await t.app.services.timers.runDue();
    round = (await rounds())[0]!;
    expect(round.status).toBe('missed');
    const alerts = await alertsTo(supervisorId);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.title).toContain('外围巡视 10:30');
    expect(alerts[0]!.body).toContain('停车场');
    expect(await alertsTo(managerId)).toHaveLength(1);
    expect(await alertsTo(guardId)).toHaveLength(0);
  });

  it('judges a round walked at pace as done, one walked late as done late (with an alert), and asks the equipment state', async () => {
    const walk = async (times: string[]) => {
      for (const [i, key] of ['A', 'B', 'C'].entries()) {
        t.clock.set(at(times[i]!));
        expect((await scan(guard, cp[key]!.code)).statusCode).toBe(201);
      }
    };
    await walk(['11:30', '11:40', '11:51']);
    let round = (await rounds())[1]!;
    expect(round.status).toBe('done');
    expect(round.checks.every((c) => c.flags.length === 0)).toBe(true);

    // SECURITY-4: an abnormal state raises an equipment anomaly for the supervisors.
    expect(code(await call(guard, 'PUT', `/patrol-rounds/${round.id}/checks/2/equipment`, { state: 'abnormal' }))).toBe('NOTE_REQUIRED');
    const eq = await call(guard, 'PUT', `/patrol-rounds/${round.id}/checks/2/equipment`, { state: 'abnormal', note: '道闸抬杆失灵' });
    expect(eq.statusCode).toBe(200);
    expect(eq.json<PatrolRound>().checks[1]).toMatchObject({ equipmentState: 'abnormal', equipmentNote: '道闸抬杆失灵' });
    const anomaly = await t.testDb.database.db
      .selectFrom('anomalies')
      .selectAll()
      .where('id', '=', eq.json<PatrolRound>().checks[1]!.anomalyId!)
      .executeTakeFirstOrThrow();
    expect(anomaly).toMatchObject({ category: 'equipment', needs_repair: 1, note: '道闸抬杆失灵' });
    expect(code(await call(manager, 'PUT', `/patrol-rounds/${round.id}/checks/1/equipment`, { state: 'ok' }))).toBe('PATROL_NOT_YOUR_ROUND');

    await walk(['12:30', '12:40', '12:58']);
    round = (await rounds())[2]!;
    expect(round.status).toBe('done_late');
    expect(round.checks.map((c) => c.isLate)).toEqual([false, false, true]);
    t.clock.set(at('13:05'));
    await t.app.services.timers.runDue();
    expect((await alertsTo(supervisorId)).map((a) => a.title)).toEqual([expect.stringContaining('10:30'), expect.stringContaining('巡视迟到')]);
  });

  it("refuses another site's code, a revoked code, an unknown code and a checkpoint nothing schedules, and audits each", async () => {
    t.clock.set(at('13:10'));
    const refusedBefore = await t.testDb.database.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'checkpoint.scan_refused')
      .where('actor_id', '=', guardId)
      .execute();
    const other = await scan(guard, otherSiteCode);
    expect([other.statusCode, code(other)]).toEqual([404, 'CODE_OTHER_SITE']);
    expect(JSON.stringify(other.json())).not.toContain('别处');

    const unknown = await scan(guard, 'AAAAAAAAAAAAAAAAAAAAAAAA');
    expect([unknown.statusCode, code(unknown)]).toEqual([404, 'CODE_UNKNOWN']);

    const outside = await scan(guard, cp.D!.code);
    expect([outside.statusCode, code(outside)]).toEqual([409, 'SCAN_OUTSIDE_SCHEDULE']);

    const oldCode = cp.B!.code;
    const reissued = (await call(manager, 'POST', `/checkpoints/${cp.B!.id}/reissue`)).json<Checkpoint>();
    expect(reissued.code).not.toBe(oldCode);
    expect(reissued.code.length).toBeGreaterThanOrEqual(22);
    const revoked = await scan(guard, oldCode);
    expect([revoked.statusCode, code(revoked)]).toEqual([410, 'CODE_REVOKED']);
    expect((await scan(guard, reissued.code)).statusCode).toBe(201);

    await call(manager, 'POST', `/checkpoints/${cp.C!.id}/revoke`);
    expect(code(await scan(guard, cp.C!.code))).toBe('CODE_REVOKED');

    const refused = await t.testDb.database.db
      .selectFrom('audit_log')
      .select(['detail', 'site_id'])
      .where('action', '=', 'checkpoint.scan_refused')
      .where('actor_id', '=', guardId)
      .orderBy('at')
      .orderBy('id')
      .execute();
    expect(refused.length - refusedBefore.length).toBe(5);
    expect(refused.slice(-5).map((r) => (JSON.parse(r.detail) as { reason: string }).reason)).toEqual([
      'CODE_OTHER_SITE',
      'CODE_UNKNOWN',
      'SCAN_OUTSIDE_SCHEDULE',
      'CODE_REVOKED',
      'CODE_REVOKED',
    ]);
    // Another site's refusal is kept without naming that site.
    expect(refused.at(-5)!.site_id).toBeNull();
  });

  it('shows the public page names only, without a session, and never when the patrol passed', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/public/checkpoints/${cp.A!.code}` });
    expect(res.statusCode).toBe(200);
    expect(res.json<PublicCheckpoint>()).toEqual({
      siteName: expect.any(String) as string,
      siteTimeZone: 'Asia/Shanghai',
      zoneName: '销售大厅',
      nameZh: '东门',
      nameEn: 'East gate',
      isCleaningPoint: false,
      lastCleanedAt: null,
    });
    expect((await t.app.inject({ method: 'GET', url: `/api/public/checkpoints/${cp.C!.code}` })).statusCode).toBe(410);
    expect((await t.app.inject({ method: 'GET', url: '/api/public/checkpoints/AAAAAAAAAAAAAAAAAAAAAAAA' })).statusCode).toBe(404);
  });

  it('keeps checkpoint management to managers and supervisors', async () => {
    expect((await call(guard, 'GET', '/checkpoints')).statusCode).toBe(403);
    expect((await call(guard, 'POST', '/checkpoints', { id: newId(), zoneId: site.zoneId, nameZh: 'x', nameEn: 'x' })).statusCode).toBe(403);
    expect(code(await call(manager, 'DELETE', `/checkpoints/${cp.A!.id}`))).toBe('CHECKPOINT_IN_USE');
    expect((await call(guard, 'GET', '/patrol-rounds/mine?date=2026-12-01')).json<PageOf<PatrolRound>>().items).toHaveLength(8);
  });

  it('does not let a repeated code prove a second open round', async () => {
    const gate = (
      await call(manager, 'POST', '/patrol-routes', {
        id: newId(),
        nameZh: '门岗',
        nameEn: 'Gate',
        stops: [{ checkpointId: cp.A!.id, plannedMinute: 0 }],
      })
    ).json<PatrolRoute>();
    const twice = (
      await call(manager, 'POST', '/patrol-schedules', { id: newId(), routeId: gate.id, kind: 'fixed', times: ['14:00', '14:05'], graceMinutes: 15 })
    ).json<PatrolSchedule>();
    t.clock.set(at('14:06'));
    expect((await scan(guard, cp.A!.code)).json<ScanResult>().patrol).toMatchObject({ slotStart: at('14:00') });
    t.clock.set(at('14:07'));
    const again = (await scan(guard, cp.A!.code)).json<ScanResult>();
    expect([again.flags, again.patrol]).toEqual([['repeat'], null]);
    t.clock.set(at('14:09'));
    expect((await scan(guard, cp.A!.code)).json<ScanResult>().patrol).toMatchObject({ slotStart: at('14:05') });
    expect((await call(manager, 'DELETE', `/patrol-schedules/${twice.id}`)).statusCode).toBe(204);
  });

  it('plans the next day at local midnight, once, however often the timers run', async () => {
    t.clock.set(at('00:00', 2));
    await t.app.services.timers.runDue();
    await t.app.services.timers.runDue();
    const next = (await call(manager, 'GET', '/patrol-rounds?date=2026-12-02')).json<PageOf<PatrolRound>>().items;
    // 08:30 … 17:30: ten hourly rounds.
    expect(next).toHaveLength(10);
    expect(new Set(next.map((r) => r.slotStart)).size).toBe(10);
    const timers = await t.testDb.database.db.selectFrom('timers').select('id').where('id', 'like', `patrol-plan:${hourlyScheduleId}:%`).execute();
    expect(timers.map((x) => x.id.slice(-10)).sort()).toEqual(['2026-12-02', '2026-12-03']);
  });

  it('refuses route edits that cannot stand (unknown or foreign checkpoints, a stop twice, minutes going back) and changes nothing', async () => {
    const refusal = (res: { statusCode: number; json: <T>() => T }) => [res.statusCode, code(res)];
    const routeIds = async () => (await call(manager, 'GET', '/patrol-routes?limit=200')).json<PageOf<PatrolRoute>>().items.map((r) => r.id);
    const before = await routeIds();
    const create = (stops: { checkpointId: string; plannedMinute: number }[], id = newId()) =>
      call(manager, 'POST', '/patrol-routes', { id, nameZh: '西侧巡视', nameEn: 'West patrol', stops });
    expect(refusal(await create([{ checkpointId: otherSiteCheckpointId, plannedMinute: 0 }]))).toEqual([404, 'CHECKPOINT_NOT_FOUND']);
    expect(refusal(await create([{ checkpointId: newId(), plannedMinute: 0 }]))).toEqual([404, 'CHECKPOINT_NOT_FOUND']);
    const twice = [
      { checkpointId: cp.A!.id, plannedMinute: 0 },
      { checkpointId: cp.A!.id, plannedMinute: 5 },
    ];
    expect(refusal(await create(twice))).toEqual([400, 'VALIDATION_FAILED']);
    const backwards = [
      { checkpointId: cp.A!.id, plannedMinute: 10 },
      { checkpointId: cp.B!.id, plannedMinute: 5 },
    ];
    expect(refusal(await create(backwards))).toEqual([400, 'VALIDATION_FAILED']);
    // An id another site already used is not taken over.
    const foreignId = newId();
    const foreign = await t.app.inject({
      method: 'POST',
      url: `/api/sites/${otherSiteId}/patrol-routes`,
      headers: { cookie: await loginAs(t.app, otherManagerLogin) },
      payload: { id: foreignId, nameZh: '别处巡视', nameEn: 'Elsewhere', stops: [{ checkpointId: otherSiteCheckpointId, plannedMinute: 0 }] },
    });
    expect(foreign.statusCode).toBe(201);
    expect(refusal(await create([{ checkpointId: cp.A!.id, plannedMinute: 0 }], foreignId))).toEqual([409, 'ID_CONFLICT']);
    expect(await routeIds()).toEqual(before);

    // Editing: the same refusals, and the route keeps its stops; a guard may not plan at all.
    const stopsOf = async (id: string) =>
      (await call(manager, 'GET', '/patrol-routes?limit=200'))
        .json<PageOf<PatrolRoute>>()
        .items.find((r) => r.id === id)!
        .stops.map((x) => x.checkpointId);
    const kept = await stopsOf(route.id);
    expect(refusal(await call(manager, 'PATCH', `/patrol-routes/${route.id}`, { stops: twice }))).toEqual([400, 'VALIDATION_FAILED']);
    expect(refusal(await call(manager, 'PATCH', `/patrol-routes/${route.id}`, { stops: backwards }))).toEqual([400, 'VALIDATION_FAILED']);
    expect(
      refusal(await call(manager, 'PATCH', `/patrol-routes/${route.id}`, { stops: [{ checkpointId: otherSiteCheckpointId, plannedMinute: 0 }] })),
    ).toEqual([404, 'CHECKPOINT_NOT_FOUND']);
    expect(refusal(await call(guard, 'PATCH', `/patrol-routes/${route.id}`, { nameZh: '改名' }))).toEqual([403, 'FORBIDDEN']);
    expect(refusal(await call(guard, 'DELETE', `/patrol-routes/${route.id}`))).toEqual([403, 'FORBIDDEN']);
    expect(await stopsOf(route.id)).toEqual(kept);
    expect(refusal(await call(manager, 'PATCH', `/patrol-routes/${newId()}`, { nameZh: '改名' }))).toEqual([404, 'PATROL_ROUTE_NOT_FOUND']);
  });

  it('refuses schedules that say two things or none, and edits of an archived route or a stopped schedule', async () => {
    const refusal = (res: { statusCode: number; json: <T>() => T }) => [res.statusCode, code(res)];
    const spare = (
      await call(manager, 'POST', '/patrol-routes', {
        id: newId(),
        nameZh: '临时巡视',
        nameEn: 'Spare patrol',
        stops: [{ checkpointId: cp.D!.id, plannedMinute: 0 }],
      })
    ).json<PatrolRoute>();
    const schedule = (body: object) => call(manager, 'POST', '/patrol-schedules', { id: newId(), routeId: spare.id, ...body });
    expect(refusal(await schedule({ kind: 'every', everyMinutes: 60, times: ['09:00'] }))).toEqual([400, 'PATROL_SCHEDULE_INVALID']);
    expect(refusal(await schedule({ kind: 'every' }))).toEqual([400, 'PATROL_SCHEDULE_INVALID']);
    expect(refusal(await schedule({ kind: 'fixed', everyMinutes: 60 }))).toEqual([400, 'PATROL_SCHEDULE_INVALID']);
    expect(refusal(await call(manager, 'POST', '/patrol-schedules', { id: newId(), routeId: newId(), kind: 'fixed', times: ['09:00'] }))).toEqual([
      404,
      'PATROL_ROUTE_NOT_FOUND',
    ]);
    const fixed = await schedule({ kind: 'fixed', times: ['09:00', '21:00'] });
    expect(fixed.statusCode).toBe(201);
    const scheduleId = fixed.json<PatrolSchedule>().id;

    // Archiving the route stops its schedule; neither can be edited afterwards.
    expect((await call(manager, 'DELETE', `/patrol-routes/${spare.id}`)).statusCode).toBe(204);
    const live = (await call(manager, 'GET', '/patrol-schedules?limit=200')).json<PageOf<PatrolSchedule>>().items.map((x) => x.id);
    expect(live).not.toContain(scheduleId);
    const stored = await t.testDb.database.db.selectFrom('patrol_schedules').select('active').where('id', '=', scheduleId).executeTakeFirstOrThrow();
    expect(stored.active).toBe(0);
    expect(refusal(await call(manager, 'DELETE', `/patrol-routes/${spare.id}`))).toEqual([404, 'PATROL_ROUTE_NOT_FOUND']);
    expect(refusal(await call(manager, 'PATCH', `/patrol-routes/${spare.id}`, { nameZh: '复活' }))).toEqual([404, 'PATROL_ROUTE_NOT_FOUND']);
    expect(refusal(await schedule({ kind: 'fixed', times: ['10:00'] }))).toEqual([404, 'PATROL_ROUTE_NOT_FOUND']);
    expect(refusal(await call(manager, 'DELETE', `/patrol-schedules/${scheduleId}`))).toEqual([404, 'PATROL_SCHEDULE_NOT_FOUND']);
    expect(refusal(await call(manager, 'DELETE', `/patrol-schedules/${newId()}`))).toEqual([404, 'PATROL_SCHEDULE_NOT_FOUND']);
    expect((await call(manager, 'GET', '/patrol-routes?limit=200')).json<PageOf<PatrolRoute>>().items.map((r) => r.id)).not.toContain(spare.id);
  });

  it('slows down one address reading public checkpoint pages, not the others, and only for a minute', async () => {
    const page = (remoteAddress: string) => t.app.inject({ method: 'GET', url: `/api/public/checkpoints/${cp.D!.code}`, remoteAddress });
    for (let i = 0; i < 60; i++) expect((await page('10.7.7.7')).statusCode).toBe(200);
    const limited = await page('10.7.7.7');
    expect([limited.statusCode, code(limited)]).toEqual([429, 'PUBLIC_RATE_LIMITED']);
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.json<{ error: { params: { retryAfterSeconds: number } } }>().error.params.retryAfterSeconds).toBe(retryAfter);
    expect(limited.json<{ error: unknown }>()).not.toHaveProperty('nameZh');
    expect((await page('10.8.8.8')).json<PublicCheckpoint>().nameZh).toBe('办公室');
    t.clock.advance(retryAfter * 1000);
    expect((await page('10.7.7.7')).statusCode).toBe(200);
  });
});
