import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@anchang/contracts';
import { DEMO_ACCOUNTS, seedDemoIfEmpty } from '../../db/seed/demo.js';
import type { DemoHistoryContext } from '../../db/seed/demo-history-context.js';
import type { Actor } from '../../platform/auth/actor.js';
import { addDays, localParts } from '../../platform/site-time.js';
import { buildTestApp, type TestApp } from '../../test/build-test-app.js';
import { inspectionFiguresOfPeriod } from './index.js';
import { seedInspectionsDemoHistory } from './inspections.demo.js';

describe(`the inspections' demo history (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestApp;
  let ctx: DemoHistoryContext;
  const startedAt = () => t.clock.now();
  let now: number;

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.testDb.database.db;
    await seedDemoIfEmpty(db, t.clock.now());
    now = startedAt();
    const site = await db.selectFrom('sites').select(['id', 'company_id', 'time_zone']).executeTakeFirstOrThrow();
    const people = await db.selectFrom('people').select(['id', 'login', 'name', 'is_company_admin']).execute();
    const members = await db.selectFrom('site_members').select(['person_id', 'role']).where('site_id', '=', site.id).execute();
    const personIdByLogin = Object.fromEntries(people.map((p) => [p.login, p.id]));
    const today = localParts(now, site.time_zone).date;
    let seed = 7;
    ctx = {
      deps: t.app.services.deps,
      clock: t.clock,
      siteId: site.id,
      companyId: site.company_id,
      timeZone: site.time_zone,
      personIdByLogin,
      actorFor: (login: string): Promise<Actor> => {
        const p = people.find((x) => x.login === login)!;
        const role = p.is_company_admin ? 'company_admin' : members.find((m) => m.person_id === p.id)!.role;
        return Promise.resolve({
          personId: p.id,
          companyId: site.company_id,
          name: p.name,
          login,
          isCompanyAdmin: p.is_company_admin === 1,
          siteRoles: new Map([[site.id, role as Role]]),
          sessionId: 'demo',
          requestId: 'demo',
        });
      },
      // Twelve days up to yesterday keep the test quick; the demo passes a month and a half.
      days: Array.from({ length: 12 }, (_, i) => addDays(today, i - 12)),
      random: () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646,
    };
    expect(DEMO_ACCOUNTS.some((a) => a.login === 'hall')).toBe(true);
  });
  afterAll(() => t.close());

  it('writes inspections most days and rectifications in every state, one of them overdue, through the services', async () => {
    const made = await seedInspectionsDemoHistory(ctx);
    expect(made.inspections).toBeGreaterThan(20);
    expect(made.rectifications).toBeGreaterThan(3);
    const db = t.testDb.database.db;
    t.clock.set(now);
    await t.app.services.timers.runDue();
    const statuses = new Set((await db.selectFrom('rectifications').select('status').execute()).map((r) => r.status));
    for (const status of ['to_rectify', 'to_recheck', 'second_rectify', 'done']) expect(statuses).toContain(status);
    const overdue = await db.selectFrom('rectifications').select(['status']).where('overdue_at', 'is not', null).execute();
    expect(overdue.some((r) => r.status === 'to_rectify')).toBe(true);
    const hall = ctx.personIdByLogin.hall!;
    const figures = await inspectionFiguresOfPeriod(db, ctx.siteId, [hall], now - 20 * 86_400_000, now);
    expect(figures.get(hall)!.inspections).toBeGreaterThan(10);
    expect(figures.get(hall)!.deductionPoints).toBeGreaterThan(0);
  });
});
