import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RealtimeEvent, ShiftDetail, Visit, VisitorCounts } from '@anchang/contracts';
import { newId } from '../../platform/ids.js';
import { buildTestApp, type TestApp } from '../../test/build-test-app.js';
import { createCompanyWithSite, createPerson, loginAs, type TestSite } from '../../test/factories.js';
import { connectSocket } from '../../test/ws-client.js';

const TEN = Date.UTC(2026, 10, 28, 2, 0); // 10:00 in Shanghai

describe(`visits (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestApp;
  let site: TestSite;
  let base: string;
  let server: string;
  let manager: string;
  let park: string;
  let hall: string;
  let hallId: string;
  let guard: string;
  let consultant: { id: string; cookie: string };

  beforeAll(async () => {
    t = await buildTestApp();
    t.clock.set(TEN);
    const db = t.testDb.database.db;
    site = await createCompanyWithSite(db); // its post is a HALL post
    base = `/api/sites/${site.siteId}`;
    manager = await loginAs(t.app, (await createPerson(db, site, 'site_manager')).login);
    const post = async (kind: string, name: string) =>
      (await t.app.inject({ method: 'POST', url: `${base}/posts`, headers: { cookie: manager }, payload: { kind, name } })).json<{ id: string }>().id;
    const parkPost = await post('PARK', '车场');
    await t.app.inject({
      method: 'POST',
      url: `${base}/zones`,
      headers: { cookie: manager },
      payload: { kind: 'CAR_PARK', name: '访客车场', capacity: 2 },
    });
    park = await loginAs(t.app, (await createPerson(db, site, 'staff', { postIds: [parkPost] })).login);
    const hallPerson = await createPerson(db, site, 'staff', { postIds: [site.postId] });
    hallId = hallPerson.id;
    hall = await loginAs(t.app, hallPerson.login);
    guard = await loginAs(t.app, (await createPerson(db, site, 'staff', { postIds: [await post('GUARD', '礼宾')] })).login);
    const c = await createPerson(db, site, 'sales_consultant');
    consultant = { id: c.id, cookie: await loginAs(t.app, c.login) };
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    server = `http://127.0.0.1:${(t.app.server.address() as net.AddressInfo).port}`;
  });
  afterAll(() => t.close());

  const call = (cookie: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    t.app.inject({ method, url: `${base}${url}`, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });
  const code = (res: { json: <T>() => T }) => res.json<{ error: { code: string; params?: Record<string, unknown> } }>().error;

  it('refuses bad plates naming the rule, and party sizes of 0 or 500', async () => {
    const bad = await call(park, 'POST', '/visits', { id: newId(), partySize: 2, arrivalMode: 'car', plate: '浙I12345' });
    expect(code(bad)).toMatchObject({ code: 'PLATE_INVALID', params: { rule: 'authority' } });
    expect(code(await call(park, 'POST', '/visits', { id: newId(), partySize: 2, arrivalMode: 'car' })).code).toBe('PLATE_REQUIRED');
    for (const partySize of [0, 500])
      expect(code(await call(park, 'POST', '/visits', { id: newId(), partySize, arrivalMode: 'walk_in' })).code).toBe('VALIDATION_FAILED');
    expect((await t.testDb.database.db.selectFrom('visits').select('id').where('site_id', '=', site.siteId).execute()).length).toBe(0);
  });

  it('runs the chain car park → hall → consultant → model room → departure, live, measuring each stage', async () => {
    const hallPhone = await connectSocket(server, hall);
    hallPhone.send({ type: 'subscribe', siteId: site.siteId });
    await hallPhone.waitFor((m) => m.type === 'subscribed');

    const id = newId();
    const sentAt = Date.now();
    const registered = await call(park, 'POST', '/visits', {
      id,
      partySize: 3,
      arrivalMode: 'car',
      plate: '浙A 12345',
      customer: { phone: '13912345678', consent: true },
    });
    expect(registered.statusCode).toBe(201);
    const pushed = await hallPhone.waitFor((m) => m.type === 'event' && m.event.type === 'visit.handoff', 1000);
    expect(Date.now() - sentAt).toBeLessThan(1000);
    expect(pushed.type === 'event' && pushed.event.payload).toMatchObject({ visitId: id, toPostKind: 'HALL', partySize: 3 });
    const visit = registered.json<Visit>();
    expect(visit).toMatchObject({ plateMasked: '浙A1**45', stage: 'car_park', customer: { phoneMasked: '139****5678', isReturning: false } });
    expect(JSON.stringify(visit)).not.toContain('13912345678');
    expect((await call(park, 'POST', '/visits', { id, partySize: 3, arrivalMode: 'car', plate: '浙A12345' })).statusCode).toBe(200);

    // The guard cannot take the hall's guests; the hall can, once.
    const toHall = visit.handoffs[0]!.id;
    expect(code(await call(guard, 'POST', `/visits/${id}/handoffs/${toHall}/ack`)).code).toBe('HANDOFF_NOT_FOR_YOU');
    t.clock.advance(90_000);
    const inHall = (await call(hall, 'POST', `/visits/${id}/handoffs/${toHall}/ack`)).json<Visit>();
    expect(inHall).toMatchObject({ stage: 'hall', stageDurations: { car_park: 90_000 } });
    // Answered from the rows the acknowledgement wrote, not read back: the same as reading it back.
    expect(inHall).toEqual((await call(hall, 'GET', `/visits/${id}`)).json<Visit>());
    expect(code(await call(manager, 'POST', `/visits/${id}/handoffs/${toHall}/ack`)).code).toBe('HANDOFF_ALREADY_ACKED');

    const consultantPhone = await connectSocket(server, consultant.cookie);
    await consultantPhone.waitFor((m) => m.type === 'hello');
    expect(code(await call(hall, 'POST', `/visits/${id}/handoffs`, { id: newId(), to: 'consultant' })).code).toBe('CONSULTANT_REQUIRED');
    // HALL-IN-3: the hall, though only staff, sees who it can pass the guests to.
    expect((await call(hall, 'GET', '/consultants')).json<{ id: string }[]>().map((c) => c.id)).toEqual([consultant.id]);
    const withConsultant = (
      await call(hall, 'POST', `/visits/${id}/handoffs`, { id: newId(), to: 'consultant', consultantId: consultant.id })
    ).json<Visit>();
    expect(withConsultant).toEqual((await call(hall, 'GET', `/visits/${id}`)).json<Visit>());
    await consultantPhone.waitFor((m) => m.type === 'event' && m.event.type === 'visit.handoff' && m.event.room === `user:${consultant.id}`);
    const toConsultant = withConsultant.handoffs.find((h) => h.to === 'consultant')!;
    expect((await call(consultant.cookie, 'POST', `/visits/${id}/handoffs/${toConsultant.id}/ack`)).json<Visit>().consultantName).toBeTruthy();

    // Guests on site hold the hall's clock-out (待客人离开后下班).
    const counts = (await call(manager, 'GET', '/visitor-counts')).json<VisitorCounts>();
    expect(counts).toMatchObject({ onSite: 3, visitsToday: 1, guestsToday: 3, carPark: { capacity: 2, occupied: 1, isFull: false } });
    expect(counts.byHour).toEqual([{ hour: 10, visits: 1, guests: 3 }]);
    await call(manager, 'POST', '/standards/adopt');
    await call(manager, 'POST', '/roster', { postId: site.postId, personId: hallId, date: '2026-11-28', start: '08:30', end: '18:00' });
    const shift = (await call(hall, 'POST', '/shifts', { id: newId(), postId: site.postId })).json<ShiftDetail>();
    expect(shift.guestsOnSite).toBe(3);
    expect(code(await call(hall, 'POST', `/shifts/${shift.shift.id}/clock-out`, {})).code).toBe('GUESTS_STILL_ON_SITE');

    t.clock.advance(600_000);
    const toModel = (await call(hall, 'POST', `/visits/${id}/handoffs`, { id: newId(), to: 'model_room' })).json<Visit>().handoffs.at(-1)!;
    t.clock.advance(120_000);
    await call(manager, 'POST', `/visits/${id}/handoffs/${toModel.id}/ack`);
    t.clock.advance(900_000);
    const leaving = (await call(hall, 'POST', `/visits/${id}/handoffs`, { id: newId(), to: 'departure' })).json<Visit>().handoffs.at(-1)!;
    expect(leaving.toPostKind).toBe('PARK');
    const closed = (await call(park, 'POST', `/visits/${id}/handoffs/${leaving.id}/ack`)).json<Visit>();
    expect(closed).toEqual((await call(park, 'GET', `/visits/${id}`)).json<Visit>());
    expect(closed).toMatchObject({ status: 'closed', stage: 'departed', stageDurations: { car_park: 90_000, hall: 720_000, model_room: 900_000 } });
    expect(code(await call(hall, 'POST', `/visits/${id}/handoffs`, { id: newId(), to: 'hall' })).code).toBe('VISIT_CLOSED');
    expect((await call(hall, 'POST', `/shifts/${shift.shift.id}/clock-out`, {})).statusCode).toBe(200);
    // One commit, one frame: the departure's acknowledgement and the visit's close reach the phone together.
    const ofThisVisit = (e: RealtimeEvent) => (e.payload as { visitId?: string }).visitId === id;
    await hallPhone.waitFor((m) => m.type === 'event' && m.event.type === 'visit.closed' && ofThisVisit(m.event));
    const closing = hallPhone.frames.find((f) => f.type === 'events' && f.events.some((e) => e.type === 'visit.closed' && ofThisVisit(e)));
    expect(closing?.type === 'events' && closing.events.filter(ofThisVisit).map((e) => e.type)).toEqual(['visit.acked', 'visit.closed']);
    hallPhone.close();
    consultantPhone.close();
  });

  it('recognises a returning customer by phone only, and warns when the car park is full', async () => {
    const board = await connectSocket(server, manager);
    board.send({ type: 'subscribe', siteId: site.siteId });
    await board.waitFor((m) => m.type === 'subscribed');
    const again = (
      await call(park, 'POST', '/visits', {
        id: newId(),
        partySize: 2,
        arrivalMode: 'car',
        plate: '沪AD12345',
        customer: { phone: '13912345678', consent: true },
      })
    ).json<Visit>();
    expect(again.customer).toMatchObject({ isReturning: true, visitCount: 2 });
    expect(again.isNewEnergy).toBe(true);
    const noConsent = (
      await call(park, 'POST', '/visits', {
        id: newId(),
        partySize: 1,
        arrivalMode: 'car',
        plate: '苏E12345F',
        customer: { phone: '13700000000', consent: false },
      })
    ).json<Visit>();
    expect(noConsent.customer).toBeNull();
    // The phone lost the answer and sends the same registration again: recorded once.
    const repeated = await call(park, 'POST', '/visits', { id: noConsent.id, partySize: 1, arrivalMode: 'car', plate: '苏E12345F' });
    expect(repeated.statusCode).toBe(200);
    expect((await call(park, 'GET', `/visits/${noConsent.id}`)).json<Visit>().handoffs).toHaveLength(1);
    const full = await board.waitFor((m) => m.type === 'event' && m.event.type === 'carpark.full');
    expect(full.type === 'event' && full.event.payload).toEqual({ occupied: 2, capacity: 2 });
    const walkIn = (await call(hall, 'POST', '/visits', { id: newId(), partySize: 4, arrivalMode: 'walk_in' })).json<Visit>();
    expect(walkIn.handoffs).toHaveLength(0);
    const gone = (await call(hall, 'POST', `/visits/${walkIn.id}/handoffs`, { id: newId(), to: 'departure' })).json<Visit>();
    expect(gone.status).toBe('closed');
    board.close();
  });

  // Two writers on one visit (a tap on the hall's phone while another change to the visit is being
  // written): the acknowledgement writes a stage log computed from the visit it read, so it must
  // read it after the other commits, not before. SQLite runs writers one at a time already.
  it.runIf(process.env.TEST_DB === 'postgres')(
    'an acknowledgement waits for another writer holding the visit and keeps that writer’s change',
    async () => {
      const db = t.testDb.database.db;
      const id = newId();
      const visit = (await call(park, 'POST', '/visits', { id, partySize: 2, arrivalMode: 'car', plate: '浙B 54321' })).json<Visit>();
      let ack: ReturnType<typeof call> | undefined;
      await db.transaction().execute(async (trx) => {
        const held = await trx.selectFrom('visits').select('stage_log').where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
        ack = call(hall, 'POST', `/visits/${id}/handoffs/${visit.handoffs[0]!.id}/ack`);
        const first = await Promise.race([ack.then(() => 'answered'), new Promise((resolve) => setTimeout(() => resolve('waiting'), 300))]);
        expect(first).toBe('waiting');
        // The other writer's change: an entry the acknowledgement's stage log must keep.
        const log = [...(JSON.parse(held.stage_log) as unknown[]), { stage: 'car_park', at: 1 }];
        await trx
          .updateTable('visits')
          .set({ stage_log: JSON.stringify(log) })
          .where('id', '=', id)
          .execute();
      });
      expect((await ack!).statusCode).toBe(200);
      const row = await db.selectFrom('visits').select(['stage', 'stage_log']).where('id', '=', id).executeTakeFirstOrThrow();
      expect(row.stage).toBe('hall');
      expect(JSON.parse(row.stage_log)).toContainEqual({ stage: 'car_park', at: 1 });
    },
  );

  // Two people taking the same guests at once (the hall and the manager standing in): the
  // acknowledgement trusts the hand-offs it read behind the visit's lock, so the second to get
  // the lock must see the first's acknowledgement, and the guests move into the hall once.
  it.runIf(process.env.TEST_DB === 'postgres')(
    'two acknowledgements of one hand-off waiting for the visit: one is taken, the other refused',
    async () => {
      const db = t.testDb.database.db;
      const id = newId();
      const visit = (await call(park, 'POST', '/visits', { id, partySize: 2, arrivalMode: 'car', plate: '浙B 54323' })).json<Visit>();
      const handoffId = visit.handoffs[0]!.id;
      let both: Promise<Awaited<ReturnType<typeof call>>[]> | undefined;
      await db.transaction().execute(async (trx) => {
        await trx.selectFrom('visits').select('id').where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
        both = Promise.all([hall, manager].map((who) => call(who, 'POST', `/visits/${id}/handoffs/${handoffId}/ack`)));
        await new Promise((resolve) => setTimeout(resolve, 300));
      });
      const acks = await both!;
      expect(acks.map((a) => a.statusCode).sort()).toEqual([200, 409]);
      expect(code(acks.find((a) => a.statusCode === 409)!).code).toBe('HANDOFF_ALREADY_ACKED');
      const row = await db.selectFrom('visits').select('stage_log').where('id', '=', id).executeTakeFirstOrThrow();
      expect((JSON.parse(row.stage_log) as { stage: string }[]).map((e) => e.stage)).toEqual(['car_park', 'hall']);
      const audits = await db.selectFrom('audit_log').select('id').where('entity_id', '=', id).where('action', '=', 'visit.ack').execute();
      expect(audits).toHaveLength(1);
    },
  );

  // The acknowledgement reads the visit's hand-offs in the statement that waits for the lock: when
  // another writer changed the visit meanwhile, the answer still shows what that writer committed.
  it.runIf(process.env.TEST_DB === 'postgres')(
    'an acknowledgement that waited for the visit answers with the hand-offs written meanwhile',
    async () => {
      const db = t.testDb.database.db;
      const id = newId();
      const visit = (await call(park, 'POST', '/visits', { id, partySize: 2, arrivalMode: 'car', plate: '浙B 54322' })).json<Visit>();
      const first = visit.handoffs[0]!;
      const meanwhile = newId();
      let ack: ReturnType<typeof call> | undefined;
      await db.transaction().execute(async (trx) => {
        await trx.selectFrom('visits').select('id').where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
        ack = call(hall, 'POST', `/visits/${id}/handoffs/${first.id}/ack`);
        await new Promise((resolve) => setTimeout(resolve, 300));
        await trx
          .insertInto('visit_handoffs')
          .values({
            id: meanwhile,
            visit_id: id,
            site_id: visit.siteId,
            to_target: 'model_room',
            to_post_kind: 'MODEL',
            to_person_id: null,
            from_stage: 'car_park',
            note: '',
            sent_by: first.sentBy,
            sent_at: first.sentAt + 1,
            acked_by: null,
            acked_at: null,
          })
          .execute();
        await trx
          .updateTable('visits')
          .set({ updated_at: first.sentAt + 1 })
          .where('id', '=', id)
          .execute();
      });
      const answer = await ack!;
      expect(answer.statusCode).toBe(200);
      expect(answer.json<Visit>().handoffs.map((h) => [h.id, h.ackedAt !== null])).toEqual([
        [first.id, true],
        [meanwhile, false],
      ]);
    },
  );
});
