import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/build-test-app.js';
import { createCompanyWithSite, createPerson, TEST_PASSWORD } from '../../test/factories.js';

interface Answer {
  statusCode: number;
  cookies: { name: string; value: string; secure?: boolean; httpOnly?: boolean; path?: string; domain?: string; maxAge?: number }[];
}

describe(`the session cookie over TLS and plain http (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  /** Behind one trusted proxy: X-Forwarded-Proto says whether the browser used https. */
  let proxied: TestApp;
  /** COOKIE_SECURE=true: Secure whatever the request looks like. */
  let forced: TestApp;
  let login: string;
  let forcedLogin: string;

  beforeAll(async () => {
    proxied = await buildTestApp({ env: { TRUST_PROXY: '127.0.0.1', SESSION_MAX_DAYS: '7' } });
    forced = await buildTestApp({ env: { COOKIE_SECURE: 'true' } });
    login = (await createPerson(proxied.testDb.database.db, await createCompanyWithSite(proxied.testDb.database.db), 'staff')).login;
    forcedLogin = (await createPerson(forced.testDb.database.db, await createCompanyWithSite(forced.testDb.database.db), 'staff')).login;
  });
  afterAll(() => Promise.all([proxied?.close(), forced?.close()]));

  const tls = { 'x-forwarded-proto': 'https', 'x-forwarded-for': '198.51.100.4' };
  const signIn = (t: TestApp, who: string, headers: Record<string, string> = {}): Promise<Answer> =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', headers, payload: { login: who, password: TEST_PASSWORD } });
  const me = (t: TestApp, cookie: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { ...headers, cookie } });

  it('is __Host-anchang_sid, Secure, for the whole host, when the browser came over https', async () => {
    const res = await signIn(proxied, login, tls);
    expect(res.statusCode).toBe(200);
    expect(res.cookies).toEqual([
      expect.objectContaining({ name: '__Host-anchang_sid', secure: true, httpOnly: true, path: '/', maxAge: 7 * 86_400 }),
    ]);
    expect(res.cookies[0]?.domain).toBeUndefined();
    expect((await me(proxied, `__Host-anchang_sid=${res.cookies[0]?.value}`, tls)).statusCode).toBe(200);
  });

  it('is the plain anchang_sid on plain http, where the prefix cannot be used', async () => {
    const res = await signIn(proxied, login, { 'x-forwarded-for': '198.51.100.4' });
    expect(res.cookies).toEqual([expect.objectContaining({ name: 'anchang_sid', httpOnly: true, path: '/' })]);
    expect(res.cookies[0]?.secure).toBeFalsy();
  });

  it('is Secure and prefixed on every request with COOKIE_SECURE=true', async () => {
    const res = await signIn(forced, forcedLogin);
    expect(res.cookies).toEqual([expect.objectContaining({ name: '__Host-anchang_sid', secure: true })]);
  });

  it('still reads a session opened under the plain name, and replaces that cookie at the next login over https', async () => {
    const plain = (await signIn(proxied, login)).cookies[0]!;
    expect(plain.name).toBe('anchang_sid');
    expect((await me(proxied, `anchang_sid=${plain.value}`, tls)).statusCode).toBe(200);

    const upgraded = await signIn(proxied, login, { ...tls, cookie: `anchang_sid=${plain.value}` });
    const byName = new Map(upgraded.cookies.map((c) => [c.name, c]));
    expect(byName.get('__Host-anchang_sid')?.secure).toBe(true);
    expect(byName.get('anchang_sid')?.value).toBe(''); // cleared
  });

  it('is cleared under the name it came with at logout', async () => {
    const cookie = (await signIn(proxied, login, tls)).cookies[0]!;
    const out: Answer = await proxied.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { ...tls, cookie: `__Host-anchang_sid=${cookie.value}` },
    });
    expect(out.statusCode).toBe(204);
    expect(out.cookies).toEqual([expect.objectContaining({ name: '__Host-anchang_sid', value: '', secure: true, path: '/' })]);
    expect((await me(proxied, `__Host-anchang_sid=${cookie.value}`, tls)).statusCode).toBe(401);
  });
});
