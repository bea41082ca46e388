import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/build-test-app.js';
import { createCompanyWithSite, createPerson, loginAs, type TestSite } from '../../test/factories.js';

describe(`site settings (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestApp;
  let site: TestSite;
  let manager: string;
  let staff: string;

  beforeAll(async () => {
    t = await buildTestApp();
    site = await createCompanyWithSite(t.testDb.database.db);
    manager = await loginAs(t.app, (await createPerson(t.testDb.database.db, site, 'site_manager')).login);
    staff = await loginAs(t.app, (await createPerson(t.testDb.database.db, site, 'staff', { postIds: [site.postId] })).login);
  });
  afterAll(() => t.close());

  const call = (cookie: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    t.app.inject({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });

  it('creates, renames and deletes a zone, each step audited', async () => {
    const created = await call(manager, 'POST', `/api/sites/${site.siteId}/zones`, { kind: 'CAR_PARK', name: '地下车库', capacity: 80 });
    expect(created.statusCode).toBe(201);
    const zone = created.json<{ id: string; capacity: number }>();
    expect(zone.capacity).toBe(80);

    const renamed = await call(manager, 'PATCH', `/api/sites/${site.siteId}/zones/${zone.id}`, { name: '地下车库 B1' });
    expect(renamed.json<{ name: string }>().name).toBe('地下车库 B1');

    expect((await call(manager, 'DELETE', `/api/sites/${site.siteId}/zones/${zone.id}`)).statusCode).toBe(204);
    expect((await call(manager, 'GET', `/api/sites/${site.siteId}/zones/${zone.id}`)).json<{ error: { code: string } }>().error.code).toBe(
      'ZONE_NOT_FOUND',
    );

    const audit = await call(manager, 'GET', `/api/sites/${site.siteId}/audit?action=zone.create`);
    const entries = audit.json<{ items: { entityId: string; actorName: string; detail: { name: string } }[] }>().items;
    expect(entries.some((e) => e.entityId === zone.id && e.detail.name === '地下车库')).toBe(true);
    const all = await call(manager, 'GET', `/api/sites/${site.siteId}/audit`);
    const actions = all.json<{ items: { action: string }[] }>().items.map((e) => e.action);
    expect(actions.slice(0, 3)).toEqual(['zone.delete', 'zone.update', 'zone.create']);
  });

  it('enforces capacity rules per zone kind', async () => {
    const bar = await call(manager, 'POST', `/api/sites/${site.siteId}/zones`, { kind: 'BAR', name: '二号吧台', capacity: 5 });
    expect(bar.statusCode).toBe(400);
    expect(bar.json<{ error: { code: string } }>().error.code).toBe('CAPACITY_NOT_APPLICABLE');
    const hall = await call(manager, 'POST', `/api/sites/${site.siteId}/zones`, { kind: 'SALES_HALL', name: '二号大厅' });
    expect(hall.json<{ error: { code: string } }>().error.code).toBe('CAPACITY_REQUIRED');
  });

  it('refuses a duplicate zone name with 409 and keeps the first', async () => {
    const first = await call(manager, 'POST', `/api/sites/${site.siteId}/zones`, { kind: 'WASHROOM', name: '一楼卫生间' });
    expect(first.statusCode).toBe(201);
    const dup = await call(manager, 'POST', `/api/sites/${site.siteId}/zones`, { kind: 'WASHROOM', name: '一楼卫生间' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json<{ error: { code: string } }>().error.code).toBe('ZONE_NAME_TAKEN');
    expect((await call(manager, 'GET', `/api/sites/${site.siteId}/zones/${first.json<{ id: string }>().id}`)).statusCode).toBe(200);
  });

  it('does not delete a zone that a post works in', async () => {
    const res = await call(manager, 'DELETE', `/api/sites/${site.siteId}/zones/${site.zoneId}`);
    expect(res.statusCode).toBe(409);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('ZONE_IN_USE');
  });

  it('does not delete a zone with a checkpoint in it (409, not a server error), and keeps both', async () => {
    const zone = (await call(manager, 'POST', `/api/sites/${site.siteId}/zones`, { kind: 'OFFICE', name: '保安室' })).json<{ id: string }>();
    const checkpoint = await call(manager, 'POST', `/api/sites/${site.siteId}/checkpoints`, {
      id: '01a22113-5b0e-7002-8341-16fa11c5f86f',
      zoneId: zone.id,
      nameZh: '保安室门口',
      nameEn: 'Guard room door',
    });
    expect(checkpoint.statusCode).toBe(201);
    const res = await call(manager, 'DELETE', `/api/sites/${site.siteId}/zones/${zone.id}`);
    expect(res.statusCode).toBe(409);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('ZONE_IN_USE');
    expect((await call(manager, 'GET', `/api/sites/${site.siteId}/zones/${zone.id}`)).statusCode).toBe(200);
  });

  it('deletes a post nobody was rostered on, but keeps one with a roster behind it (409 POST_IN_USE)', async () => {
    const spare = (await call(manager, 'POST', `/api/sites/${site.siteId}/posts`, { kind: 'BAR', name: '临时吧台' })).json<{ id: string }>();
    expect((await call(manager, 'DELETE', `/api/sites/${site.siteId}/posts/${spare.id}`)).statusCode).toBe(204);

    const used = (await call(manager, 'POST', `/api/sites/${site.siteId}/posts`, { kind: 'BAR', name: '二号吧台' })).json<{ id: string }>();
    const barista = await createPerson(t.testDb.database.db, site, 'staff', { postIds: [used.id] });
    const entry = await call(manager, 'POST', `/api/sites/${site.siteId}/roster`, {
      postId: used.id,
      personId: barista.id,
      date: '2026-12-01',
      start: '08:30',
      end: '18:00',
    });
    expect(entry.statusCode).toBe(201);
    const res = await call(manager, 'DELETE', `/api/sites/${site.siteId}/posts/${used.id}`);
    expect(res.statusCode).toBe(409);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('POST_IN_USE');
    expect((await call(manager, 'GET', `/api/sites/${site.siteId}/posts/${used.id}`)).statusCode).toBe(200);
    const assigned = await t.testDb.database.db.selectFrom('post_assignments').select('person_id').where('post_id', '=', used.id).execute();
    expect(assigned.map((a) => a.person_id)).toEqual([barista.id]);
  });

  it('pages through zones with a cursor, in creation order, without gaps or repeats', async () => {
    for (let i = 0; i < 7; i++) await call(manager, 'POST', `/api/sites/${site.siteId}/zones`, { kind: 'OFFICE', name: `办公室 ${i}` });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/sites/${site.siteId}/zones?limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await call(staff, 'GET', url)).json<{ items: { id: string }[]; nextCursor: string | null }>();
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((z) => z.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual(seen);
    const bad = await call(staff, 'GET', `/api/sites/${site.siteId}/zones?cursor=bm9wZQ`);
    expect(bad.json<{ error: { code: string } }>().error.code).toBe('INVALID_CURSOR');
  });

  it('lets staff read the site but not change it', async () => {
    expect((await call(staff, 'GET', `/api/sites/${site.siteId}/posts`)).statusCode).toBe(200);
    const res = await call(staff, 'POST', `/api/sites/${site.siteId}/zones`, { kind: 'OFFICE', name: '员工试图新增' });
    expect(res.statusCode).toBe(403);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('FORBIDDEN');
    expect((await call(staff, 'GET', `/api/sites/${site.siteId}/audit`)).statusCode).toBe(403);
    expect((await call(staff, 'GET', `/api/sites/${site.siteId}/people`)).statusCode).toBe(403);
  });

  it('creates a person with a role and posts who can then log in, phone masked', async () => {
    const res = await call(manager, 'POST', `/api/sites/${site.siteId}/people`, {
      login: `hostess${Date.now()}`,
      name: '王晓婷',
      password: 'Welcome2026',
      phone: '13912345678',
      role: 'staff',
      postIds: [site.postId],
    });
    expect(res.statusCode).toBe(201);
    const person = res.json<{ id: string; login: string; phoneMasked: string; postIds: string[] }>();
    expect(person.phoneMasked).toBe('139****5678');
    expect(person.postIds).toEqual([site.postId]);
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: await loginAs(t.app, person.login, 'Welcome2026') } });
    expect(me.json<{ sites: { id: string; posts: { id: string }[] }[] }>().sites[0]?.posts[0]?.id).toBe(site.postId);
    const audit = await call(manager, 'GET', `/api/sites/${site.siteId}/audit?action=person.create`);
    expect(JSON.stringify(audit.json())).not.toContain('13912345678');
  });

  it('rejects a weak password, a taken login and a post of another site, saving nothing', async () => {
    const login = `dup${Date.now()}`;
    const weak = await call(manager, 'POST', `/api/sites/${site.siteId}/people`, { login, name: '甲', password: 'short', role: 'staff' });
    expect(weak.json<{ error: { code: string } }>().error.code).toBe('PASSWORD_TOO_WEAK');
    expect(
      (await call(manager, 'POST', `/api/sites/${site.siteId}/people`, { login, name: '甲', password: 'Welcome2026', role: 'staff' })).statusCode,
    ).toBe(201);
    const taken = await call(manager, 'POST', `/api/sites/${site.siteId}/people`, { login, name: '乙', password: 'Welcome2026', role: 'staff' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json<{ error: { code: string } }>().error.code).toBe('LOGIN_TAKEN');
    const other = await createCompanyWithSite(t.testDb.database.db);
    const foreignPost = await call(manager, 'POST', `/api/sites/${site.siteId}/people`, {
      login: `${login}x`,
      name: '丙',
      password: 'Welcome2026',
      role: 'staff',
      postIds: [other.postId],
    });
    expect(foreignPost.json<{ error: { code: string } }>().error.code).toBe('POST_NOT_FOUND');
    const people = (await call(manager, 'GET', `/api/sites/${site.siteId}/people?limit=200`)).json<{ items: { login: string }[] }>().items;
    expect(people.filter((p) => p.login.startsWith(login)).map((p) => p.login)).toEqual([login]);
  });

  it('disabling a person ends their sessions', async () => {
    const p = await createPerson(t.testDb.database.db, site, 'staff');
    const cookie = await loginAs(t.app, p.login);
    expect((await call(manager, 'PATCH', `/api/sites/${site.siteId}/people/${p.id}`, { isActive: false })).statusCode).toBe(200);
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(401);
  });

  it('a manager cannot remove or demote themself', async () => {
    const me = (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: manager } })).json<{ id: string }>();
    const refusal = (res: { statusCode: number; json: <T>() => T }) => [res.statusCode, res.json<{ error: { code: string } }>().error.code];
    const self = `/api/sites/${site.siteId}/people/${me.id}`;
    expect(refusal(await call(manager, 'DELETE', self))).toEqual([409, 'CANNOT_REMOVE_SELF']);
    expect(refusal(await call(manager, 'PATCH', self, { role: 'staff' }))).toEqual([409, 'CANNOT_REMOVE_SELF']);
    expect(refusal(await call(manager, 'PATCH', self, { isActive: false }))).toEqual([409, 'CANNOT_REMOVE_SELF']);
    // Still a manager of the site, still signed in, and nothing recorded as done.
    expect((await call(manager, 'GET', self)).json<{ role: string; isActive: boolean }>()).toMatchObject({ role: 'site_manager', isActive: true });
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: manager } })).statusCode).toBe(200);
    const audit = (await call(manager, 'GET', `/api/sites/${site.siteId}/audit`)).json<{ items: { action: string; entityId: string }[] }>().items;
    expect(audit.filter((e) => e.entityId === me.id)).toEqual([]);
    // Editing their own name is not a demotion.
    expect((await call(manager, 'PATCH', self, { name: '王经理' })).statusCode).toBe(200);
  });

  it('validates site settings: time zone and opening hours', async () => {
    const tz = await call(manager, 'PATCH', `/api/sites/${site.siteId}`, { timeZone: 'Mars/Olympus' });
    expect(tz.json<{ error: { code: string } }>().error.code).toBe('INVALID_TIME_ZONE');
    const hours = await call(manager, 'PATCH', `/api/sites/${site.siteId}`, { openingHours: { open: '18:00', close: '09:00', closedWeekdays: [] } });
    expect(hours.json<{ error: { code: string } }>().error.code).toBe('INVALID_OPENING_HOURS');
    const ok = await call(manager, 'PATCH', `/api/sites/${site.siteId}`, { openingHours: { open: '09:00', close: '17:30', closedWeekdays: [2] } });
    expect(ok.json<{ openingHours: { close: string } }>().openingHours.close).toBe('17:30');
  });

  it('only a company admin creates sites, and then sees them', async () => {
    expect((await call(manager, 'POST', '/api/sites', { name: '新案场' })).statusCode).toBe(403);
    const admin = await loginAs(t.app, (await createPerson(t.testDb.database.db, site, 'company_admin')).login);
    const res = await call(admin, 'POST', '/api/sites', { name: '新案场', timeZone: 'Asia/Shanghai' });
    expect(res.statusCode).toBe(201);
    const list = (await call(admin, 'GET', '/api/sites')).json<{ items: { id: string }[] }>().items.map((s) => s.id);
    expect(list).toContain(res.json<{ id: string }>().id);
    expect(list).toContain(site.siteId);
  });
});
