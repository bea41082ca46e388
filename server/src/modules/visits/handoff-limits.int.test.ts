import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DayBoard, PageOf, Visit, VisitChainSettings } from '@anchang/contracts';
import { newId } from '../../platform/ids.js';
import { buildTestApp, type TestApp } from '../../test/build-test-app.js';
import { createCompanyWithSite, createPerson, loginAs, type TestSite } from '../../test/factories.js';
import { scheduleDayEndClose } from './handoff-limits.js';
import { inTransaction } from '../../platform/tx.js';

const TEN = Date.UTC(2026, 10, 28, 2, 0); // 10:00 in Shanghai, a Saturday
const S = 1000;

describe(`hand-offs nobody takes, visits nobody closed (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestApp;
  let site: TestSite;
  let base: string;
  let park: string;
  let hall: { id: string; cookie: string };
  let supervisor: { id: string; cookie: string };
  let manager: { id: string; cookie: string };
  let consultants: { id: string; cookie: string }[];

  beforeAll(async () => {
    t = await buildTestApp();
    t.clock.set(TEN);
    const db = t.testDb.database.db;
    site = await createCompanyWithSite(db); // its post is a HALL post
    base = `/api/sites/${site.siteId}`;
    const person = async (role: Parameters<typeof createPerson>[2], postIds: string[] = []) => {
      const p = await createPerson(db, site, role, { postIds });
      return { id: p.id, cookie: await loginAs(t.app, p.login) };
    };
    park = (await person('staff')).cookie;
    hall = await person('staff', [site.postId]);
    supervisor = await person('supervisor');
    manager = await person('site_manager');
    consultants = [await person('sales_consultant'), await person('sales_consultant'), await person('sales_consultant')].sort((a, b) =>
      a.id < b.id ? -1 : 1,
    );
  });
  afterAll(() => t.close());

  const call = (cookie: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    t.app.inject({ method, url: `${base}${url}`, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });
  const events = async (type: string, since: number) =>
    (
      await t.testDb.database.db
        .selectFrom('events')
        .select(['room', 'payload', 'at'])
        .where('type', '=', type)
        .where('at', '>=', since)
        .orderBy('at')
        .orderBy('seq')
        .execute()
    ).map((e) => ({ room: e.room, at: Number(e.at), payload: JSON.parse(e.payload) as Record<string, unknown> }));
  const tick = async (to: number) => {
    t.clock.set(to);
    await t.app.services.timers.runDue();
  };
  const notices = async (personId: string, since: number) =>
    t.testDb.database.db.selectFrom('notifications').selectAll().where('to_person_id', '=', personId).where('created_at', '>=', since).execute();

  it('rings the hall again at exactly the limit and alerts the supervisor at exactly twice it', async () => {
    const start = TEN;
    t.clock.set(start);
    const visit = (await call(park, 'POST', '/visits', { id: newId(), partySize: 3, arrivalMode: 'car', plate: '浙A12345' })).json<Visit>();
    const handoff = visit.handoffs[0]!;
    expect(handoff).toMatchObject({ to: 'hall', rungAt: null, rotation: false });

    await tick(start + 60 * S - 1);
    expect(await events('visit.handoff', start + 1)).toEqual([]);
    await tick(start + 60 * S);
    const rerung = await events('visit.handoff', start + 1);
    expect(rerung).toEqual([
      {
        room: `site:${site.siteId}`,
        at: start + 60 * S,
        payload: expect.objectContaining({ handoffId: handoff.id, toPostKind: 'HALL', ring: 2 }) as unknown,
      },
    ]);
    expect((await call(hall.cookie, 'GET', `/visits/${visit.id}`)).json<Visit>().handoffs[0]!.rungAt).toBe(start + 60 * S);

    await tick(start + 120 * S - 1);
    expect(await notices(supervisor.id, start)).toEqual([]);
    await tick(start + 120 * S);
    const told = await notices(supervisor.id, start);
    expect(told).toHaveLength(1);
    expect(told[0]!.title).toContain('交接无人接收');
    expect(await events('visit.handoff_unanswered', start)).toEqual([
      { room: `user:${supervisor.id}`, at: start + 120 * S, payload: { visitId: visit.id, handoffId: handoff.id, toPostKind: 'HALL' } },
    ]);

    // Taken at last: the time to acknowledge is on the day board, per post and per person.
    t.clock.set(start + 150 * S);
    expect((await call(hall.cookie, 'POST', `/visits/${visit.id}/handoffs/${handoff.id}/ack`)).statusCode).toBe(200);
    const board = (await call(manager.cookie, 'GET', '/day-board')).json<DayBoard>();
    expect(board.handoffs.byPost).toEqual([{ to: 'hall', sent: 1, acked: 1, rerung: 1, waiting: 0, avgMs: 150 * S, maxMs: 150 * S }]);
    expect(board.handoffs.byPerson).toEqual([expect.objectContaining({ personId: hall.id, acked: 1, avgMs: 150 * S })]);
  });

  it('rings nobody once the hand-off is acknowledged within the limit', async () => {
    const start = TEN + 3_600_000;
    t.clock.set(start);
    const visit = (await call(park, 'POST', '/visits', { id: newId(), partySize: 1, arrivalMode: 'car', plate: '浙A22345' })).json<Visit>();
    t.clock.set(start + 30 * S);
    expect((await call(hall.cookie, 'POST', `/visits/${visit.id}/handoffs/${visit.handoffs[0]!.id}/ack`)).statusCode).toBe(200);
    await tick(start + 200 * S);
    expect(await events('visit.handoff', start + 1)).toEqual([]);
    expect(await events('visit.handoff_unanswered', start + 1)).toEqual([]);
    const timers = await t.testDb.database.db
      .selectFrom('timers')
      .select(['id', 'status'])
      .where('id', 'like', `%${visit.handoffs[0]!.id}%`)
      .orderBy('id')
      .execute();
    expect(timers.map((r) => r.status)).toEqual(['cancelled', 'cancelled']);
  });

  it('asks the consultants in turn, and the next one when the acceptance limit lapses', async () => {
    const settings = await call(manager.cookie, 'PUT', '/visit-chain-settings', { consultantRotation: true, consultantAcceptSeconds: 45 });
    expect(settings.json<VisitChainSettings>()).toMatchObject({ consultantRotation: true, consultantAcceptSeconds: 45, ackLimitSeconds: 60 });
    expect((await call(hall.cookie, 'PUT', '/visit-chain-settings', { ackLimitSeconds: 30 })).statusCode).toBe(403);

    const start = TEN + 2 * 3_600_000;
    t.clock.set(start);
    const visit = (await call(hall.cookie, 'POST', '/visits', { id: newId(), partySize: 2, arrivalMode: 'walk_in' })).json<Visit>();
    const sent = await call(hall.cookie, 'POST', `/visits/${visit.id}/handoffs`, { id: newId(), to: 'consultant' });
    expect(sent.statusCode).toBe(200);
    const asked = sent.json<Visit>().handoffs.at(-1)!;
    expect(asked).toMatchObject({ rotation: true, toPersonId: consultants[0]!.id, ackedAt: null });
    expect(sent.json<Visit>().consultantId).toBeNull();

    await tick(start + 45 * S - 1);
    expect((await call(hall.cookie, 'GET', `/visits/${visit.id}`)).json<Visit>().handoffs.at(-1)!.toPersonId).toBe(consultants[0]!.id);
    await tick(start + 45 * S);
    expect((await call(hall.cookie, 'GET', `/visits/${visit.id}`)).json<Visit>().handoffs.at(-1)!.toPersonId).toBe(consultants[1]!.id);
    const rung = await events('visit.handoff', start + 45 * S);
    expect(rung).toContainEqual(
      expect.objectContaining({ room: `user:${consultants[1]!.id}`, payload: expect.objectContaining({ ring: 1 }) as unknown }),
    );

    // The first consultant is no longer asked; the second accepts and the guests are theirs.
    expect((await call(consultants[0]!.cookie, 'POST', `/visits/${visit.id}/handoffs/${asked.id}/ack`)).statusCode).toBe(403);
    const took = await call(consultants[1]!.cookie, 'POST', `/visits/${visit.id}/handoffs/${asked.id}/ack`);
    expect(took.statusCode).toBe(200);
    expect(took.json<Visit>().consultantId).toBe(consultants[1]!.id);
    await tick(start + 200 * S);
    expect((await call(hall.cookie, 'GET', `/visits/${visit.id}`)).json<Visit>().handoffs.at(-1)!.toPersonId).toBe(consultants[1]!.id);

    // The next guests go to the one after, in turn.
    const next = (await call(hall.cookie, 'POST', '/visits', { id: newId(), partySize: 1, arrivalMode: 'walk_in' })).json<Visit>();
    const again = await call(hall.cookie, 'POST', `/visits/${next.id}/handoffs`, { id: newId(), to: 'consultant' });
    expect(again.json<Visit>().handoffs.at(-1)!.toPersonId).toBe(consultants[2]!.id);
  });

  it('passes over a consultant who stepped out of the rotation today, and asks them again once back', async () => {
    // The last one asked was the third; the first would be next.
    const out = await call(consultants[0]!.cookie, 'PUT', '/consultant-rotation/me', { awayToday: true });
    expect(out.statusCode, out.body).toBe(200);
    expect(out.json()).toEqual({ rotation: true, awayToday: true });
    expect((await call(consultants[0]!.cookie, 'GET', '/consultant-rotation/me')).json()).toEqual({ rotation: true, awayToday: true });
    // Only consultants have a place in the rotation; anyone of the site may read whether it rotates.
    expect((await call(hall.cookie, 'PUT', '/consultant-rotation/me', { awayToday: true })).statusCode).toBe(403);
    expect((await call(hall.cookie, 'GET', '/consultant-rotation/me')).json()).toEqual({ rotation: true, awayToday: false });
    expect((await call(consultants[0]!.cookie, 'PUT', '/consultant-rotation/me', { away: true })).statusCode).toBe(400);

    const guests = (await call(hall.cookie, 'POST', '/visits', { id: newId(), partySize: 2, arrivalMode: 'walk_in' })).json<Visit>();
    const asked = await call(hall.cookie, 'POST', `/visits/${guests.id}/handoffs`, { id: newId(), to: 'consultant' });
    expect(asked.json<Visit>().handoffs.at(-1)!.toPersonId).toBe(consultants[1]!.id);

    // Back in: the turn comes round to them again.
    expect((await call(consultants[0]!.cookie, 'PUT', '/consultant-rotation/me', { awayToday: false })).json()).toEqual({
      rotation: true,
      awayToday: false,
    });
    const more = (await call(hall.cookie, 'POST', '/visits', { id: newId(), partySize: 1, arrivalMode: 'walk_in' })).json<Visit>();
    expect(
      (await call(hall.cookie, 'POST', `/visits/${more.id}/handoffs`, { id: newId(), to: 'consultant' })).json<Visit>().handoffs.at(-1)!.toPersonId,
    ).toBe(consultants[2]!.id);
    const last = (await call(hall.cookie, 'POST', '/visits', { id: newId(), partySize: 1, arrivalMode: 'walk_in' })).json<Visit>();
    expect(
      (await call(hall.cookie, 'POST', `/visits/${last.id}/handoffs`, { id: newId(), to: 'consultant' })).json<Visit>().handoffs.at(-1)!.toPersonId,
    ).toBe(consultants[0]!.id);
  });

  it('closes the day’s open visits at closing time plus the grace, tells the manager, and the clock-out guard forgets them', async () => {
    expect((await call(manager.cookie, 'PUT', '/visit-chain-settings', { dayEndGraceMinutes: 30 })).statusCode).toBe(200);
    await inTransaction(t.app.services.deps, (tx) => scheduleDayEndClose(tx, site.siteId));
    const open = (await call(manager.cookie, 'GET', '/visits?status=open')).json<PageOf<Visit>>().items;
    expect(open.length).toBeGreaterThan(0);
    const byStage: Record<string, number> = {};
    for (const v of open) byStage[v.stage] = (byStage[v.stage] ?? 0) + 1;

    const closing = Date.UTC(2026, 10, 28, 10, 0); // 18:00 in Shanghai
    await tick(closing + 30 * 60 * S - 1);
    expect((await call(manager.cookie, 'GET', '/visits?status=open')).json<PageOf<Visit>>().items).toHaveLength(open.length);
    await tick(closing + 30 * 60 * S);
    expect((await call(manager.cookie, 'GET', '/visits?status=open')).json<PageOf<Visit>>().items).toEqual([]);
    const closed = (await call(manager.cookie, 'GET', `/visits/${open[0]!.id}`)).json<Visit>();
    expect(closed).toMatchObject({ status: 'closed', closedReason: 'day_end', closedAt: closing + 30 * 60 * S, stage: open[0]!.stage });

    const told = await notices(manager.id, closing);
    expect(told).toHaveLength(1);
    expect(told[0]!.title).toContain(`${open.length} 组`);
    for (const [stage, n] of Object.entries(byStage)) expect(told[0]!.body).toContain(`${stage} ${n}`);

    const board = (await call(manager.cookie, 'GET', '/day-board?date=2026-11-28')).json<DayBoard>();
    expect(board.handoffs.closedAtDayEnd).toBe(open.length);
    // The next day's timer is booked.
    const nextDay = await t.testDb.database.db
      .selectFrom('timers')
      .select(['due_at', 'status'])
      .where('id', '=', `visits.day_end:${site.siteId}:2026-11-29`)
      .executeTakeFirst();
    expect(nextDay).toEqual({ due_at: Date.UTC(2026, 10, 29, 10, 30), status: 'pending' });
  });

  it('moves the pending day-end closing when the manager changes the closing time', async () => {
    const dueOf = async (date: string) =>
      t.testDb.database.db
        .selectFrom('timers')
        .select(['due_at', 'status'])
        .where('id', '=', `visits.day_end:${site.siteId}:${date}`)
        .executeTakeFirst();
    // After the last test the clock stands on 2026-11-28 evening; the 29th's closing is pending at 18:00 + 30 min.
    expect(await dueOf('2026-11-29')).toEqual({ due_at: Date.UTC(2026, 10, 29, 10, 30), status: 'pending' });
    const later = await t.app.inject({
      method: 'PATCH',
      url: base,
      headers: { cookie: manager.cookie },
      payload: { openingHours: { open: '09:00', close: '20:00', closedWeekdays: [] } },
    });
    expect(later.statusCode).toBe(200);
    expect(await dueOf('2026-11-29')).toEqual({ due_at: Date.UTC(2026, 10, 29, 12, 30), status: 'pending' });
  });

  it('holds nobody’s clock-out for a guest who arrived on an earlier day', async () => {
    const presence = (await import('./visits.service.js')).visitGuestPresence(t.testDb.database.db, t.clock);
    // An open visit of yesterday (its day-end timer never ran): not counted; one of today: counted.
    const today = Date.UTC(2026, 10, 29, 1, 0); // 09:00 the next morning
    t.clock.set(today);
    const openVisit = (partySize: number, at: number) => ({
      id: newId(),
      site_id: site.siteId,
      party_size: partySize,
      arrival_mode: 'walk_in',
      plate: null,
      is_new_energy: 0,
      customer_id: null,
      consultant_id: null,
      stage: 'hall',
      stage_since: at,
      stage_log: JSON.stringify([{ stage: 'hall', at }]),
      status: 'open',
      registered_by: hall.id,
      arrived_at: at,
      closed_at: null,
      updated_at: at,
    });
    await t.testDb.database.db.insertInto('visits').values(openVisit(4, TEN)).execute();
    expect(await presence.countGuestsOnSite(site.siteId)).toBe(0);
    await t.testDb.database.db.insertInto('visits').values(openVisit(2, today)).execute();
    expect(await presence.countGuestsOnSite(site.siteId)).toBe(2);
  });
});
