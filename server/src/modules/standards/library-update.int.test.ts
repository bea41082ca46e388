import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PostStandard, ShiftDetail, StandardSummary } from '@anchang/contracts';
import { newId } from '../../platform/ids.js';
import { buildTestApp, type TestApp } from '../../test/build-test-app.js';
import { createCompanyWithSite, createPerson, loginAs, type TestSite } from '../../test/factories.js';
import { STANDARDS_LIBRARY as LIBRARY_2026_11 } from './library/library-v2026-11.js';

const NINE = Date.UTC(2026, 11, 5, 1, 0); // 09:00 in Shanghai
const DATE = '2026-12-05';

describe(`a site takes library 2026-12 into its own copy (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestApp;
  let site: TestSite;
  let base: string;
  let manager: string;
  let guard: string;
  let guardPost: string;

  beforeAll(async () => {
    t = await buildTestApp();
    t.clock.set(NINE);
    const db = t.testDb.database.db;
    site = await createCompanyWithSite(db);
    base = `/api/sites/${site.siteId}`;
    manager = await loginAs(t.app, (await createPerson(db, site, 'site_manager')).login);
    guardPost = (
      await t.app.inject({ method: 'POST', url: `${base}/posts`, headers: { cookie: manager }, payload: { kind: 'GUARD', name: '展示区礼宾' } })
    ).json<{ id: string }>().id;
    const person = await createPerson(db, site, 'staff', { postIds: [guardPost] });
    guard = await loginAs(t.app, person.login);
    // The site adopted library 2026-11 before 2026-12 existed: its copy, as that adoption wrote it.
    for (const def of LIBRARY_2026_11) {
      await db
        .insertInto('standard_versions')
        .values({
          id: newId(),
          site_id: site.siteId,
          post_kind: def.post,
          version: 1,
          library_version: '2026-11',
          content: JSON.stringify({
            title: def.title,
            duties: def.duties,
            flow: def.flow,
            norms: def.norms,
            items: def.items.map((i) => ({ ...i, requiresPhoto: i.requiresPhoto ?? false, requiresNote: i.requiresNote ?? false })),
          }),
          change_note: 'adopted library 2026-11',
          created_by: null,
          created_at: NINE - 86_400_000,
        })
        .execute();
    }
    const roster = await call(manager, 'POST', '/roster', { postId: guardPost, personId: person.id, date: DATE, start: '08:30', end: '18:00' });
    expect(roster.statusCode, roster.body).toBe(201);
  });
  afterAll(() => t.close());

  const call = (cookie: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    t.app.inject({ method, url: `${base}${url}`, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });
  const code = (res: { json: <T>() => T }) => res.json<{ error: { code: string } }>().error.code;

  it('adds the concierge’s new items as a new version with the change note, keeps the site’s edits, and leaves a running shift on its version', async () => {
    const shift = await call(guard, 'POST', '/shifts', { id: newId(), postId: guardPost });
    expect(shift.statusCode, shift.body).toBe(201);
    const shiftId = shift.json<ShiftDetail>().shift.id;

    // The site's own edit: it dropped GUARD-IN-5 and added an item of its own.
    const v1 = (await call(manager, 'GET', '/standards/GUARD')).json<PostStandard>();
    expect(v1.libraryVersion).toBe('2026-11');
    const own = {
      id: 'SITE-UMBRELLA',
      phase: 'IN',
      group: 'requirement',
      text: { zh: '雨天备伞', en: 'Umbrellas ready when it rains' },
      requiresPhoto: false,
      requiresNote: false,
    };
    const edited = [...v1.items.filter((i) => i.id !== 'GUARD-IN-5'), own];
    expect((await call(manager, 'PUT', '/standards/GUARD', { baseVersion: 1, items: edited, changeNote: '加雨伞' })).statusCode).toBe(200);

    expect(code(await call(manager, 'POST', '/standards/library-update', { changeNote: '' }))).toBe('VALIDATION_FAILED');
    expect((await call(guard, 'POST', '/standards/library-update', { changeNote: '采用标准库 2026-12' })).statusCode).toBe(403);
    const updated = await call(manager, 'POST', '/standards/library-update', { changeNote: '采用标准库 2026-12:礼宾岗第 7–12 条及下班检查' });
    expect(updated.statusCode, updated.body).toBe(201);
    const summaries = updated.json<StandardSummary[]>();
    expect(summaries.every((s) => s.libraryVersion === '2026-12')).toBe(true);
    expect(summaries.find((s) => s.postKind === 'GUARD')?.version).toBe(3);

    const v3 = (await call(manager, 'GET', '/standards/GUARD')).json<PostStandard>();
    expect(v3).toMatchObject({ version: 3, libraryVersion: '2026-12', changeNote: '采用标准库 2026-12:礼宾岗第 7–12 条及下班检查' });
    const ids = v3.items.map((i) => i.id);
    expect(ids).not.toContain('GUARD-IN-5'); // removed on purpose: not brought back
    expect(ids).toContain('SITE-UMBRELLA');
    expect(ids.slice(ids.indexOf('GUARD-IN-6'), ids.indexOf('GUARD-IN-6') + 7)).toEqual([
      'GUARD-IN-6',
      'GUARD-IN-7',
      'GUARD-IN-8',
      'GUARD-IN-9',
      'GUARD-IN-10',
      'GUARD-IN-11',
      'GUARD-IN-12',
    ]);
    expect(ids.filter((id) => id.startsWith('GUARD-POST-'))).toEqual(['GUARD-POST-1', 'GUARD-POST-2', 'GUARD-POST-3', 'GUARD-POST-4']);
    const history = (await call(manager, 'GET', '/standards/GUARD/versions')).json<{ version: number; changeNote: string }[]>();
    expect(history.map((h) => h.changeNote)).toEqual(expect.arrayContaining(['加雨伞', '采用标准库 2026-12:礼宾岗第 7–12 条及下班检查']));

    // The shift that was running keeps version 1: the new post-shift items are not its to tick.
    const detail = (await call(guard, 'GET', `/shifts/${shiftId}`)).json<ShiftDetail>();
    expect(detail.standard.version).toBe(1);
    expect(code(await call(guard, 'POST', `/shifts/${shiftId}/results`, { id: newId(), itemId: 'GUARD-POST-3', result: 'ok' }))).toBe(
      'ITEM_NOT_IN_STANDARD',
    );

    expect(code(await call(manager, 'POST', '/standards/library-update', { changeNote: '再来一次' }))).toBe('STANDARDS_UP_TO_DATE');
  });
});
