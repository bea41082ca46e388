/**
 * The two probes a process manager and a load balancer use: live (the process answers) and
 * ready (send it traffic or not, and why not).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HealthReady } from '@anchang/contracts';
import { latestMigrationName } from '../../db/create-db.js';
import { buildTestApp, type TestApp } from '../../test/build-test-app.js';

describe(`health probes (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  const ready = async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health/ready' });
    return { status: res.statusCode, retryAfter: res.headers['retry-after'], body: res.json<HealthReady>() };
  };

  it('live answers without asking anything of the database', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health/live' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'live' });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('ready: 200 with every check passing on a migrated database', async () => {
    const r = await ready();
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      status: 'ready',
      reasons: [],
      checks: {
        database: { ok: true, error: null },
        migrations: { ok: true, expected: latestMigrationName(), current: latestMigrationName() },
        events: { ok: true, downSince: null },
        timers: { ok: true, failingSince: null, failedLastDay: 0 },
      },
    });
  });

  it('ready: 503 while a migration of this version is not applied', async () => {
    const db = t.testDb.database.db;
    const newest = latestMigrationName();
    const row = await sql<{ name: string; timestamp: string }>`select name, timestamp from kysely_migration where name = ${newest}`.execute(db);
    await sql`delete from kysely_migration where name = ${newest}`.execute(db);
    try {
      const r = await ready();
      expect(r.status).toBe(503);
      expect(r.retryAfter).toBe('5');
      expect(r.body).toMatchObject({ status: 'not_ready', reasons: ['migrations_pending'], checks: { migrations: { ok: false, expected: newest } } });
    } finally {
      const { name, timestamp } = row.rows[0]!;
      await sql`insert into kysely_migration (name, timestamp) values (${name}, ${timestamp})`.execute(db);
    }
    expect((await ready()).status).toBe(200);
  });

  it('ready: 503 shutting_down from the moment shutdown begins, while live still answers', async () => {
    t.app.services.lifecycle.beginShutdown();
    const r = await ready();
    expect(r.status).toBe(503);
    expect(r.body).toMatchObject({ status: 'not_ready', reasons: ['shutting_down'] });
    expect((await t.app.inject({ method: 'GET', url: '/api/health/live' })).statusCode).toBe(200);
  });
});
