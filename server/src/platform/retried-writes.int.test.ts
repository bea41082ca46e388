/**
 * A phone that lost an answer sends the same write again, sometimes while the first copy is still
 * on its way (the staff app's outbox gives up waiting after 20 s; `npm run faults` does it with a
 * killed server). Each write must then be stored once and the resend answered as a success, or
 * the outbox would show a write that was in fact saved as failed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Anomaly, Asset, ScanResult, VehicleEvent, Visit, WorkOrder } from '@anchang/contracts';
import { newId } from './ids.js';
import { buildTestApp, type TestApp } from '../test/build-test-app.js';
import { createCompanyWithSite, createPerson, loginAs, type TestSite } from '../test/factories.js';

describe(`retried writes are stored once (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestApp;
  let site: TestSite;
  let base: string;
  let manager: string;
  let phone: string;
  let phoneId: string;
  let tech: string;

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.testDb.database.db;
    site = await createCompanyWithSite(db); // its post is a HALL post
    base = `/api/sites/${site.siteId}`;
    manager = await loginAs(t.app, (await createPerson(db, site, 'site_manager')).login);
    const post = async (kind: string) =>
      (await t.app.inject({ method: 'POST', url: `${base}/posts`, headers: { cookie: manager }, payload: { kind, name: kind } })).json<{
        id: string;
      }>().id;
    // One phone on the car park and the hall: it registers, takes the party in, hands it back and sees it off.
    const person = await createPerson(db, site, 'staff', { postIds: [await post('PARK'), site.postId] });
    phoneId = person.id;
    phone = await loginAs(t.app, person.login);
    tech = await loginAs(t.app, (await createPerson(db, site, 'staff', { postIds: [await post('TECH')] })).login);
  });
  afterAll(() => t.close());

  const call = (cookie: string, method: 'POST' | 'PUT' | 'GET', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url: url.startsWith('/api/') ? url : `${base}${url}`,
      headers: { cookie },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  /** The same request twice at once, as a phone resending while its first copy is in flight. */
  const twiceAtOnce = (cookie: string, url: string, payload?: unknown) =>
    Promise.all([call(cookie, 'POST', url, payload), call(cookie, 'POST', url, payload)]);
  const auditCount = async (action: string, entityId: string) =>
    (await t.testDb.database.db.selectFrom('audit_log').select('detail').where('action', '=', action).where('entity_id', '=', entityId).execute())
      .length;

  const registerCar = async () => {
    const res = await call(phone, 'POST', '/visits', { id: newId(), partySize: 2, arrivalMode: 'car', plate: '浙A12345' });
    expect(res.statusCode).toBe(201);
    return res.json<Visit>();
  };

  it('hands a party on once when the hand-off is sent twice at once, and answers both copies', async () => {
    const visit = await registerCar();
    expect((await call(phone, 'POST', `/visits/${visit.id}/handoffs/${visit.handoffs[0]!.id}/ack`)).statusCode).toBe(200);
    const handoffId = newId();
    const copies = await twiceAtOnce(phone, `/visits/${visit.id}/handoffs`, { id: handoffId, to: 'departure' });
    expect(copies.map((r) => r.statusCode)).toEqual([200, 200]);
    for (const copy of copies) expect(copy.json<Visit>()).toMatchObject({ stage: 'departing' });
    const stored = await call(phone, 'GET', `/visits/${visit.id}`);
    expect(
      stored
        .json<Visit>()
        .handoffs.filter((h) => h.to === 'departure')
        .map((h) => h.id),
    ).toEqual([handoffId]);
    expect(await auditCount('visit.handoff', visit.id)).toBe(1);
    // Sent once more later (the answer was lost): the same visit, still one hand-off.
    const again = await call(phone, 'POST', `/visits/${visit.id}/handoffs`, { id: handoffId, to: 'departure' });
    expect(again.statusCode).toBe(200);
    expect(again.json<Visit>().handoffs.filter((h) => h.to === 'departure')).toHaveLength(1);
    // The same id sent for another visit is another record's: refused, and that visit untouched.
    const other = await registerCar();
    const taken = await call(phone, 'POST', `/visits/${other.id}/handoffs`, { id: handoffId, to: 'departure' });
    expect([taken.statusCode, taken.json<{ error: { code: string } }>().error.code]).toEqual([409, 'ID_CONFLICT']);
    expect((await call(phone, 'GET', `/visits/${other.id}`)).json<Visit>()).toMatchObject({ stage: 'car_park', handoffs: [{ to: 'hall' }] });

    // Guests on foot leave with the hand-off itself: the copy that loses the race finds the visit closed by the first.
    const walkIn = (await call(phone, 'POST', '/visits', { id: newId(), partySize: 1, arrivalMode: 'walk_in' })).json<Visit>();
    const leaving = await twiceAtOnce(phone, `/visits/${walkIn.id}/handoffs`, { id: newId(), to: 'departure' });
    expect(leaving.map((r) => [r.statusCode, r.json<Visit>().status])).toEqual([
      [200, 'closed'],
      [200, 'closed'],
    ]);
  });

  it('takes a departing car once when the acknowledgement is sent twice at once: both copies answered, the visit closed once', async () => {
    const visit = await registerCar();
    expect((await call(phone, 'POST', `/visits/${visit.id}/handoffs/${visit.handoffs[0]!.id}/ack`)).statusCode).toBe(200);
    const departure = newId();
    expect((await call(phone, 'POST', `/visits/${visit.id}/handoffs`, { id: departure, to: 'departure' })).statusCode).toBe(200);
    const copies = await twiceAtOnce(phone, `/visits/${visit.id}/handoffs/${departure}/ack`);
    expect(copies.map((r) => r.statusCode)).toEqual([200, 200]);
    for (const copy of copies) expect(copy.json<Visit>()).toMatchObject({ status: 'closed', stage: 'departed' });
    const acks = await t.testDb.database.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'visit.ack')
      .where('entity_id', '=', visit.id)
      .execute();
    expect(acks.map((a) => (JSON.parse(a.detail) as { to: string }).to).sort()).toEqual(['departure', 'hall']);
    // Resent after the visit closed: still answered as done, not "this visit is over".
    expect((await call(phone, 'POST', `/visits/${visit.id}/handoffs/${departure}/ack`)).statusCode).toBe(200);
  });

  it("moves a repair on once per tap when each tap is resent, alone or twice at once, and still refuses anyone else's repeat", async () => {
    const asset = (
      await call(manager, 'POST', '/assets', {
        id: newId(),
        zoneId: site.zoneId,
        category: 'air_conditioning',
        nameZh: '大厅空调',
        nameEn: 'Hall air conditioner',
        model: 'KFR-72',
        locationNote: '大厅东侧',
        installedOn: '2025-06-01',
      })
    ).json<Asset>();
    const id = newId();
    const report = { id, assetId: asset.id, description: '空调不制冷' };
    expect((await call(tech, 'POST', '/work-orders', report)).statusCode).toBe(201);
    expect((await call(tech, 'POST', '/work-orders', report)).statusCode).toBe(200);
    const steps: [string, unknown, WorkOrder['status']][] = [
      ['accept', undefined, 'accepted'],
      ['arrive', { code: asset.code }, 'arrived'],
      ['start', undefined, 'working'],
      ['done', { note: '已修复' }, 'done'],
    ];
    for (const [action, body, status] of steps) {
      const copies = await twiceAtOnce(tech, `/work-orders/${id}/${action}`, body);
      expect(copies.map((r) => [action, r.statusCode])).toEqual([
        [action, 200],
        [action, 200],
      ]);
      const resent = await call(tech, 'POST', `/work-orders/${id}/${action}`, body);
      expect([action, resent.statusCode, resent.json<WorkOrder>().status]).toEqual([action, 200, status]);
    }
    const events = await t.testDb.database.db
      .selectFrom('work_order_events')
      .select('status')
      .where('work_order_id', '=', id)
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.status)).toEqual(['reported', 'accepted', 'arrived', 'working', 'done']);
    for (const action of ['accept', 'arrive', 'start', 'done']) expect([action, await auditCount(`work_order.${action}`, id)]).toEqual([action, 1]);
    // A repeat is this person's own last step only: someone else's tap on a done order is still refused.
    const other = await createPerson(t.testDb.database.db, site, 'staff');
    const otherCookie = await loginAs(t.app, other.login);
    expect((await call(otherCookie, 'POST', `/work-orders/${id}/done`, { note: '我也修了' })).statusCode).toBe(403);
    // Nor is a superior's accept repeated as theirs when the technician accepted.
    const second = newId();
    expect((await call(tech, 'POST', '/work-orders', { id: second, assetId: asset.id, description: '出风口漏水' })).statusCode).toBe(201);
    expect((await call(tech, 'POST', `/work-orders/${second}/accept`)).statusCode).toBe(200);
    const taken = await call(manager, 'POST', `/work-orders/${second}/accept`);
    expect([taken.statusCode, taken.json<{ error: { code: string } }>().error.code]).toEqual([409, 'WORK_ORDER_STATE']);
  });

  it('records an anomaly reported on the spot once when the report is resent, and a shuttle hand-over or day-end check once', async () => {
    const report = { id: newId(), postId: site.postId, category: 'environment', note: '大厅地面有积水' };
    const copies = await twiceAtOnce(phone, '/anomalies', report);
    expect(copies.map((r) => r.statusCode).sort()).toEqual([200, 201]);
    for (const copy of copies) expect(copy.json<Anomaly>()).toMatchObject({ id: report.id, note: '大厅地面有积水' });
    expect((await call(phone, 'POST', '/anomalies', report)).statusCode).toBe(200);
    const anomalies = await t.testDb.database.db.selectFrom('anomalies').select('id').where('reported_by', '=', phoneId).execute();
    expect(anomalies.map((a) => a.id)).toEqual([report.id]);
    // Someone else's record under that id is not theirs to answer with.
    expect((await call(tech, 'POST', '/anomalies', report)).statusCode).toBe(409);
    expect((await call(phone, 'POST', '/anomalies', { postId: site.postId, category: 'environment', note: '没有编号' })).statusCode).toBe(400);

    const dayEnd = { id: newId(), kind: 'day_end', vehicle: '1 号车', cleaned: true, charging: true };
    const sent = await twiceAtOnce(phone, '/shuttle/vehicle-events', dayEnd);
    expect(sent.map((r) => r.statusCode).sort()).toEqual([200, 201]);
    expect((await call(phone, 'POST', '/shuttle/vehicle-events', dayEnd)).json<VehicleEvent>()).toMatchObject({
      id: dayEnd.id,
      kind: 'day_end',
      detail: { cleaned: true, charging: true },
    });
    const events = await t.testDb.database.db.selectFrom('vehicle_events').select('id').where('by_person', '=', phoneId).execute();
    expect(events.map((e) => e.id)).toEqual([dayEnd.id]);
  });

  it('records a resent scan once, and needs the phone to name the scan', async () => {
    const checkpoint = await call(manager, 'POST', '/checkpoints', { id: newId(), zoneId: site.zoneId, nameZh: '洗手间', nameEn: 'Washroom' });
    expect(checkpoint.statusCode).toBe(201);
    const { id: checkpointId, code } = checkpoint.json<{ id: string; code: string }>();
    const schedule = await call(manager, 'POST', '/round-schedules', {
      id: newId(),
      postKind: 'HALL',
      itemId: null,
      labelZh: '洗手间巡视',
      labelEn: 'Washroom round',
      recurrence: { kind: 'interval', everyMinutes: 10 },
      graceMinutes: 10,
      proof: 'scan',
      checkpointId,
    });
    expect(schedule.statusCode).toBe(201);
    const noId = await call(phone, 'POST', '/api/scans', { code });
    expect([noId.statusCode, noId.json<{ error: { code: string } }>().error.code]).toEqual([400, 'VALIDATION_FAILED']);
    const scanId = newId();
    const copies = await twiceAtOnce(phone, '/api/scans', { id: scanId, code });
    expect(copies.map((r) => r.statusCode).sort()).toEqual([200, 201]);
    const resent = await call(phone, 'POST', '/api/scans', { id: scanId, code });
    expect(resent.statusCode).toBe(200);
    expect(resent.json<ScanResult>()).toMatchObject({ checkpointId });
    const scans = await t.testDb.database.db.selectFrom('checkpoint_scans').select('id').where('person_id', '=', phoneId).execute();
    expect(scans.map((s) => s.id)).toEqual([scanId]);
  });
});
