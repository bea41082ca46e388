import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { openDatabase, type Database } from '../../db/create-db.js';
import type { App } from '../../platform/http/types.js';
import { buildTestApp, type TestApp } from '../../test/build-test-app.js';
import { createCompanyWithSite, createPerson, TEST_PASSWORD, type TestSite } from '../../test/factories.js';

const LIMITS = { LOGIN_MAX_FAILURES: '3', LOGIN_MAX_PER_ADDRESS: '5', LOGIN_WINDOW_MINUTES: '10' };
const WINDOW_MS = 10 * 60_000;

interface Answer {
  statusCode: number;
  headers: Record<string, unknown>;
  json: <T>() => T;
}
const codeOf = (res: Answer) => res.json<{ error: { code: string } }>().error.code;

describe(`login limits (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  /** Two instances on one database, each behind one trusted proxy (which appends the client's address). */
  let t: TestApp;
  let a: App;
  let secondDatabase: Database;
  let b: App;
  /** An instance that trusts no proxy: X-Forwarded-For means nothing to it. */
  let direct: TestApp;
  let site: TestSite;

  beforeAll(async () => {
    t = await buildTestApp({ env: { ...LIMITS, TRUST_PROXY: '1' } });
    direct = await buildTestApp({ env: LIMITS });
    a = t.app;
    secondDatabase = await openDatabase(t.testDb.location);
    b = await buildApp({ config: t.config, database: secondDatabase, clock: t.clock, logger: false });
    await b.ready();
    site = await createCompanyWithSite(t.testDb.database.db);
  });
  afterAll(async () => {
    await b?.close();
    await secondDatabase?.close();
    await Promise.all([t?.close(), direct?.close()]);
  });

  const person = async () => (await createPerson(t.testDb.database.db, site, 'staff')).login;
  /** A login through the proxy for `client`, on instance a or b. */
  const loginVia = (app: App, client: string, login: string, password: string, forwardedFor = client): Promise<Answer> =>
    app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '10.0.0.2',
      headers: { 'x-forwarded-for': forwardedFor },
      payload: { login, password },
    });

  it('limits one account, whatever the addresses and instances the guesses come from', async () => {
    const login = await person();
    const guesses = [
      await loginVia(a, '198.51.100.1', login, 'wrong-guess-1'),
      await loginVia(b, '198.51.100.2', login, 'wrong-guess-2'),
      await loginVia(a, '198.51.100.3', login, 'wrong-guess-3'),
    ];
    expect(guesses.map(codeOf)).toEqual(['INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'INVALID_CREDENTIALS']);

    const limited = await loginVia(b, '198.51.100.4', login, TEST_PASSWORD);
    expect(limited.statusCode).toBe(429);
    expect(codeOf(limited)).toBe('LOGIN_RATE_LIMITED');
    const wait = limited.json<{ error: { params: { retryAfterSeconds: number } } }>().error.params.retryAfterSeconds;
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(WINDOW_MS / 1000);
    expect(limited.headers['retry-after']).toBe(String(wait));

    t.clock.advance(WINDOW_MS);
    expect((await loginVia(a, '198.51.100.5', login, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('forgets an account’s failures once the right password is given', async () => {
    const login = await person();
    for (let round = 0; round < 3; round++) {
      const client = `198.51.100.${20 + round}`;
      expect(codeOf(await loginVia(a, client, login, 'wrong-guess-1'))).toBe('INVALID_CREDENTIALS');
      expect(codeOf(await loginVia(b, client, login, 'wrong-guess-2'))).toBe('INVALID_CREDENTIALS');
      expect((await loginVia(a, client, login, TEST_PASSWORD)).statusCode).toBe(200);
    }
  });

  it('limits one address trying many accounts, across instances', async () => {
    const sprayer = '203.0.113.7';
    const answers: Answer[] = [];
    for (let i = 0; i < 5; i++) answers.push(await loginVia(i % 2 ? a : b, sprayer, await person(), 'Spring2026'));
    expect(answers.map(codeOf)).toEqual(Array(5).fill('INVALID_CREDENTIALS'));

    // Even the right password of a real account waits now, from that address only.
    const login = await person();
    const limited = await loginVia(a, sprayer, login, TEST_PASSWORD);
    expect(limited.statusCode).toBe(429);
    expect(codeOf(limited)).toBe('LOGIN_RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await loginVia(b, sprayer, login, TEST_PASSWORD)).statusCode).toBe(429);
    expect((await loginVia(b, '203.0.113.8', login, TEST_PASSWORD)).statusCode).toBe(200);

    t.clock.advance(WINDOW_MS);
    expect((await loginVia(a, sprayer, login, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('sees through X-Forwarded-For entries beyond the trusted proxy', async () => {
    // The client prepends made-up addresses; the proxy appends the one it saw. Only that counts.
    const client = '203.0.113.9';
    for (let i = 0; i < 5; i++) {
      expect(codeOf(await loginVia(a, client, await person(), 'Spring2026', `192.0.2.${i}, ${client}`))).toBe('INVALID_CREDENTIALS');
    }
    const spoofed = await loginVia(b, client, await person(), TEST_PASSWORD, `192.0.2.99, ${client}`);
    expect(codeOf(spoofed)).toBe('LOGIN_RATE_LIMITED');
  });

  it('ignores X-Forwarded-For altogether when no proxy is trusted', async () => {
    const directSite = await createCompanyWithSite(direct.testDb.database.db);
    const login = (await createPerson(direct.testDb.database.db, directSite, 'staff')).login;
    const attempt = (forwardedFor: string) =>
      direct.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '198.51.100.77',
        headers: { 'x-forwarded-for': forwardedFor },
        payload: { login: `nobody-${forwardedFor}`, password: 'Spring2026' },
      });
    for (let i = 0; i < 5; i++) expect(codeOf(await attempt(`192.0.2.${i}`))).toBe('INVALID_CREDENTIALS');
    expect(codeOf(await attempt('192.0.2.200'))).toBe('LOGIN_RATE_LIMITED');
    const fromElsewhere = await direct.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '198.51.100.78',
      payload: { login, password: TEST_PASSWORD },
    });
    expect(fromElsewhere.statusCode).toBe(200);
  });
});
