import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Incident,
  ModelRoomCheck,
  ModelRoomClosingConfirmation,
  ModelRoomClosingDay,
  ModelRoomItem,
  PageOf,
  RoundDay,
  Visit,
  VisitorCounts,
  WeatherDeclaration,
} from '@anchang/contracts';
import { newId } from '../../platform/ids.js';
import { buildTestApp, type TestApp } from '../../test/build-test-app.js';
import { createCompanyWithSite, createPerson, loginAs, type TestSite } from '../../test/factories.js';
import { connectSocket } from '../../test/ws-client.js';

const FIVE_PM = Date.UTC(2026, 11, 7, 9, 0); // a Monday, 17:00 in Shanghai
const DAY = '2026-12-07';

/** The show-area concierge's end of the day: GUARD-IN-10, 11, 12 and GUARD-POST-3. */
describe(`the concierge's closing duties (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestApp;
  let site: TestSite;
  let base: string;
  let server: string;
  let manager: string;
  let guard: string;
  let guardName: string;
  let hall: string;
  let roomId: string;
  let item: ModelRoomItem;

  beforeAll(async () => {
    t = await buildTestApp();
    t.clock.set(FIVE_PM);
    const db = t.testDb.database.db;
    site = await createCompanyWithSite(db); // its post is a HALL post
    base = `/api/sites/${site.siteId}`;
    manager = await loginAs(t.app, (await createPerson(db, site, 'site_manager')).login);
    const guardPost = (await call(manager, 'POST', '/posts', { kind: 'GUARD', name: '展示区礼宾' })).json<{ id: string }>().id;
    const concierge = await createPerson(db, site, 'staff', { postIds: [guardPost] });
    guardName = concierge.name;
    guard = await loginAs(t.app, concierge.login);
    hall = await loginAs(t.app, (await createPerson(db, site, 'staff', { postIds: [site.postId] })).login);
    roomId = (await call(manager, 'POST', '/zones', { kind: 'MODEL_ROOM', name: 'A户型样板房', capacity: 10 })).json<{ id: string }>().id;
    item = (await call(manager, 'POST', `/model-rooms/${roomId}/items`, { name: '装饰花瓶', quantity: 2 })).json<ModelRoomItem>();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    server = `http://127.0.0.1:${(t.app.server.address() as net.AddressInfo).port}`;
  });
  afterAll(() => t.close());

  function call(cookie: string, method: 'GET' | 'POST', url: string, payload?: unknown) {
    return t.app.inject({ method, url: `${base}${url}`, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });
  }
  const code = (res: { json: <T>() => T }) => res.json<{ error: { code: string } }>().error.code;

  it('GUARD-IN-10: the concierge checks the model room at the end of the day; a loss reaches the manager as an incident', async () => {
    const lines = [{ itemId: item.id, status: 'missing', foundQuantity: 1 }];
    // Still the guide's and the concierge's duty only: the hall hostess is refused.
    expect(code(await call(hall, 'POST', `/model-rooms/${roomId}/checks`, { id: newId(), phase: 'closing', lines }))).toBe('NOT_ON_POST');
    const res = await call(guard, 'POST', `/model-rooms/${roomId}/checks`, { id: newId(), phase: 'closing', lines });
    expect(res.statusCode, res.body).toBe(201);
    const check = res.json<ModelRoomCheck>();
    expect(check).toMatchObject({ phase: 'closing', missing: 1, byName: guardName });
    const incidentId = check.lines[0]!.incidentId;
    expect(incidentId).not.toBeNull();
    const open = (await call(manager, 'GET', '/incidents?status=open')).json<PageOf<Incident>>();
    expect(open.items.find((i) => i.id === incidentId)).toMatchObject({
      kind: 'missing_item',
      description: expect.stringContaining('装饰花瓶') as unknown,
    });
  });

  it('GUARD-IN-11: water, power and CCTV confirmed off one by one, each with who and when, stored once however often sent', async () => {
    const manager$ = await connectSocket(server, manager);
    await manager$.waitFor((m) => m.type === 'hello');
    manager$.send({ type: 'subscribe', siteId: site.siteId });
    await manager$.waitFor((m) => m.type === 'subscribed');

    const before = (await call(manager, 'GET', '/model-room-closing')).json<ModelRoomClosingDay>();
    expect(before).toMatchObject({ date: DAY, isComplete: false });
    expect(before.switches.map((s) => [s.switch, s.confirmation])).toEqual([
      ['water', null],
      ['power', null],
      ['cctv', null],
    ]);

    // Only the concierge's post (or a manager) confirms the routine.
    expect(code(await call(hall, 'POST', '/model-room-closing', { id: newId(), switch: 'water' }))).toBe('NOT_ON_POST');
    expect((await call(guard, 'POST', '/model-room-closing', { id: newId(), switch: 'gas' })).statusCode).toBe(400);

    const water = { id: newId(), switch: 'water' };
    const first = await call(guard, 'POST', '/model-room-closing', water);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json<ModelRoomClosingConfirmation>()).toMatchObject({ id: water.id, date: DAY, switch: 'water', byName: guardName, at: FIVE_PM });
    const live = await manager$.waitFor((m) => m.type === 'event' && m.event.type === 'model_room.closing_confirmed');
    expect(live.type === 'event' && live.event.payload).toEqual({ date: DAY, switch: 'water' });
    manager$.close();

    // The phone's outbox resends the same confirmation a minute later: stored once, as it was.
    t.clock.advance(60_000);
    const again = await call(guard, 'POST', '/model-room-closing', water);
    expect(again.statusCode).toBe(200);
    expect(again.json<ModelRoomClosingConfirmation>()).toMatchObject({ id: water.id, at: FIVE_PM });
    // Another phone confirming the same switch the same day gets the first confirmation back.
    const other = await call(manager, 'POST', '/model-room-closing', { id: newId(), switch: 'water' });
    expect(other.statusCode).toBe(200);
    expect(other.json<ModelRoomClosingConfirmation>().id).toBe(water.id);
    // The id of the water confirmation cannot be reused for another switch.
    expect(code(await call(guard, 'POST', '/model-room-closing', { id: water.id, switch: 'power' }))).toBe('ID_CONFLICT');
    const stored = await t.testDb.database.db.selectFrom('model_room_closings').selectAll().where('site_id', '=', site.siteId).execute();
    expect(stored).toHaveLength(1);

    expect((await call(guard, 'POST', '/model-room-closing', { id: newId(), switch: 'power' })).statusCode).toBe(201);
    expect((await call(guard, 'GET', '/model-room-closing')).json<ModelRoomClosingDay>().isComplete).toBe(false);
    expect((await call(guard, 'POST', '/model-room-closing', { id: newId(), switch: 'cctv' })).statusCode).toBe(201);

    const day = (await call(manager, 'GET', `/model-room-closing?date=${DAY}`)).json<ModelRoomClosingDay>();
    expect(day.isComplete).toBe(true);
    expect(day.switches.map((s) => [s.switch, s.confirmation?.byName])).toEqual([
      ['water', guardName],
      ['power', guardName],
      ['cctv', guardName],
    ]);
    expect(day.switches[2]!.confirmation!.at).toBe(FIVE_PM + 60_000);
    // The next day starts unconfirmed.
    expect((await call(manager, 'GET', '/model-room-closing?date=2026-12-08')).json<ModelRoomClosingDay>().isComplete).toBe(false);
  });

  it('GUARD-IN-12: declaring abnormal weather gives the concierge a task to check the surroundings', async () => {
    const res = await call(manager, 'POST', '/weather', { id: newId(), kind: 'wind', graceMinutes: 30 });
    expect(res.statusCode, res.body).toBe(201);
    // The site has a HALL and a GUARD post, no cleaner or technician: only the concierge's task.
    expect(res.json<WeatherDeclaration>().taskSlotIds).toHaveLength(1);
    const mine = (await call(guard, 'GET', `/rounds/day?date=${DAY}`)).json<RoundDay>().slots.filter((s) => s.weatherId);
    expect(mine).toEqual([expect.objectContaining({ itemId: 'GUARD-IN-12', postKind: 'GUARD', proof: 'tap' })]);
    expect(mine[0]!.labelZh).toContain('特殊天气检查周边环境');
    const confirmed = await call(guard, 'POST', `/round-slots/${mine[0]!.id}/confirm`, {});
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    // The hall hostess has no such task.
    expect((await call(hall, 'GET', `/rounds/day?date=${DAY}`)).json<RoundDay>().slots.filter((s) => s.weatherId)).toEqual([]);
  });

  it('GUARD-POST-3: the day count shows the visits that passed the concierge', async () => {
    const walkIn = async (partySize: number) =>
      (await call(hall, 'POST', '/visits', { id: newId(), partySize, arrivalMode: 'walk_in' })).json<Visit>();
    const handTo = async (visitId: string, to: string) => {
      const res = await call(hall, 'POST', `/visits/${visitId}/handoffs`, { id: newId(), to });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<Visit>().handoffs.at(-1)!.id;
    };
    const [received, waiting, stayed] = [await walkIn(3), await walkIn(2), await walkIn(4)];
    const toGuard = await handTo(received.id, 'concierge');
    expect((await call(guard, 'POST', `/visits/${received.id}/handoffs/${toGuard}/ack`)).statusCode).toBe(200);
    await handTo(waiting.id, 'concierge'); // handed, not yet received: not counted
    void stayed; // never left the hall

    const counts = (await call(guard, 'GET', '/visitor-counts')).json<VisitorCounts>();
    expect(counts).toMatchObject({ date: DAY, visitsToday: 3, guestsToday: 9, concierge: { visits: 1, guests: 3 } });
    // Yesterday's visits are not today's count (a new login: the day's session has ended).
    t.clock.advance(24 * 3600_000);
    const nextMorning = await loginAs(t.app, (await createPerson(t.testDb.database.db, site, 'site_manager', { now: t.clock.now() })).login);
    expect((await call(nextMorning, 'GET', '/visitor-counts')).json<VisitorCounts>().concierge).toEqual({ visits: 0, guests: 0 });
  });

  it('GUARD-IN-11 without signal: a confirmation sent after midnight from the outbox keeps the time and the day it was tapped', async () => {
    t.clock.set(Date.UTC(2026, 11, 9, 16, 20)); // 00:20 on the 10th in Shanghai
    const concierge = await loginAs(t.app, (await createPerson(t.testDb.database.db, site, 'site_manager', { now: t.clock.now() })).login);
    const tapped = Date.UTC(2026, 11, 9, 15, 55); // 23:55 on the 9th
    const sent = await call(concierge, 'POST', '/model-room-closing', { id: newId(), switch: 'water', at: tapped });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json<ModelRoomClosingConfirmation>()).toMatchObject({ date: '2026-12-09', at: tapped });
    const ninth = (await call(concierge, 'GET', '/model-room-closing?date=2026-12-09')).json<ModelRoomClosingDay>();
    expect(ninth.switches[0]!.confirmation?.at).toBe(tapped);
    expect((await call(concierge, 'GET', '/model-room-closing')).json<ModelRoomClosingDay>()).toMatchObject({
      date: '2026-12-10',
      isComplete: false,
    });
    // A phone clock far ahead of the server's is refused, in words a person can act on.
    expect(code(await call(concierge, 'POST', '/model-room-closing', { id: newId(), switch: 'power', at: t.clock.now() + 3_600_000 }))).toBe(
      'CLOCK_TIME_INVALID',
    );
  });
});
