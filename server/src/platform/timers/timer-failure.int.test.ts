/**
 * A timer whose handler keeps failing is not dropped silently: after its last attempt the
 * company admins of its site get a notice, and readiness reports it for a day.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HealthReady, Notification, PageOf } from '@anchang/contracts';
import { buildTestApp, type TestApp } from '../../test/build-test-app.js';
import { createCompanyWithSite, createPerson, loginAs, type TestPerson, type TestSite } from '../../test/factories.js';
import { newId } from '../ids.js';
import { inTransaction } from '../tx.js';
import { scheduleTimer } from './timers.js';

const KIND = 'test.always-fails';
const ATTEMPTS = 5;
const RETRY_MS = 30_000;

describe(`a timer that fails for good (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestApp;
  let site: TestSite;
  let admin: TestPerson;
  let adminCookie: string;

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.testDb.database.db;
    site = await createCompanyWithSite(db);
    admin = await createPerson(db, site, 'company_admin');
    adminCookie = await loginAs(t.app, admin.login);
    t.app.services.timers.register(KIND, () => Promise.reject(new Error('the printer is on fire')));
  });
  afterAll(() => t.close());

  const ready = async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health/ready' });
    return { status: res.statusCode, body: res.json<HealthReady>() };
  };
  const noticesToAdmin = async () =>
    (await t.app.inject({ method: 'GET', url: `/api/sites/${site.siteId}/notifications`, headers: { cookie: adminCookie } })).json<
      PageOf<Notification>
    >().items;
  const schedule = (siteId: string | null) =>
    inTransaction(t.app.services.deps, async (tx) => {
      const id = `${KIND}:${newId()}`;
      await scheduleTimer(tx, { id, kind: KIND, siteId, dueAt: t.clock.now() });
      return id;
    });
  const runAllAttempts = async (afterEach?: (attempt: number) => Promise<void>) => {
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      await t.app.services.timers.runDue();
      await afterEach?.(attempt);
      t.clock.advance(RETRY_MS);
    }
  };

  it('tells the company admins after the last attempt, and shows in readiness for a day', async () => {
    expect((await ready()).body.status).toBe('ready');
    const id = await schedule(site.siteId);

    await runAllAttempts(async (attempt) => {
      // Retries are quiet; only the last failure is worth a person's attention.
      if (attempt < ATTEMPTS) expect(await noticesToAdmin()).toEqual([]);
    });

    const row = await t.testDb.database.db.selectFrom('timers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'failed', attempts: ATTEMPTS, last_error: 'the printer is on fire' });
    expect(row.failed_at).not.toBeNull();

    const notices = await noticesToAdmin();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ toPersonId: admin.id, title: '定时任务失败 Scheduled task failed', fromPersonId: null });
    expect(notices[0]!.body).toContain(KIND);
    expect(notices[0]!.body).toContain('the printer is on fire');

    // Still serving (200), but readiness says what needs attention.
    expect(await ready()).toMatchObject({
      status: 200,
      body: { status: 'degraded', reasons: ['timers_failing'], checks: { timers: { ok: false, failedLastDay: 1, failingSince: null } } },
    });

    // A timer of no site (housekeeping) has no admin to tell: it still counts in readiness.
    await schedule(null);
    await runAllAttempts();
    expect((await ready()).body.checks.timers.failedLastDay).toBe(2);
    expect(await noticesToAdmin()).toHaveLength(1);

    t.clock.advance(24 * 3_600_000);
    expect((await ready()).body).toMatchObject({ status: 'ready', reasons: [] });
  });

  it('tells no admin of another company', async () => {
    const db = t.testDb.database.db;
    const other = await createCompanyWithSite(db);
    const otherAdmin = await createPerson(db, other, 'company_admin');
    adminCookie = await loginAs(t.app, admin.login); // the clock moved a day on since the last login
    const before = await db.selectFrom('notifications').select('id').where('to_person_id', '=', otherAdmin.id).execute();
    await schedule(site.siteId);
    await runAllAttempts();
    expect(await db.selectFrom('notifications').select('id').where('to_person_id', '=', otherAdmin.id).execute()).toEqual(before);
    expect(await noticesToAdmin()).toHaveLength(2);
  });
});
