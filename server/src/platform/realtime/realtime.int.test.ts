import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/build-test-app.js';
import { createCompanyWithSite, createPerson, loginAs, type TestPerson, type TestSite } from '../../test/factories.js';
import { httpLogin, spawnServer } from '../../test/spawn-server.js';
import { databaseUrlFor, testDialect } from '../../test/test-db.js';
import { connectSocket } from '../../test/ws-client.js';
import { createTestDatabase } from '../../test/test-db.js';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import { openDatabase } from '../../db/create-db.js';

describe(`realtime (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestApp;
  let site: TestSite;
  let other: TestSite;
  let base: string;
  let manager: string;
  let staff: TestPerson;
  let staffCookie: string;
  let colleagueCookie: string;
  let outsiderCookie: string;

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.testDb.database.db;
    site = await createCompanyWithSite(db);
    other = await createCompanyWithSite(db);
    manager = await loginAs(t.app, (await createPerson(db, site, 'site_manager')).login);
    staff = await createPerson(db, site, 'staff');
    staffCookie = await loginAs(t.app, staff.login);
    colleagueCookie = await loginAs(t.app, (await createPerson(db, site, 'staff')).login);
    outsiderCookie = await loginAs(t.app, (await createPerson(db, other, 'site_manager')).login);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as net.AddressInfo).port}`;
  });
  afterAll(() => t.close());

  const notify = (payload: object) =>
    t.app.inject({ method: 'POST', url: `/api/sites/${site.siteId}/notifications`, headers: { cookie: manager }, payload });

  it('refuses a socket without a session', async () => {
    await expect(connectSocket(base, 'anchang_sid=nope')).rejects.toThrow(/401/);
  });

  it('delivers a site notice to a subscribed phone, and a personal one only to that person', async () => {
    const phone = await connectSocket(base, staffCookie);
    await phone.waitFor((m) => m.type === 'hello');
    phone.send({ type: 'subscribe', siteId: site.siteId });
    await phone.waitFor((m) => m.type === 'subscribed');

    expect((await notify({ title: '下午三点例会', body: '请准时参加' })).statusCode).toBe(201);
    const got = await phone.waitFor((m) => m.type === 'event' && m.event.type === 'notification.created');
    expect(got.type === 'event' && got.event.payload).toMatchObject({ title: '下午三点例会' });

    // A colleague and the manager are on the same site's room: the personal notice is not theirs.
    const colleague = await connectSocket(base, colleagueCookie);
    colleague.send({ type: 'subscribe', siteId: site.siteId });
    await colleague.waitFor((m) => m.type === 'subscribed');
    const desk = await connectSocket(base, manager);
    desk.send({ type: 'subscribe', siteId: site.siteId });
    await desk.waitFor((m) => m.type === 'subscribed');

    expect((await notify({ title: '只给你', toPersonId: staff.id })).statusCode).toBe(201);
    const personal = await phone.waitFor((m) => m.type === 'event' && m.event.room === `user:${staff.id}`);
    expect(personal.type === 'event' && personal.event.payload).toMatchObject({ title: '只给你' });
    // A site notice after it: each socket gets its events in order, so once the fence is in,
    // the personal one would be there too had it been sent to them.
    await notify({ title: '栅栏' });
    for (const other of [colleague, desk]) {
      await other.waitFor((m) => m.type === 'event' && (m.event.payload as { title?: string }).title === '栅栏');
      const titles = other.messages.flatMap((m) => (m.type === 'event' ? [(m.event.payload as { title?: string }).title] : []));
      expect(titles).not.toContain('只给你');
      expect(other.messages.some((m) => m.type === 'event' && m.event.room.startsWith('user:'))).toBe(false);
    }
    // Nor can they read it afterwards from the stored notices.
    const listed = await t.app.inject({
      method: 'GET',
      url: `/api/sites/${site.siteId}/notifications?limit=200`,
      headers: { cookie: colleagueCookie },
    });
    expect(listed.statusCode).toBe(200);
    expect(listed.json<{ items: { title: string }[] }>().items.map((n) => n.title)).not.toContain('只给你');
    colleague.close();
    desk.close();
    phone.close();
  });

  it('does not let a person of another site listen to this site', async () => {
    const spy = await connectSocket(base, outsiderCookie);
    spy.send({ type: 'subscribe', siteId: site.siteId });
    const refused = await spy.waitFor((m) => m.type === 'error');
    expect(refused).toMatchObject({ code: 'SITE_NOT_FOUND' });
    await notify({ title: '内部通知' });
    const phone = await connectSocket(base, staffCookie);
    phone.send({ type: 'subscribe', siteId: site.siteId });
    await phone.waitFor((m) => m.type === 'subscribed');
    await notify({ title: '第二条' });
    await phone.waitFor((m) => m.type === 'event' && m.event.type === 'notification.created');
    expect(spy.messages.some((m) => m.type === 'event')).toBe(false);
    spy.close();
    phone.close();
  });

  it('publishes nothing for a write that rolled back', async () => {
    const phone = await connectSocket(base, staffCookie);
    phone.send({ type: 'subscribe', siteId: site.siteId });
    await phone.waitFor((m) => m.type === 'subscribed');
    const zone = { kind: 'OFFICE', name: `只此一间-${Date.now()}` };
    const first = await t.app.inject({ method: 'POST', url: `/api/sites/${site.siteId}/zones`, headers: { cookie: manager }, payload: zone });
    expect(first.statusCode).toBe(201);
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/sites/${site.siteId}/zones`, headers: { cookie: manager }, payload: zone })).statusCode,
    ).toBe(409);
    await notify({ title: '栅栏' }); // a later event: everything before it has been delivered
    await phone.waitFor((m) => m.type === 'event' && m.event.type === 'notification.created');
    const zoneEvents = phone.messages.filter((m) => m.type === 'event' && m.event.type === 'zone.changed');
    expect(zoneEvents).toHaveLength(1);
    phone.close();
  });

  it.skipIf(testDialect() !== 'postgres')(
    'carries an event written on one server process to a client of another',
    async () => {
      const shared = await createTestDatabase('postgres');
      await shared.database.close();
      const databaseUrl = shared.location.databaseUrl ?? databaseUrlFor('missing');
      // The demo's accounts, not its past month: writing it would only slow the start down.
      const one = await spawnServer({ DATABASE_URL: databaseUrl, SEED_DEMO: 'true', DEMO_HISTORY: 'false' });
      const two = await spawnServer({ DATABASE_URL: databaseUrl, SEED_DEMO: 'true', DEMO_HISTORY: 'false' });
      try {
        const managerCookie = await httpLogin(one.url, 'manager', 'anchang123');
        const hallCookie = await httpLogin(two.url, 'hall', 'anchang123');
        const me = (await (await fetch(`${two.url}/api/auth/me`, { headers: { cookie: hallCookie } })).json()) as { sites: { id: string }[] };
        const siteId = me.sites[0]!.id;
        const phone = await connectSocket(two.url, hallCookie);
        phone.send({ type: 'subscribe', siteId });
        await phone.waitFor((m) => m.type === 'subscribed');
        const res = await fetch(`${one.url}/api/sites/${siteId}/notifications`, {
          method: 'POST',
          headers: { cookie: managerCookie, 'content-type': 'application/json' },
          body: JSON.stringify({ title: '跨实例通知' }),
        });
        expect(res.status).toBe(201);
        const got = await phone.waitFor((m) => m.type === 'event' && m.event.type === 'notification.created');
        expect(got.type === 'event' && got.event.payload).toMatchObject({ title: '跨实例通知' });
        // Exactly once: no duplicate from the writer's own instance.
        await new Promise((r) => setTimeout(r, 300));
        expect(phone.messages.filter((m) => m.type === 'event')).toHaveLength(1);
        phone.close();
      } finally {
        await one.stop();
        await two.stop();
        await shared.drop();
      }
      // Two server processes are spawned and each seeds or reads the demo: on a loaded machine that
      // alone has taken over a minute, so this test gets more than the suite's 60 s.
    },
    240_000,
  );

  it.skipIf(testDialect() !== 'postgres')('a person removed on one instance loses access on another that had their session cached', async () => {
    const database = await openDatabase({ databaseUrl: t.testDb.location.databaseUrl, sqliteFile: '' });
    const other = await buildApp({
      config: loadConfig({ LOG_LEVEL: 'silent', WEB_DIST_DIR: '/nonexistent' }),
      database,
      clock: t.clock,
      logger: false,
    });
    try {
      const person = await createPerson(t.testDb.database.db, site, 'staff');
      const cookie = await loginAs(t.app, person.login);
      const zonesOnOther = () => other.inject({ method: 'GET', url: `/api/sites/${site.siteId}/zones`, headers: { cookie } });
      expect((await zonesOnOther()).statusCode).toBe(200); // now cached on the other instance
      const removed = await t.app.inject({ method: 'DELETE', url: `/api/sites/${site.siteId}/people/${person.id}`, headers: { cookie: manager } });
      expect(removed.statusCode).toBe(204);
      const deadline = Date.now() + 3000;
      let status = 200;
      while (status === 200 && Date.now() < deadline) {
        status = (await zonesOnOther()).statusCode;
        if (status === 200) await new Promise((r) => setTimeout(r, 20));
      }
      expect(status).toBe(404);
    } finally {
      await other.close();
      await database.close();
    }
  });
});
