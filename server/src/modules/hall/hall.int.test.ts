import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DrinkOrder, Hall, SeatResult, Visit } from '@anchang/contracts';
import { newId } from '../../platform/ids.js';
import { buildTestApp, type TestApp } from '../../test/build-test-app.js';
import { createCompanyWithSite, createPerson, loginAs, type TestSite } from '../../test/factories.js';
import { connectSocket } from '../../test/ws-client.js';

describe(`hall seating and the bar (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestApp;
  let site: TestSite;
  let base: string;
  let manager: string;
  let hall: string;
  let server: string;

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.testDb.database.db;
    site = await createCompanyWithSite(db);
    base = `/api/sites/${site.siteId}`;
    manager = await loginAs(t.app, (await createPerson(db, site, 'site_manager')).login);
    hall = await loginAs(t.app, (await createPerson(db, site, 'staff', { postIds: [site.postId] })).login);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    server = `http://127.0.0.1:${(t.app.server.address() as net.AddressInfo).port}`;
  });
  afterAll(() => t.close());

  const call = (cookie: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    t.app.inject({ method, url: `${base}${url}`, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });
  const code = (res: { json: <T>() => T }) => res.json<{ error: { code: string } }>().error.code;
  const walkIn = async (partySize: number) => (await call(hall, 'POST', '/visits', { id: newId(), partySize, arrivalMode: 'walk_in' })).json<Visit>();

  it('seats parties against the tables’ seats and sends the rest to the sand table in order', async () => {
    await call(manager, 'POST', '/hall/tables', { name: '1 号桌', seats: 4 });
    const hallState = (await call(manager, 'POST', '/hall/tables', { name: '2 号桌', seats: 2 })).json<Hall>();
    expect(hallState.seats).toBe(6);
    const sameName = await call(manager, 'POST', '/hall/tables', { name: ' 2 号桌 ', seats: 8 });
    expect(sameName.statusCode).toBe(409);
    expect(code(sameName)).toBe('TABLE_NAME_TAKEN');
    const four = await walkIn(4);
    const two = await walkIn(2);
    const three = await walkIn(3);
    const one = await walkIn(1);
    expect((await call(hall, 'POST', `/visits/${four.id}/seat`, {})).json<SeatResult>()).toMatchObject({ seated: true });
    const table2 = hallState.tables.find((x) => x.name === '2 号桌')!.id;
    expect(code(await call(hall, 'POST', `/visits/${three.id}/seat`, { tableId: table2 }))).toBe('TABLE_FULL');
    expect((await call(hall, 'POST', `/visits/${two.id}/seat`, {})).json<SeatResult>()).toMatchObject({ seated: true, tableId: table2 });
    expect((await call(hall, 'POST', `/visits/${three.id}/seat`, {})).json<SeatResult>()).toEqual({
      seated: false,
      tableId: null,
      waitingPosition: 1,
    });
    expect((await call(hall, 'POST', `/visits/${one.id}/seat`, {})).json<SeatResult>()).toEqual({ seated: false, tableId: null, waitingPosition: 2 });
    const now = (await call(manager, 'GET', '/hall')).json<Hall>();
    expect(now).toMatchObject({ occupied: 6, seats: 6 });
    expect(now.waiting.map((w) => w.visitId)).toEqual([three.id, one.id]);

    // The four leave: their table frees up and the waiting party of three can sit.
    await call(hall, 'POST', `/visits/${four.id}/handoffs`, { id: newId(), to: 'departure' });
    expect((await call(hall, 'POST', `/visits/${three.id}/seat`, {})).json<SeatResult>()).toMatchObject({ seated: true });
    expect((await call(manager, 'GET', '/hall')).json<Hall>().waiting.map((w) => w.visitId)).toEqual([one.id]);
  });

  it('queues drinks at the bar, lets the hall serve when the bar is busy, and prompts a refill after the interval', async () => {
    const party = await walkIn(2);
    await call(hall, 'POST', `/visits/${party.id}/seat`, {});
    const phone = await connectSocket(server, hall);
    phone.send({ type: 'subscribe', siteId: site.siteId });
    await phone.waitFor((m) => m.type === 'subscribed');
    const id = newId();
    const ordered = await call(hall, 'POST', `/visits/${party.id}/drinks`, { id, lines: [{ name: '柠檬水', quantity: 2 }] });
    expect(ordered.statusCode).toBe(201);
    expect((await call(hall, 'POST', `/visits/${party.id}/drinks`, { id, lines: [{ name: '柠檬水', quantity: 2 }] })).statusCode).toBe(200);
    expect((await call(manager, 'GET', '/bar/queue')).json<DrinkOrder[]>().map((o) => o.id)).toContain(id);
    expect(code(await call(hall, 'POST', `/bar/orders/${id}/served`, { by: 'HALL' }))).toBe('DRINK_ORDER_STATE');
    await call(manager, 'POST', `/bar/orders/${id}/made`);
    const served = (await call(hall, 'POST', `/bar/orders/${id}/served`, { by: 'HALL' })).json<DrinkOrder>();
    expect(served).toMatchObject({ status: 'served', servedByPost: 'HALL' });
    expect((await call(manager, 'GET', '/bar/queue')).json<DrinkOrder[]>().map((o) => o.id)).not.toContain(id);

    // Not at 14 minutes: the refill timer is still pending and nothing was prompted. The event bus
    // hands this process's events to its listeners as the timer's transaction commits, so once
    // runDue has returned, a prompt would already be in `prompts`; a socket read could come too early.
    const prompts: unknown[] = [];
    const unsubscribe = t.app.services.events.subscribe((e) => {
      if (e.type === 'drink.refill_prompt') prompts.push(e.payload);
    });
    const refillTimer = () =>
      t.testDb.database.db
        .selectFrom('timers')
        .select(['status', 'due_at', 'fired_at'])
        .where('id', '=', `drink.refill:${id}`)
        .executeTakeFirstOrThrow();
    const servedAt = t.clock.now();
    expect(await refillTimer()).toMatchObject({ status: 'pending', due_at: servedAt + 15 * 60_000, fired_at: null });
    t.clock.advance(14 * 60_000);
    await t.app.services.timers.runDue();
    expect(await refillTimer()).toMatchObject({ status: 'pending', fired_at: null });
    expect(prompts).toEqual([]);
    // At 15 minutes it fires once, and the hall's phone is prompted.
    t.clock.advance(60_000);
    await t.app.services.timers.runDue();
    expect(await refillTimer()).toMatchObject({ status: 'done', fired_at: servedAt + 15 * 60_000 });
    expect(prompts).toEqual([expect.objectContaining({ orderId: id, visitId: party.id })]);
    const prompt = await phone.waitFor((m) => m.type === 'event' && m.event.type === 'drink.refill_prompt');
    expect(prompt.type === 'event' && prompt.event.payload).toMatchObject({ orderId: id, visitId: party.id });
    unsubscribe();
    phone.close();
  });

  it('refuses to seat or serve a party that is no longer in the hall', async () => {
    const refusal = (res: { statusCode: number; json: <T>() => T }) => {
      const { error } = res.json<{ error: { code: string; params: { stage: string } } }>();
      return [res.statusCode, error.code, error.params.stage];
    };
    // One party taken over by the model room (the receiving side confirms), one leaving on foot
    // (their visit ends as they are seen off).
    const toModelRoom = await walkIn(2);
    const handoffId = newId();
    expect((await call(hall, 'POST', `/visits/${toModelRoom.id}/handoffs`, { id: handoffId, to: 'model_room' })).statusCode).toBe(200);
    expect((await call(manager, 'POST', `/visits/${toModelRoom.id}/handoffs/${handoffId}/ack`)).statusCode).toBe(200);
    const gone = await walkIn(3);
    expect((await call(hall, 'POST', `/visits/${gone.id}/handoffs`, { id: newId(), to: 'departure' })).statusCode).toBe(200);
    const stageOf = async (visitId: string) => (await call(manager, 'GET', `/visits/${visitId}`)).json<Visit>().stage;
    expect([await stageOf(toModelRoom.id), await stageOf(gone.id)]).toEqual(['model_room', 'departed']);
    for (const party of [toModelRoom, gone]) {
      const stage = await stageOf(party.id);
      expect(refusal(await call(hall, 'POST', `/visits/${party.id}/seat`, {}))).toEqual([409, 'NOT_IN_HALL', stage]);
      const orderId = newId();
      expect(refusal(await call(hall, 'POST', `/visits/${party.id}/drinks`, { id: orderId, lines: [{ name: '咖啡', quantity: 1 }] }))).toEqual([
        409,
        'NOT_IN_HALL',
        stage,
      ]);
      expect(await t.testDb.database.db.selectFrom('drink_orders').select('id').where('id', '=', orderId).execute()).toEqual([]);
    }
    // Neither took a seat nor joined the sand-table list.
    const now = (await call(manager, 'GET', '/hall')).json<Hall>();
    expect(now.waiting.map((w) => w.visitId)).not.toContain(toModelRoom.id);
    expect(now.waiting.map((w) => w.visitId)).not.toContain(gone.id);
  });
});
