import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@anchang/contracts';
import { seedDemoIfEmpty } from '../../db/seed/demo.js';
import type { DemoHistoryContext } from '../../db/seed/demo-history-context.js';
import type { Actor } from '../../platform/auth/actor.js';
import { addDays, instantAt, localParts } from '../../platform/site-time.js';
import { buildTestApp, type TestApp } from '../../test/build-test-app.js';
import { readTrainingMonth } from './training-month.js';
import { seedTrainingDemoHistory, trainingFiguresOfPeriod } from './index.js';

const SH = 'Asia/Shanghai';

describe(`training demo history (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestApp;
  let ctx: DemoHistoryContext;

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.testDb.database.db;
    await seedDemoIfEmpty(db, t.clock.now());
    const site = await db.selectFrom('sites').select(['id', 'company_id', 'time_zone']).executeTakeFirstOrThrow();
    const people = await db.selectFrom('people').select(['id', 'login', 'name', 'company_id', 'is_company_admin']).execute();
    const roles = await db.selectFrom('site_members').select(['person_id', 'role']).where('site_id', '=', site.id).execute();
    const today = localParts(t.clock.now(), SH).date;
    const days: string[] = [];
    for (let d = `${addDays(`${today.slice(0, 7)}-01`, -1).slice(0, 7)}-01`; d < today; d = addDays(d, 1)) days.push(d);
    let seed = 12;
    ctx = {
      deps: t.app.services.deps,
      clock: t.clock,
      siteId: site.id,
      companyId: site.company_id,
      timeZone: site.time_zone,
      personIdByLogin: Object.fromEntries(people.map((p) => [p.login, p.id])),
      actorFor: (login: string): Promise<Actor> => {
        const p = people.find((x) => x.login === login)!;
        const role = roles.find((r) => r.person_id === p.id)?.role as Role | undefined;
        return Promise.resolve({
          personId: p.id,
          companyId: p.company_id,
          name: p.name,
          login: p.login,
          isCompanyAdmin: p.is_company_admin === 1,
          siteRoles: new Map(role ? [[site.id, role]] : []),
          sessionId: 'demo',
          requestId: 'demo',
        });
      },
      days,
      random: () => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed / 2147483648;
      },
    };
    await seedTrainingDemoHistory(ctx);
  });
  afterAll(() => t.close());

  it('writes last month’s and this month’s sessions with confirmations and quizzes, some failed', async () => {
    const db = t.testDb.database.db;
    const sessions = await db.selectFrom('training_sessions').select(['id', 'date']).where('site_id', '=', ctx.siteId).execute();
    expect(sessions.map((s) => s.date.slice(0, 7)).sort()).toEqual(['2026-11', '2026-11', '2026-12']);
    const attempts = await db.selectFrom('training_quiz_attempts').select(['passed']).where('site_id', '=', ctx.siteId).execute();
    expect(attempts.length).toBeGreaterThan(10);
    expect(attempts.some((a) => a.passed === 0)).toBe(true);
    expect(attempts.some((a) => a.passed === 1)).toBe(true);
    const sheet = await db.selectFrom('training_fact_sheets').select('version').where('site_id', '=', ctx.siteId).execute();
    expect(sheet).toHaveLength(1);
  });

  it('leaves one person without on-job training this month, flagged from the 20th', async () => {
    const month = await readTrainingMonth(t.testDb.database.db, ctx.siteId, '2026-12', instantAt('2026-12-20', '09:00', SH), SH);
    const green = month.people.find((p) => p.personId === ctx.personIdByLogin.green)!;
    expect(green).toMatchObject({ onJobCount: 0, flagged: true });
    const figures = await trainingFiguresOfPeriod(
      t.testDb.database.db,
      ctx.siteId,
      [ctx.personIdByLogin.green!],
      instantAt('2026-11-01', '00:00', SH),
      instantAt('2026-12-01', '00:00', SH),
    );
    expect(figures.get(ctx.personIdByLogin.green!)!.onJobSessions).toBeGreaterThan(0);
  });

  it('records certificates, one of them expired', async () => {
    const certs = await t.testDb.database.db
      .selectFrom('training_certificates')
      .select(['kind', 'expires_on'])
      .where('site_id', '=', ctx.siteId)
      .execute();
    expect(certs).toHaveLength(3);
    expect(certs.filter((c) => c.expires_on < '2026-12-02').map((c) => c.kind)).toEqual(['HVAC']);
  });
});
