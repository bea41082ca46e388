import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@anchang/contracts';
import type { DemoHistoryContext } from '../../db/seed/demo-history-context.js';
import { seedDemoIfEmpty } from '../../db/seed/demo.js';
import type { Actor } from '../../platform/auth/actor.js';
import { addDays, instantAt } from '../../platform/site-time.js';
import { buildTestApp, type TestApp } from '../../test/build-test-app.js';
import { seedAssessmentDemoHistory } from './assessment.demo.js';

describe(`the assessment's demo history (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('computes and signs last month on the seeded demo site, and computes this month so far', async () => {
    const db = t.testDb.database.db;
    await seedDemoIfEmpty(db, t.clock.now());
    const site = await db.selectFrom('sites').selectAll().executeTakeFirstOrThrow();
    const people = await db.selectFrom('people').select(['id', 'login', 'name', 'company_id', 'is_company_admin']).execute();
    const members = await db.selectFrom('site_members').selectAll().where('site_id', '=', site.id).execute();
    const actorFor = (login: string): Promise<Actor> => {
      const p = people.find((x) => x.login === login)!;
      const role = (p.is_company_admin ? 'company_admin' : members.find((m) => m.person_id === p.id)?.role) as Role;
      return Promise.resolve({
        personId: p.id,
        companyId: p.company_id,
        name: p.name,
        login: p.login,
        isCompanyAdmin: p.is_company_admin === 1,
        siteRoles: new Map([[site.id, role]]),
        sessionId: 'demo',
        requestId: 'demo',
      });
    };
    // The demo's roster starts this week: November 30 (a Monday) is in the month before "today" (2 December).
    const days: string[] = [];
    for (let d = '2026-11-01'; d < '2026-12-02'; d = addDays(d, 1)) days.push(d);
    let seed = 1;
    const ctx: DemoHistoryContext = {
      deps: t.app.services.deps,
      clock: t.clock,
      siteId: site.id,
      companyId: site.company_id,
      timeZone: site.time_zone,
      personIdByLogin: Object.fromEntries(people.map((p) => [p.login, p.id])),
      actorFor,
      days,
      random: () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646,
    };
    const before = t.clock.now();
    await seedAssessmentDemoHistory(ctx);
    expect(t.clock.now()).toBe(before);
    const rows = await db.selectFrom('assessments').select(['month', 'status']).where('site_id', '=', site.id).execute();
    const november = rows.filter((r) => r.month === '2026-11');
    expect(november.length).toBeGreaterThan(0);
    expect(november.every((r) => r.status === 'signed')).toBe(true);
    expect(rows.some((r) => r.month === '2026-12')).toBe(true);
    const signed = await db.selectFrom('audit_log').select('at').where('action', '=', 'assessment.signed').execute();
    // Signed on the 1st, after the close, not at "today".
    expect(signed.every((a) => Number(a.at) >= instantAt('2026-12-01', '09:00', site.time_zone) && Number(a.at) < before)).toBe(true);
  });
});
