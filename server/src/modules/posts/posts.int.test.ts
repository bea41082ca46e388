import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Post } from '@anchang/contracts';
import { newId } from '../../platform/ids.js';
import { buildTestApp, type TestApp } from '../../test/build-test-app.js';
import { createCompanyWithSite, createPerson, loginAs, type TestPerson, type TestSite } from '../../test/factories.js';

describe(`posts (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestApp;
  let site: TestSite;
  let other: TestSite;
  let base: string;
  let manager: string;
  let staff: TestPerson;
  let staffCookie: string;

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.testDb.database.db;
    site = await createCompanyWithSite(db);
    other = await createCompanyWithSite(db);
    base = `/api/sites/${site.siteId}`;
    manager = await loginAs(t.app, (await createPerson(db, site, 'site_manager')).login);
    staff = await createPerson(db, site, 'staff', { postIds: [site.postId] });
    staffCookie = await loginAs(t.app, staff.login);
  });
  afterAll(() => t.close());

  const call = (cookie: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    t.app.inject({ method, url: `${base}${url}`, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });
  const refusal = (res: { statusCode: number; json: <T>() => T }) => [res.statusCode, res.json<{ error: { code: string } }>().error.code];
  const postNamed = async (name: string) => (await call(manager, 'POST', '/posts', { kind: 'BAR', name })).json<Post>();
  const namesOfSite = async () =>
    (await call(manager, 'GET', '/posts?limit=200'))
      .json<{ items: Post[] }>()
      .items.map((p) => p.name)
      .sort((a, b) => a.localeCompare(b));

  it('refuses a second post of the same name, on creating and on renaming, and keeps the first', async () => {
    const bar = await postNamed('吧台岗');
    const second = await postNamed('二号吧台');
    expect(refusal(await call(manager, 'POST', '/posts', { kind: 'BAR', name: '吧台岗' }))).toEqual([409, 'POST_NAME_TAKEN']);
    // Spaces around the name do not make it another name.
    expect(refusal(await call(manager, 'POST', '/posts', { kind: 'HALL', name: '  吧台岗 ' }))).toEqual([409, 'POST_NAME_TAKEN']);
    expect(refusal(await call(manager, 'PATCH', `/posts/${second.id}`, { name: '吧台岗' }))).toEqual([409, 'POST_NAME_TAKEN']);
    expect((await call(manager, 'GET', `/posts/${second.id}`)).json<Post>().name).toBe('二号吧台');
    expect((await namesOfSite()).filter((n) => n === '吧台岗')).toHaveLength(1);
    // Renaming to its own name, or to a free one, is fine; another site may use the name.
    expect((await call(manager, 'PATCH', `/posts/${bar.id}`, { name: '吧台岗' })).statusCode).toBe(200);
    expect((await call(manager, 'PATCH', `/posts/${second.id}`, { name: '水吧' })).json<Post>().name).toBe('水吧');
    const otherManager = await loginAs(t.app, (await createPerson(t.testDb.database.db, other, 'site_manager')).login);
    const elsewhere = await t.app.inject({
      method: 'POST',
      url: `/api/sites/${other.siteId}/posts`,
      headers: { cookie: otherManager },
      payload: { kind: 'BAR', name: '吧台岗' },
    });
    expect(elsewhere.statusCode).toBe(201);
  });

  it('refuses another site’s zone and another site’s post', async () => {
    const post = await postNamed('前台岗');
    expect(refusal(await call(manager, 'POST', '/posts', { kind: 'HALL', name: '新岗位', zoneId: other.zoneId }))).toEqual([404, 'ZONE_NOT_FOUND']);
    expect(refusal(await call(manager, 'PATCH', `/posts/${post.id}`, { zoneId: other.zoneId }))).toEqual([404, 'ZONE_NOT_FOUND']);
    expect((await call(manager, 'GET', `/posts/${post.id}`)).json<Post>().zoneId).toBeNull();
    expect(await namesOfSite()).not.toContain('新岗位');
    for (const [method, payload] of [
      ['GET', undefined],
      ['PATCH', { name: '改名' }],
      ['DELETE', undefined],
    ] as const) {
      expect(refusal(await call(manager, method, `/posts/${other.postId}`, payload))).toEqual([404, 'POST_NOT_FOUND']);
    }
    expect(refusal(await call(manager, 'DELETE', `/posts/${newId()}`))).toEqual([404, 'POST_NOT_FOUND']);
  });

  it('lets only the managers create, rename and delete posts', async () => {
    const post = await postNamed('秩序岗');
    expect(refusal(await call(staffCookie, 'POST', '/posts', { kind: 'SECURITY', name: '员工建的岗' }))).toEqual([403, 'FORBIDDEN']);
    expect(refusal(await call(staffCookie, 'PATCH', `/posts/${post.id}`, { name: '员工改名' }))).toEqual([403, 'FORBIDDEN']);
    expect(refusal(await call(staffCookie, 'DELETE', `/posts/${post.id}`))).toEqual([403, 'FORBIDDEN']);
    expect((await call(staffCookie, 'GET', `/posts/${post.id}`)).json<Post>().name).toBe('秩序岗');
  });

  it('does not delete a post that has been rostered; one never used goes, with its assignments', async () => {
    const rostered = await postNamed('样板房岗');
    const line = await call(manager, 'POST', '/roster', {
      postId: rostered.id,
      personId: staff.id,
      date: '2026-12-03',
      start: '08:30',
      end: '18:00',
    });
    expect(line.statusCode).toBe(201);
    expect(refusal(await call(manager, 'DELETE', `/posts/${rostered.id}`))).toEqual([409, 'POST_IN_USE']);
    expect((await call(manager, 'GET', `/posts/${rostered.id}`)).statusCode).toBe(200);

    const unused = await postNamed('临时岗');
    const assigned = await createPerson(t.testDb.database.db, site, 'staff', { postIds: [unused.id] });
    expect((await call(manager, 'DELETE', `/posts/${unused.id}`)).statusCode).toBe(204);
    expect(refusal(await call(manager, 'GET', `/posts/${unused.id}`))).toEqual([404, 'POST_NOT_FOUND']);
    const person = (await call(manager, 'GET', `/people/${assigned.id}`)).json<{ postIds: string[] }>();
    expect(person.postIds).toEqual([]);
  });
});
