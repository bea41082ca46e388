/**
 * A photo is uploaded under an id the phone chose: the same upload again is answered from what
 * was stored; the id of a photo of another site is refused, and that photo stays as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/build-test-app.js';
import { createCompanyWithSite, createPerson, createSite, loginAs, type TestSite } from '../../test/factories.js';
import { TINY_PNG } from '../../test/site-activity.js';
import { newId } from '../../platform/ids.js';

describe(`photo ids (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestApp;
  let site: TestSite;
  let otherSiteId: string;
  let here: string;
  let there: string;

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.testDb.database.db;
    site = await createCompanyWithSite(db);
    const other = await createSite(db, site.companyId);
    otherSiteId = other.siteId;
    here = await loginAs(t.app, (await createPerson(db, site, 'staff', { postIds: [site.postId] })).login);
    there = await loginAs(t.app, (await createPerson(db, { companyId: site.companyId, siteId: other.siteId }, 'staff')).login);
  });
  afterAll(() => t.close());

  const upload = (siteId: string, cookie: string, id: string, bytes: Buffer) =>
    t.app.inject({ method: 'PUT', url: `/api/sites/${siteId}/photos/${id}`, headers: { cookie, 'content-type': 'image/png' }, payload: bytes });

  it('answers a repeated upload from the stored photo, and refuses the id of another site’s photo with 409 ID_CONFLICT', async () => {
    const id = newId();
    expect((await upload(site.siteId, here, id, TINY_PNG)).statusCode).toBe(201);
    expect((await upload(site.siteId, here, id, TINY_PNG)).statusCode).toBe(200);

    const clash = await upload(otherSiteId, there, id, Buffer.concat([TINY_PNG, Buffer.from('other')]));
    expect(clash.statusCode).toBe(409);
    expect(clash.json<{ error: { code: string } }>().error.code).toBe('ID_CONFLICT');
    const stored = await t.app.inject({ method: 'GET', url: `/api/sites/${site.siteId}/photos/${id}`, headers: { cookie: here } });
    expect(stored.rawPayload.equals(TINY_PNG)).toBe(true);
  });

  it('answers every copy of an upload sent a millisecond apart, none taken for another photo', async () => {
    const id = newId();
    const copies = await Promise.all(
      Array.from({ length: 12 }, (_, i) => new Promise((resolve) => setTimeout(resolve, i)).then(() => upload(site.siteId, here, id, TINY_PNG))),
    );
    expect(copies.filter((c) => c.statusCode === 201)).toHaveLength(1);
    expect(copies.filter((c) => c.statusCode === 200)).toHaveLength(11);
  });
});
