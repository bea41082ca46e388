/**
 * The menus against the server: for every account of the demo, every console page and phone entry
 * the shared description (contracts/access.ts) offers that role must load (each of its reads answers
 * 2xx), and every console page it hides must be one the server refuses. A menu too wide shows a
 * screen that fails; one too narrow hides work the person may do.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CONSOLE_MENU,
  CONSOLE_ROLES,
  PHONE_HOME,
  PHONE_TABS,
  consoleMenuFor,
  phoneOffers,
  readsFor,
  type Me,
  type MeSite,
  type PostKind,
  type ScreenRead,
} from '@anchang/contracts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoIfEmpty } from './db/seed/demo.js';
import { buildTestApp, type TestApp } from './test/build-test-app.js';
import { loginAs } from './test/factories.js';
import { localParts } from './platform/site-time.js';

interface Account {
  login: string;
  cookie: string;
  companyId: string;
  site: MeSite;
  postKinds: PostKind[];
}

describe(`every role's menus against the server (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestApp;
  const accounts: Account[] = [];

  beforeAll(async () => {
    t = await buildTestApp();
    await seedDemoIfEmpty(t.testDb.database.db, t.clock.now());
    for (const { login } of DEMO_ACCOUNTS) {
      const cookie = await loginAs(t.app, login, DEMO_PASSWORD);
      const me = (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).json<Me>();
      const site = me.sites[0];
      if (!site) throw new Error(`${login} has no site`);
      accounts.push({ login, cookie, companyId: me.companyId, site, postKinds: site.posts.map((p) => p.kind) });
    }
  });
  afterAll(() => t?.close());

  const read = async (account: Account, screenRead: ScreenRead) => {
    const url = `/api${screenRead.path.replace(':siteId', account.site.id).replace(':companyId', account.companyId)}`;
    const today = localParts(t.clock.now(), account.site.timeZone).date;
    const query = Object.fromEntries(
      Object.entries(screenRead.query ?? {}).map(([k, v]) => [k, v.replace(':today', today).replace(':month', today.slice(0, 7))]),
    );
    const res = await t.app.inject({ method: 'GET', url, query, headers: { cookie: account.cookie } });
    return { url, status: res.statusCode };
  };
  const statuses = (account: Account, reads: readonly ScreenRead[]) => Promise.all(reads.map((r) => read(account, r)));

  it('covers every role of the demo: admin, manager, supervisor, each staff post, consultant, client', () => {
    const roles = new Set(accounts.map((a) => a.site.role));
    expect([...roles].sort()).toEqual(['client_viewer', 'company_admin', 'sales_consultant', 'site_manager', 'staff', 'supervisor']);
    const staffPosts = accounts.filter((a) => a.site.role === 'staff').flatMap((a) => a.postKinds);
    expect(staffPosts.sort()).toEqual(['BAR', 'CLEAN', 'GREEN', 'GUARD', 'HALL', 'MODEL', 'PARK', 'SECURITY', 'SHUTTLE', 'TECH']);
  });

  it('loads every console page the menu offers, and the server refuses every page it hides', async () => {
    const failures: string[] = [];
    for (const account of accounts) {
      if (!CONSOLE_ROLES.includes(account.site.role)) continue;
      const offered = new Set(consoleMenuFor(account.site.role).map((e) => e.key));
      for (const entry of CONSOLE_MENU) {
        const results = await statuses(account, offered.has(entry.key) ? readsFor(entry.reads, account.site.role) : entry.reads);
        if (offered.has(entry.key)) {
          for (const r of results)
            if (r.status < 200 || r.status > 299) failures.push(`${account.login} console ${entry.key}: GET ${r.url} ${r.status}`);
        } else if (!results.some((r) => r.status === 403)) {
          failures.push(`${account.login} console ${entry.key} is hidden, yet the server lets every read through`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('offers the console to no front-line role: their work is on the phone', () => {
    const frontLine = accounts.filter((a) => a.site.role === 'staff' || a.site.role === 'sales_consultant');
    expect(frontLine.length).toBeGreaterThan(0);
    for (const account of frontLine) expect(consoleMenuFor(account.site.role)).toEqual([]);
  });

  it('loads every phone tab and home entry offered to each account', async () => {
    const failures: string[] = [];
    for (const account of accounts) {
      for (const entry of [...PHONE_TABS, ...PHONE_HOME]) {
        if (!phoneOffers(entry, account.site.role, account.postKinds)) continue;
        for (const r of await statuses(account, readsFor(entry.reads, account.site.role))) {
          if (r.status < 200 || r.status > 299) failures.push(`${account.login} phone ${entry.path}: GET ${r.url} ${r.status}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('gives each front-line post its own phone: checks to the technician, patrols to security, and the consultant neither', () => {
    const offeredTo = (login: string) => {
      const account = accounts.find((a) => a.login === login);
      if (!account) throw new Error(login);
      return [...PHONE_TABS, ...PHONE_HOME].filter((e) => phoneOffers(e, account.site.role, account.postKinds)).map((e) => e.path);
    };
    expect(offeredTo('tech')).toContain('/repairs/checks');
    expect(offeredTo('security')).toContain('/patrols');
    // The concierge's end of the day (GUARD-IN-10, 11): the model-room check and the closing routine.
    expect(offeredTo('guard')).toEqual(expect.arrayContaining(['/model-room-check', '/model-room-closing', '/handover']));
    expect(offeredTo('hall')).not.toContain('/model-room-closing');
    expect(offeredTo('consultant')).not.toContain('/repairs/checks');
    expect(offeredTo('consultant')).not.toContain('/shift');
    expect(offeredTo('client')).toEqual(['/', '/notices', '/me']);
  });

  it('refuses the consultant and the client what their phone does not offer: equipment checks, reports', async () => {
    const byLogin = (login: string) => accounts.find((a) => a.login === login) as Account;
    const check = await t.app.inject({
      method: 'POST',
      url: `/api/sites/${byLogin('consultant').site.id}/equipment-checks`,
      headers: { cookie: byLogin('consultant').cookie },
      payload: {
        id: '0190a0a0-0000-7000-8000-000000000001',
        kind: 'opening',
        results: [{ assetId: '0190a0a0-0000-7000-8000-000000000003', ok: true }],
      },
    });
    expect(check.statusCode, check.body).toBe(403);
    const client = byLogin('client');
    const incident = await t.app.inject({
      method: 'POST',
      url: `/api/sites/${client.site.id}/incidents`,
      headers: { cookie: client.cookie },
      payload: { id: '0190a0a0-0000-7000-8000-000000000002', kind: 'other', severity: 'low', description: '看一看' },
    });
    expect(incident.statusCode).toBe(403);
  });
});
