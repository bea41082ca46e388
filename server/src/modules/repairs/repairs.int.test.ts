import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Asset, EquipmentCheck, Notification, PageOf, PublicAsset, WorkOrder, WorkOrderStats } from '@anchang/contracts';
import { newId } from '../../platform/ids.js';
import { buildTestApp, type TestApp } from '../../test/build-test-app.js';
import { createCompanyWithSite, createPerson, loginAs, type TestPerson, type TestSite } from '../../test/factories.js';
import { TINY_PNG } from '../../test/site-activity.js';
import { connectSocket } from '../../test/ws-client.js';

const MIN = 60_000;

describe(`equipment and repairs (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestApp;
  let site: TestSite;
  let base: string;
  let server: string;
  let manager: string;
  let supervisor: string;
  let tech: string;
  let staff: string;
  let people: Record<'manager' | 'supervisor' | 'tech' | 'staff', TestPerson>;
  let otherZoneId: string;

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.testDb.database.db;
    site = await createCompanyWithSite(db);
    base = `/api/sites/${site.siteId}`;
    const now = t.clock.now();
    const techPost = newId();
    await db
      .insertInto('posts')
      .values({ id: techPost, site_id: site.siteId, kind: 'TECH', name: '工程岗', zone_id: null, created_at: now, updated_at: now })
      .execute();
    otherZoneId = newId();
    await db
      .insertInto('zones')
      .values({ id: otherZoneId, site_id: site.siteId, kind: 'OFFICE', name: '办公区', capacity: null, created_at: now, updated_at: now })
      .execute();
    people = {
      manager: await createPerson(db, site, 'site_manager'),
      supervisor: await createPerson(db, site, 'supervisor'),
      tech: await createPerson(db, site, 'staff', { postIds: [techPost] }),
      staff: await createPerson(db, site, 'staff', { postIds: [site.postId] }),
    };
    manager = await loginAs(t.app, people.manager.login);
    supervisor = await loginAs(t.app, people.supervisor.login);
    tech = await loginAs(t.app, people.tech.login);
    staff = await loginAs(t.app, people.staff.login);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    server = `http://127.0.0.1:${(t.app.server.address() as net.AddressInfo).port}`;
  });
  afterAll(() => t.close());

  const call = (cookie: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    t.app.inject({ method, url: `${base}${url}`, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });
  const code = (res: { json: <T>() => T }) => res.json<{ error: { code: string } }>().error.code;
  const addAsset = async (zoneId = site.zoneId, nameZh = '大厅空调') => {
    const res = await call(manager, 'POST', '/assets', {
      id: newId(),
      zoneId,
      category: 'air_conditioning',
      nameZh,
      nameEn: 'Hall air conditioner',
      model: 'KFR-72',
      locationNote: '大厅东侧',
      installedOn: '2025-06-01',
    });
    expect(res.statusCode).toBe(201);
    return res.json<Asset>();
  };
  const publicReport = (assetCode: string, description = '空调不制冷', ip = '10.0.0.1') =>
    t.app.inject({ method: 'POST', url: `/api/public/assets/${assetCode}/reports`, remoteAddress: ip, payload: { id: newId(), description } });
  const workOrder = async (id: string) => (await call(manager, 'GET', `/work-orders/${id}`)).json<WorkOrder>();
  const noticesOf = async (cookie: string) => (await call(cookie, 'GET', '/notifications?limit=200')).json<PageOf<Notification>>().items;
  const escalationNotices = async (cookie: string, description: string) =>
    (await noticesOf(cookie)).filter((n) => n.title.startsWith('报修超时') && n.body.startsWith(description));

  it('gives each asset an unguessable code whose public page shows the asset, and revokes and reissues it', async () => {
    const asset = await addAsset();
    expect(asset.code).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const other = await addAsset();
    expect(other.code).not.toBe(asset.code);
    const page = await t.app.inject({ method: 'GET', url: `/api/public/assets/${asset.code}` });
    expect(page.statusCode).toBe(200);
    expect(page.json<PublicAsset>()).toEqual({
      siteName: expect.any(String) as string,
      zoneName: '销售大厅',
      category: 'air_conditioning',
      nameZh: '大厅空调',
      nameEn: 'Hall air conditioner',
      locationNote: '大厅东侧',
    });
    // No internal ids and no people: nothing an outsider could use against the API.
    for (const internal of [asset.id, site.siteId, site.zoneId, people.manager.name]) expect(page.body).not.toContain(internal);
    expect(page.body).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    // A member of the site turns the code into the ids its pages need; nobody else does.
    const lookup = await t.app.inject({ method: 'GET', url: `/api/asset-codes/${asset.code}`, headers: { cookie: tech } });
    expect(lookup.json()).toEqual({ siteId: site.siteId, assetId: asset.id });
    expect((await t.app.inject({ method: 'GET', url: `/api/asset-codes/${asset.code}` })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: `/api/public/assets/${'x'.repeat(22)}` })).statusCode).toBe(404);

    const revoked = (await call(manager, 'POST', `/assets/${asset.id}/code`, { action: 'revoke' })).json<Asset>();
    expect(revoked.code).toBeNull();
    const gone = await t.app.inject({ method: 'GET', url: `/api/public/assets/${asset.code}` });
    expect([gone.statusCode, code(gone)]).toEqual([410, 'ASSET_CODE_REVOKED']);
    const reissued = (await call(manager, 'POST', `/assets/${asset.id}/code`, { action: 'reissue' })).json<Asset>();
    expect(reissued.code).not.toBe(asset.code);
    expect((await t.app.inject({ method: 'GET', url: `/api/public/assets/${reissued.code}` })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `/api/public/assets/${asset.code}` })).statusCode).toBe(404);
    // Staff read the ledger but do not keep it.
    expect((await call(staff, 'POST', `/assets/${asset.id}/code`, { action: 'revoke' })).statusCode).toBe(403);
  });

  it('escalates a repair nobody reached to the supervisor at exactly report + 5 min, then to the manager, once each', async () => {
    const asset = await addAsset();
    const techPhone = await connectSocket(server, tech);
    // Joined to the technician's own room before the report: a notice committed before the hello is the past,
    // which a phone reads over HTTP, not from the socket.
    await techPhone.waitFor((m) => m.type === 'hello');
    techPhone.send({ type: 'subscribe', siteId: site.siteId });
    await techPhone.waitFor((m) => m.type === 'subscribed');
    const reported = await publicReport(asset.code!, '出风口漏水');
    expect(reported.statusCode).toBe(201);
    const { workOrderId } = reported.json<{ workOrderId: string }>();
    // The technician hears of it at once: the live event and a stored notice.
    await techPhone.waitFor(
      (m) => m.type === 'event' && m.event.type === 'work_order.changed' && (m.event.payload as { workOrderId?: string }).workOrderId === workOrderId,
    );
    await techPhone.waitFor((m) => m.type === 'event' && m.event.type === 'notification.created');
    techPhone.close();
    expect((await noticesOf(tech)).some((n) => n.body.startsWith('出风口漏水'))).toBe(true);
    const wo = await workOrder(workOrderId);
    expect(wo).toMatchObject({ status: 'reported', source: 'public', reportedByName: null, escalationLevel: 0, slaBreached: false });
    expect(wo.arrivalDeadlineAt - wo.reportedAt).toBe(5 * MIN);

    t.clock.advance(5 * MIN - 1);
    await t.app.services.timers.runDue();
    expect((await workOrder(workOrderId)).escalationLevel).toBe(0);
    expect(await escalationNotices(supervisor, '出风口漏水')).toHaveLength(0);

    t.clock.advance(1);
    await t.app.services.timers.runDue();
    expect(await workOrder(workOrderId)).toMatchObject({ escalationLevel: 1, slaBreached: false });
    expect(await escalationNotices(supervisor, '出风口漏水')).toHaveLength(1);
    expect(await escalationNotices(manager, '出风口漏水')).toHaveLength(0);

    t.clock.advance(5 * MIN);
    await t.app.services.timers.runDue();
    t.clock.advance(30 * MIN);
    await t.app.services.timers.runDue();
    expect(await workOrder(workOrderId)).toMatchObject({ escalationLevel: 2, slaBreached: true });
    expect(await escalationNotices(supervisor, '出风口漏水')).toHaveLength(1);
    expect(await escalationNotices(manager, '出风口漏水')).toHaveLength(1);
    const breached = (await call(manager, 'GET', '/work-orders?breached=true')).json<PageOf<WorkOrder>>();
    expect(breached.items.map((w) => w.id)).toContain(workOrderId);
  });

  it('does not escalate when the technician arrives with the right code before the deadline', async () => {
    const asset = await addAsset();
    const created = await call(staff, 'POST', '/work-orders', { id: newId(), assetId: asset.id, description: '灯管闪烁' });
    expect(created.statusCode).toBe(201);
    const wo = created.json<WorkOrder>();
    expect(wo).toMatchObject({ source: 'staff', zoneId: site.zoneId, status: 'reported' });
    t.clock.advance(4 * MIN);
    const arrived = await call(tech, 'POST', `/work-orders/${wo.id}/arrive`, { code: asset.code, lat: 31.2, lng: 121.4 });
    expect(arrived.statusCode).toBe(200);
    expect(arrived.json<WorkOrder>()).toMatchObject({ status: 'arrived', technicianName: people.tech.name, acceptedAt: t.clock.now() });
    t.clock.advance(20 * MIN);
    await t.app.services.timers.runDue();
    expect(await workOrder(wo.id)).toMatchObject({ escalationLevel: 0, slaBreached: false });
    expect(await escalationNotices(supervisor, '灯管闪烁')).toHaveLength(0);
  });

  it('refuses another asset’s code as proof of arrival, with an audit row, and accepts a checkpoint of the zone', async () => {
    const asset = await addAsset();
    const elsewhere = await addAsset(otherZoneId, '办公区饮水机');
    const wo = (await call(staff, 'POST', '/work-orders', { id: newId(), assetId: asset.id, description: '遥控失灵' })).json<WorkOrder>();
    expect((await call(tech, 'POST', `/work-orders/${wo.id}/accept`)).statusCode).toBe(200);
    const wrong = await call(tech, 'POST', `/work-orders/${wo.id}/arrive`, { code: elsewhere.code });
    expect([wrong.statusCode, code(wrong)]).toEqual([400, 'WRONG_ASSET_CODE']);
    const audit = await t.testDb.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', wo.id)
      .where('action', '=', 'work_order.arrive_refused')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_id).toBe(people.tech.id);
    expect((await workOrder(wo.id)).status).toBe('accepted');

    const db = t.testDb.database.db;
    const checkpointCode = `cp${newId().replace(/-/g, '')}`;
    await db
      .insertInto('checkpoints')
      .values({
        id: newId(),
        site_id: site.siteId,
        zone_id: site.zoneId,
        name_zh: '大厅巡检点',
        name_en: 'Hall checkpoint',
        code: checkpointCode,
        lat: null,
        lng: null,
        revoked_at: null,
        created_at: t.clock.now(),
      })
      .execute();
    const arrived = await call(tech, 'POST', `/work-orders/${wo.id}/arrive`, { code: checkpointCode });
    expect(arrived.statusCode).toBe(200);
    expect(arrived.json<WorkOrder>().status).toBe('arrived');
  });

  it('limits public reports per address on the asset, with a larger cap per asset that one address cannot fill', async () => {
    const asset = await addAsset();
    for (let i = 0; i < 3; i++) expect((await publicReport(asset.code!, `第 ${i} 次报修`, '10.9.9.9')).statusCode).toBe(201);
    const limited = await publicReport(asset.code!, '又坏了', '10.9.9.9');
    expect([limited.statusCode, code(limited)]).toEqual([429, 'REPAIR_RATE_LIMITED']);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // One noisy address does not silence the next person in front of the asset.
    expect((await publicReport(asset.code!, '又坏了', '10.8.8.8')).statusCode).toBe(201);
    // Many addresses together reach the asset's own cap (20 in the window), and then nobody adds more.
    for (let i = 0; i < 16; i++) expect((await publicReport(asset.code!, `群报 ${i}`, `10.7.0.${i}`)).statusCode).toBe(201);
    const full = await publicReport(asset.code!, '还是坏的', '10.6.6.6');
    expect([full.statusCode, code(full)]).toEqual([429, 'REPAIR_RATE_LIMITED']);
    // Another asset is not affected.
    const another = await addAsset();
    expect((await publicReport(another.code!, '不出水', '10.6.6.6')).statusCode).toBe(201);
    t.clock.advance(10 * MIN);
    expect((await publicReport(asset.code!, '又坏了', '10.9.9.9')).statusCode).toBe(201);
  });

  it('limits how often one address reads asset pages, without holding up another address', async () => {
    const asset = await addAsset();
    const view = (ip: string) => t.app.inject({ method: 'GET', url: `/api/public/assets/${asset.code}`, remoteAddress: ip });
    for (let i = 0; i < 60; i++) expect((await view('10.5.5.5')).statusCode).toBe(200);
    const limited = await view('10.5.5.5');
    expect([limited.statusCode, code(limited)]).toEqual([429, 'PUBLIC_RATE_LIMITED']);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await view('10.5.5.6')).statusCode).toBe(200);
    t.clock.advance(10 * MIN);
    expect((await view('10.5.5.5')).statusCode).toBe(200);
  });

  it('walks a work order through every state, with pause and reopen, and refuses bad moves with 409', async () => {
    const asset = await addAsset();
    const wo = (await call(staff, 'POST', '/work-orders', { id: newId(), assetId: asset.id, description: '投影仪无信号' })).json<WorkOrder>();
    const act = (cookie: string, action: string, body?: unknown) => call(cookie, 'POST', `/work-orders/${wo.id}/${action}`, body);
    const bad = async (res: Awaited<ReturnType<typeof act>>) => expect([res.statusCode, code(res)]).toEqual([409, 'WORK_ORDER_STATE']);

    await bad(await act(tech, 'start'));
    await bad(await act(manager, 'verify'));
    expect((await act(tech, 'accept')).json<WorkOrder>().status).toBe('accepted');
    // The same tap resent (its answer lost) is answered with the order as it stands, not moved again.
    expect((await act(tech, 'accept')).json<WorkOrder>().status).toBe('accepted');
    // Another technician may not take over; the manager may.
    expect((await act(staff, 'start')).statusCode).toBe(403);
    t.clock.advance(2 * MIN);
    // Arrived without signal a minute ago, sent now from the outbox: the tap's time is kept, once.
    const tapped = t.clock.now() - MIN;
    const arrived = (await act(tech, 'arrive', { code: asset.code, at: tapped })).json<WorkOrder>();
    expect(arrived).toMatchObject({ status: 'arrived', arrivedAt: tapped });
    expect((await act(tech, 'arrive', { code: asset.code, at: tapped })).json<WorkOrder>()).toMatchObject({ status: 'arrived', arrivedAt: tapped });
    expect((await act(tech, 'start')).json<WorkOrder>().status).toBe('working');
    const paused = (await act(tech, 'pause', { reason: '等配件' })).json<WorkOrder>();
    expect(paused).toMatchObject({ status: 'paused', pauseReason: '等配件' });
    await bad(await act(tech, 'done', { note: '修好了' }));
    expect((await act(tech, 'resume')).json<WorkOrder>().status).toBe('working');
    expect((await act(tech, 'done', { note: '更换信号线' })).json<WorkOrder>()).toMatchObject({ status: 'done', doneNote: '更换信号线' });
    // The reporter checks: not fixed.
    expect((await act(tech, 'reopen', { reason: '还是没信号' })).statusCode).toBe(403);
    expect((await act(staff, 'reopen', { reason: '还是没信号' })).json<WorkOrder>().status).toBe('reopened');
    await bad(await act(tech, 'done', { note: 'x' }));
    expect((await act(tech, 'start')).json<WorkOrder>().status).toBe('working');
    expect((await act(tech, 'done', { note: '更换主板' })).json<WorkOrder>().status).toBe('done');
    const verified = (await act(staff, 'verify')).json<WorkOrder>();
    expect(verified.status).toBe('verified');
    expect(verified.events.map((e) => e.status)).toEqual([
      'reported',
      'accepted',
      'arrived',
      'working',
      'paused',
      'working',
      'done',
      'reopened',
      'working',
      'done',
      'verified',
    ]);
    await bad(await act(manager, 'reopen', { reason: 'x' }));
    const missing = await call(tech, 'POST', `/work-orders/${newId()}/accept`);
    expect([missing.statusCode, code(missing)]).toEqual([404, 'WORK_ORDER_NOT_FOUND']);
  });

  it('raises work orders from the abnormal lines of the daily check, once a day per kind', async () => {
    const ok = await addAsset();
    const broken = await addAsset(otherZoneId, '办公区灯');
    // Every asset on the ledger must be answered: the ones earlier tests added are fine.
    const others = (await call(tech, 'GET', '/assets?limit=200'))
      .json<PageOf<Asset>>()
      .items.filter((a) => a.id !== ok.id && a.id !== broken.id)
      .map((a) => ({ assetId: a.id, ok: true }));
    // The daily check is the technician's: a hostess is refused before anything is read of it.
    const offPost = await call(staff, 'POST', '/equipment-checks', {
      id: newId(),
      kind: 'opening',
      results: [...others, { assetId: ok.id, ok: true }, { assetId: broken.id, ok: true }],
    });
    expect([offPost.statusCode, code(offPost)]).toEqual([403, 'NOT_ON_POST']);
    const unanswered = await call(tech, 'POST', '/equipment-checks', {
      id: newId(),
      kind: 'opening',
      results: [...others, { assetId: broken.id, ok: false, note: '灯不亮' }],
    });
    expect([unanswered.statusCode, code(unanswered)]).toEqual([400, 'CHECK_INCOMPLETE']);
    expect(unanswered.json<{ error: { params: { uncheckedAssetIds: string[] } } }>().error.params.uncheckedAssetIds).toEqual([ok.id]);
    const noNote = await call(tech, 'POST', '/equipment-checks', {
      id: newId(),
      kind: 'opening',
      results: [...others, { assetId: ok.id, ok: true }, { assetId: broken.id, ok: false }],
    });
    expect([noNote.statusCode, code(noNote)]).toEqual([400, 'NOTE_REQUIRED']);
    const noPhoto = await call(tech, 'POST', '/equipment-checks', {
      id: newId(),
      kind: 'opening',
      results: [...others, { assetId: ok.id, ok: true }, { assetId: broken.id, ok: false, note: '灯不亮' }],
    });
    expect([noPhoto.statusCode, code(noPhoto)]).toEqual([400, 'PHOTO_REQUIRED']);
    expect(noPhoto.json<{ error: { params: { assetId: string } } }>().error.params.assetId).toBe(broken.id);
    const notUploaded = await call(tech, 'POST', '/equipment-checks', {
      id: newId(),
      kind: 'opening',
      results: [...others, { assetId: ok.id, ok: true }, { assetId: broken.id, ok: false, note: '灯不亮', photoId: newId() }],
    });
    expect([notUploaded.statusCode, code(notUploaded)]).toEqual([404, 'PHOTO_NOT_FOUND']);
    // Nothing of the refused attempts was stored.
    expect((await call(staff, 'GET', '/equipment-checks')).json<{ opening: EquipmentCheck | null }>().opening).toBeNull();

    const photoId = newId();
    const upload = await t.app.inject({
      method: 'PUT',
      url: `${base}/photos/${photoId}`,
      headers: { cookie: tech, 'content-type': 'image/png' },
      payload: TINY_PNG,
    });
    expect(upload.statusCode).toBe(201);
    const body = {
      id: newId(),
      kind: 'opening',
      results: [...others, { assetId: ok.id, ok: true }, { assetId: broken.id, ok: false, note: '灯不亮', photoId }],
    };
    const res = await call(tech, 'POST', '/equipment-checks', body);
    expect(res.statusCode).toBe(201);
    const check = res.json<EquipmentCheck>();
    expect(check.workOrderIds).toHaveLength(1);
    expect(check.results.find((r) => r.assetId === broken.id)).toEqual({ assetId: broken.id, ok: false, note: '灯不亮', photoId });
    expect(check.results.find((r) => r.assetId === ok.id)).toEqual({ assetId: ok.id, ok: true, note: null, photoId: null });
    expect(await workOrder(check.workOrderIds[0]!)).toMatchObject({
      source: 'check',
      assetId: broken.id,
      zoneId: otherZoneId,
      description: '灯不亮',
      photoId,
    });
    expect((await call(tech, 'POST', '/equipment-checks', body)).statusCode).toBe(200);
    const twice = await call(tech, 'POST', '/equipment-checks', { ...body, id: newId() });
    expect([twice.statusCode, code(twice)]).toEqual([409, 'EQUIPMENT_CHECK_DONE']);
    const day = (await call(staff, 'GET', '/equipment-checks')).json<{ opening: EquipmentCheck | null; closing: EquipmentCheck | null }>();
    expect(day.opening?.id).toBe(check.id);
    expect(day.closing).toBeNull();
  });

  it('counts response and arrival times and SLA breaches per technician for the month', async () => {
    // A site of its own, so every figure is known: one technician arrives at 4 minutes (arriving
    // accepts), the other accepts at 1 and arrives at 2, and a third repair nobody reaches.
    const db = t.testDb.database.db;
    expect(new Date(t.clock.now()).toISOString().slice(0, 7)).toBe('2026-12'); // the clock starts on 2 December
    const own = await createCompanyWithSite(db, t.clock.now());
    const ownBase = `/api/sites/${own.siteId}`;
    const techPost = newId();
    await db
      .insertInto('posts')
      .values({
        id: techPost,
        site_id: own.siteId,
        kind: 'TECH',
        name: '工程岗',
        zone_id: null,
        created_at: t.clock.now(),
        updated_at: t.clock.now(),
      })
      .execute();
    const ownManager = await loginAs(t.app, (await createPerson(db, own, 'site_manager')).login);
    const reporter = await loginAs(t.app, (await createPerson(db, own, 'staff', { postIds: [own.postId] })).login);
    const slow = await createPerson(db, own, 'staff', { postIds: [techPost] });
    const quick = await createPerson(db, own, 'staff', { postIds: [techPost] });
    const [slowCookie, quickCookie] = [await loginAs(t.app, slow.login), await loginAs(t.app, quick.login)];
    const ownCall = (cookie: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
      t.app.inject({ method, url: `${ownBase}${url}`, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });
    const asset = (
      await ownCall(ownManager, 'POST', '/assets', {
        id: newId(),
        zoneId: own.zoneId,
        category: 'air_conditioning',
        nameZh: '大厅空调',
        nameEn: 'Hall air conditioner',
        model: 'KFR-72',
        locationNote: '',
        installedOn: null,
      })
    ).json<Asset>();
    const report = async (description: string) =>
      (await ownCall(reporter, 'POST', '/work-orders', { id: newId(), assetId: asset.id, description })).json<WorkOrder>();

    const first = await report('空调不制冷');
    t.clock.advance(4 * MIN);
    expect((await ownCall(slowCookie, 'POST', `/work-orders/${first.id}/arrive`, { code: asset.code })).statusCode).toBe(200);
    const second = await report('空调滴水');
    t.clock.advance(1 * MIN);
    expect((await ownCall(quickCookie, 'POST', `/work-orders/${second.id}/accept`)).statusCode).toBe(200);
    t.clock.advance(1 * MIN);
    expect((await ownCall(quickCookie, 'POST', `/work-orders/${second.id}/arrive`, { code: asset.code })).statusCode).toBe(200);
    await report('空调异响');
    t.clock.advance(6 * MIN); // past the third one's 5 minutes
    await t.app.services.timers.runDue();

    const stats = (await ownCall(ownManager, 'GET', '/work-orders/stats?month=2026-12')).json<WorkOrderStats>();
    expect(stats).toMatchObject({ month: '2026-12', arrivalMinutes: 5, total: 3, slaBreaches: 1 });
    const byTech = new Map(stats.technicians.map((s) => [s.technicianId, s]));
    expect(byTech.get(slow.id)).toEqual({
      technicianId: slow.id,
      technicianName: slow.name,
      workOrders: 1,
      avgResponseMs: 4 * MIN,
      avgArrivalMs: 4 * MIN,
      slaBreaches: 0,
    });
    expect(byTech.get(quick.id)).toEqual({
      technicianId: quick.id,
      technicianName: quick.name,
      workOrders: 1,
      avgResponseMs: 1 * MIN,
      avgArrivalMs: 2 * MIN,
      slaBreaches: 0,
    });
    expect(byTech.get(null)).toMatchObject({ workOrders: 1, avgResponseMs: null, avgArrivalMs: null, slaBreaches: 1 });
    expect(stats.technicians).toHaveLength(3);
    // Another month holds none of them.
    expect((await ownCall(ownManager, 'GET', '/work-orders/stats?month=2026-11')).json<WorkOrderStats>()).toMatchObject({
      total: 0,
      technicians: [],
    });
    expect((await ownCall(reporter, 'GET', '/work-orders/stats?month=2026-12')).statusCode).toBe(403);
  });

  it('keeps maintenance schedules with a due list, and moves the next due date on when done', async () => {
    const asset = await addAsset();
    const today = new Date(t.clock.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const created = await call(manager, 'POST', '/maintenance', {
      id: newId(),
      assetId: asset.id,
      title: '清洗滤网',
      everyDays: 30,
      firstDueOn: today,
    });
    expect(created.statusCode).toBe(201);
    const schedule = created.json<{ id: string; nextDueOn: string; overdue: boolean }>();
    expect(schedule).toMatchObject({ nextDueOn: today, overdue: false });
    const due = (await call(tech, 'GET', `/maintenance?dueWithinDays=0&assetId=${asset.id}`)).json<PageOf<{ id: string }>>();
    expect(due.items.map((m) => m.id)).toEqual([schedule.id]);
    expect(
      (await call(staff, 'POST', '/maintenance', { id: newId(), assetId: asset.id, title: 'x', everyDays: 1, firstDueOn: today })).statusCode,
    ).toBe(403);
    const done = (await call(tech, 'POST', `/maintenance/${schedule.id}/done`, { note: '已清洗' })).json<{ nextDueOn: string; lastNote: string }>();
    expect(done.lastNote).toBe('已清洗');
    expect(done.nextDueOn > today).toBe(true);
    expect((await call(tech, 'GET', `/maintenance?dueWithinDays=0&assetId=${asset.id}`)).json<PageOf<{ id: string }>>().items).toHaveLength(0);
    const missing = await call(tech, 'POST', `/maintenance/${newId()}/done`, { note: 'x' });
    expect([missing.statusCode, code(missing)]).toEqual([404, 'MAINTENANCE_NOT_FOUND']);
  });

  it('raises a work order from an anomaly needing repair (the handler decides), in the anomaly post’s zone', async () => {
    const anomaly = (
      await call(staff, 'POST', '/anomalies', { id: newId(), postId: site.postId, category: 'equipment', note: '大厅音响有杂音' })
    ).json<{
      id: string;
      needsRepair: boolean;
    }>();
    expect(anomaly.needsRepair).toBe(true);
    const body = { id: newId(), anomalyId: anomaly.id, description: '大厅音响有杂音' };
    expect((await call(staff, 'POST', '/work-orders', body)).statusCode).toBe(403);
    const res = await call(supervisor, 'POST', '/work-orders', body);
    expect(res.statusCode).toBe(201);
    expect(res.json<WorkOrder>()).toMatchObject({ source: 'anomaly', anomalyId: anomaly.id, zoneId: site.zoneId, assetId: null });
    expect((await call(supervisor, 'POST', '/work-orders', body)).statusCode).toBe(200);
    const elsewhere = await addAsset(otherZoneId);
    const mismatch = await call(staff, 'POST', '/work-orders', { id: newId(), zoneId: site.zoneId, assetId: elsewhere.id, description: '坏了' });
    expect([mismatch.statusCode, code(mismatch)]).toEqual([400, 'ASSET_NOT_IN_ZONE']);
  });

  it('reads the arrival minutes from the site settings', async () => {
    const settings = (await call(manager, 'GET', '/standard-settings')).json<Record<string, unknown>>();
    expect((await call(manager, 'PUT', '/standard-settings', { ...settings, repairArrivalMinutes: 8 })).statusCode).toBe(200);
    const asset = await addAsset();
    const wo = (await call(staff, 'POST', '/work-orders', { id: newId(), assetId: asset.id, description: '音响杂音' })).json<WorkOrder>();
    expect(wo.arrivalDeadlineAt - wo.reportedAt).toBe(8 * MIN);
  });
});
