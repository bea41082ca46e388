/**
 * Graceful restart: the real server process gets SIGTERM under load. Readiness turns 503 at
 * once, requests in flight finish, realtime clients are told 1012 "service restart", timers
 * stop, the database closes last, and no client sees a 5xx; a connection refused once the
 * listener has closed is what a client of a stopped server sees, and is counted apart.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HealthReady } from '@anchang/contracts';
import { openRealtimeSocket, startLoad } from './test/load-loop.js';
import { httpLogin, spawnServer, type SpawnedServer } from './test/spawn-server.js';
import { createTestDatabase, testDialect, type TestDatabase } from './test/test-db.js';

/** A POST whose body takes `durationMs` to arrive: it is in flight when the server is told to stop. */
function slowPost(url: string, cookie: string, payload: unknown, durationMs: number): Promise<number> {
  const body = Buffer.from(JSON.stringify(payload));
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', 'content-length': body.length },
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    const chunks = 5;
    const size = Math.ceil(body.length / chunks);
    for (let i = 0; i < chunks; i++) {
      setTimeout(
        () => {
          req.write(body.subarray(i * size, (i + 1) * size));
          if (i === chunks - 1) req.end();
        },
        (durationMs / (chunks - 1)) * i,
      );
    }
  });
}

describe(`graceful shutdown on SIGTERM (${testDialect()})`, () => {
  let dir: string;
  let testDb: TestDatabase | null = null;
  let server: SpawnedServer;
  const SHUTDOWN_DELAY_MS = 3000;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anchang-shutdown-'));
    let databaseEnv: Record<string, string> = { DATABASE_URL: '', SQLITE_FILE: path.join(dir, 'anchang.db') };
    if (testDialect() === 'postgres') {
      testDb = await createTestDatabase('postgres');
      await testDb.database.close();
      databaseEnv = { DATABASE_URL: testDb.location.databaseUrl! };
    }
    // The demo's accounts, not its past month: writing it would only slow the start down.
    server = await spawnServer({
      ...databaseEnv,
      SEED_DEMO: 'true',
      DEMO_HISTORY: 'false',
      LOG_LEVEL: 'info',
      SHUTDOWN_DELAY_MS: String(SHUTDOWN_DELAY_MS),
    });
  }, 90_000);

  afterAll(async () => {
    await server?.stop();
    // The spawned server closed its pool already; only the database is left to drop.
    await testDb?.drop().catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('drains: ready 503 at once, in-flight requests finish, sockets get 1012, no 5xx, database closed last', async () => {
    const cookie = await httpLogin(server.url, 'manager', 'anchang123');
    const me = (await (await fetch(`${server.url}/api/auth/me`, { headers: { cookie } })).json()) as { sites: { id: string }[] };
    const siteId = me.sites[0]!.id;
    const phone = await openRealtimeSocket(server.url, cookie);
    const exited = new Promise<number | null>((resolve) => server.process.once('exit', (code) => resolve(code)));

    // Reads and writes, back to back, until the server refuses connections.
    const load = startLoad({
      workers: 6,
      request: (i) =>
        i % 2 === 0
          ? fetch(`${server.url}/api/sites/${siteId}/notifications`, { headers: { cookie } })
          : fetch(`${server.url}/api/sites/${siteId}/notifications`, {
              method: 'POST',
              headers: { cookie, 'content-type': 'application/json' },
              body: JSON.stringify({ title: `负载 ${i}` }),
            }),
      stopOn: (o) => o.error === 'ECONNREFUSED',
    });
    await load.waitFor((o) => o.status === 201, 10_000);
    await new Promise((r) => setTimeout(r, 500));

    const inFlight = slowPost(
      `${server.url}/api/sites/${siteId}/notifications`,
      cookie,
      { title: '停机时在途', body: '慢'.repeat(200) },
      SHUTDOWN_DELAY_MS + 1500,
    );
    await new Promise((r) => setTimeout(r, 200));
    const signalledAt = Date.now();
    server.process.kill('SIGTERM');

    // Readiness says so at once, while the server still serves everything else.
    let ready: { status: number; body: HealthReady } | null = null;
    while (Date.now() - signalledAt < SHUTDOWN_DELAY_MS) {
      const res = await fetch(`${server.url}/api/health/ready`);
      ready = { status: res.status, body: (await res.json()) as HealthReady };
      if (ready.status === 503) break;
    }
    const readyTurnedMs = Date.now() - signalledAt;
    // The process is still up: a process manager must not think it hung.
    const live = await fetch(`${server.url}/api/health/live`);

    const inFlightStatus = await inFlight;
    const code = await exited;
    const outcomes = await load.stop();
    const closed = await phone.closed;

    const afterSignal = outcomes.filter((o) => o.startedAt >= signalledAt);
    const count = (pred: (o: (typeof outcomes)[number]) => boolean) => outcomes.filter(pred).length;
    const summary = {
      total: outcomes.length,
      ok: count((o) => o.status !== null && o.status < 300),
      clientErrors: count((o) => o.status !== null && o.status >= 400 && o.status < 500),
      serverErrors: count((o) => o.status !== null && o.status >= 500),
      okAfterSignal: afterSignal.filter((o) => o.status !== null && o.status < 300).length,
      refused: count((o) => o.error === 'ECONNREFUSED'),
      otherConnectionErrors: outcomes.filter((o) => o.error !== null && o.error !== 'ECONNREFUSED').map((o) => o.error),
    };
    console.log(
      `[sigterm ${testDialect()}] ${JSON.stringify(summary)}; ready 503 after ${readyTurnedMs} ms; exit ${code} ${Date.now() - signalledAt} ms after SIGTERM`,
    );

    expect(ready).toMatchObject({ status: 503, body: { status: 'not_ready', reasons: expect.arrayContaining(['shutting_down']) as unknown } });
    expect(live.status).toBe(200);
    expect(summary.serverErrors).toBe(0);
    expect(summary.clientErrors).toBe(0);
    expect(summary.okAfterSignal).toBeGreaterThan(0);
    expect(summary.ok).toBeGreaterThan(20);
    expect(inFlightStatus).toBe(201);
    expect(closed.code).toBe(1012);
    expect(code).toBe(0);

    // The order of the steps, from the server's own log.
    const steps = server
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { msg?: string; time: number })
      .filter((l) => /^(shutting down|http closed|database closed)/.test(l.msg ?? ''));
    console.log(`[sigterm ${testDialect()}] ${steps.map((l) => `${l.msg} +${l.time - signalledAt} ms`).join(' · ')}`);
    expect(steps.map((l) => l.msg?.split(/[:,]/)[0])).toEqual(['shutting down', 'http closed', 'database closed']);
  }, 60_000);
});
