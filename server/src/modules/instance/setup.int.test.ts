import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InstanceInfo, Me } from '@anchang/contracts';
import { seedDemoIfEmpty } from '../../db/seed/demo.js';
import { buildTestApp, type TestApp } from '../../test/build-test-app.js';
import { loginAs } from '../../test/factories.js';

const setupBody = {
  companyName: '安畅物业',
  siteName: '滨江壹号售楼处',
  timeZone: 'Asia/Shanghai',
  adminLogin: 'Zhou.Admin',
  adminName: '周总',
  adminPassword: 'Firstrun2026',
};

const codeOf = (res: { json: <T>() => T }) => res.json<{ error: { code: string } }>().error.code;

describe(`first-run setup (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  // An empty database each: the setup is the one thing here that must not find a company.
  let t: TestApp;
  let race: TestApp;
  let demo: TestApp;
  beforeAll(async () => {
    // One after the other: three apps starting at once can overrun a loaded machine's plugin timeout.
    t = await buildTestApp();
    race = await buildTestApp();
    demo = await buildTestApp();
  });
  afterAll(() => Promise.all([t?.close(), race?.close(), demo?.close()]));

  const instance = async (app: TestApp) => (await app.app.inject({ method: 'GET', url: '/api/instance' })).json<InstanceInfo>();
  const setup = (app: TestApp, body: Record<string, unknown> = setupBody) => app.app.inject({ method: 'POST', url: '/api/setup', payload: body });

  it('on an empty database: creates the company, its site and its admin, who is then signed in', async () => {
    expect(await instance(t)).toEqual({ needsSetup: true, demo: false });

    const weak = await setup(t, { ...setupBody, adminPassword: 'password' });
    expect(weak.statusCode).toBe(400);
    expect(codeOf(weak)).toBe('PASSWORD_TOO_WEAK');
    const badZone = await setup(t, { ...setupBody, timeZone: 'Mars/Olympus' });
    expect(codeOf(badZone)).toBe('INVALID_TIME_ZONE');
    expect(await instance(t)).toEqual({ needsSetup: true, demo: false });

    const done = await setup(t);
    expect(done.statusCode).toBe(201);
    const me = done.json<Me>();
    expect(me).toMatchObject({ login: 'zhou.admin', name: '周总', companyName: '安畅物业', isCompanyAdmin: true });
    expect(me.sites).toEqual([expect.objectContaining({ name: '滨江壹号售楼处', timeZone: 'Asia/Shanghai', role: 'company_admin' })]);
    const cookie = done.cookies.find((c) => c.name === 'anchang_sid');
    expect(cookie?.httpOnly).toBe(true);
    const meAgain = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `anchang_sid=${cookie?.value}` } });
    expect(meAgain.json<Me>().id).toBe(me.id);

    expect(await instance(t)).toEqual({ needsSetup: false, demo: false });
    // The new admin signs in with the password chosen at setup.
    expect(await loginAs(t.app, 'zhou.admin', setupBody.adminPassword)).toContain('anchang_sid=');
  });

  it('is refused once a company exists', async () => {
    const again = await setup(t, { ...setupBody, adminLogin: 'intruder', companyName: '另一家' });
    expect(again.statusCode).toBe(409);
    expect(codeOf(again)).toBe('SETUP_ALREADY_DONE');
    await expect(loginAs(t.app, 'intruder', setupBody.adminPassword)).rejects.toThrow();
  });

  it('lets exactly one of two concurrent setups win', async () => {
    const [a, b] = await Promise.all([
      setup(race, { ...setupBody, adminLogin: 'first', companyName: '甲公司' }),
      setup(race, { ...setupBody, adminLogin: 'second', companyName: '乙公司' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    expect(codeOf(a.statusCode === 409 ? a : b)).toBe('SETUP_ALREADY_DONE');
    const companies = await race.testDb.database.db.selectFrom('companies').select('name').execute();
    expect(companies).toHaveLength(1);
  });

  it('says when the database holds the demo, and then has no setup to offer', async () => {
    await seedDemoIfEmpty(demo.testDb.database.db, demo.clock.now());
    expect(await instance(demo)).toEqual({ needsSetup: false, demo: true });
    expect(codeOf(await setup(demo))).toBe('SETUP_ALREADY_DONE');
  });
});
