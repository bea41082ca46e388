import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShuttleCall, ShuttleTrip, SiteFigures, StandardSettings, Visit } from '@anchang/contracts';
import { newId } from '../../platform/ids.js';
import { buildTestApp, type TestApp } from '../../test/build-test-app.js';
import { createCompanyWithSite, createPerson, loginAs, type TestSite } from '../../test/factories.js';
import { connectSocket, type TestSocket } from '../../test/ws-client.js';

const TEN = Date.UTC(2026, 11, 5, 2, 0); // a Saturday, 10:00 in Shanghai

describe(`the show-area concierge in the chain and the shuttle call (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestApp;
  let site: TestSite;
  let base: string;
  let server: string;
  let manager: string;
  let hall: string;
  let guard: string;
  let model: string;
  let driver: string;
  let driver2: string;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    t = await buildTestApp();
    t.clock.set(TEN);
    const db = t.testDb.database.db;
    site = await createCompanyWithSite(db); // its post is a HALL post
    base = `/api/sites/${site.siteId}`;
    manager = await loginAs(t.app, (await createPerson(db, site, 'site_manager')).login);
    const post = async (kind: string, name: string) =>
      (await t.app.inject({ method: 'POST', url: `${base}/posts`, headers: { cookie: manager }, payload: { kind, name } })).json<{ id: string }>().id;
    const [guardPost, modelPost, shuttlePost] = [await post('GUARD', '展示区礼宾'), await post('MODEL', '样板房'), await post('SHUTTLE', '电瓶车')];
    hall = await loginAs(t.app, (await createPerson(db, site, 'staff', { postIds: [site.postId] })).login);
    guard = await loginAs(t.app, (await createPerson(db, site, 'staff', { postIds: [guardPost] })).login);
    model = await loginAs(t.app, (await createPerson(db, site, 'staff', { postIds: [modelPost] })).login);
    driver = await loginAs(t.app, (await createPerson(db, site, 'staff', { postIds: [shuttlePost] })).login);
    driver2 = await loginAs(t.app, (await createPerson(db, site, 'staff', { postIds: [shuttlePost] })).login);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    server = `http://127.0.0.1:${(t.app.server.address() as net.AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await t.close();
  });

  const call = (cookie: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    t.app.inject({ method, url: `${base}${url}`, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });
  const code = (res: { json: <T>() => T }) => res.json<{ error: { code: string } }>().error.code;
  const phone = async (cookie: string) => {
    const s = await connectSocket(server, cookie);
    sockets.push(s);
    s.send({ type: 'subscribe', siteId: site.siteId });
    await s.waitFor((m) => m.type === 'subscribed');
    return s;
  };
  const handTo = async (cookie: string, visitId: string, to: string) => {
    const res = await call(cookie, 'POST', `/visits/${visitId}/handoffs`, { id: newId(), to });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Visit>().handoffs.at(-1)!.id;
  };
  const walkIn = async () => (await call(hall, 'POST', '/visits', { id: newId(), partySize: 2, arrivalMode: 'walk_in' })).json<Visit>();

  it('hands guests shuttle → concierge → model room → concierge → departure, each hand-off acknowledged by its post', async () => {
    const guardPhone = await phone(guard);
    const visit = await walkIn();
    const toShuttle = await handTo(hall, visit.id, 'shuttle');
    expect((await call(driver, 'POST', `/visits/${visit.id}/handoffs/${toShuttle}/ack`)).json<Visit>().stage).toBe('shuttle');

    t.clock.advance(120_000);
    const toConcierge = await handTo(driver, visit.id, 'concierge');
    const rung = await guardPhone.waitFor(
      (m) => m.type === 'event' && m.event.type === 'visit.handoff' && (m.event.payload as { handoffId: string }).handoffId === toConcierge,
    );
    expect(rung.type === 'event' && rung.event.payload).toMatchObject({ to: 'concierge', toPostKind: 'GUARD', partySize: 2 });
    // The hall and the model room cannot take the concierge's guests; the concierge can, once.
    expect(code(await call(hall, 'POST', `/visits/${visit.id}/handoffs/${toConcierge}/ack`))).toBe('HANDOFF_NOT_FOR_YOU');
    expect(code(await call(model, 'POST', `/visits/${visit.id}/handoffs/${toConcierge}/ack`))).toBe('HANDOFF_NOT_FOR_YOU');
    t.clock.advance(20_000);
    const atDoor = (await call(guard, 'POST', `/visits/${visit.id}/handoffs/${toConcierge}/ack`)).json<Visit>();
    expect(atDoor).toMatchObject({ stage: 'concierge', stageDurations: { shuttle: 140_000 } });
    expect(atDoor.handoffs.at(-1)).toMatchObject({ to: 'concierge', toPostKind: 'GUARD', fromStage: 'shuttle', ackedAt: TEN + 140_000 });

    t.clock.advance(60_000);
    const toModel = await handTo(guard, visit.id, 'model_room');
    expect(code(await call(guard, 'POST', `/visits/${visit.id}/handoffs/${toModel}/ack`))).toBe('HANDOFF_NOT_FOR_YOU');
    expect((await call(model, 'POST', `/visits/${visit.id}/handoffs/${toModel}/ack`)).json<Visit>().stage).toBe('model_room');

    t.clock.advance(600_000);
    const back = await handTo(model, visit.id, 'concierge');
    const out = (await call(guard, 'POST', `/visits/${visit.id}/handoffs/${back}/ack`)).json<Visit>();
    expect(out).toMatchObject({ stage: 'concierge', stageDurations: { model_room: 600_000, concierge: 60_000 } });
    // Guests on foot leave from the concierge: the visit ends there.
    await handTo(guard, visit.id, 'departure');
    const gone = (await call(guard, 'GET', `/visits/${visit.id}`)).json<Visit>();
    expect(gone).toMatchObject({ stage: 'departed', status: 'closed' });
  });

  it('rings the drivers with the pick-up, and prompts the apology exactly at the site’s limit when no driver took it', async () => {
    const settings = (await call(manager, 'GET', '/standard-settings')).json<StandardSettings>();
    expect((await call(manager, 'PUT', '/standard-settings', { ...settings, shuttleCallLimitSeconds: 120 })).statusCode).toBe(200);
    const [driverPhone, guardPhone] = [await phone(driver), await phone(guard)];
    const visit = await walkIn();

    const id = newId();
    const calledAt = t.clock.now();
    const made = await call(guard, 'POST', '/shuttle/calls', { id, pickup: 'model_room', visitIds: [visit.id], note: '样板房出口' });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json<ShuttleCall>()).toMatchObject({
      status: 'waiting',
      guests: 2,
      pickup: 'model_room',
      dueAt: calledAt + 120_000,
      apologyAt: null,
    });
    const rung = await driverPhone.waitFor((m) => m.type === 'event' && m.event.type === 'shuttle.called');
    expect(rung.type === 'event' && rung.event.payload).toMatchObject({ callId: id, pickup: 'model_room', guests: 2 });
    // A resent call rings once.
    expect((await call(guard, 'POST', '/shuttle/calls', { id, pickup: 'model_room', visitIds: [visit.id] })).statusCode).toBe(200);

    t.clock.set(calledAt + 120_000 - 1);
    await t.app.services.timers.runDue();
    expect((await call(guard, 'GET', '/shuttle/calls?status=open')).json<{ items: ShuttleCall[] }>().items[0]).toMatchObject({ id, apologyAt: null });
    expect(guardPhone.messages.some((m) => m.type === 'event' && m.event.type === 'shuttle.call_overdue')).toBe(false);

    t.clock.set(calledAt + 120_000);
    await t.app.services.timers.runDue();
    const overdue = await guardPhone.waitFor((m) => m.type === 'event' && m.event.type === 'shuttle.call_overdue');
    expect(overdue.type === 'event' && overdue.event.payload).toMatchObject({ callId: id, waitedMs: 120_000 });
    expect((await call(guard, 'GET', '/shuttle/calls?status=open')).json<{ items: ShuttleCall[] }>().items[0]).toMatchObject({
      id,
      apologyAt: calledAt + 120_000,
      status: 'waiting',
    });

    // A driver takes it late; the second driver hears it is taken; the trip ends the pick-up time.
    t.clock.advance(30_000);
    expect((await call(driver, 'POST', `/shuttle/calls/${id}/take`)).json<ShuttleCall>()).toMatchObject({
      status: 'taken',
      takenAt: calledAt + 150_000,
    });
    expect(code(await call(driver2, 'POST', `/shuttle/calls/${id}/take`))).toBe('SHUTTLE_CALL_TAKEN');
    expect((await call(driver, 'POST', `/shuttle/calls/${id}/take`)).statusCode).toBe(200);
    t.clock.advance(45_000);
    const trip = await call(driver, 'POST', '/shuttle/trips', {
      id: newId(),
      vehicle: '1 号车',
      destination: 'hall',
      visitIds: [visit.id],
      callId: id,
    });
    expect(trip.statusCode, trip.body).toBe(201);
    const calls = (await call(guard, 'GET', '/shuttle/calls')).json<{ items: ShuttleCall[] }>().items;
    expect(calls.find((c) => c.id === id)).toMatchObject({
      status: 'started',
      tripId: trip.json<ShuttleTrip>().id,
      tripStartedAt: calledAt + 195_000,
    });
    expect((await call(guard, 'GET', '/shuttle/calls?status=open')).json<{ items: ShuttleCall[] }>().items.map((c) => c.id)).not.toContain(id);
  });

  it('gives no apology for a call a driver took before the limit, and refuses guests not on site', async () => {
    const visit = await walkIn();
    expect(code(await call(guard, 'POST', '/shuttle/calls', { id: newId(), pickup: 'model_room', visitIds: [newId()] }))).toBe('VISIT_NOT_BOARDABLE');
    const id = newId();
    const calledAt = t.clock.now();
    await call(guard, 'POST', '/shuttle/calls', { id, pickup: 'model_room', visitIds: [visit.id] });
    t.clock.set(calledAt + 119_999);
    await call(driver2, 'POST', `/shuttle/calls/${id}/take`);
    t.clock.set(calledAt + 120_000);
    await t.app.services.timers.runDue();
    const found = (await call(guard, 'GET', '/shuttle/calls')).json<{ items: ShuttleCall[] }>().items.find((c) => c.id === id);
    expect(found).toMatchObject({ status: 'taken', apologyAt: null, takenAt: calledAt + 119_999 });
    expect(code(await call(guard, 'POST', `/shuttle/calls/${newId()}/take`))).toBe('SHUTTLE_CALL_NOT_FOUND');
  });

  it('puts the concierge’s stage, the shuttle waits and the pick-up times in the day’s figures', async () => {
    const figures = (await call(manager, 'GET', '/figures?from=2026-12-05&to=2026-12-05')).json<SiteFigures>();
    expect(figures.visitors.stageTimes.find((s) => s.stage === 'concierge')).toMatchObject({ visits: 1, averageMs: 60_000 }); // 60 s at the door on the way in, none on the way out
    expect(figures.visitors.handoffTimes.find((h) => h.to === 'concierge')).toMatchObject({ handoffs: 2, acknowledged: 2 });
    // Two calls: one waited past the limit (taken at 150 s, started at 195 s), one taken at 119.999 s.
    expect(figures.visitors.shuttleCalls).toEqual({
      calls: 2,
      taken: 2,
      started: 1,
      averageTakeMs: Math.round((150_000 + 119_999) / 2),
      averagePickupMs: 195_000,
      waits: 1,
      averageWaitMs: 150_000,
    });
    expect(figures.visitors.questions).toEqual({ asked: 0, answered: 0, averageAnswerMs: null });
  });
});
