/**
 * Access ends everywhere at once: logout, a disabled account, a removed site role, a password
 * change and session expiry end that access on the socket too, within a second, on every
 * instance; a subscribe is judged on the person's roles as they are now; only the server's
 * own pages (or configured origins) may open the socket from a browser.
 */
import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOCKET_CLOSE } from '@anchang/contracts';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import { openDatabase } from '../../db/create-db.js';
import type { App } from '../../platform/http/types.js';
import { buildTestApp, type TestApp } from '../../test/build-test-app.js';
import { createCompanyWithSite, createPerson, loginAs, TEST_PASSWORD, type TestPerson, type TestSite } from '../../test/factories.js';
import { testDialect } from '../../test/test-db.js';
import { connectSocket, type TestSocket } from '../../test/ws-client.js';

const WITHIN_MS = 1000;

const baseUrlOf = (app: App) => `http://127.0.0.1:${(app.server.address() as net.AddressInfo).port}`;

/** A socket following the site, ready for events. */
async function follow(base: string, cookie: string, siteId: string): Promise<TestSocket> {
  const socket = await connectSocket(base, cookie);
  socket.send({ type: 'subscribe', siteId });
  await socket.waitFor((m) => m.type === 'subscribed');
  return socket;
}

/** Resolves with the close code if the socket closes within the promise; fails otherwise. */
async function closedWithin(socket: TestSocket, since: number): Promise<number> {
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('socket still open after 3 s')), 3000));
  const { code, at } = await Promise.race([socket.closed, timeout]);
  expect(at - since).toBeLessThan(WITHIN_MS);
  return code;
}

describe(`realtime access (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestApp;
  let site: TestSite;
  let base: string;
  let manager: string;

  beforeAll(async () => {
    t = await buildTestApp({ env: { TRUSTED_ORIGINS: 'https://console.example.com' } });
    site = await createCompanyWithSite(t.testDb.database.db);
    manager = await loginAs(t.app, (await createPerson(t.testDb.database.db, site, 'site_manager')).login);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = baseUrlOf(t.app);
  });
  afterAll(() => t.close());

  const staff = (): Promise<TestPerson> => createPerson(t.testDb.database.db, site, 'staff');
  const call = (cookie: string, method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url: `/api${url}`, headers: { cookie }, ...(payload ? { payload } : {}) });
  const notify = async (title: string) =>
    expect((await call(manager, 'POST', `/sites/${site.siteId}/notifications`, { title })).statusCode).toBe(201);

  it('logout closes that session’s sockets with 4401, and only that session’s', async () => {
    const person = await staff();
    const phone = await loginAs(t.app, person.login);
    const desk = await loginAs(t.app, person.login);
    const phoneSocket = await follow(base, phone, site.siteId);
    const deskSocket = await follow(base, desk, site.siteId);

    const res = await call(phone, 'POST', '/auth/logout');
    expect(res.statusCode).toBe(204);
    expect(await closedWithin(phoneSocket, Date.now())).toBe(SOCKET_CLOSE.SESSION_ENDED);

    await notify('desk still listens');
    await deskSocket.waitFor((m) => m.type === 'event' && m.event.type === 'notification.created');
    deskSocket.close();
  });

  it('a disabled account loses every socket with 4401, and cannot open another', async () => {
    const person = await staff();
    const one = await follow(base, await loginAs(t.app, person.login), site.siteId);
    const twoCookie = await loginAs(t.app, person.login);
    const two = await follow(base, twoCookie, site.siteId);

    expect((await call(manager, 'PATCH', `/sites/${site.siteId}/people/${person.id}`, { isActive: false })).statusCode).toBe(200);
    const since = Date.now();
    expect(await closedWithin(one, since)).toBe(SOCKET_CLOSE.SESSION_ENDED);
    expect(await closedWithin(two, since)).toBe(SOCKET_CLOSE.SESSION_ENDED);
    await expect(connectSocket(base, twoCookie)).rejects.toThrow(/401/);
  });

  it('a removed site role leaves the site’s room at once: no more of its events, and a new subscribe is refused', async () => {
    const person = await staff();
    const cookie = await loginAs(t.app, person.login);
    const socket = await follow(base, cookie, site.siteId);

    expect((await call(manager, 'DELETE', `/sites/${site.siteId}/people/${person.id}`)).statusCode).toBe(204);
    const since = Date.now();
    await socket.waitFor((m) => m.type === 'error' && m.code === 'SITE_NOT_FOUND' && m.siteId === site.siteId, WITHIN_MS);
    expect(Date.now() - since).toBeLessThan(WITHIN_MS);

    await notify('after the removal');
    socket.send({ type: 'subscribe', siteId: site.siteId });
    const refusals = () => socket.messages.filter((m) => m.type === 'error' && m.code === 'SITE_NOT_FOUND').length;
    await socket.waitFor(() => refusals() === 2);
    expect(socket.messages.filter((m) => m.type === 'subscribed')).toHaveLength(1); // the first, before the removal
    // The removal itself may still arrive (it commits with the change); nothing after it does.
    const left = socket.messages.findIndex((m) => m.type === 'error' && m.code === 'SITE_NOT_FOUND');
    expect(socket.messages.slice(left).filter((m) => m.type === 'event' && m.event.room === `site:${site.siteId}`)).toEqual([]);
    socket.close();
  });

  it('judges a subscribe on the roles as they are now, not as they were when the socket opened', async () => {
    const person = await staff();
    const socket = await connectSocket(base, await loginAs(t.app, person.login));
    await socket.waitFor((m) => m.type === 'hello');
    expect((await call(manager, 'DELETE', `/sites/${site.siteId}/people/${person.id}`)).statusCode).toBe(204);
    socket.send({ type: 'subscribe', siteId: site.siteId });
    expect(await socket.waitFor((m) => m.type === 'error' || m.type === 'subscribed')).toMatchObject({ type: 'error', code: 'SITE_NOT_FOUND' });
    socket.close();
  });

  it('a password change closes every socket of the person: other sessions’ with 4401, its own with 4000 (it reconnects)', async () => {
    const person = await staff();
    const here = await loginAs(t.app, person.login);
    const elsewhere = await follow(base, await loginAs(t.app, person.login), site.siteId);
    const mine = await follow(base, here, site.siteId);

    const res = await call(here, 'POST', '/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'NewPassw0rd-2026' });
    expect(res.statusCode).toBe(204);
    const since = Date.now();
    expect(await closedWithin(elsewhere, since)).toBe(SOCKET_CLOSE.SESSION_ENDED);
    expect(await closedWithin(mine, since)).toBe(SOCKET_CLOSE.ACCESS_CHANGED);
    // This session stays signed in: its socket comes back.
    const again = await follow(base, here, site.siteId);
    again.close();
  });

  it('refuses the upgrade from a page of another origin with 403, before upgrading', async () => {
    const cookie = await loginAs(t.app, (await staff()).login);
    await expect(connectSocket(base, cookie, { origin: 'https://evil.example' })).rejects.toThrow(/403/);
    await expect(connectSocket(base, cookie, { origin: 'null' })).rejects.toThrow(/403/);
    await expect(connectSocket(base, cookie, { origin: base.replace('127.0.0.1', 'localhost') })).rejects.toThrow(/403/);
    // The server's own page, a configured origin, and a client without Origin (not a browser page) are let in.
    for (const origin of [base, 'https://console.example.com', undefined]) {
      const socket = await connectSocket(base, cookie, origin ? { origin } : {});
      await socket.waitFor((m) => m.type === 'hello');
      socket.close();
    }
  });

  it.skipIf(testDialect() !== 'postgres')('ends access on the sockets of another instance too', async () => {
    const database = await openDatabase({ databaseUrl: t.testDb.location.databaseUrl, sqliteFile: '' });
    const other = await buildApp({
      config: loadConfig({ LOG_LEVEL: 'silent', WEB_DIST_DIR: '/nonexistent' }),
      database,
      clock: t.clock,
      logger: false,
    });
    try {
      await other.listen({ port: 0, host: '127.0.0.1' });
      const person = await staff();
      const loggingOut = await loginAs(t.app, person.login);
      const toBeRemoved = await createPerson(t.testDb.database.db, site, 'staff');
      const onOther = await follow(baseUrlOf(other), loggingOut, site.siteId);
      const removedOnOther = await follow(baseUrlOf(other), await loginAs(t.app, toBeRemoved.login), site.siteId);

      expect((await call(loggingOut, 'POST', '/auth/logout')).statusCode).toBe(204);
      expect(await closedWithin(onOther, Date.now())).toBe(SOCKET_CLOSE.SESSION_ENDED);

      expect((await call(manager, 'DELETE', `/sites/${site.siteId}/people/${toBeRemoved.id}`)).statusCode).toBe(204);
      const since = Date.now();
      await removedOnOther.waitFor((m) => m.type === 'error' && m.code === 'SITE_NOT_FOUND', WITHIN_MS);
      expect(Date.now() - since).toBeLessThan(WITHIN_MS);
      removedOnOther.close();
    } finally {
      await other.close();
      await database.close();
    }
  });
});

describe(`realtime session expiry (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestApp;
  let site: TestSite;
  let base: string;

  beforeAll(async () => {
    t = await buildTestApp();
    site = await createCompanyWithSite(t.testDb.database.db);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = baseUrlOf(t.app);
  });
  afterAll(() => t.close());

  const ttlMs = () => t.config.sessionTtlHours * 3_600_000;

  it('keeps the socket of a session kept alive by requests, and closes it with 4401 within a second of the session’s end', async () => {
    const cookie = await loginAs(t.app, (await createPerson(t.testDb.database.db, site, 'staff')).login);
    const socket = await follow(base, cookie, site.siteId);
    const idle = await follow(base, await loginAs(t.app, (await createPerson(t.testDb.database.db, site, 'staff')).login), site.siteId);

    // Used again shortly before its end: the session slides, and its socket stays.
    t.clock.advance(ttlMs() - 60_000);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
    t.clock.advance(120_000); // past both sessions' first expiry
    // The idle session's socket closing shows a sweep has run; a subscribe waits behind the
    // re-read of this socket's own session, so its answer shows that re-read let it stay.
    expect(await closedWithin(idle, Date.now())).toBe(SOCKET_CLOSE.SESSION_ENDED);
    socket.send({ type: 'subscribe', siteId: site.siteId });
    await socket.waitFor(() => socket.messages.filter((m) => m.type === 'subscribed').length === 2);
    expect(socket.isOpen()).toBe(true);

    t.clock.advance(ttlMs()); // no request since: the session ends
    expect(await closedWithin(socket, Date.now())).toBe(SOCKET_CLOSE.SESSION_ENDED);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });
});
