/**
 * A photo is stored without what the camera wrote about it: where (GPS), with what, by whom.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids.js';
import { buildTestApp, type TestApp } from '../../test/build-test-app.js';
import { createCompanyWithSite, createPerson, loginAs, type TestSite } from '../../test/factories.js';
import { CAMERA_MAKE, CAMERA_OWNER, jpegWithGps, TINY_JPEG } from '../../test/photo-fixtures.js';

describe(`photos without metadata (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestApp;
  let site: TestSite;
  let staff: string;

  beforeAll(async () => {
    t = await buildTestApp();
    site = await createCompanyWithSite(t.testDb.database.db);
    staff = await loginAs(t.app, (await createPerson(t.testDb.database.db, site, 'staff')).login);
  });
  afterAll(() => t.close());

  const put = (id: string, bytes: Buffer) =>
    t.app.inject({
      method: 'PUT',
      url: `/api/sites/${site.siteId}/photos/${id}`,
      headers: { cookie: staff, 'content-type': 'image/jpeg' },
      payload: bytes,
    });

  it('gives back a JPEG taken with GPS without its location, maker or owner, once however often it is sent', async () => {
    const id = newId();
    const phone = jpegWithGps(6);
    const first = await put(id, phone);
    expect(first.statusCode).toBe(201);
    expect(first.json<{ size: number }>().size).toBeLessThan(phone.length);
    // The phone lost the answer and sends the same photo again: the same record.
    expect((await put(id, phone)).statusCode).toBe(200);

    const back = await t.app.inject({ method: 'GET', url: `/api/sites/${site.siteId}/photos/${id}`, headers: { cookie: staff } });
    expect(back.headers['content-type']).toBe('image/jpeg');
    const bytes = back.rawPayload;
    for (const text of [CAMERA_MAKE, CAMERA_OWNER, 'GPSLatitude']) expect(bytes.includes(text), text).toBe(false);
    expect(bytes.includes(Buffer.from([0x25, 0x88]))).toBe(false); // the GPS IFD tag
    // Still the same picture (the image data is untouched) and still turned the right way.
    const scan = TINY_JPEG.subarray(TINY_JPEG.indexOf(Buffer.from([0xff, 0xda])));
    expect(bytes.subarray(-scan.length)).toEqual(scan);
    expect(bytes.includes(Buffer.from([0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, 0x06]))).toBe(true);
    // Nothing of the metadata is kept in the database either.
    const row = await t.testDb.database.db.selectFrom('photos').select(['bytes', 'size']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(Buffer.from(row.bytes).includes(CAMERA_OWNER)).toBe(false);
    expect(row.size).toBe(bytes.length);
  });

  it('refuses a damaged JPEG rather than keeping its metadata', async () => {
    const res = await put(newId(), jpegWithGps().subarray(0, 60));
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('NOT_AN_IMAGE');
  });
});
