import type net from 'node:net';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/build-test-app.js';
import { createCompanyWithSite, createPerson, loginAs, TEST_PASSWORD, type TestSite } from '../../test/factories.js';

const codeOf = (res: { json: <T>() => T }) => res.json<{ error: { code: string } }>().error.code;

describe(`browser hardening (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestApp;
  /** Behind one trusted proxy that terminates TLS. */
  let proxied: TestApp;
  let site: TestSite;
  let login: string;

  beforeAll(async () => {
    t = await buildTestApp({ env: { TRUSTED_ORIGINS: 'https://console.example.com' } });
    proxied = await buildTestApp({ env: { TRUST_PROXY: '1' } });
    site = await createCompanyWithSite(t.testDb.database.db);
    login = (await createPerson(t.testDb.database.db, site, 'site_manager')).login;
  });
  afterAll(() => Promise.all([t?.close(), proxied?.close()]));

  describe('security headers', () => {
    it('are on API answers, errors and the web app alike', async () => {
      const answers = await Promise.all([
        t.app.inject({ method: 'GET', url: '/api/health' }),
        t.app.inject({ method: 'GET', url: '/api/auth/me' }), // 401
        t.app.inject({ method: 'GET', url: '/api/nothing-here' }), // 404
        t.app.inject({ method: 'GET', url: '/sites/x/overview' }), // the web app's fallback
      ]);
      expect(answers.map((a) => a.statusCode)).toEqual([200, 401, 404, 200]);
      for (const res of answers) {
        const csp = String(res.headers['content-security-policy']);
        expect(csp).toContain("default-src 'self'");
        expect(csp).toContain("script-src 'self';");
        expect(csp).toContain("style-src 'self' 'unsafe-inline'");
        expect(csp).toMatch(/img-src 'self' data: blob:/);
        expect(csp).toContain("connect-src 'self' ws://localhost:80 wss://localhost:80");
        expect(csp).toContain("frame-ancestors 'none'");
        expect(csp).toContain("object-src 'none'");
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['referrer-policy']).toBe('same-origin');
        expect(res.headers['x-frame-options']).toBe('DENY');
        expect(res.headers['strict-transport-security']).toBeUndefined();
      }
    });

    it('add HSTS only to requests that arrived over TLS through a trusted proxy', async () => {
      const viaTls = await proxied.app.inject({
        method: 'GET',
        url: '/api/health',
        headers: { 'x-forwarded-for': '203.0.113.5', 'x-forwarded-proto': 'https' },
      });
      expect(viaTls.headers['strict-transport-security']).toBe('max-age=31536000');
      const plain = await proxied.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-forwarded-for': '203.0.113.5' } });
      expect(plain.headers['strict-transport-security']).toBeUndefined();
      // A client talking to the server directly cannot claim https for itself.
      const claimed = await t.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-forwarded-proto': 'https' } });
      expect(claimed.headers['strict-transport-security']).toBeUndefined();
    });
  });

  describe('cross-site writes', () => {
    const loginFrom = (headers: Record<string, string>) =>
      t.app.inject({ method: 'POST', url: '/api/auth/login', headers, payload: { login, password: TEST_PASSWORD } });

    it('refuses a browser write sent from another site, by Origin or by Sec-Fetch-Site', async () => {
      const refused: Record<string, string>[] = [
        { origin: 'https://evil.example' },
        { origin: 'null' },
        { origin: 'http://localhost.evil.example' },
        { 'sec-fetch-site': 'cross-site' },
        { 'sec-fetch-site': 'same-site' },
      ];
      for (const headers of refused) {
        const res = await loginFrom(headers);
        expect(res.statusCode, JSON.stringify(headers)).toBe(403);
        expect(codeOf(res)).toBe('CROSS_SITE_REQUEST');
        expect(res.cookies).toHaveLength(0);
      }
    });

    it('accepts the same origin, a trusted origin, and requests that are not a browser’s', async () => {
      const accepted: Record<string, string>[] = [
        { origin: 'http://localhost' }, // inject's Host is localhost:80
        { origin: 'http://localhost:80' },
        { origin: 'https://console.example.com' },
        { 'sec-fetch-site': 'same-origin' },
        { 'sec-fetch-site': 'none' },
        {},
      ];
      for (const headers of accepted) {
        expect((await loginFrom(headers)).statusCode, JSON.stringify(headers)).toBe(200);
      }
    });

    it('keeps a signed-in person’s session when another site tries to sign them out', async () => {
      const cookie = await loginAs(t.app, login);
      const forged = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie, origin: 'https://evil.example' } });
      expect(codeOf(forged)).toBe('CROSS_SITE_REQUEST');
      expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
      // Reads are not writes: a cross-site GET is answered as usual (the SameSite cookie guards it).
      const read = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie, origin: 'https://evil.example' } });
      expect(read.statusCode).toBe(200);
    });

    it('lets the weather service call its webhook from anywhere', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/public/weather-webhook/${site.siteId}`,
        headers: { origin: 'https://weather.example', authorization: 'Bearer not-the-token' },
        payload: { action: 'declare', kind: 'rain' },
      });
      expect(res.statusCode).not.toBe(403);
      expect(codeOf(res)).not.toBe('CROSS_SITE_REQUEST');
    });

    it('refuses a realtime socket opened from another site', async () => {
      const cookie = await loginAs(t.app, login);
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const port = (t.app.server.address() as net.AddressInfo).port;
      const open = (origin: string) =>
        new Promise<number>((resolve, reject) => {
          const ws = new WebSocket(`ws://127.0.0.1:${port}/api/realtime`, { headers: { cookie, origin } });
          ws.once('open', () => {
            ws.close();
            resolve(101);
          });
          ws.once('unexpected-response', (req, res) => {
            req.destroy(); // nothing more to read: free the connection so the app can close
            resolve(res.statusCode ?? 0);
          });
          ws.once('error', reject);
        });
      expect(await open('https://evil.example')).toBe(403);
      expect(await open(`http://127.0.0.1:${port}`)).toBe(101);
    });
  });
});
