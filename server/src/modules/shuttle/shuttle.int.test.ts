import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelRoomNote, ShuttleDriver, ShuttleTrip, Visit } from '@anchang/contracts';
import { newId } from '../../platform/ids.js';
import { buildTestApp, TEST_NOW, type TestApp } from '../../test/build-test-app.js';
import { createCompanyWithSite, createPerson, loginAs, type TestSite } from '../../test/factories.js';
import { connectSocket } from '../../test/ws-client.js';

describe(`shuttle trips and the model room (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestApp;
  let site: TestSite;
  let base: string;
  let driver: string;
  let driver2Id: string;
  let consultant: { id: string; cookie: string };
  let server: string;
  let shuttlePostId: string;

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.testDb.database.db;
    site = await createCompanyWithSite(db);
    base = `/api/sites/${site.siteId}`;
    // SHUTTLE duty 6: the driver works the site's shuttle post, so the site authorises them by default.
    shuttlePostId = newId();
    await db
      .insertInto('posts')
      .values({
        id: shuttlePostId,
        site_id: site.siteId,
        kind: 'SHUTTLE',
        name: '电瓶车岗',
        zone_id: null,
        created_at: TEST_NOW,
        updated_at: TEST_NOW,
      })
      .execute();
    const d = await createPerson(db, site, 'staff', { postIds: [shuttlePostId] });
    driver = await loginAs(t.app, d.login);
    driver2Id = (await createPerson(db, site, 'staff')).id;
    const c = await createPerson(db, site, 'sales_consultant');
    consultant = { id: c.id, cookie: await loginAs(t.app, c.login) };
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    server = `http://127.0.0.1:${(t.app.server.address() as net.AddressInfo).port}`;
  });
  afterAll(() => t.close());

  const call = (cookie: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    t.app.inject({ method, url: `${base}${url}`, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });
  const code = (res: { json: <T>() => T }) => res.json<{ error: { code: string } }>().error.code;

  it('keeps the tap time of a trip sent later from the outbox, once, and refuses a time in the future or too old', async () => {
    const visit = (await call(driver, 'POST', '/visits', { id: newId(), partySize: 2, arrivalMode: 'walk_in' })).json<Visit>();
    // The server's clock (the test app drives its own): the visit arrived at its now.
    const now = visit.arrivedAt;
    const body = { vehicle: '3 号车', destination: 'model_room', visitIds: [visit.id] };
    expect(code(await call(driver, 'POST', '/shuttle/trips', { id: newId(), ...body, at: now + 10 * 60_000 }))).toBe('CLOCK_TIME_INVALID');
    expect(code(await call(driver, 'POST', '/shuttle/trips', { id: newId(), ...body, at: now - 25 * 3_600_000 }))).toBe('CLOCK_TIME_INVALID');
    const id = newId();
    const tappedAt = now - 5 * 60_000;
    const first = await call(driver, 'POST', '/shuttle/trips', { id, ...body, at: tappedAt });
    expect(first.statusCode).toBe(201);
    expect(first.json<ShuttleTrip>().departedAt).toBe(tappedAt);
    // Retried (the answer was lost): stored once.
    const retry = await call(driver, 'POST', '/shuttle/trips', { id, ...body, at: tappedAt });
    expect(retry.json<ShuttleTrip>()).toMatchObject({ id, departedAt: tappedAt });
    const log = (await call(driver, 'GET', '/shuttle/trips?vehicle=3 号车')).json<{ items: ShuttleTrip[] }>().items;
    expect(log.map((x) => x.id)).toEqual([id]);
    const arrivedAt = now - 60_000;
    const arrive = { itemsLeft: false, at: arrivedAt };
    expect((await call(driver, 'POST', `/shuttle/trips/${id}/arrive`, arrive)).json<ShuttleTrip>()).toMatchObject({ arrivedAt });
    expect((await call(driver, 'POST', `/shuttle/trips/${id}/arrive`, arrive)).json<ShuttleTrip>()).toMatchObject({ arrivedAt });
    const audit = await t.testDb.database.db.selectFrom('audit_log').select('action').where('entity_id', '=', id).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['shuttle.arrive', 'shuttle.depart']);
  });

  it('carries visits only, logs the trip and checks for items left at drop-off', async () => {
    const visit = (await call(driver, 'POST', '/visits', { id: newId(), partySize: 3, arrivalMode: 'walk_in' })).json<Visit>();
    expect(
      code(
        await call(driver, 'POST', '/shuttle/trips', { id: newId(), vehicle: '1 号车', destination: 'model_room', visitIds: [visit.id, newId()] }),
      ),
    ).toBe('VISIT_NOT_BOARDABLE');
    const id = newId();
    const trip = (
      await call(driver, 'POST', '/shuttle/trips', { id, vehicle: '1 号车', destination: 'model_room', visitIds: [visit.id] })
    ).json<ShuttleTrip>();
    expect(trip).toMatchObject({ status: 'en_route', guests: 3 });
    expect(code(await call(driver, 'POST', `/shuttle/trips/${id}/arrive`, { itemsLeft: true }))).toBe('ITEMS_NOTE_REQUIRED');
    const arrived = (
      await call(driver, 'POST', `/shuttle/trips/${id}/arrive`, { itemsLeft: true, itemsNote: '后排座位上一把雨伞,已交前台' })
    ).json<ShuttleTrip>();
    expect(arrived).toMatchObject({ status: 'arrived', itemsLeft: true });
    // The driver's arrival sent again (the outbox resends after a lost answer): the stored one, once.
    const again = await call(driver, 'POST', `/shuttle/trips/${id}/arrive`, { itemsLeft: false });
    expect(again.json<ShuttleTrip>()).toMatchObject({ status: 'arrived', itemsLeft: true, arrivedAt: arrived.arrivedAt });
    expect((await call(driver, 'GET', '/shuttle/trips?vehicle=1 号车')).json<{ items: ShuttleTrip[] }>().items.map((x) => x.id)).toEqual([id]);
    const handover = await call(driver, 'POST', '/shuttle/vehicle-events', {
      id: newId(),
      kind: 'handover',
      vehicle: '1 号车',
      toDriverId: driver2Id,
      batteryPercent: 64,
      bodyOk: true,
    });
    expect(handover.statusCode).toBe(201);
    expect(
      code(
        await call(driver, 'POST', '/shuttle/vehicle-events', {
          id: newId(),
          kind: 'handover',
          vehicle: '1 号车',
          toDriverId: newId(),
          batteryPercent: 64,
          bodyOk: true,
        }),
      ),
    ).toBe('PERSON_NOT_FOUND');
    expect(
      (await call(driver, 'POST', '/shuttle/vehicle-events', { id: newId(), kind: 'day_end', vehicle: '1 号车', cleaned: true, charging: true }))
        .statusCode,
    ).toBe(201);
  });

  it('sends the points of interest recorded in the model room to the consultant', async () => {
    const visit = (await call(driver, 'POST', '/visits', { id: newId(), partySize: 2, arrivalMode: 'walk_in' })).json<Visit>();
    await call(driver, 'POST', `/visits/${visit.id}/handoffs`, { id: newId(), to: 'consultant', consultantId: consultant.id });
    const phone = await connectSocket(server, consultant.cookie);
    await phone.waitFor((m) => m.type === 'hello');
    expect(code(await call(driver, 'POST', `/visits/${visit.id}/model-room-notes`, { id: newId() }))).toBe('VALIDATION_FAILED');
    const note = await call(driver, 'POST', `/visits/${visit.id}/model-room-notes`, { id: newId(), shoeCovers: 2, interests: '关心主卧朝向和学区' });
    expect(note.statusCode).toBe(201);
    const live = await phone.waitFor((m) => m.type === 'event' && m.event.type === 'visit.interest' && m.event.room === `user:${consultant.id}`);
    expect(live.type === 'event' && live.event.payload).toMatchObject({ visitId: visit.id, interests: '关心主卧朝向和学区' });
    phone.close();
  });

  it('lists whom a driver can hand the vehicle to: active staff by name, paginated, the shuttle post marked', async () => {
    const db = t.testDb.database.db;
    // A post's kind never changes once created; this test's fixture post becomes the shuttle's before anyone is assigned.
    await db.updateTable('posts').set({ kind: 'SHUTTLE' }).where('id', '=', site.postId).execute();
    const onPost = await createPerson(db, site, 'staff', { postIds: [site.postId] });
    const seen: ShuttleDriver[] = [];
    let cursor: string | null = null;
    do {
      const res = await call(driver, 'GET', `/shuttle/drivers?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      const page = res.json<{ items: ShuttleDriver[]; nextCursor: string | null }>();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.find((d) => d.id === onPost.id)).toMatchObject({ onShuttlePost: true });
    expect(seen.find((d) => d.id === driver2Id)).toMatchObject({ onShuttlePost: false });
    // Consultants are not drivers.
    expect(seen.some((d) => d.id === consultant.id)).toBe(false);
  });

  it("lets the consultant read a visit's model-room notes, oldest first and paginated", async () => {
    const visit = (await call(driver, 'POST', '/visits', { id: newId(), partySize: 2, arrivalMode: 'walk_in' })).json<Visit>();
    const first = newId();
    await call(driver, 'POST', `/visits/${visit.id}/model-room-notes`, { id: first, shoeCovers: 2 });
    // The phone sends the same note again (its answer lost): still one note. The id on another visit: refused.
    expect((await call(driver, 'POST', `/visits/${visit.id}/model-room-notes`, { id: first, shoeCovers: 2 })).statusCode).toBe(201);
    const other = (await call(driver, 'POST', '/visits', { id: newId(), partySize: 1, arrivalMode: 'walk_in' })).json<Visit>();
    const clash = await call(driver, 'POST', `/visits/${other.id}/model-room-notes`, { id: first, shoeCovers: 1 });
    expect(clash.statusCode).toBe(409);
    expect(code(clash)).toBe('ID_CONFLICT');
    await call(driver, 'POST', `/visits/${visit.id}/model-room-notes`, { id: newId(), interests: '想看带花园的底层' });
    const page1 = await call(consultant.cookie, 'GET', `/visits/${visit.id}/model-room-notes?limit=1`);
    expect(page1.statusCode).toBe(200);
    const p1 = page1.json<{ items: ModelRoomNote[]; nextCursor: string | null }>();
    expect(p1.items).toMatchObject([{ id: first, visitId: visit.id, shoeCovers: 2, interests: null }]);
    expect(p1.items[0]!.byName).not.toBe('');
    const p2 = (await call(consultant.cookie, 'GET', `/visits/${visit.id}/model-room-notes?limit=1&cursor=${p1.nextCursor}`)).json<{
      items: ModelRoomNote[];
      nextCursor: string | null;
    }>();
    expect(p2).toMatchObject({ items: [{ shoeCovers: null, interests: '想看带花园的底层' }], nextCursor: null });
    expect(code(await call(consultant.cookie, 'GET', `/visits/${newId()}/model-room-notes`))).toBe('VISIT_NOT_FOUND');
    expect(code(await call(consultant.cookie, 'GET', `/visits/${visit.id}/model-room-notes?cursor=nonsense`))).toBe('INVALID_CURSOR');
  });
});
