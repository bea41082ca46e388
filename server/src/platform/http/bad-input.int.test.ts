/**
 * Bad input gets a clear 4xx with a code, nothing half-saved; a client that hangs up mid-body
 * leaves the server up and no connection inside an open transaction.
 */
import net from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/build-test-app.js';
import { createCompanyWithSite, createPerson, loginAs, type TestSite } from '../../test/factories.js';

describe(`bad input (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestApp;
  let site: TestSite;
  let cookie: string;
  let port: number;

  beforeAll(async () => {
    t = await buildTestApp({ env: { BODY_LIMIT_BYTES: '4096' } });
    site = await createCompanyWithSite(t.testDb.database.db);
    cookie = await loginAs(t.app, (await createPerson(t.testDb.database.db, site, 'site_manager')).login);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as net.AddressInfo).port;
  });
  afterAll(() => t.close());

  const post = (url: string, payload: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url, payload, headers: { cookie, 'content-type': 'application/json', ...headers } });
  const code = (res: { json: <T>() => T }) => res.json<{ error: { code: string } }>().error.code;
  const zonesUrl = () => `/api/sites/${site.siteId}/zones`;
  const zoneCount = async () => (await t.testDb.database.db.selectFrom('zones').select('id').where('site_id', '=', site.siteId).execute()).length;

  it('malformed JSON → 400 MALFORMED_JSON', async () => {
    const res = await post(zonesUrl(), '{"kind": "OFFICE", "name": ');
    expect(res.statusCode).toBe(400);
    expect(code(res)).toBe('MALFORMED_JSON');
  });

  it('wrong types are not coerced → 400 VALIDATION_FAILED naming the field', async () => {
    const res = await post(zonesUrl(), JSON.stringify({ kind: 'CAR_PARK', name: '车库', capacity: '80' }));
    expect(res.statusCode).toBe(400);
    expect(code(res)).toBe('VALIDATION_FAILED');
    expect(res.body).toContain('/capacity');
    const kind = await post(zonesUrl(), JSON.stringify({ kind: 'CASINO', name: '赌场' }));
    expect(code(kind)).toBe('VALIDATION_FAILED');
    expect(kind.body).toContain('/kind');
  });

  it('unknown fields → 400 naming the field', async () => {
    const res = await post(zonesUrl(), JSON.stringify({ kind: 'OFFICE', name: '办公室', colour: 'red' }));
    expect(code(res)).toBe('VALIDATION_FAILED');
    expect(res.json<{ error: { params: { issues: { field?: string }[] } } }>().error.params.issues[0]?.field).toBe('colour');
  });

  it('the NUL character in any text (body or query) → 400 naming the field, on both databases alike', async () => {
    const before = await zoneCount();
    // In a name it is also a control character: the name rule's own code says so.
    const res = await post(zonesUrl(), JSON.stringify({ kind: 'OFFICE', name: '办公\u0000室' }));
    expect(res.statusCode).toBe(400);
    expect(code(res)).toBe('NAME_INVALID');
    expect(res.json<{ error: { params: { issues: { path: string; rule: string }[] } } }>().error.params.issues).toEqual([
      expect.objectContaining({ path: '/name' }),
    ]);
    expect(await zoneCount()).toBe(before);
    const query = await t.app.inject({ method: 'GET', url: `/api/sites/${site.siteId}/audit?action=zone%00create`, headers: { cookie } });
    expect(query.statusCode).toBe(400);
    expect(code(query)).toBe('VALIDATION_FAILED');
  });

  it('oversize body → 413 BODY_TOO_LARGE', async () => {
    const res = await post(zonesUrl(), JSON.stringify({ kind: 'OFFICE', name: 'x'.repeat(5000) }));
    expect(res.statusCode).toBe(413);
    expect(code(res)).toBe('BODY_TOO_LARGE');
  });

  it('wrong media type → 415', async () => {
    const res = await post(zonesUrl(), 'kind=OFFICE', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(res.statusCode).toBe(415);
    expect(code(res)).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('a malformed id in the path → 400 INVALID_ID; an unknown one → 404', async () => {
    const bad = await t.app.inject({ method: 'GET', url: `/api/sites/${site.siteId}/zones/not-an-id`, headers: { cookie } });
    expect(bad.statusCode).toBe(400);
    expect(code(bad)).toBe('INVALID_ID');
    const unknown = await t.app.inject({
      method: 'GET',
      url: `/api/sites/${site.siteId}/zones/01a22113-5b0e-7002-8341-16fa11c5f86f`,
      headers: { cookie },
    });
    expect(unknown.statusCode).toBe(404);
    expect(code(unknown)).toBe('ZONE_NOT_FOUND');
  });

  it('a path segment the router refuses (over-long, bad percent-encoding) → 400 INVALID_ID in the error model', async () => {
    for (const segment of ['x'.repeat(500), '%zz', '%E0%A4%A']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/sites/${site.siteId}/zones/${segment}`, headers: { cookie } });
      expect(res.statusCode, segment.slice(0, 10)).toBe(400);
      expect(code(res)).toBe('INVALID_ID');
    }
  });

  it('an unknown route → 404 ROUTE_NOT_FOUND', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/nothing-here', headers: { cookie } });
    expect(res.statusCode).toBe(404);
    expect(code(res)).toBe('ROUTE_NOT_FOUND');
  });

  it('nothing of the refused requests was saved', async () => {
    const before = await zoneCount();
    await post(zonesUrl(), JSON.stringify({ kind: 'OFFICE', name: '办公室', colour: 'red' }));
    await post(zonesUrl(), '{"kind":');
    expect(await zoneCount()).toBe(before);
  });

  it('a client that hangs up mid-body leaves the server up and no transaction open', async () => {
    for (let i = 0; i < 5; i++) {
      await new Promise<void>((resolve) => {
        const socket = net.connect(port, '127.0.0.1', () => {
          socket.write(
            `POST ${zonesUrl()} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${cookie}\r\nContent-Type: application/json\r\nContent-Length: 2000\r\n\r\n{"kind":"OFFICE","name":"半`,
          );
          setImmediate(() => {
            socket.destroy();
            resolve();
          });
        });
      });
    }
    // A failing use case inside a transaction (unique violation) must roll back and release too.
    await post(zonesUrl(), JSON.stringify({ kind: 'OFFICE', name: '重复' }));
    expect((await post(zonesUrl(), JSON.stringify({ kind: 'OFFICE', name: '重复' }))).statusCode).toBe(409);

    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(health.status).toBe(200);
    const ok = await fetch(`http://127.0.0.1:${port}${zonesUrl()}`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'OFFICE', name: '完整请求' }),
    });
    expect(ok.status).toBe(201);
    expect((await t.testDb.database.db.selectFrom('zones').select('name').where('name', 'like', '半%').execute()).length).toBe(0);

    if (t.dialect === 'postgres') {
      const rows = await sql<{
        n: number;
      }>`select count(*)::int as n from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'`.execute(
        t.testDb.database.db,
      );
      expect(rows.rows[0]?.n).toBe(0);
    } else {
      // SQLite: a write lock left behind would make this immediate transaction fail at once.
      await sql`select 1`.execute(t.testDb.database.db);
      await t.testDb.database.db.transaction().execute(async (trx) => {
        await trx.insertInto('companies').values({ id: '01a22113-5b0e-7002-8341-000000000001', name: 'probe', created_at: 0 }).execute();
      });
    }
  });
});
