/**
 * The technician's daily check sent from the phone's outbox after a wait without signal: it keeps
 * the time it was made (which decides the day it counts for), is refused with a clock ahead of
 * the server's, and is stored once when sent twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Asset, EquipmentCheck, EquipmentCheckDay } from '@anchang/contracts';
import { newId } from '../../platform/ids.js';
import { buildTestApp, type TestApp } from '../../test/build-test-app.js';
import { createCompanyWithSite, createPerson, loginAs, type TestSite } from '../../test/factories.js';

const MIN = 60_000;
/** 2026-12-01 23:50 in Shanghai. */
const LATE_EVENING = Date.UTC(2026, 11, 1, 15, 50);

describe(`equipment check with the tap time (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestApp;
  let site: TestSite;
  let base: string;
  let manager: string;
  let techLogin: string;

  beforeAll(async () => {
    t = await buildTestApp();
    t.clock.set(LATE_EVENING);
    const db = t.testDb.database.db;
    site = await createCompanyWithSite(db, t.clock.now());
    base = `/api/sites/${site.siteId}`;
    const now = t.clock.now();
    const techPost = newId();
    await db
      .insertInto('posts')
      .values({ id: techPost, site_id: site.siteId, kind: 'TECH', name: '工程岗', zone_id: null, created_at: now, updated_at: now })
      .execute();
    manager = await loginAs(t.app, (await createPerson(db, site, 'site_manager')).login);
    techLogin = (await createPerson(db, site, 'staff', { postIds: [techPost] })).login;
  });
  afterAll(() => t.close());

  const call = (cookie: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    t.app.inject({ method, url: `${base}${url}`, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });

  it('counts a check made before midnight and sent after it for the day it was made; sent twice, stored once', async () => {
    const asset = await call(manager, 'POST', '/assets', {
      id: newId(),
      zoneId: site.zoneId,
      category: 'air_conditioning',
      nameZh: '大厅空调',
      nameEn: 'Hall air conditioner',
      model: 'KFR-72',
      locationNote: '大厅东侧',
      installedOn: '2025-06-01',
    });
    expect(asset.statusCode, asset.body).toBe(201);
    const made = t.clock.now();
    const body = { id: newId(), kind: 'closing', results: [{ assetId: asset.json<Asset>().id, ok: true }], at: made };
    // No signal until after midnight.
    t.clock.advance(20 * MIN);
    const tech = await loginAs(t.app, techLogin);
    const ahead = await call(tech, 'POST', '/equipment-checks', { ...body, at: t.clock.now() + 10 * MIN });
    expect([ahead.statusCode, ahead.json<{ error: { code: string } }>().error.code]).toEqual([400, 'CLOCK_TIME_INVALID']);

    const first = await call(tech, 'POST', '/equipment-checks', body);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json<EquipmentCheck>()).toMatchObject({ id: body.id, date: '2026-12-01', at: made });
    const again = await call(tech, 'POST', '/equipment-checks', body);
    expect(again.statusCode).toBe(200);
    expect(again.json<EquipmentCheck>()).toMatchObject({ id: body.id, date: '2026-12-01', at: made });
    const rows = await t.testDb.database.db.selectFrom('equipment_checks').select('id').where('site_id', '=', site.siteId).execute();
    expect(rows).toHaveLength(1);

    // Yesterday has its closing check; today's is still to do.
    expect((await call(tech, 'GET', '/equipment-checks?date=2026-12-01')).json<EquipmentCheckDay>().closing?.id).toBe(body.id);
    expect((await call(tech, 'GET', '/equipment-checks')).json<EquipmentCheckDay>()).toMatchObject({ date: '2026-12-02', closing: null });
  });
});
