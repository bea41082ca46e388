import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import { openDatabase } from '../../db/create-db.js';
import { buildTestApp, type TestApp } from '../../test/build-test-app.js';
import { testDialect } from '../../test/test-db.js';
import { ManualClock } from '../clock.js';
import { newId } from '../ids.js';
import { inTransaction } from '../tx.js';
import { scheduleTimer, TimerRunner } from './timers.js';

const KIND = 'test.mark';
const T0 = Date.UTC(2026, 10, 28, 0, 30); // 08:30 in Asia/Shanghai

describe(`timers (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestApp;
  let runner: TimerRunner;
  let companyId: string;
  let failNext = 0;

  // The handler writes a row we can count: an audit entry per firing.
  const markHandler = (runnerName: string) => async (tx: Parameters<Parameters<TimerRunner['register']>[1]>[0], timer: { id: string }) => {
    if (failNext > 0) {
      failNext--;
      await tx.trx
        .insertInto('audit_log')
        .values(auditRow(timer.id, 'partial', tx.now))
        .execute();
      throw new Error('handler failed on purpose');
    }
    await tx.trx
      .insertInto('audit_log')
      .values(auditRow(timer.id, runnerName, tx.now))
      .execute();
  };
  const auditRow = (timerId: string, by: string, at: number) => ({
    id: newId(),
    company_id: companyId,
    site_id: null,
    actor_id: null,
    actor_name: by,
    action: 'timer.fired',
    entity_type: 'timer',
    entity_id: timerId,
    detail: '{}',
    request_id: null,
    at,
  });
  const firings = async (timerId?: string) => {
    let q = t.testDb.database.db.selectFrom('audit_log').select(['entity_id', 'actor_name']).where('action', '=', 'timer.fired');
    if (timerId) q = q.where('entity_id', '=', timerId);
    return q.execute();
  };
  const schedule = (id: string, dueAt: number) =>
    inTransaction(t.app.services.deps, (tx) => scheduleTimer(tx, { id, kind: KIND, dueAt, payload: { n: 1 } }));

  beforeAll(async () => {
    t = await buildTestApp();
    t.clock.set(T0);
    companyId = newId();
    runner = new TimerRunner(t.app.services.deps, 'instance-a');
    runner.register(KIND, markHandler('instance-a'));
  });
  afterAll(() => t.close());

  it('schedules a slot once however often it is asked', async () => {
    const id = `round:task1:${new Date(T0 + 600_000).toISOString()}`;
    expect(await schedule(id, T0 + 600_000)).toBe(true);
    expect(await schedule(id, T0 + 600_000)).toBe(false);
    const rows = await t.testDb.database.db.selectFrom('timers').select('id').where('id', '=', id).execute();
    expect(rows).toHaveLength(1);
  });

  it('fires when the clock reaches the due time, not before, and only once', async () => {
    const id = `round:task2:${T0 + 600_000}`;
    await schedule(id, T0 + 600_000);
    t.clock.set(T0 + 599_999);
    await runner.runDue();
    expect(await firings(id)).toHaveLength(0);
    t.clock.set(T0 + 600_000);
    await runner.runDue();
    await runner.runDue();
    expect(await firings(id)).toHaveLength(1);
  });

  it('rolls back a failed handler and retries it later', async () => {
    const id = `retry:${newId()}`;
    await schedule(id, t.clock.now());
    failNext = 1;
    await runner.runDue();
    expect((await firings(id)).map((f) => f.actor_name)).toEqual([]); // the partial write rolled back
    const row = await t.testDb.database.db.selectFrom('timers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.last_error).toContain('on purpose');
    t.clock.advance(30_000);
    await runner.runDue();
    expect(await firings(id)).toHaveLength(1);
  });

  it('survives a restart: a timer scheduled before is fired by the next process', async () => {
    const id = `restart:${newId()}`;
    await schedule(id, t.clock.now() + 60_000);
    // A second app on the same database file/database, as after a restart.
    const database = await openDatabase({ databaseUrl: t.testDb.location.databaseUrl, sqliteFile: t.testDb.location.sqliteFile });
    const clock = new ManualClock(t.clock.now() + 60_000);
    const app2 = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent', WEB_DIST_DIR: '/nonexistent' }), database, clock, logger: false });
    const runner2 = new TimerRunner(app2.services.deps, 'instance-restarted');
    runner2.register(KIND, markHandler('instance-restarted'));
    await runner2.runDue();
    await app2.close();
    await database.close();
    expect((await firings(id)).map((f) => f.actor_name)).toEqual(['instance-restarted']);
  });

  it.skipIf(testDialect() !== 'postgres')('with two instances on one database, fires each of 300 timers exactly once', async () => {
    const database = await openDatabase({ databaseUrl: t.testDb.location.databaseUrl, sqliteFile: '' });
    const app2 = await buildApp({
      config: loadConfig({ LOG_LEVEL: 'silent', WEB_DIST_DIR: '/nonexistent' }),
      database,
      clock: t.clock,
      logger: false,
    });
    const runnerB = new TimerRunner(app2.services.deps, 'instance-b');
    runnerB.register(KIND, markHandler('instance-b'));
    const ids: string[] = [];
    const due = t.clock.now();
    for (let i = 0; i < 300; i++) ids.push(`pair:${i}:${due}`);
    await inTransaction(t.app.services.deps, async (tx) => {
      for (const id of ids) await scheduleTimer(tx, { id, kind: KIND, dueAt: due });
    });
    const [a, b] = await Promise.all([runner.runDue(1000), runnerB.runDue(1000)]);
    await app2.close();
    await database.close();
    const fired = (await firings()).filter((f) => f.entity_id?.startsWith('pair:'));
    expect(fired).toHaveLength(300);
    expect(new Set(fired.map((f) => f.entity_id)).size).toBe(300);
    expect(a + b).toBe(300);
    // Both instances took a share of the work.
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
  });
});
