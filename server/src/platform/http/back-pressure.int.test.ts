/**
 * Back-pressure: slow or stalled clients are cut off at the request and header timeouts
 * without holding up anyone else, idle keep-alive connections close, and a request that cannot
 * get the database in time (pool exhausted on PostgreSQL, a lock held on SQLite) gets a 503
 * with Retry-After within the configured wait instead of hanging.
 */
import net from 'node:net';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HealthReady } from '@anchang/contracts';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import { databaseErrorKind, openDatabase, type Database } from '../../db/create-db.js';
import { buildTestApp, type TestApp } from '../../test/build-test-app.js';
import { createCompanyWithSite, createPerson, loginAs, type TestSite } from '../../test/factories.js';
import { testDialect } from '../../test/test-db.js';
import type { App } from './types.js';

const REQUEST_TIMEOUT_MS = 4000;
const HEADERS_TIMEOUT_MS = 3000;
const KEEP_ALIVE_TIMEOUT_MS = 1000;
/** Node looks for timed-out requests once a second. */
const CHECK_INTERVAL_MS = 1000;
/** Ordinary clients served while the slow ones are connected. */
const OTHERS = 10;

interface SlowClient {
  kind: 'body' | 'headers';
  openedAt: number;
  isClosed: () => boolean;
  closed: Promise<{ afterMs: number; response: string }>;
}

/** A client that sends its request a few bytes at a time and never finishes. */
function slowClient(port: number, kind: 'body' | 'headers'): SlowClient {
  const socket = net.connect(port, '127.0.0.1');
  const openedAt = Date.now();
  let response = '';
  socket.on('data', (d) => (response += d.toString()));
  socket.on('error', () => undefined);
  const head =
    kind === 'body'
      ? 'POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{'
      : 'GET /api/health/live HTTP/1.1\r\nHost: x\r\n';
  socket.write(head);
  const drip = setInterval(() => {
    if (!socket.destroyed) socket.write(kind === 'body' ? ' ' : 'X-Drip: 1\r\n');
  }, 250);
  const closed = new Promise<{ afterMs: number; response: string }>((resolve) =>
    socket.on('close', () => {
      clearInterval(drip);
      resolve({ afterMs: Date.now() - openedAt, response });
    }),
  );
  return { kind, openedAt, isClosed: () => socket.destroyed, closed };
}

describe(`timeouts and back-pressure (${testDialect()})`, () => {
  let t: TestApp;
  let site: TestSite;
  let cookie: string;
  let port: number;

  beforeAll(async () => {
    t = await buildTestApp({
      env: {
        REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
        HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
        KEEP_ALIVE_TIMEOUT_MS: String(KEEP_ALIVE_TIMEOUT_MS),
      },
    });
    site = await createCompanyWithSite(t.testDb.database.db);
    cookie = await loginAs(t.app, (await createPerson(t.testDb.database.db, site, 'site_manager')).login);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as net.AddressInfo).port;
  });
  afterAll(() => t.close());

  it('100 clients trickling their body and 50 their headers do not hold up others, and are cut off at the timeouts', async () => {
    const others = () =>
      Promise.all(
        Array.from({ length: OTHERS }, async () => {
          const started = Date.now();
          const res = await fetch(`http://127.0.0.1:${port}/api/sites/${site.siteId}/notifications`, { headers: { cookie } });
          await res.text();
          return { status: res.status, ms: Date.now() - started };
        }),
      );
    const alone = (await others()).map((o) => o.ms);

    const slow = [...Array.from({ length: 100 }, () => slowClient(port, 'body')), ...Array.from({ length: 50 }, () => slowClient(port, 'headers'))];
    await new Promise((r) => setTimeout(r, 100));

    // Twenty other clients at once, while all the slow ones hold their connections.
    const beside = await others();
    const latencies = beside.map((o) => o.ms);
    expect(beside.map((o) => o.status)).toEqual(Array.from({ length: OTHERS }, () => 200));
    const stillOpen = slow.filter((s) => !s.isClosed()).length;

    const results = await Promise.all(slow.map(async (s) => ({ kind: s.kind, ...(await s.closed) })));
    const closedAfter = (kind: 'body' | 'headers') => results.filter((r) => r.kind === kind).map((r) => r.afterMs);
    console.log(
      `[slow clients] ${OTHERS} others at once: max ${Math.max(...alone)} ms alone, max ${Math.max(...latencies)} ms beside ${slow.length} slow clients; ` +
        `slow headers cut after ${Math.min(...closedAfter('headers'))}–${Math.max(...closedAfter('headers'))} ms, ` +
        `slow bodies after ${Math.min(...closedAfter('body'))}–${Math.max(...closedAfter('body'))} ms`,
    );
    // Served while every slow client was still connected: nobody waited for them to be cut off.
    // (Absolute latencies depend on the machine; they are printed, not asserted.)
    expect(stillOpen).toBe(slow.length);
    for (const r of results) expect(r.response).toMatch(/^HTTP\/1\.1 408/);
    for (const ms of closedAfter('headers')) {
      expect(ms).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 100);
      expect(ms).toBeLessThan(HEADERS_TIMEOUT_MS + CHECK_INTERVAL_MS + 3000);
    }
    for (const ms of closedAfter('body')) {
      expect(ms).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 100);
      expect(ms).toBeLessThan(REQUEST_TIMEOUT_MS + CHECK_INTERVAL_MS + 3000);
    }
  });

  it('closes an idle keep-alive connection after the keep-alive timeout', async () => {
    const socket = net.connect(port, '127.0.0.1');
    let answeredAt = 0;
    const closed = new Promise<number>((resolve) => socket.on('close', () => resolve(Date.now() - answeredAt)));
    socket.on('data', () => (answeredAt ||= Date.now()));
    socket.write('GET /api/health/live HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n');
    const idleMs = await closed;
    console.log(`[keep-alive] idle connection closed ${idleMs} ms after its response`);
    expect(answeredAt).toBeGreaterThan(0);
    expect(idleMs).toBeGreaterThanOrEqual(KEEP_ALIVE_TIMEOUT_MS - 100);
    expect(idleMs).toBeLessThan(KEEP_ALIVE_TIMEOUT_MS + 2000);
  });

  describe('a database that cannot be had in time', () => {
    const WAIT_MS = 500;
    let app2: App;
    let database2: Database;
    let cookie2: string;

    beforeAll(async () => {
      const config = loadConfig({
        LOG_LEVEL: 'silent',
        LOGIN_MAX_PER_ADDRESS: '1000000',
        WEB_DIST_DIR: '/nonexistent',
        DATABASE_POOL_SIZE: '2',
        DATABASE_WAIT_MS: String(WAIT_MS),
        DATABASE_STATEMENT_TIMEOUT_MS: '300',
      });
      database2 = await openDatabase({ ...config, ...t.testDb.location });
      app2 = await buildApp({ config, database: database2, clock: t.clock, logger: false });
      cookie2 = await loginAs(app2, (await createPerson(database2.db, site, 'site_manager')).login);
    });
    afterAll(async () => {
      await app2.close();
      await database2.close();
    });

    const list = () => app2.inject({ method: 'GET', url: `/api/sites/${site.siteId}/notifications`, headers: { cookie: cookie2 } });

    it.skipIf(testDialect() !== 'postgres')(
      'pool exhausted: 503 DATABASE_BUSY with Retry-After after the pool wait, readiness says busy, then back',
      async () => {
        const held = await Promise.all([database2.pool!.connect(), database2.pool!.connect()]);
        try {
          const started = Date.now();
          const res = await list();
          const waited = Date.now() - started;
          const ready = await app2.inject({ method: 'GET', url: '/api/health/ready' });
          console.log(`[pool exhausted] 503 after ${waited} ms (pool wait ${WAIT_MS} ms)`);
          expect(res.statusCode).toBe(503);
          expect(res.headers['retry-after']).toBe('2');
          expect(res.json()).toMatchObject({ error: { code: 'DATABASE_BUSY', params: { retryAfterSeconds: 2 } } });
          expect(waited).toBeGreaterThanOrEqual(WAIT_MS - 50);
          expect(waited).toBeLessThan(WAIT_MS + 1500);
          expect(ready.statusCode).toBe(503);
          expect(ready.json<HealthReady>().reasons).toContain('database_busy');
        } finally {
          for (const c of held) c.release();
        }
        expect((await list()).statusCode).toBe(200);
        expect((await app2.inject({ method: 'GET', url: '/api/health/ready' })).json<HealthReady>().status).toBe('ready');
      },
    );

    it.skipIf(testDialect() !== 'postgres')(
      'writes past WRITES_IN_FLIGHT (twice the pool) wait their turn, and none waits much past the pool wait: each answers 503 DATABASE_BUSY',
      async () => {
        const held = await Promise.all([database2.pool!.connect(), database2.pool!.connect()]);
        const started = Date.now();
        try {
          const notify = (i: number) =>
            app2.inject({
              method: 'POST',
              url: `/api/sites/${site.siteId}/notifications`,
              headers: { cookie: cookie2 },
              payload: { title: `wait ${i}` },
            });
          // Four start and wait for the pool; four wait before they start.
          const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => notify(i)));
          const waited = Date.now() - started;
          console.log(`[writes past the bound] all answered after ${waited} ms (pool wait ${WAIT_MS} ms)`);
          for (const res of answers) {
            expect(res.statusCode).toBe(503);
            expect(res.headers['retry-after']).toBe('2');
            expect(res.json()).toMatchObject({ error: { code: 'DATABASE_BUSY' } });
          }
          expect(waited).toBeLessThan(2 * WAIT_MS + 1500);
        } finally {
          for (const c of held) c.release();
        }
        expect(
          (
            await app2.inject({
              method: 'POST',
              url: `/api/sites/${site.siteId}/notifications`,
              headers: { cookie: cookie2 },
              payload: { title: 'back' },
            })
          ).statusCode,
        ).toBe(201);
      },
    );

    it.skipIf(testDialect() !== 'postgres')('a statement running past the statement timeout is cancelled, and counts as busy', async () => {
      expect((await sql<{ statement_timeout: string }>`show statement_timeout`.execute(database2.db)).rows[0]?.statement_timeout).toBe('300ms');
      const started = Date.now();
      const err = await sql`select pg_sleep(3)`.execute(database2.db).then(
        () => null,
        (e: unknown) => e,
      );
      expect(Date.now() - started).toBeLessThan(1500);
      expect((err as { code?: string }).code).toBe('57014');
      expect(databaseErrorKind(err)).toBe('busy');
    });

    it.skipIf(testDialect() !== 'sqlite')(
      'write lock held by another connection: 503 DATABASE_BUSY with Retry-After after the busy wait, then back',
      async () => {
        const other = new SQLite(t.testDb.location.sqliteFile);
        other.exec('BEGIN IMMEDIATE');
        const send = () =>
          app2.inject({ method: 'POST', url: `/api/sites/${site.siteId}/notifications`, headers: { cookie: cookie2 }, payload: { title: '锁等待' } });
        try {
          const started = Date.now();
          const res = await send();
          const waited = Date.now() - started;
          console.log(`[sqlite locked] 503 after ${waited} ms (busy wait ${WAIT_MS} ms)`);
          expect(res.statusCode).toBe(503);
          expect(res.headers['retry-after']).toBe('2');
          expect(res.json()).toMatchObject({ error: { code: 'DATABASE_BUSY' } });
          expect(waited).toBeLessThan(WAIT_MS + 1500);
        } finally {
          other.exec('ROLLBACK');
          other.close();
        }
        expect((await send()).statusCode).toBe(201);
      },
    );
  });
});
