import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident, LostItem, Visit } from '@anchang/contracts';
import { newId } from '../../platform/ids.js';
import { TINY_JPEG } from '../../test/photo-fixtures.js';
import { buildTestApp, type TestApp } from '../../test/build-test-app.js';
import { createCompanyWithSite, createPerson, loginAs, type TestSite } from '../../test/factories.js';
import { connectSocket } from '../../test/ws-client.js';

const SIGNED = {
  strokes: [
    [
      [0.1, 0.5],
      [0.25, 0.3],
      [0.4, 0.6],
      [0.55, 0.4],
    ],
  ],
};

describe(`vehicle checks, lost and found, incidents (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestApp;
  let site: TestSite;
  let base: string;
  let manager: string;
  let staffA: string;
  let staffB: string;
  let consultant: string;
  let server: string;

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.testDb.database.db;
    site = await createCompanyWithSite(db);
    base = `/api/sites/${site.siteId}`;
    manager = await loginAs(t.app, (await createPerson(db, site, 'site_manager')).login);
    staffA = await loginAs(t.app, (await createPerson(db, site, 'staff')).login);
    staffB = await loginAs(t.app, (await createPerson(db, site, 'staff')).login);
    consultant = await loginAs(t.app, (await createPerson(db, site, 'sales_consultant')).login);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    server = `http://127.0.0.1:${(t.app.server.address() as net.AddressInfo).port}`;
  });
  afterAll(() => t.close());

  const call = (cookie: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: unknown) =>
    t.app.inject({ method, url: `${base}${url}`, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });
  const code = (res: { json: <T>() => T }) => res.json<{ error: { code: string } }>().error.code;

  it('keeps the vehicle check only when the customer has signed', async () => {
    const car = (await call(staffA, 'POST', '/visits', { id: newId(), partySize: 2, arrivalMode: 'car', plate: '浙A12345' })).json<Visit>();
    const check = { marks: [{ x: 0.2, y: 0.7, note: '左后门划痕' }], notes: '左后门旧划痕约 5 cm', photoIds: [], signature: { strokes: [] } };
    expect(code(await call(staffA, 'PUT', `/visits/${car.id}/vehicle-check`, check))).toBe('SIGNATURE_EMPTY');
    expect(code(await call(staffA, 'PUT', `/visits/${car.id}/vehicle-check`, { ...check, signature: { strokes: [[[0.5, 0.5]]] } }))).toBe(
      'SIGNATURE_EMPTY',
    );
    expect((await call(staffA, 'GET', `/visits/${car.id}/vehicle-check`)).statusCode).toBe(404);
    const saved = await call(staffA, 'PUT', `/visits/${car.id}/vehicle-check`, { ...check, signature: SIGNED });
    expect(saved.statusCode).toBe(200);
    expect((await call(manager, 'GET', `/visits/${car.id}/vehicle-check`)).json<{ marks: unknown[]; notes: string }>()).toMatchObject({
      marks: check.marks,
      notes: check.notes,
    });
    const onFoot = (await call(staffA, 'POST', '/visits', { id: newId(), partySize: 1, arrivalMode: 'walk_in' })).json<Visit>();
    expect(code(await call(staffA, 'PUT', `/visits/${onFoot.id}/vehicle-check`, { ...check, signature: SIGNED }))).toBe('VEHICLE_CHECK_NOT_FOR_CAR');
  });

  it('opens a found item only with two different staff, and returns it against the owner’s signature', async () => {
    const id = newId();
    expect(
      (await call(staffA, 'POST', '/lost-items', { id, what: '钱包', whereFound: '洽谈区 3 号桌', storagePlace: '前台保险柜' })).statusCode,
    ).toBe(201);
    expect(code(await call(staffA, 'POST', `/lost-items/${id}/return`, { ownerName: '王先生', signature: SIGNED }))).toBe('LOST_ITEM_NOT_OPENED');
    const first = (await call(staffA, 'POST', `/lost-items/${id}/open`, {})).json<LostItem>();
    expect(first).toMatchObject({ status: 'registered' });
    expect(first.openPendingBy).toBeTruthy();
    const twice = await call(staffA, 'POST', `/lost-items/${id}/open`, {});
    expect(twice.statusCode).toBe(409);
    expect(code(twice)).toBe('LOST_ITEM_SAME_PERSON');
    const opened = (await call(staffB, 'POST', `/lost-items/${id}/open`, { contents: '身份证一张,现金 200 元' })).json<LostItem>();
    expect(opened).toMatchObject({ status: 'opened', contents: '身份证一张,现金 200 元' });
    expect(opened.openedBy).toHaveLength(2);
    expect(code(await call(manager, 'POST', `/lost-items/${id}/open`, {}))).toBe('LOST_ITEM_ALREADY_OPENED');
    expect((await call(manager, 'GET', '/lost-items?unclaimed=true')).json<{ items: LostItem[] }>().items.map((i) => i.id)).toContain(id);
    expect(code(await call(staffA, 'POST', `/lost-items/${id}/return`, { ownerName: '王先生', signature: { strokes: [] } }))).toBe('SIGNATURE_EMPTY');
    const returned = (
      await call(staffA, 'POST', `/lost-items/${id}/return`, { ownerName: '王先生', ownerPhone: '13912345678', signature: SIGNED })
    ).json<LostItem>();
    expect(returned).toMatchObject({ status: 'returned', returnedTo: '王先生' });
    expect((await call(manager, 'GET', '/lost-items?unclaimed=true')).json<{ items: LostItem[] }>().items.map((i) => i.id)).not.toContain(id);

    // Returned is final: nobody hands it over a second time, to anyone, or opens it again.
    const refusal = (res: { statusCode: number; json: <T>() => T }) => [res.statusCode, code(res)];
    expect(refusal(await call(staffB, 'POST', `/lost-items/${id}/return`, { ownerName: '李女士', signature: SIGNED }))).toEqual([
      409,
      'LOST_ITEM_RETURNED',
    ]);
    // The same hand-back sent again from the phone's outbox (its answer lost): the stored one, once.
    const resent = await call(staffA, 'POST', `/lost-items/${id}/return`, { ownerName: '王先生', ownerPhone: '13912345678', signature: SIGNED });
    expect(resent.statusCode).toBe(200);
    expect(resent.json<LostItem>()).toMatchObject({ status: 'returned', returnedTo: '王先生', returnedAt: returned.returnedAt });
    expect(refusal(await call(staffB, 'POST', `/lost-items/${id}/open`, {}))).toEqual([409, 'LOST_ITEM_RETURNED']);
    const stored = (await call(manager, 'GET', '/lost-items')).json<{ items: LostItem[] }>().items.find((i) => i.id === id);
    expect(stored).toMatchObject({ status: 'returned', returnedTo: '王先生', returnedAt: returned.returnedAt });
    const returns = await t.testDb.database.db
      .selectFrom('audit_log')
      .select('id')
      .where('entity_id', '=', id)
      .where('action', '=', 'lost_item.return')
      .execute();
    expect(returns).toHaveLength(1);
  });

  it('registers a found item with its photo once, however often the phone sends it', async () => {
    const photoId = newId();
    const photo = await t.app.inject({
      method: 'PUT',
      url: `${base}/photos/${photoId}`,
      headers: { cookie: staffA, 'content-type': 'image/jpeg' },
      payload: TINY_JPEG,
    });
    expect(photo.statusCode).toBe(201);
    const id = newId();
    const body = { id, what: '黑色雨伞', whereFound: '样板房门口', foundAt: Date.now() - 60_000, storagePlace: '前台', photoId };
    const first = await call(staffA, 'POST', '/lost-items', body);
    expect(first.statusCode).toBe(201);
    expect(first.json<LostItem>()).toMatchObject({ id, photoId, what: '黑色雨伞' });
    // The outbox lost the answer and sends the same registration again: stored once.
    const again = await call(staffA, 'POST', '/lost-items', body);
    expect(again.statusCode).toBe(200);
    expect(again.json<LostItem>()).toMatchObject({ id, photoId, createdAt: first.json<LostItem>().createdAt });
    const listed = (await call(manager, 'GET', '/lost-items?limit=200')).json<{ items: LostItem[] }>().items.filter((i) => i.id === id);
    expect(listed).toHaveLength(1);
    const registrations = await t.testDb.database.db
      .selectFrom('audit_log')
      .select('id')
      .where('entity_id', '=', id)
      .where('action', '=', 'lost_item.register')
      .execute();
    expect(registrations).toHaveLength(1);
    // A photo that is not on this site is refused.
    expect((await call(staffA, 'POST', '/lost-items', { ...body, id: newId(), photoId: newId() })).statusCode).toBeGreaterThanOrEqual(400);
  });

  it('sends an incident to the manager live and records the sales department’s police decision', async () => {
    const board = await connectSocket(server, manager);
    board.send({ type: 'subscribe', siteId: site.siteId });
    await board.waitFor((m) => m.type === 'subscribed');
    const id = newId();
    await call(staffA, 'POST', '/incidents', { id, kind: 'suspicious_person', severity: 'high', description: '背包男子反复进出样板房' });
    const live = await board.waitFor((m) => m.type === 'event' && m.event.type === 'incident.created');
    expect(live.type === 'event' && live.event.payload).toMatchObject({ incidentId: id, severity: 'high' });
    expect(code(await call(staffA, 'PATCH', `/incidents/${id}`, { action: 'police_decision', decision: 'call', note: '我觉得要报警' }))).toBe(
      'FORBIDDEN',
    );
    const decided = (
      await call(consultant, 'PATCH', `/incidents/${id}`, { action: 'police_decision', decision: 'no_call', note: '销售部:已劝离,暂不报警' })
    ).json<Incident>();
    expect(decided).toMatchObject({ policeDecision: 'no_call', decisionNote: '销售部:已劝离,暂不报警' });
    expect((await call(manager, 'PATCH', `/incidents/${id}`, { action: 'close' })).json<Incident>().status).toBe('closed');
    expect(code(await call(manager, 'PATCH', `/incidents/${id}`, { action: 'close' }))).toBe('INCIDENT_CLOSED');
    board.close();
  });
});
