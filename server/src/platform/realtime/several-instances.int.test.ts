/**
 * Several API instances on one PostgreSQL database, as behind a load balancer: a phone's socket
 * may be on either, and the write that concerns it may arrive at either. The writer delivers its
 * own events at once; the other instance gets them through LISTEN/NOTIFY, carried in the notice or
 * read from the event log (platform/events/bus.ts). Every socket must get every event of its room
 * exactly once, whichever instance took the write.
 *
 * PostgreSQL only: on SQLite the app is one process on its own file, and there is no second
 * instance to reach.
 */
import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerMessage, Visit } from '@anchang/contracts';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import { openDatabase, type Database } from '../../db/create-db.js';
import type { App } from '../http/types.js';
import { newId } from '../ids.js';
import { buildTestApp, type TestApp } from '../../test/build-test-app.js';
import { createCompanyWithSite, createPerson, loginAs, type TestSite } from '../../test/factories.js';
import { testDialect } from '../../test/test-db.js';
import { connectSocket, type TestSocket } from '../../test/ws-client.js';

const baseUrlOf = (app: App) => `http://127.0.0.1:${(app.server.address() as net.AddressInfo).port}`;
const isEvent = (m: ServerMessage, type: string, match: (payload: Record<string, unknown>) => boolean) =>
  m.type === 'event' && m.event.type === type && match(m.event.payload);

describe.skipIf(testDialect() !== 'postgres')('several instances on one PostgreSQL database (PostgreSQL only: SQLite is one process)', () => {
  let one: TestApp;
  let twoDatabase: Database;
  let two: App;
  let site: TestSite;
  let manager: string;
  let park: string;
  let parkId: string;
  let hall: string;
  /** A socket on each instance, both subscribed to the site. */
  let onOne: TestSocket;
  let onTwo: TestSocket;

  beforeAll(async () => {
    one = await buildTestApp();
    const db = one.testDb.database.db;
    site = await createCompanyWithSite(db);
    manager = await loginAs(one.app, (await createPerson(db, site, 'site_manager')).login);
    const parkPerson = await createPerson(db, site, 'staff');
    parkId = parkPerson.id;
    park = await loginAs(one.app, parkPerson.login);
    hall = await loginAs(one.app, (await createPerson(db, site, 'staff', { postIds: [site.postId] })).login);

    // The second instance: its own pool and its own LISTEN connection on the same database.
    twoDatabase = await openDatabase({ databaseUrl: one.testDb.location.databaseUrl, sqliteFile: '' });
    two = await buildApp({
      config: loadConfig({ LOG_LEVEL: 'silent', SEED_DEMO: 'false', WEB_DIST_DIR: '/nonexistent', LOGIN_MAX_PER_ADDRESS: '1000000' }),
      database: twoDatabase,
      clock: one.clock,
      logger: false,
    });
    await one.app.listen({ port: 0, host: '127.0.0.1' });
    await two.listen({ port: 0, host: '127.0.0.1' });

    // One session, signed in once: a session is the database's, good on either instance.
    onOne = await connectSocket(baseUrlOf(one.app), hall);
    onTwo = await connectSocket(baseUrlOf(two), hall);
    for (const socket of [onOne, onTwo]) {
      socket.send({ type: 'subscribe', siteId: site.siteId });
      await socket.waitFor((m) => m.type === 'subscribed');
    }
  });
  afterAll(async () => {
    onOne?.close();
    onTwo?.close();
    await two?.close();
    await twoDatabase?.close();
    await one?.close();
  });

  const count = (socket: TestSocket, type: string, match: (payload: Record<string, unknown>) => boolean) =>
    socket.messages.filter((m) => isEvent(m, type, match)).length;

  /** A later event written through `via`, seen by both sockets: everything before it has been delivered to both. */
  async function fence(via: App): Promise<void> {
    const title = `fence ${newId()}`;
    expect(
      (await via.inject({ method: 'POST', url: `/api/sites/${site.siteId}/notifications`, headers: { cookie: manager }, payload: { title } }))
        .statusCode,
    ).toBe(201);
    for (const socket of [onOne, onTwo]) await socket.waitFor((m) => isEvent(m, 'notification.created', (p) => p.title === title));
  }

  it('a notice written through either instance reaches the sockets on both, once each', async () => {
    for (const [name, via] of [
      ['one', one.app],
      ['two', two],
    ] as const) {
      const title = `通知 via ${name} ${newId()}`;
      const res = await via.inject({
        method: 'POST',
        url: `/api/sites/${site.siteId}/notifications`,
        headers: { cookie: manager },
        payload: { title },
      });
      expect(res.statusCode).toBe(201);
      const match = (p: Record<string, unknown>) => p.title === title;
      for (const socket of [onOne, onTwo]) await socket.waitFor((m) => isEvent(m, 'notification.created', match));
      // Writes through the other instance after it: had a duplicate been coming, it would have come before these.
      await fence(one.app);
      await fence(two);
      expect([count(onOne, 'notification.created', match), count(onTwo, 'notification.created', match)]).toEqual([1, 1]);
    }
  });

  it("reaches the other instance while every one of that instance's request connections is taken", async () => {
    // Under load every request connection is busy with a queue behind it; the bus reads the log on
    // connections of its own, so a hand-off does not wait in that queue to reach the other phones.
    const pool = twoDatabase.pool!;
    const held = await Promise.all(Array.from({ length: pool.options.max }, () => pool.connect()));
    try {
      const title = `通知 while two is busy ${newId()}`;
      const res = await one.app.inject({
        method: 'POST',
        url: `/api/sites/${site.siteId}/notifications`,
        headers: { cookie: manager },
        payload: { title },
      });
      expect(res.statusCode).toBe(201);
      await onTwo.waitFor((m) => isEvent(m, 'notification.created', (p) => p.title === title), 3000);
    } finally {
      for (const client of held) client.release();
    }
  });

  it('a visit registered through either instance is announced on both, once each, in the same seq order', async () => {
    for (const via of [two, one.app]) {
      const visitId = newId();
      const res = await via.inject({
        method: 'POST',
        url: `/api/sites/${site.siteId}/visits`,
        headers: { cookie: park },
        payload: { id: visitId, partySize: 2, arrivalMode: 'walk_in' },
      });
      expect(res.statusCode).toBe(201);
      const match = (p: Record<string, unknown>) => p.visitId === visitId;
      for (const socket of [onOne, onTwo]) await socket.waitFor((m) => isEvent(m, 'visit.arrived', match));
      await fence(via === two ? one.app : two);
      expect([count(onOne, 'visit.arrived', match), count(onTwo, 'visit.arrived', match)]).toEqual([1, 1]);
    }
    // Both sockets saw the site's events in the same order, each seq once.
    const seqs = (socket: TestSocket) =>
      socket.messages.flatMap((m) => (m.type === 'event' && m.event.room === `site:${site.siteId}` ? [m.event.seq] : []));
    expect(seqs(onOne)).toEqual(seqs(onTwo));
    expect(new Set(seqs(onOne)).size).toBe(seqs(onOne).length);
    expect(seqs(onOne)).toEqual([...seqs(onOne)].sort((a, b) => a - b));
  });

  it("a site's hand-off limit, its car park and a person's name changed through one instance are what the other uses at once", async () => {
    // The visit chain keeps these in memory (platform/events/event-cache.ts); the other instance's
    // copies must go when the change is announced.
    const db = one.testDb.database.db;
    const registerCarThroughTwo = async () => {
      const res = await two.inject({
        method: 'POST',
        url: `/api/sites/${site.siteId}/visits`,
        headers: { cookie: park },
        payload: { id: newId(), partySize: 2, arrivalMode: 'car', plate: '浙A12345' },
      });
      expect(res.statusCode).toBe(201);
      const visit = res.json<Visit>();
      const handoff = visit.handoffs[0]!;
      const ring = await db.selectFrom('timers').select('due_at').where('id', '=', `visit.handoff.ring:${handoff.id}`).executeTakeFirstOrThrow();
      return { visit, ringAfterMs: ring.due_at - handoff.sentAt };
    };
    const ackThroughTwo = async (visit: Visit) => {
      const res = await two.inject({
        method: 'POST',
        url: `/api/sites/${site.siteId}/visits/${visit.id}/handoffs/${visit.handoffs[0]!.id}/ack`,
        headers: { cookie: hall },
      });
      expect(res.statusCode).toBe(200);
      return res.json<Visit>().handoffs[0]!.sentByName;
    };
    // Two reads the limits, the car park and the car park attendant's name.
    const before = await registerCarThroughTwo();
    expect(before.ringAfterMs).not.toBe(45_000);
    expect(await ackThroughTwo(before.visit)).not.toBe('新名字');

    const manage = (method: 'PUT' | 'POST' | 'PATCH', url: string, payload: object) =>
      one.app.inject({ method, url: `/api/sites/${site.siteId}${url}`, headers: { cookie: manager }, payload });
    expect((await manage('PUT', '/visit-chain-settings', { ackLimitSeconds: 45 })).statusCode).toBe(200);
    expect((await manage('POST', '/zones', { kind: 'CAR_PARK', name: '停车场', capacity: 1 })).statusCode).toBe(201);
    expect((await manage('PATCH', `/people/${parkId}`, { name: '新名字' })).statusCode).toBe(200);
    // Everything written through one before this has reached two.
    await fence(one.app);

    const after = await registerCarThroughTwo();
    expect(after.ringAfterMs).toBe(45_000);
    await onTwo.waitFor((m) => isEvent(m, 'carpark.full', (p) => p.capacity === 1));
    expect(await ackThroughTwo(after.visit)).toBe('新名字');
  });
});
