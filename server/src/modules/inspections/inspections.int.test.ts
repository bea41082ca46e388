import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Inspection, InspectionForm, InspectionPlanDay, InspectionSettings, PageOf, Rectification } from '@anchang/contracts';
import { newId } from '../../platform/ids.js';
import { buildTestApp, type TestApp } from '../../test/build-test-app.js';
import { createCompanyWithSite, createPerson, loginAs, type TestPerson, type TestSite } from '../../test/factories.js';
import { TINY_JPEG } from '../../test/photo-fixtures.js';
import { inspectionFiguresOfPeriod } from './index.js';

describe(`inspections and rectifications (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestApp;
  let site: TestSite;
  let otherSite: TestSite;
  let people: Record<'manager' | 'supervisor' | 'supervisor2' | 'hall' | 'clean' | 'outsider', TestPerson>;
  const cookies: Record<string, string> = {};
  const dayStart = () => t.clock.now();
  let periodFrom: number;

  const logInAll = async () => {
    for (const [key, p] of Object.entries(people)) cookies[key] = await loginAs(t.app, p.login);
  };
  const call = (who: keyof typeof people, method: 'GET' | 'POST' | 'PUT', path: string, payload?: unknown, siteId = site.siteId) =>
    t.app.inject({
      method,
      url: `/api/sites/${siteId}${path}`,
      headers: { cookie: cookies[who]! },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const code = (res: { json: <T>() => T }) => res.json<{ error: { code: string } }>().error.code;
  const alertsOf = (personId: string, title: string) =>
    t.testDb.database.db.selectFrom('notifications').select('id').where('to_person_id', '=', personId).where('title', 'like', `${title}%`).execute();
  const countRows = async (table: 'inspections' | 'rectifications') =>
    Number(
      (
        await t.testDb.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  let form: InspectionForm;
  const failFirst = (deduction: number, photoId?: string) =>
    form.items.map((item) =>
      item.itemId === 'NORM-GREET-3M'
        ? { itemId: item.itemId, passed: false, deduction, note: '未在 3 米处迎宾', ...(photoId ? { photoId } : {}) }
        : { itemId: item.itemId, passed: true },
    );
  const submit = (items: unknown[], extra: Record<string, unknown> = {}, who: keyof typeof people = 'supervisor') =>
    call(who, 'POST', '/inspections', { id: newId(), postId: site.postId, personId: people.hall.id, items, ...extra });
  const move = (who: keyof typeof people, id: string, action: string, body: object = {}) =>
    call(who, 'POST', `/rectifications/${id}/${action}`, body);

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.testDb.database.db;
    site = await createCompanyWithSite(db, t.clock.now());
    otherSite = await createCompanyWithSite(db, t.clock.now());
    people = {
      manager: await createPerson(db, site, 'site_manager'),
      supervisor: await createPerson(db, site, 'supervisor'),
      supervisor2: await createPerson(db, site, 'supervisor'),
      hall: await createPerson(db, site, 'staff', { postIds: [site.postId] }),
      clean: await createPerson(db, site, 'staff'),
      outsider: await createPerson(db, otherSite, 'supervisor'),
    };
    await logInAll();
    expect((await call('manager', 'POST', '/standards/adopt')).statusCode).toBe(201);
    periodFrom = dayStart();
  });
  afterAll(() => t.close());

  it("builds the hall post's form from its standard and the behaviour norms with their numbers; staff cannot inspect", async () => {
    const res = await call('supervisor', 'GET', `/inspection-form?postId=${site.postId}`);
    expect(res.statusCode).toBe(200);
    form = res.json<InspectionForm>();
    const ids = form.items.map((i) => i.itemId);
    expect(ids).toEqual(expect.arrayContaining(['NORM-GREET-3M', 'NORM-BOW-15', 'NORM-LEAD-1-2M', 'HALL-IN-1', 'HALL-IN-5']));
    expect(ids).not.toContain('NORM-SALUTE-1_5M'); // the concierge's, not the hall's
    expect(form.items.find((i) => i.itemId === 'NORM-GREET-3M')).toMatchObject({ source: 'norm', points: 3 });
    expect(form.items.find((i) => i.itemId === 'HALL-IN-1')).toMatchObject({ source: 'standard', points: 2 });
    expect((await call('hall', 'GET', `/inspection-form?postId=${site.postId}`)).statusCode).toBe(403);
    const staffSubmit = await submit(failFirst(1), {}, 'hall');
    expect(staffSubmit.statusCode).toBe(403);
  });

  it('refuses a deduction larger than the item’s points, a passed item with a deduction, and a person not on the post, saving nothing', async () => {
    expect(code(await submit(failFirst(4)))).toBe('INSPECTION_DEDUCTION_INVALID'); // NORM-GREET-3M is worth 3
    expect(code(await submit(failFirst(0)))).toBe('INSPECTION_DEDUCTION_INVALID');
    expect(code(await submit([{ itemId: 'NORM-GREET-3M', passed: true, deduction: 1 }]))).toBe('INSPECTION_DEDUCTION_INVALID');
    expect(code(await submit([{ itemId: 'NORM-SALUTE-1_5M', passed: true }]))).toBe('INSPECTION_ITEM_UNKNOWN');
    expect(code(await submit(failFirst(1), { personId: people.clean.id }))).toBe('INSPECTION_PERSON_NOT_ON_POST');
    expect(code(await submit(failFirst(1), { personId: people.supervisor.id }))).toBe('INSPECTION_SELF');
    expect(await countRows('inspections')).toBe(0);
    expect(await countRows('rectifications')).toBe(0);
  });

  let first: Inspection;
  let rect: Rectification;

  it('records an inspection with a failed item and its photo once, and the hall sees its rectification', async () => {
    const photoId = newId();
    const upload = await t.app.inject({
      method: 'PUT',
      url: `/api/sites/${site.siteId}/photos/${photoId}`,
      headers: { cookie: cookies.supervisor!, 'content-type': 'image/jpeg' },
      payload: TINY_JPEG,
    });
    expect(upload.statusCode).toBe(201);
    const body = { id: newId(), postId: site.postId, personId: people.hall.id, items: failFirst(2, photoId), note: '上午检查' };
    const res = await call('supervisor', 'POST', '/inspections', body);
    expect(res.statusCode).toBe(201);
    first = res.json<Inspection>();
    expect(first).toMatchObject({ failedCount: 1, deductionPoints: 2, itemCount: form.items.length, personName: people.hall.name });
    expect(first.items.find((i) => !i.passed)).toMatchObject({ passed: false, deduction: 2, photoId });
    expect(first.rectifications).toHaveLength(1);
    rect = first.rectifications[0]!;
    expect(rect).toMatchObject({ status: 'to_rectify', round: 1, failPhotoId: photoId, deadlineAt: first.inspectedAt + 24 * 3_600_000 });
    // The phone lost the answer and sends it again: the same inspection, no second rectification.
    const again = await call('supervisor', 'POST', '/inspections', body);
    expect(again.statusCode).toBe(200);
    expect(again.json<Inspection>().id).toBe(first.id);
    expect(await countRows('rectifications')).toBe(1);
    expect(await alertsOf(people.hall.id, '岗位检查结果')).toHaveLength(1);

    const mine = (await call('hall', 'GET', '/rectifications?scope=mine')).json<PageOf<Rectification>>();
    expect(mine.items.map((r) => r.id)).toEqual([rect.id]);
    expect((await call('hall', 'GET', `/inspections/${first.id}`)).statusCode).toBe(200);
    // Another staff member sees neither the inspection nor the rectification, nor the site's list.
    expect((await call('clean', 'GET', `/inspections/${first.id}`)).statusCode).toBe(404);
    expect((await call('clean', 'GET', '/rectifications?scope=mine')).json<PageOf<Rectification>>().items).toHaveLength(0);
    expect((await call('clean', 'GET', '/rectifications?scope=all')).statusCode).toBe(403);
    expect((await call('clean', 'GET', '/inspections')).json<PageOf<unknown>>().items).toHaveLength(0);
  });

  it('moves the rectification through fix, second rectification, fix and pass, refusing the wrong person and the wrong state', async () => {
    expect(code(await move('supervisor', rect.id, 'pass'))).toBe('RECTIFICATION_STATE');
    expect(code(await move('supervisor', rect.id, 'redo'))).toBe('RECTIFICATION_STATE');
    expect(code(await move('supervisor', rect.id, 'fix', { note: '代为整改' }))).toBe('RECTIFICATION_NOT_YOURS');
    expect(code(await move('hall', rect.id, 'pass'))).toBe('RECTIFICATION_NOT_YOURS');

    t.clock.advance(2 * 3_600_000);
    const fixed = await move('hall', rect.id, 'fix', { note: '已重新演练迎宾' });
    expect(fixed.statusCode).toBe(200);
    expect(fixed.json<Rectification>()).toMatchObject({ status: 'to_recheck', fixNote: '已重新演练迎宾' });
    // The same tap sent again is answered as it stands.
    expect((await move('hall', rect.id, 'fix', { note: '已重新演练迎宾' })).statusCode).toBe(200);
    expect(await alertsOf(people.supervisor.id, '整改待复查')).toHaveLength(1);
    const queue = (await call('supervisor', 'GET', '/rectifications?scope=to_recheck')).json<PageOf<Rectification>>();
    expect(queue.items.map((r) => r.id)).toEqual([rect.id]);
    expect((await call('supervisor2', 'GET', '/rectifications?scope=to_recheck')).json<PageOf<Rectification>>().items).toHaveLength(0);
    // Another supervisor is not this item's inspector.
    expect(code(await move('supervisor2', rect.id, 'pass'))).toBe('RECTIFICATION_NOT_YOURS');

    t.clock.advance(3_600_000);
    const redo = (await move('supervisor', rect.id, 'redo', { note: '仍未达标' })).json<Rectification>();
    expect(redo).toMatchObject({ status: 'second_rectify', round: 2, deadlineAt: t.clock.now() + 24 * 3_600_000, fixNote: null });
    expect((await move('supervisor', rect.id, 'redo')).json<Rectification>().round).toBe(2); // a resent tap: no third round
    expect(code(await move('supervisor', rect.id, 'pass'))).toBe('RECTIFICATION_STATE');
    expect((await move('hall', rect.id, 'fix', { note: '第二次整改' })).json<Rectification>().status).toBe('to_recheck');
    const done = (await move('supervisor', rect.id, 'pass')).json<Rectification>();
    expect(done).toMatchObject({ status: 'done', deductionWaived: false, isOverdue: false });
    expect(done.events.map((e) => e.status)).toEqual(['to_rectify', 'to_recheck', 'second_rectify', 'to_recheck', 'done']);
    for (const action of ['redo', 'close']) expect(code(await move('supervisor', rect.id, action))).toBe('RECTIFICATION_STATE');
    // The same re-check sent again is answered as it stands; anyone else's is refused.
    expect((await move('supervisor', rect.id, 'pass')).statusCode).toBe(200);
    expect(code(await move('manager', rect.id, 'pass'))).toBe('RECTIFICATION_STATE');
    expect(code(await move('hall', rect.id, 'fix', { note: 'x' }))).toBe('RECTIFICATION_STATE');
  });

  it('closes an unfixed rectification with the deduction kept (the manager may stand in for the inspector)', async () => {
    const res = await submit(failFirst(3));
    const r = res.json<Inspection>().rectifications[0]!;
    const closed = await move('manager', r.id, 'close', { note: '不予整改' });
    expect(closed.json<Rectification>()).toMatchObject({ status: 'closed_deducted', deduction: 3 });
    expect(code(await move('hall', r.id, 'fix', { note: 'late' }))).toBe('RECTIFICATION_STATE');
  });

  let overdue: Rectification;

  it('alerts the person and the inspector once when the deadline passes unfixed (timer, driven clock)', async () => {
    overdue = (await submit(failFirst(1))).json<Inspection>().rectifications[0]!;
    await t.app.services.timers.runDue();
    expect(await alertsOf(people.hall.id, '整改超时')).toHaveLength(0);
    t.clock.advance(24 * 3_600_000 + 60_000);
    await t.app.services.timers.runDue();
    await t.app.services.timers.runDue();
    expect(await alertsOf(people.hall.id, '整改超时')).toHaveLength(1);
    expect(await alertsOf(people.supervisor.id, '整改超时')).toHaveLength(1);
    expect(await alertsOf(people.manager.id, '整改超时')).toHaveLength(0);
    await logInAll(); // sessions expire as the driven clock crosses days
    const now = (await call('hall', 'GET', '/rectifications?scope=mine&status=open')).json<PageOf<Rectification>>().items;
    expect(now.find((r) => r.id === overdue.id)).toMatchObject({ isOverdue: true, status: 'to_rectify' });
    // The late fix is still taken; it stays counted as overdue.
    expect((await move('hall', overdue.id, 'fix', { note: '补做' })).json<Rectification>()).toMatchObject({ status: 'to_recheck', isOverdue: true });
  });

  it('hides the inspector of a mystery visit from the person, not from the overseers', async () => {
    const res = await submit(failFirst(1), { isMystery: true }, 'manager');
    const id = res.json<Inspection>().id;
    expect((await call('hall', 'GET', `/inspections/${id}`)).json<Inspection>()).toMatchObject({ isMystery: true, inspectorName: null });
    expect((await call('supervisor', 'GET', `/inspections/${id}`)).json<Inspection>().inspectorName).toBe(people.manager.name);
    const listed = (await call('manager', 'GET', '/inspections?mystery=true')).json<PageOf<Inspection>>();
    expect(listed.items.map((i) => i.id)).toEqual([id]);
  });

  it('counts the period’s figures per person, the deductions that stand, and waives only when the site says so', async () => {
    const end = t.clock.now() + 1;
    const figures = await inspectionFiguresOfPeriod(t.testDb.database.db, site.siteId, [people.hall.id, people.clean.id], periodFrom, end);
    // Four inspections, one failed item each: 2 (done, not waived) + 3 (closed) + 1 (overdue) + 1 (mystery).
    expect(figures.get(people.hall.id)).toEqual({ inspections: 4, failedItems: 4, deductionPoints: 7, rectificationsOverdue: 1 });
    expect(figures.get(people.clean.id)).toEqual({ inspections: 0, failedItems: 0, deductionPoints: 0, rectificationsOverdue: 0 });
    // The period ends before the first inspection: nothing in it.
    const before = await inspectionFiguresOfPeriod(t.testDb.database.db, site.siteId, [people.hall.id], periodFrom - 1000, periodFrom);
    expect(before.get(people.hall.id)!.inspections).toBe(0);
    // Another site's figures for the same person are its own.
    const elsewhere = await inspectionFiguresOfPeriod(t.testDb.database.db, otherSite.siteId, [people.hall.id], periodFrom, end);
    expect(elsewhere.get(people.hall.id)!.inspections).toBe(0);

    const settings = (await call('manager', 'GET', '/inspection-settings')).json<InspectionSettings>();
    expect(settings).toMatchObject({ rectifyHours: 24, waiveDeductionWhenDone: false });
    expect((await call('manager', 'PUT', '/inspection-settings', { ...settings, waiveDeductionWhenDone: true })).statusCode).toBe(200);
    expect((await move('supervisor', overdue.id, 'pass')).json<Rectification>().deductionWaived).toBe(true);
    const after = await inspectionFiguresOfPeriod(t.testDb.database.db, site.siteId, [people.hall.id], periodFrom, end);
    expect(after.get(people.hall.id)).toMatchObject({ deductionPoints: 6, rectificationsOverdue: 1 });
  });

  it('measures the daily plan: due, done and what is left, and refuses a post of another site', async () => {
    const settings = (await call('manager', 'GET', '/inspection-settings')).json<InspectionSettings>();
    expect(code(await call('manager', 'PUT', '/inspection-settings', { ...settings, plan: [{ postId: otherSite.postId, timesPerDay: 2 }] }))).toBe(
      'INSPECTION_PLAN_POST_UNKNOWN',
    );
    expect((await call('supervisor', 'PUT', '/inspection-settings', settings)).statusCode).toBe(403);
    expect((await call('manager', 'PUT', '/inspection-settings', { ...settings, plan: [{ postId: site.postId, timesPerDay: 3 }] })).statusCode).toBe(
      200,
    );
    const day = (await call('supervisor', 'GET', '/inspection-plan/day')).json<InspectionPlanDay>();
    // Today (the day after the first inspections) has the mystery visit only.
    expect(day).toMatchObject({ isOver: false, due: 3, done: 1, missed: 0 });
    expect(day.posts[0]).toMatchObject({ postId: site.postId, timesPerDay: 3, remaining: 2 });
    const yesterday = (
      await call('supervisor', 'GET', `/inspection-plan/day?date=${day.date.slice(0, 8)}${String(Number(day.date.slice(8)) - 1).padStart(2, '0')}`)
    ).json<InspectionPlanDay>();
    expect(yesterday).toMatchObject({ isOver: true, due: 3, done: 3, missed: 0 });
    expect((await call('hall', 'GET', '/inspection-plan/day')).statusCode).toBe(403);
  });

  it('keeps sites apart', async () => {
    for (const path of [
      '/inspections',
      `/inspections/${first.id}`,
      '/rectifications',
      '/inspection-plan/day',
      '/inspection-settings',
      `/inspection-form?postId=${site.postId}`,
    ])
      expect(code(await call('outsider', 'GET', path))).toBe('SITE_NOT_FOUND');
    expect(code(await call('outsider', 'POST', `/rectifications/${rect.id}/pass`, {}))).toBe('SITE_NOT_FOUND');
    // An inspector of another site cannot inspect this site's post from their own site either.
    const res = await call(
      'outsider',
      'POST',
      '/inspections',
      { id: newId(), postId: site.postId, personId: people.hall.id, items: failFirst(1) },
      otherSite.siteId,
    );
    expect(code(res)).toBe('POST_NOT_FOUND');
  });
});
