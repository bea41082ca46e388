/**
 * A checkpoint's public page (anyone holding the QR): a cleaning point shows when a cleaner was
 * last there; no page ever shows when security walked by, which would tell an outsider when
 * the place goes unwatched.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Checkpoint, PublicCheckpoint } from '@anchang/contracts';
import { newId } from '../../platform/ids.js';
import { buildTestApp, type TestApp } from '../../test/build-test-app.js';
import { createCompanyWithSite, createPerson, loginAs, type TestSite } from '../../test/factories.js';

const at = (hhmm: string) => Date.parse(`2026-12-01T${hhmm}:00+08:00`);

describe(`public checkpoint page (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestApp;
  let site: TestSite;
  let manager: string;
  let cleaner: string;
  let guard: string;
  let washroom: Checkpoint;
  let gate: Checkpoint;

  beforeAll(async () => {
    t = await buildTestApp();
    t.clock.set(at('09:00'));
    const db = t.testDb.database.db;
    site = await createCompanyWithSite(db);
    const post = async (kind: string) => {
      const id = newId();
      await db.insertInto('posts').values({ id, site_id: site.siteId, kind, name: kind, zone_id: null, created_at: 0, updated_at: 0 }).execute();
      return id;
    };
    manager = await loginAs(t.app, (await createPerson(db, site, 'site_manager')).login);
    cleaner = await loginAs(t.app, (await createPerson(db, site, 'staff', { postIds: [await post('CLEAN')] })).login);
    guard = await loginAs(t.app, (await createPerson(db, site, 'staff', { postIds: [await post('SECURITY')] })).login);
    const call = (url: string, payload: object) =>
      t.app.inject({ method: 'POST', url: `/api/sites/${site.siteId}${url}`, headers: { cookie: manager }, payload });
    await t.app.inject({ method: 'POST', url: `/api/sites/${site.siteId}/standards/adopt`, headers: { cookie: manager } });
    const zone = (await call('/zones', { kind: 'WASHROOM', name: '卫生间' })).json<{ id: string }>();
    washroom = (
      await call('/checkpoints', { id: newId(), zoneId: zone.id, nameZh: '一楼卫生间', nameEn: 'Ground-floor washroom' })
    ).json<Checkpoint>();
    gate = (await call('/checkpoints', { id: newId(), zoneId: site.zoneId, nameZh: '东门', nameEn: 'East gate' })).json<Checkpoint>();
    // The washroom round every ten minutes (CLEAN-2), proven by scanning; the guard's hourly patrol passes both.
    const round = await call('/round-schedules', {
      id: newId(),
      postKind: 'CLEAN',
      itemId: null,
      labelZh: '卫生间巡查',
      labelEn: 'Washroom round',
      recurrence: { kind: 'interval', everyMinutes: 10 },
      graceMinutes: 5,
      proof: 'scan',
      checkpointId: washroom.id,
    });
    expect(round.statusCode, round.body).toBe(201);
    const route = (
      await call('/patrol-routes', {
        id: newId(),
        nameZh: '巡逻',
        nameEn: 'Patrol',
        stops: [
          { checkpointId: gate.id, plannedMinute: 0 },
          { checkpointId: washroom.id, plannedMinute: 5 },
        ],
      })
    ).json<{ id: string }>();
    expect((await call('/patrol-schedules', { id: newId(), routeId: route.id, kind: 'every', everyMinutes: 60, graceMinutes: 15 })).statusCode).toBe(
      201,
    );
  });
  afterAll(() => t.close());

  const scan = async (cookie: string, code: string, hhmm: string) => {
    t.clock.set(at(hhmm));
    const res = await t.app.inject({ method: 'POST', url: '/api/scans', headers: { cookie }, payload: { id: newId(), code } });
    expect(res.statusCode, res.body).toBe(201);
  };
  const page = (code: string) => t.app.inject({ method: 'GET', url: `/api/public/checkpoints/${code}` });

  it('shows a cleaning point’s last cleaning, never the guard’s later pass', async () => {
    expect((await page(washroom.code)).json<PublicCheckpoint>()).toMatchObject({ isCleaningPoint: true, lastCleanedAt: null });
    await scan(cleaner, washroom.code, '10:02');
    await scan(guard, washroom.code, '10:07');
    const res = await page(washroom.code);
    expect(res.json<PublicCheckpoint>()).toEqual({
      siteName: expect.any(String) as string,
      siteTimeZone: 'Asia/Shanghai',
      zoneName: '卫生间',
      nameZh: '一楼卫生间',
      nameEn: 'Ground-floor washroom',
      isCleaningPoint: true,
      lastCleanedAt: at('10:02'),
    });
    expect(res.body).not.toContain(String(at('10:07')));
  });

  it('shows no time at all for a patrol point, whoever scanned it', async () => {
    await scan(guard, gate.code, '11:00');
    await scan(cleaner, gate.code, '11:01');
    const res = await page(gate.code);
    expect(res.json<PublicCheckpoint>()).toMatchObject({ nameZh: '东门', isCleaningPoint: false, lastCleanedAt: null });
    expect(res.body).not.toMatch(/\d{13}/);
  });
});
