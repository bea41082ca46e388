/**
 * Names people give must show something and carry no control or direction characters (one rule,
 * NAME_INVALID, for every name field); an invalid body, however large, gets back a few issues
 * and none of what it sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../ids.js';
import { buildTestApp, type TestApp } from '../../test/build-test-app.js';
import { createCompanyWithSite, createPerson, loginAs, type TestSite } from '../../test/factories.js';
import { MAX_ISSUES } from './error-handler.js';

/** Names that show nothing, or hide how the text around them is drawn. */
const BAD_NAMES = [
  '   ',
  '\u3000\u3000', // ideographic spaces
  '\u200b\u200b', // zero-width spaces
  '\t\n',
  '东区\u0007',
  'ab\u0000',
  '\u202egpj.exe', // right-to-left override: shows as "exe.jpg"
  '王\u2066五\u2069',
  '\u200f李',
];

describe(`names and validation issues (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestApp;
  let site: TestSite;
  let manager: string;
  let park: string;

  beforeAll(async () => {
    t = await buildTestApp();
    site = await createCompanyWithSite(t.testDb.database.db);
    manager = await loginAs(t.app, (await createPerson(t.testDb.database.db, site, 'site_manager')).login);
    park = await loginAs(t.app, (await createPerson(t.testDb.database.db, site, 'staff')).login);
  });
  afterAll(() => t.close());

  const post = (cookie: string, url: string, payload: unknown) =>
    t.app.inject({ method: 'POST', url: `/api/sites/${site.siteId}${url}`, headers: { cookie }, payload: payload as object });
  const error = (res: { json: <T>() => T }) => res.json<{ error: { code: string; params?: { issues?: { path: string }[] } } }>().error;

  it('refuses names of spaces, control or direction characters on zones, posts, people, customers and the rest, saving nothing', async () => {
    const db = t.testDb.database.db;
    const counts = async () =>
      Promise.all(
        (['zones', 'posts', 'people', 'customers', 'supply_stores', 'hall_tables'] as const).map(
          async (table) => (await db.selectFrom(table).select('id').execute()).length,
        ),
      );
    const before = await counts();
    for (const name of BAD_NAMES) {
      const attempts = [
        post(manager, '/zones', { kind: 'OFFICE', name }),
        post(manager, '/posts', { kind: 'HALL', name }),
        post(manager, '/people', { login: `u${Math.random().toString(36).slice(2, 8)}`, name, password: 'Welcome2026', role: 'staff' }),
        post(park, '/visits', { id: newId(), partySize: 1, arrivalMode: 'walk_in', customer: { name, phone: '13800001234', consent: true } }),
        post(manager, '/supplies/stores', { name }),
        post(manager, '/hall/tables', { name, seats: 4 }),
        t.app.inject({ method: 'PATCH', url: `/api/sites/${site.siteId}`, headers: { cookie: manager }, payload: { name } }),
      ];
      for (const res of await Promise.all(attempts)) {
        expect(res.statusCode, `${JSON.stringify(name)} ${res.body}`).toBe(400);
        expect(error(res).code, JSON.stringify(name)).toBe('NAME_INVALID');
        expect(res.body).not.toContain(name);
      }
    }
    expect(await counts()).toEqual(before);
    // Ordinary names in any script, with spaces inside, are names.
    for (const name of ['东区 1 号', 'Zone B', 'Ōsaka-駅', 'عربي'])
      expect((await post(manager, '/zones', { kind: 'OFFICE', name })).statusCode).toBe(201);
  });

  it('answers a huge invalid body with at most five issues, in a small answer that echoes nothing sent', async () => {
    const marker = 'ECHO_ME_BACK';
    const body: Record<string, unknown> = { kind: 'NOT_A_KIND', name: 42, capacity: 'many' };
    // ~800 kB: thousands of unknown fields with long names and values.
    for (let i = 0; i < 8000; i++) body[`${marker}_${'k'.repeat(70)}_${i}`] = `${marker}-${'v'.repeat(20)}`;
    body['<script>alert(1)</script>'] = marker;
    const payload = JSON.stringify(body);
    expect(payload.length).toBeGreaterThan(700_000);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/sites/${site.siteId}/zones`,
      headers: { cookie: manager, 'content-type': 'application/json' },
      payload,
    });
    expect(res.statusCode).toBe(400);
    const err = res.json<{ error: { code: string; params: { issues: unknown[]; more?: number } } }>().error;
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.params.issues.length).toBeLessThanOrEqual(MAX_ISSUES);
    expect(err.params.more).toBeGreaterThan(8000 - MAX_ISSUES);
    expect(res.body.length).toBeLessThan(2048);
    expect(res.body).not.toContain(marker);
    expect(res.body).not.toContain('<script>');
    expect(res.body).not.toContain('NOT_A_KIND');
  });
});
