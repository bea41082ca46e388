import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Handover, MyHandovers, Notification, PageOf } from '@anchang/contracts';
import { newId } from '../../platform/ids.js';
import { buildTestApp, TEST_NOW, type TestApp } from '../../test/build-test-app.js';
import { createCompanyWithSite, createPerson, loginAs, type TestSite } from '../../test/factories.js';
import { TINY_JPEG } from '../../test/photo-fixtures.js';

describe(`night-shift handover (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestApp;
  let site: TestSite;
  let base: string;
  let guardPost: string;
  let hallPost: string;
  const cookies: Record<string, string> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.testDb.database.db;
    site = await createCompanyWithSite(db);
    base = `/api/sites/${site.siteId}`;
    hallPost = site.postId;
    guardPost = newId();
    await db
      .insertInto('posts')
      .values({
        id: guardPost,
        site_id: site.siteId,
        kind: 'GUARD',
        name: '展示区门岗',
        zone_id: site.zoneId,
        created_at: TEST_NOW,
        updated_at: TEST_NOW,
      })
      .execute();
    const people = {
      evening: await createPerson(db, site, 'staff', { postIds: [guardPost] }),
      night: await createPerson(db, site, 'staff', { postIds: [guardPost] }),
      other: await createPerson(db, site, 'staff', { postIds: [guardPost] }),
      hall: await createPerson(db, site, 'staff', { postIds: [hallPost] }),
      supervisor: await createPerson(db, site, 'supervisor'),
      manager: await createPerson(db, site, 'site_manager'),
    };
    for (const [k, p] of Object.entries(people)) {
      cookies[k] = await loginAs(t.app, p.login);
      ids[k] = p.id;
    }
    // The roster: the evening guard until 20:00, the night guard from 20:00 (Asia/Shanghai).
    await db
      .insertInto('roster_entries')
      .values([
        {
          id: newId(),
          site_id: site.siteId,
          post_id: guardPost,
          person_id: ids.evening!,
          date: '2026-12-02',
          start_time: '08:00',
          end_time: '20:00',
          created_by: null,
          created_at: TEST_NOW,
        },
        {
          id: newId(),
          site_id: site.siteId,
          post_id: guardPost,
          person_id: ids.night!,
          date: '2026-12-02',
          start_time: '20:00',
          end_time: '08:00',
          created_by: null,
          created_at: TEST_NOW,
        },
      ])
      .execute();
  });
  afterAll(() => t.close());

  const call = (who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url: `${base}${url}`,
      headers: { cookie: cookies[who]! },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const code = (res: { json: <T>() => T }) => res.json<{ error: { code: string } }>().error.code;
  const body = (postId: string, extra: Partial<Record<string, unknown>> = {}) => ({
    id: newId(),
    postId,
    openItems: ['3 号车位的访客车辆未离场'],
    equipment: [
      { name: '大门钥匙', handed: true },
      { name: '对讲机 2 台', handed: true },
      { name: '手电筒', handed: false },
    ],
    notes: '监控室空调已关',
    photoIds: [],
    ...extra,
  });
  const notices = async (who: string) => (await call(who, 'GET', '/notifications')).json<PageOf<Notification>>().items;
  const timerRow = (handoverId: string) =>
    t.testDb.database.db
      .selectFrom('timers')
      .select(['id', 'status', 'due_at'])
      .where('id', '=', `handover.unconfirmed:${handoverId}`)
      .executeTakeFirst();

  it('is written with a photo, confirmed by the incoming guard, and keeps both names and times', async () => {
    t.clock.set(Date.UTC(2026, 11, 2, 11, 50)); // 19:50 local, ten minutes before the night shift
    const photoId = newId();
    const photo = await t.app.inject({
      method: 'PUT',
      url: `${base}/photos/${photoId}`,
      headers: { cookie: cookies.evening!, 'content-type': 'image/jpeg' },
      payload: TINY_JPEG,
    });
    expect(photo.statusCode).toBe(201);

    // Only GUARD, SECURITY and SHUTTLE hand over by default, and only the person on the post writes.
    expect(code(await call('hall', 'POST', '/handovers', body(hallPost)))).toBe('HANDOVER_POST_NOT_HANDING_OVER');
    expect(code(await call('hall', 'POST', '/handovers', body(guardPost)))).toBe('NOT_ON_POST');

    const input = body(guardPost, { photoIds: [photoId] });
    const written = await call('evening', 'POST', '/handovers', input);
    expect(written.statusCode).toBe(201);
    const h = written.json<Handover>();
    expect(h).toMatchObject({ status: 'written', postName: '展示区门岗', expectedPersonId: ids.night, photoIds: [photoId], date: '2026-12-02' });
    expect(h.equipment).toHaveLength(3);
    // Thirty minutes after the night shift starts at 20:00 local.
    expect(h.confirmBy).toBe(Date.UTC(2026, 11, 2, 12, 30));
    // The phone retries after losing the answer: the same handover, stored once.
    expect((await call('evening', 'POST', '/handovers', input)).statusCode).toBe(200);

    // The night guard sees it on their home; the writer sees their own, not as one to confirm.
    const nightMine = (await call('night', 'GET', '/handovers/mine')).json<MyHandovers>();
    expect(nightMine.toConfirm.map((x) => x.id)).toEqual([h.id]);
    expect(nightMine.writablePosts.map((p) => p.id)).toEqual([guardPost]);
    const eveningMine = (await call('evening', 'GET', '/handovers/mine')).json<MyHandovers>();
    expect(eveningMine.toConfirm).toEqual([]);
    expect(eveningMine.written.map((x) => x.id)).toEqual([h.id]);
    expect((await call('hall', 'GET', '/handovers/mine')).json<MyHandovers>()).toMatchObject({ writablePosts: [], toConfirm: [] });

    // Only the right people confirm: not the writer, not someone off the post.
    expect(code(await call('evening', 'POST', `/handovers/${h.id}/confirm`, {}))).toBe('HANDOVER_OWN');
    const offPost = await call('hall', 'POST', `/handovers/${h.id}/confirm`, {});
    expect(offPost.statusCode).toBe(403);
    expect(code(offPost)).toBe('HANDOVER_NOT_INCOMING');
    expect((await call('hall', 'GET', `/handovers/${h.id}`)).statusCode).toBe(404);

    t.clock.set(Date.UTC(2026, 11, 2, 12, 5)); // 20:05
    const confirmed = await call('night', 'POST', `/handovers/${h.id}/confirm`, { note: '钥匙已收到' });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json<Handover>()).toMatchObject({
      status: 'confirmed',
      fromPersonId: ids.evening,
      writtenAt: Date.UTC(2026, 11, 2, 11, 50),
      confirmedBy: ids.night,
      confirmedAt: Date.UTC(2026, 11, 2, 12, 5),
      confirmNote: '钥匙已收到',
    });
    expect(confirmed.json<Handover>().fromName).toMatch(/^staff-/);
    expect(confirmed.json<Handover>().confirmedName).toMatch(/^staff-/);
    expect(code(await call('other', 'POST', `/handovers/${h.id}/confirm`, {}))).toBe('HANDOVER_ALREADY_CONFIRMED');
    // The night guard's phone sends the confirmation again (its outbox lost the answer): stored once.
    const again = await call('night', 'POST', `/handovers/${h.id}/confirm`, { note: '钥匙已收到', at: Date.UTC(2026, 11, 2, 12, 4) });
    expect(again.statusCode).toBe(200);
    expect(again.json<Handover>()).toMatchObject({ status: 'confirmed', confirmedBy: ids.night, confirmedAt: Date.UTC(2026, 11, 2, 12, 5) });
    const confirmations = await t.testDb.database.db
      .selectFrom('audit_log')
      .select('id')
      .where('entity_id', '=', h.id)
      .where('action', '=', 'handover.confirm')
      .execute();
    expect(confirmations).toHaveLength(1);
    expect((await timerRow(h.id))?.status).toBe('cancelled');

    // Past the limit the cancelled timer stays quiet.
    t.clock.set(Date.UTC(2026, 11, 2, 13, 0));
    await t.app.services.timers.runDue();
    expect((await notices('supervisor')).some((n) => n.title.includes('交接班'))).toBe(false);

    // The console lists the day's handovers, paginated; staff may not list them.
    expect((await call('hall', 'GET', '/handovers?date=2026-12-02')).statusCode).toBe(403);
    const page = (await call('supervisor', 'GET', '/handovers?date=2026-12-02&limit=1')).json<PageOf<Handover>>();
    expect(page.items.map((x) => x.id)).toEqual([h.id]);
    expect((await call('supervisor', 'GET', '/handovers?date=2026-12-03')).json<PageOf<Handover>>().items).toEqual([]);
  });

  it('alerts the supervisor at exactly the limit when nobody confirmed, once', async () => {
    t.clock.set(Date.UTC(2026, 11, 2, 11, 55)); // 19:55 local
    const h = (await call('evening', 'POST', '/handovers', body(guardPost))).json<Handover>();
    const limit = Date.UTC(2026, 11, 2, 12, 30);
    expect(h.confirmBy).toBe(limit);
    expect((await timerRow(h.id))?.due_at).toBe(limit);

    t.clock.set(limit - 1);
    await t.app.services.timers.runDue();
    expect((await notices('supervisor')).filter((n) => n.title.includes('交接班'))).toHaveLength(0);

    t.clock.set(limit);
    await t.app.services.timers.runDue();
    const told = (await notices('supervisor')).filter((n) => n.title.includes('交接班'));
    expect(told).toHaveLength(1);
    expect(told[0]!.title).toContain('展示区门岗');
    expect((await call('supervisor', 'GET', `/handovers/${h.id}`)).json<Handover>()).toMatchObject({ status: 'written', alertedAt: limit });
    // Staff are not told; the other guard on the post may still confirm, late.
    expect((await notices('night')).filter((n) => n.title.includes('交接班'))).toHaveLength(0);
    t.clock.set(limit + 60_000);
    await t.app.services.timers.runDue();
    expect((await notices('supervisor')).filter((n) => n.title.includes('交接班'))).toHaveLength(1);
    expect((await call('other', 'POST', `/handovers/${h.id}/confirm`, {})).json<Handover>()).toMatchObject({
      status: 'confirmed',
      confirmedBy: ids.other,
    });
  });

  it('with no next shift on the roster, the limit runs from writing; the manager sets the minutes and posts', async () => {
    const settings = await call('manager', 'PUT', '/handover-settings', { confirmMinutes: 15, postKinds: ['GUARD', 'HALL'] });
    expect(settings.statusCode).toBe(200);
    expect((await call('supervisor', 'PUT', '/handover-settings', { confirmMinutes: 15, postKinds: [] })).statusCode).toBe(403);
    t.clock.set(Date.UTC(2026, 11, 2, 13, 0)); // 21:00 local: nobody is rostered on the hall post
    const h = (await call('hall', 'POST', '/handovers', body(hallPost))).json<Handover>();
    expect(h).toMatchObject({ expectedPersonId: null, confirmBy: Date.UTC(2026, 11, 2, 13, 15), date: '2026-12-02' });
    await call('manager', 'PUT', '/handover-settings', { confirmMinutes: 30, postKinds: ['GUARD', 'SECURITY', 'SHUTTLE'] });
  });
});
