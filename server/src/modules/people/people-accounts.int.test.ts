/**
 * A person is one account across the company's sites. A site manager changes their role and
 * posts on the manager's own site, but their name, phone and whether the account works only
 * when the person works on no other site the manager does not manage; otherwise the company
 * admin does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SitePerson } from '@anchang/contracts';
import { buildTestApp, type TestApp } from '../../test/build-test-app.js';
import { createCompanyWithSite, createPerson, createSite, loginAs, type TestPerson, type TestSite } from '../../test/factories.js';

describe(`people: accounts shared by sites (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestApp;
  let siteA: TestSite;
  let siteB: TestSite;
  let managerA: string;
  let managerAB: string;
  let admin: string;
  let shared: TestPerson;
  let local: TestPerson;

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.testDb.database.db;
    siteA = await createCompanyWithSite(db);
    siteB = { companyId: siteA.companyId, ...(await createSite(db, siteA.companyId)) };
    managerA = await loginAs(t.app, (await createPerson(db, siteA, 'site_manager')).login);
    const both = await createPerson(db, siteA, 'site_manager');
    await db.insertInto('site_members').values({ site_id: siteB.siteId, person_id: both.id, role: 'site_manager', created_at: Date.now() }).execute();
    managerAB = await loginAs(t.app, both.login);
    admin = await loginAs(t.app, (await createPerson(db, siteA, 'company_admin')).login);
    shared = await createPerson(db, siteA, 'staff', { postIds: [siteA.postId] });
    await db.insertInto('site_members').values({ site_id: siteB.siteId, person_id: shared.id, role: 'staff', created_at: Date.now() }).execute();
    local = await createPerson(db, siteA, 'staff');
  });
  afterAll(() => t.close());

  const patch = (cookie: string, personId: string, body: object) =>
    t.app.inject({ method: 'PATCH', url: `/api/sites/${siteA.siteId}/people/${personId}`, headers: { cookie }, payload: body });
  const row = (personId: string) => t.testDb.database.db.selectFrom('people').selectAll().where('id', '=', personId).executeTakeFirstOrThrow();

  it('refuses a manager of one site the name, phone or disabling of someone who also works elsewhere, with a clear 403', async () => {
    const before = await row(shared.id);
    for (const body of [{ name: '改名' }, { phone: '13900001111' }, { isActive: false }, { name: '改名', postIds: [] }]) {
      const res = await patch(managerA, shared.id, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(403);
      expect(res.json()).toMatchObject({ error: { code: 'PERSON_WORKS_ELSEWHERE', params: { otherSites: 1 } } });
    }
    expect(await row(shared.id)).toEqual(before);
    // Their role and posts on the manager's own site remain the manager's to change.
    const roleOnly = await patch(managerA, shared.id, { role: 'supervisor', postIds: [] });
    expect(roleOnly.statusCode).toBe(200);
    expect(roleOnly.json<SitePerson>()).toMatchObject({ role: 'supervisor', postIds: [], name: before.name });
  });

  it('lets the manager change the account of someone who works only on sites they manage, and the company admin anyone', async () => {
    expect((await patch(managerA, local.id, { name: '本站员工', phone: '13900002222' })).json<SitePerson>()).toMatchObject({
      name: '本站员工',
      phoneMasked: '139****2222',
    });
    expect((await patch(managerAB, shared.id, { name: '两站都管' })).statusCode).toBe(200);
    expect((await patch(admin, shared.id, { name: '公司改名', isActive: true })).statusCode).toBe(200);
    expect((await row(shared.id)).name).toBe('公司改名');
  });
});
