import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/build-test-app.js';
import type { AuditEntry } from '@anchang/contracts';
import { createCompanyWithSite, createPerson, loginAs, TEST_PASSWORD, type TestSite } from '../../test/factories.js';

describe(`auth (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestApp;
  let site: TestSite;

  beforeAll(async () => {
    t = await buildTestApp({ env: { LOGIN_MAX_FAILURES: '3', LOGIN_WINDOW_MINUTES: '10', SESSION_TTL_HOURS: '2', SESSION_MAX_DAYS: '1' } });
    site = await createCompanyWithSite(t.testDb.database.db);
  });
  afterAll(() => t.close());

  const me = (cookie: string) => t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });

  it('logs in with an httpOnly SameSite cookie and answers /me with sites and posts', async () => {
    const p = await createPerson(t.testDb.database.db, site, 'staff', { postIds: [site.postId] });
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: p.login.toUpperCase(), password: TEST_PASSWORD } });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'anchang_sid');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    const body = (await me(`anchang_sid=${cookie?.value}`)).json<{ login: string; sites: { id: string; role: string; posts: { id: string }[] }[] }>();
    expect(body.login).toBe(p.login);
    expect(body.sites).toEqual([expect.objectContaining({ id: site.siteId, role: 'staff', posts: [expect.objectContaining({ id: site.postId })] })]);
  });

  it('answers 401 without a session, and after logout', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me' })).json<{ error: { code: string } }>().error.code).toBe('UNAUTHENTICATED');
    const cookie = await loginAs(t.app, (await createPerson(t.testDb.database.db, site, 'staff')).login);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } })).statusCode).toBe(204);
    expect((await me(cookie)).statusCode).toBe(401);
  });

  it('refuses a wrong password, then rate-limits, then lets the window pass', async () => {
    const p = await createPerson(t.testDb.database.db, site, 'staff');
    const attempt = (password: string) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: p.login, password } });
    for (let i = 0; i < 3; i++) expect((await attempt('wrong-password1')).json<{ error: { code: string } }>().error.code).toBe('INVALID_CREDENTIALS');
    const limited = await attempt(TEST_PASSWORD);
    expect(limited.statusCode).toBe(429);
    expect(limited.json<{ error: { code: string; params: { retryAfterSeconds: number } } }>().error.params.retryAfterSeconds).toBeGreaterThan(0);
    expect(limited.headers['retry-after']).toBeDefined();
    t.clock.advance(10 * 60_000 + 1);
    expect((await attempt(TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('expires a session after its lifetime, and extends one in use', async () => {
    const cookie = await loginAs(t.app, (await createPerson(t.testDb.database.db, site, 'staff')).login);
    t.clock.advance(90 * 60_000);
    expect((await me(cookie)).statusCode).toBe(200); // seen: lifetime slides to now + 2 h
    t.clock.advance(90 * 60_000);
    expect((await me(cookie)).statusCode).toBe(200);
    t.clock.advance(2 * 3_600_000 + 1);
    const expired = await me(cookie);
    expect(expired.statusCode).toBe(401);
    expect(expired.json<{ error: { code: string } }>().error.code).toBe('SESSION_EXPIRED');
  });

  it('ends a session a day after its login however busy it is (SESSION_MAX_DAYS)', async () => {
    const cookie = await loginAs(t.app, (await createPerson(t.testDb.database.db, site, 'staff')).login);
    // Used every 90 minutes, so the 2-hour idle limit never ends it…
    for (let elapsed = 90; elapsed < 24 * 60; elapsed += 90) {
      t.clock.advance(90 * 60_000);
      expect((await me(cookie)).statusCode, `after ${elapsed} minutes`).toBe(200);
    }
    // …but 24 hours after the login it is over.
    t.clock.advance(90 * 60_000);
    const ended = await me(cookie);
    expect(ended.statusCode).toBe(401);
    expect(ended.json<{ error: { code: string } }>().error.code).toBe('SESSION_EXPIRED');
  });

  it('changes the password, keeps this session and ends the others', async () => {
    const p = await createPerson(t.testDb.database.db, site, 'staff');
    const a = await loginAs(t.app, p.login);
    const b = await loginAs(t.app, p.login);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie: a },
      payload: { currentPassword: 'nope-nope1', newPassword: 'NewPassw0rd' },
    });
    expect(wrong.json<{ error: { code: string } }>().error.code).toBe('WRONG_CURRENT_PASSWORD');
    const weak = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie: a },
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'abc' },
    });
    expect(weak.json<{ error: { code: string } }>().error.code).toBe('PASSWORD_TOO_WEAK');
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie: a },
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'NewPassw0rd' },
    });
    expect(ok.statusCode).toBe(204);
    expect((await me(a)).statusCode).toBe(200);
    expect((await me(b)).statusCode).toBe(401);
    await expect(loginAs(t.app, p.login)).rejects.toThrow();
    expect(await loginAs(t.app, p.login, 'NewPassw0rd')).toContain('anchang_sid=');
  });

  it('records logins in the audit log without the password', async () => {
    const p = await createPerson(t.testDb.database.db, site, 'staff');
    await loginAs(t.app, p.login);
    const rows = await t.testDb.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('actor_id', '=', p.id)
      .where('action', '=', 'auth.login')
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.detail).not.toContain(TEST_PASSWORD);
  });

  it('refuses a disabled account at login with the right password only, and a session it still held', async () => {
    const db = t.testDb.database.db;
    const manager = await loginAs(t.app, (await createPerson(db, site, 'site_manager')).login);
    const p = await createPerson(db, site, 'staff');
    const login = (password: string) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: p.login, password } });
    const codeOf = (res: { statusCode: number; json: <T>() => T }) => [res.statusCode, res.json<{ error: { code: string } }>().error.code];
    const disable = await t.app.inject({
      method: 'PATCH',
      url: `/api/sites/${site.siteId}/people/${p.id}`,
      headers: { cookie: manager },
      payload: { isActive: false },
    });
    expect(disable.statusCode).toBe(200);
    expect(codeOf(await login(TEST_PASSWORD))).toEqual([401, 'ACCOUNT_DISABLED']);
    // A wrong password says nothing about the account.
    expect(codeOf(await login('wrong-password1'))).toEqual([401, 'INVALID_CREDENTIALS']);
    expect(await db.selectFrom('sessions').select('id').where('person_id', '=', p.id).execute()).toEqual([]);

    // A session opened before the account was disabled elsewhere (not through this app's API,
    // which ends sessions at once): refused once the cached copy is stale, and ended.
    const q = await createPerson(db, site, 'staff');
    const cookie = await loginAs(t.app, q.login);
    expect((await me(cookie)).statusCode).toBe(200);
    await db.updateTable('people').set({ is_active: 0 }).where('id', '=', q.id).execute();
    t.clock.advance(30_000);
    expect(codeOf(await me(cookie))).toEqual([401, 'ACCOUNT_DISABLED']);
    expect(await db.selectFrom('sessions').select('id').where('person_id', '=', q.id).execute()).toEqual([]);
    expect(codeOf(await me(cookie))).toEqual([401, 'UNAUTHENTICATED']);
  });

  it('keeps refused logins, logouts and password changes in the company log, for its company admin only', async () => {
    const db = t.testDb.database.db;
    const admin = await loginAs(t.app, (await createPerson(db, site, 'company_admin')).login);
    const p = await createPerson(db, site, 'staff');
    const wrongLogin = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '198.51.100.23',
      payload: { login: p.login, password: 'Not-the-password1' },
    });
    expect(wrongLogin.statusCode).toBe(401);
    const cookie = await loginAs(t.app, p.login);
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie },
      payload: { currentPassword: 'Guessing-again1', newPassword: 'NewPassw0rd' },
    });
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie },
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'NewPassw0rd' },
    });
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } })).statusCode).toBe(204);

    const log = await t.app.inject({ method: 'GET', url: '/api/audit?limit=200', headers: { cookie: admin } });
    expect(log.statusCode).toBe(200);
    const mine = log
      .json<{ items: AuditEntry[] }>()
      .items.filter((e) => e.entityId === p.id)
      .reverse();
    expect(mine.map((e) => e.action)).toEqual([
      'auth.login_failed',
      'auth.login',
      'auth.password_change_failed',
      'auth.password_change',
      'auth.logout',
    ]);
    expect(mine[0]).toMatchObject({ siteId: null, actorId: null, detail: { login: p.login, ip: '198.51.100.23', reason: 'wrong_password' } });
    expect(mine[4]).toMatchObject({ actorId: p.id, actorName: p.name });
    expect(JSON.stringify(mine)).not.toMatch(/Not-the-password1|Guessing-again1|NewPassw0rd/);

    const onlyFailures = await t.app.inject({ method: 'GET', url: '/api/audit?action=auth.login_failed', headers: { cookie: admin } });
    expect(onlyFailures.json<{ items: AuditEntry[] }>().items.every((e) => e.action === 'auth.login_failed')).toBe(true);

    // Another company's people read none of it: its site manager is refused, its admin sees only its own.
    const other = await createCompanyWithSite(db);
    const otherManager = await loginAs(t.app, (await createPerson(db, other, 'site_manager')).login);
    const refused = await t.app.inject({ method: 'GET', url: '/api/audit', headers: { cookie: otherManager } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json<{ error: { code: string } }>().error.code).toBe('FORBIDDEN');
    const otherAdmin = await loginAs(t.app, (await createPerson(db, other, 'company_admin')).login);
    const theirs = (await t.app.inject({ method: 'GET', url: '/api/audit?limit=200', headers: { cookie: otherAdmin } })).json<{
      items: AuditEntry[];
    }>();
    expect(theirs.items.some((e) => e.entityId === p.id)).toBe(false);
    // A site manager of this very company does not read the company log either.
    const ownManager = await loginAs(t.app, (await createPerson(db, site, 'site_manager')).login);
    expect((await t.app.inject({ method: 'GET', url: '/api/audit', headers: { cookie: ownManager } })).statusCode).toBe(403);
  });
});
