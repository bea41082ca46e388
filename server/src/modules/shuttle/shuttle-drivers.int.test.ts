import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthorisedDrivers, PageOf, VehicleEvent, Visit } from '@anchang/contracts';
import { newId } from '../../platform/ids.js';
import { buildTestApp, TEST_NOW, type TestApp } from '../../test/build-test-app.js';
import { createCompanyWithSite, createPerson, loginAs, type TestSite } from '../../test/factories.js';

const SIGNED = {
  strokes: [
    [
      [0.1, 0.5],
      [0.4, 0.6],
    ],
  ],
};

describe(`authorised drivers, vehicle events read, vehicle checks on the list (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestApp;
  let site: TestSite;
  let base: string;
  let driver: { id: string; cookie: string };
  let other: { id: string; cookie: string };
  let manager: string;

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.testDb.database.db;
    site = await createCompanyWithSite(db);
    base = `/api/sites/${site.siteId}`;
    const shuttlePostId = newId();
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
    driver = { id: d.id, cookie: await loginAs(t.app, d.login) };
    const o = await createPerson(db, site, 'staff', { postIds: [site.postId] });
    other = { id: o.id, cookie: await loginAs(t.app, o.login) };
    manager = await loginAs(t.app, (await createPerson(db, site, 'site_manager')).login);
  });
  afterAll(() => t.close());

  const call = (cookie: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    t.app.inject({ method, url: `${base}${url}`, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });
  const code = (res: { json: <T>() => T }) => res.json<{ error: { code: string } }>().error.code;
  const trip = async (cookie: string) => {
    const visit = (await call(cookie, 'POST', '/visits', { id: newId(), partySize: 2, arrivalMode: 'walk_in' })).json<Visit>();
    return call(cookie, 'POST', '/shuttle/trips', { id: newId(), vehicle: '1 号车', destination: 'model_room', visitIds: [visit.id] });
  };

  it('refuses a trip to a driver the site has not authorised; the SHUTTLE post is authorised by default', async () => {
    expect((await trip(driver.cookie)).statusCode).toBe(201);
    const refused = await trip(other.cookie);
    expect(refused.statusCode).toBe(403);
    expect(code(refused)).toBe('DRIVER_NOT_AUTHORISED');
    expect((await call(manager, 'GET', '/shuttle/authorised-drivers')).json<AuthorisedDrivers>()).toEqual({
      custom: false,
      drivers: [{ id: driver.id, name: expect.any(String) as string }],
    });

    // The manager authorises the other person only: the shuttle post's driver is refused now.
    expect((await call(other.cookie, 'PUT', '/shuttle/authorised-drivers', { personIds: [other.id] })).statusCode).toBe(403);
    const set = await call(manager, 'PUT', '/shuttle/authorised-drivers', { personIds: [other.id] });
    expect(set.json<AuthorisedDrivers>()).toMatchObject({ custom: true, drivers: [{ id: other.id }] });
    expect((await trip(other.cookie)).statusCode).toBe(201);
    expect(code(await trip(driver.cookie))).toBe('DRIVER_NOT_AUTHORISED');
    expect(code(await call(manager, 'PUT', '/shuttle/authorised-drivers', { personIds: [newId()] }))).toBe('PERSON_NOT_FOUND');

    // Back to the default.
    expect((await call(manager, 'PUT', '/shuttle/authorised-drivers', { personIds: null })).json<AuthorisedDrivers>().custom).toBe(false);
    expect((await trip(driver.cookie)).statusCode).toBe(201);
  });

  it('lets a driver read the handovers made to them, newest first; the whole log is the overseers’', async () => {
    const handover = (id: string, to: string, battery: number) =>
      call(driver.cookie, 'POST', '/shuttle/vehicle-events', {
        id,
        kind: 'handover',
        vehicle: '2 号车',
        toDriverId: to,
        batteryPercent: battery,
        bodyOk: true,
      });
    const [a, b] = [newId(), newId()];
    expect((await handover(a, other.id, 80)).statusCode).toBe(201);
    expect((await handover(b, other.id, 60)).statusCode).toBe(201);
    expect((await handover(newId(), driver.id, 50)).statusCode).toBe(201);
    const mine = await call(other.cookie, 'GET', '/shuttle/vehicle-events?to=me&limit=1');
    expect(mine.statusCode).toBe(200);
    const page = mine.json<PageOf<VehicleEvent>>();
    expect(page.items).toMatchObject([{ id: b, kind: 'handover', vehicle: '2 号车', detail: { batteryPercent: 60, bodyOk: true } }]);
    const next = (await call(other.cookie, 'GET', `/shuttle/vehicle-events?to=me&cursor=${page.nextCursor}`)).json<PageOf<VehicleEvent>>();
    expect(next).toMatchObject({ items: [{ id: a }], nextCursor: null });
    expect((await call(other.cookie, 'GET', '/shuttle/vehicle-events')).statusCode).toBe(403);
    expect((await call(manager, 'GET', '/shuttle/vehicle-events')).json<PageOf<VehicleEvent>>().items).toHaveLength(3);
  });

  it('tells the visit list which cars have their vehicle check', async () => {
    const car = (await call(other.cookie, 'POST', '/visits', { id: newId(), partySize: 1, arrivalMode: 'car', plate: '浙A54321' })).json<Visit>();
    const bare = (await call(other.cookie, 'POST', '/visits', { id: newId(), partySize: 1, arrivalMode: 'car', plate: '浙A54322' })).json<Visit>();
    expect(car.hasVehicleCheck).toBe(false);
    const checked = await call(other.cookie, 'PUT', `/visits/${car.id}/vehicle-check`, { marks: [], notes: '', photoIds: [], signature: SIGNED });
    expect(checked.statusCode).toBe(200);
    const list = (await call(other.cookie, 'GET', '/visits?status=open')).json<PageOf<Visit>>().items;
    expect(list.find((v) => v.id === car.id)?.hasVehicleCheck).toBe(true);
    expect(list.find((v) => v.id === bare.id)?.hasVehicleCheck).toBe(false);
  });
});
