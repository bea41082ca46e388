import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageOf, Visit } from '@anchang/contracts';
import { newId } from '../../platform/ids.js';
import { buildTestApp, type TestApp } from '../../test/build-test-app.js';
import { createCompanyWithSite, createPerson, loginAs, type TestSite } from '../../test/factories.js';
import { connectSocket } from '../../test/ws-client.js';

const TEN = Date.UTC(2026, 10, 28, 2, 0); // 10:00 in Shanghai

describe(`a consultant claims waiting guests (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestApp;
  let site: TestSite;
  let base: string;
  let server: string;
  let hall: string;
  let manager: string;
  let first: { id: string; cookie: string };
  let second: { id: string; cookie: string };

  beforeAll(async () => {
    t = await buildTestApp();
    t.clock.set(TEN);
    const db = t.testDb.database.db;
    site = await createCompanyWithSite(db); // its post is a HALL post
    base = `/api/sites/${site.siteId}`;
    hall = await loginAs(t.app, (await createPerson(db, site, 'staff', { postIds: [site.postId] })).login);
    manager = await loginAs(t.app, (await createPerson(db, site, 'site_manager')).login);
    const consultant = async () => {
      const p = await createPerson(db, site, 'sales_consultant');
      return { id: p.id, cookie: await loginAs(t.app, p.login) };
    };
    first = await consultant();
    second = await consultant();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    server = `http://127.0.0.1:${(t.app.server.address() as net.AddressInfo).port}`;
  });
  afterAll(() => t.close());

  const call = (cookie: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    t.app.inject({ method, url: `${base}${url}`, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });
  const error = (res: { json: <T>() => T }) => res.json<{ error: { code: string; params?: Record<string, unknown> } }>().error;
  const waiting = async (cookie: string) =>
    (await call(cookie, 'GET', '/visits?status=open&stage=hall&consultant=none')).json<PageOf<Visit>>().items.map((v) => v.id);
  const walkIn = async (partySize: number) => (await call(hall, 'POST', '/visits', { id: newId(), partySize, arrivalMode: 'walk_in' })).json<Visit>();

  it('records the claim as the hall hand-off to the consultant, acknowledged by them, and lists it as theirs', async () => {
    const visit = await walkIn(2);
    expect(await waiting(first.cookie)).toEqual([visit.id]);

    const claimId = newId();
    const claimed = await call(first.cookie, 'POST', `/visits/${visit.id}/claim`, { id: claimId });
    expect(claimed.statusCode).toBe(200);
    const after = claimed.json<Visit>();
    expect(after).toMatchObject({ consultantId: first.id, stage: 'hall', status: 'open' });
    // The chain holds it as HALL-IN-3's hand-off, taken by the consultant: what the board shows.
    expect(after.handoffs).toEqual([
      expect.objectContaining({ id: claimId, to: 'consultant', toPersonId: first.id, fromStage: 'hall', ackedBy: first.id, ackedAt: TEN }),
    ]);
    // The phone lost the answer and taps again with the same id: the same claim, nothing new.
    const again = await call(first.cookie, 'POST', `/visits/${visit.id}/claim`, { id: claimId });
    expect(again.statusCode).toBe(200);
    expect(again.json<Visit>().handoffs).toHaveLength(1);

    expect(await waiting(first.cookie)).toEqual([]);
    const mine = (await call(first.cookie, 'GET', `/visits?consultant=mine&arrivedSince=${TEN - 3_600_000}`)).json<PageOf<Visit>>().items;
    expect(mine.map((v) => v.id)).toEqual([visit.id]);
    expect((await call(second.cookie, 'GET', '/visits?consultant=mine')).json<PageOf<Visit>>().items).toEqual([]);
    const board = (await call(manager, 'GET', `/visits/${visit.id}`)).json<Visit>();
    expect(board.consultantName).toBe(after.consultantName);
    expect(board.consultantName).toBeTruthy();
  });

  it('lets one of two consultants tapping together win; the other gets VISIT_ALREADY_CLAIMED, and every list updates live', async () => {
    const visit = await walkIn(3);
    const watcher = await connectSocket(server, hall);
    watcher.send({ type: 'subscribe', siteId: site.siteId });
    await watcher.waitFor((m) => m.type === 'subscribed');

    const [a, b] = await Promise.all([
      call(first.cookie, 'POST', `/visits/${visit.id}/claim`, { id: newId() }),
      call(second.cookie, 'POST', `/visits/${visit.id}/claim`, { id: newId() }),
    ]);
    const statuses = [a.statusCode, b.statusCode].sort();
    expect(statuses).toEqual([200, 409]);
    const [won, lost] = a.statusCode === 200 ? [a, b] : [b, a];
    const winner = won.json<Visit>();
    expect(error(lost)).toMatchObject({
      code: 'VISIT_ALREADY_CLAIMED',
      params: { visitId: visit.id, consultantName: winner.consultantName, isYou: false },
    });
    // One claim recorded, not two.
    expect(winner.handoffs.filter((h) => h.to === 'consultant')).toHaveLength(1);
    const acked = await watcher.waitFor((m) => m.type === 'event' && m.event.type === 'visit.acked', 1000);
    expect(acked.type === 'event' && acked.event.payload).toMatchObject({ visitId: visit.id, handoffId: winner.handoffs[0]!.id });
    expect(await waiting(second.cookie)).not.toContain(visit.id);
    watcher.close();

    // A guest the hall already handed to a named consultant is not waiting for anyone.
    const named = await walkIn(1);
    await call(hall, 'POST', `/visits/${named.id}/handoffs`, { id: newId(), to: 'consultant', consultantId: second.id });
    expect(await waiting(first.cookie)).not.toContain(named.id);
    expect(error(await call(first.cookie, 'POST', `/visits/${named.id}/claim`, { id: newId() }))).toMatchObject({
      code: 'VISIT_ALREADY_CLAIMED',
      params: { isYou: false },
    });
  });

  it('is refused to anyone but a consultant, and for guests not in the hall or gone', async () => {
    const visit = await walkIn(2);
    for (const cookie of [hall, manager]) {
      const refused = await call(cookie, 'POST', `/visits/${visit.id}/claim`, { id: newId() });
      expect(refused.statusCode).toBe(403);
      expect(error(refused).code).toBe('FORBIDDEN');
    }
    expect((await call(manager, 'GET', `/visits/${visit.id}`)).json<Visit>().consultantId).toBeNull();

    const inCar = (await call(hall, 'POST', '/visits', { id: newId(), partySize: 2, arrivalMode: 'car', plate: '浙A12345' })).json<Visit>();
    expect(error(await call(first.cookie, 'POST', `/visits/${inCar.id}/claim`, { id: newId() }))).toMatchObject({ code: 'NOT_IN_HALL' });
    await call(hall, 'POST', `/visits/${visit.id}/handoffs`, { id: newId(), to: 'departure' });
    expect(error(await call(first.cookie, 'POST', `/visits/${visit.id}/claim`, { id: newId() })).code).toBe('VISIT_CLOSED');
    expect(error(await call(first.cookie, 'POST', `/visits/${newId()}/claim`, { id: newId() })).code).toBe('VISIT_NOT_FOUND');
  });
});
