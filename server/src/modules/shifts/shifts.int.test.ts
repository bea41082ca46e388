import type net from 'node:net';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Anomaly, DayBoard, OpinionDaySummary, PostStandard, RosterWeek, ShiftDetail } from '@anchang/contracts';
import { newId } from '../../platform/ids.js';
import { buildTestApp, type TestApp } from '../../test/build-test-app.js';
import { createCompanyWithSite, createPerson, loginAs, type TestPerson, type TestSite } from '../../test/factories.js';
import { TINY_PNG } from '../../test/site-activity.js';
import { connectSocket } from '../../test/ws-client.js';

// 2026-11-28 is a Saturday; 09:00 in Shanghai.
const NINE = Date.UTC(2026, 10, 28, 1, 0);
const DATE = '2026-11-28';

describe(`standards and shifts (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestApp;
  let site: TestSite;
  let manager: string;
  let hostess: TestPerson;
  let hostessCookie: string;
  let guests = 0;
  let base: string;
  let server: string;

  beforeAll(async () => {
    t = await buildTestApp({ guestPresence: { countGuestsOnSite: () => Promise.resolve(guests) } });
    t.clock.set(NINE);
    const db = t.testDb.database.db;
    site = await createCompanyWithSite(db);
    manager = await loginAs(t.app, (await createPerson(db, site, 'site_manager')).login);
    hostess = await createPerson(db, site, 'staff', { postIds: [site.postId] });
    hostessCookie = await loginAs(t.app, hostess.login);
    base = `/api/sites/${site.siteId}`;
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    server = `http://127.0.0.1:${(t.app.server.address() as net.AddressInfo).port}`;
  });
  afterAll(() => t.close());

  const call = (cookie: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    t.app.inject({ method, url: `${base}${url}`, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });
  const code = (res: { json: <T>() => T }) => res.json<{ error: { code: string } }>().error.code;
  const roster = (personId: string, start: string, end: string, date = DATE) =>
    call(manager, 'POST', '/roster', { postId: site.postId, personId, date, start, end });

  it('refuses a clock-in before the site adopted the standards, then adopts the whole library once', async () => {
    expect((await roster(hostess.id, '08:30', '12:00')).statusCode).toBe(201);
    const early = await call(hostessCookie, 'POST', '/shifts', { id: newId(), postId: site.postId });
    expect(code(early)).toBe('STANDARDS_NOT_ADOPTED');

    const adopted = await call(manager, 'POST', '/standards/adopt');
    expect(adopted.statusCode).toBe(201);
    expect(adopted.json<unknown[]>()).toHaveLength(12);
    expect(code(await call(manager, 'POST', '/standards/adopt'))).toBe('STANDARDS_ALREADY_ADOPTED');
    const hall = (await call(hostessCookie, 'GET', '/standards/HALL')).json<PostStandard>();
    expect(hall.items.filter((i) => i.phase === 'PRE')[0]?.text.zh).toContain('自检仪容仪表');
  });

  it('clocks in on the rostered post only, once per id, and shows the greeting for the time of day', async () => {
    const otherPost = await createPerson(t.testDb.database.db, site, 'staff');
    const notRostered = await call(await loginAs(t.app, otherPost.login), 'POST', '/shifts', { id: newId(), postId: site.postId });
    expect(code(notRostered)).toBe('NOT_ROSTERED');

    const id = newId();
    const first = await call(hostessCookie, 'POST', '/shifts', { id, postId: site.postId, location: { lat: 30.2, lng: 120.2 } });
    expect(first.statusCode).toBe(201);
    const detail = first.json<ShiftDetail>();
    expect(detail.shift).toMatchObject({ id, status: 'open', isLate: true, standardVersion: 1 });
    expect(detail.greeting?.zh).toBe('早上好');
    const again = await call(hostessCookie, 'POST', '/shifts', { id, postId: site.postId });
    expect(again.statusCode).toBe(200);
    expect(again.json<ShiftDetail>().shift.id).toBe(id);
    expect(code(await call(hostessCookie, 'POST', '/shifts', { id: newId(), postId: site.postId }))).toBe('ALREADY_ON_SHIFT');
    const rows = await t.testDb.database.db.selectFrom('shifts').select('id').where('person_id', '=', hostess.id).execute();
    expect(rows).toHaveLength(1);
  });

  it('records checklist results, refusing items not in the standard and anomalies without a note', async () => {
    const shift = (await call(hostessCookie, 'GET', '/my-day')).json<{ openShift: { id: string } }>().openShift;
    const url = `/shifts/${shift.id}/results`;
    expect(code(await call(hostessCookie, 'POST', url, { id: newId(), itemId: 'BAR-PRE-1', result: 'ok' }))).toBe('ITEM_NOT_IN_STANDARD');
    expect(code(await call(hostessCookie, 'POST', url, { id: newId(), itemId: 'HALL-IN-1', result: 'ok' }))).toBe('ITEM_NOT_IN_STANDARD');
    expect(code(await call(hostessCookie, 'POST', url, { id: newId(), itemId: 'HALL-PRE-2', result: 'anomaly' }))).toBe('NOTE_REQUIRED');
    const ok = await call(hostessCookie, 'POST', url, { id: newId(), itemId: 'HALL-PRE-1', result: 'ok' });
    expect(ok.json<ShiftDetail>().results.map((r) => r.itemId)).toEqual(['HALL-PRE-1']);
  });

  it('sends an anomaly with its photo to the manager live, and the reporter sees the outcome', async () => {
    const shiftId = (await call(hostessCookie, 'GET', '/my-day')).json<{ openShift: { id: string } }>().openShift.id;
    const managerSocket = await connectSocket(server, manager);
    managerSocket.send({ type: 'subscribe', siteId: site.siteId });
    await managerSocket.waitFor((m) => m.type === 'subscribed');
    const phone = await connectSocket(server, hostessCookie);
    await phone.waitFor((m) => m.type === 'hello');

    const notImage = await t.app.inject({
      method: 'PUT',
      url: `${base}/photos/${newId()}`,
      headers: { cookie: hostessCookie, 'content-type': 'image/png' },
      payload: Buffer.from('not a png at all'),
    });
    expect(code(notImage)).toBe('NOT_AN_IMAGE');
    const huge = await t.app.inject({
      method: 'PUT',
      url: `${base}/photos/${newId()}`,
      headers: { cookie: hostessCookie, 'content-type': 'image/jpeg' },
      payload: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(6 * 1024 * 1024)]),
    });
    expect(huge.statusCode).toBe(413);
    expect(code(huge)).toBe('PHOTO_TOO_LARGE');
    const photoId = newId();
    const upload = await t.app.inject({
      method: 'PUT',
      url: `${base}/photos/${photoId}`,
      headers: { cookie: hostessCookie, 'content-type': 'image/png' },
      payload: TINY_PNG,
    });
    expect(upload.statusCode).toBe(201);

    const res = await call(hostessCookie, 'POST', `/shifts/${shiftId}/results`, {
      id: newId(),
      itemId: 'HALL-PRE-2',
      result: 'anomaly',
      note: '杂志架缺杂志',
      photoId,
      category: 'supplies',
    });
    expect(res.statusCode).toBe(200);
    const live = await managerSocket.waitFor((m) => m.type === 'event' && m.event.type === 'anomaly.created');
    // Ids only on the site room: the note is for those who may read the anomaly over HTTP.
    const payload = live.type === 'event' ? (live.event.payload as Record<string, unknown>) : {};
    expect(Object.keys(payload).sort()).toEqual(['anomalyId', 'postId']);
    expect(payload.postId).toBe(site.postId);

    const list = (await call(manager, 'GET', '/anomalies?status=unresolved')).json<{ items: Anomaly[] }>().items;
    const anomaly = list.find((a) => a.itemId === 'HALL-PRE-2')!;
    expect(anomaly).toMatchObject({ photoId, postId: site.postId, status: 'open', category: 'supplies' });
    expect((await call(manager, 'GET', `/photos/${photoId}`)).headers['content-type']).toBe('image/png');

    expect((await call(manager, 'PATCH', `/anomalies/${anomaly.id}`, { action: 'acknowledge' })).json<Anomaly>().status).toBe('acknowledged');
    expect(code(await call(manager, 'PATCH', `/anomalies/${anomaly.id}`, { action: 'resolve' }))).toBe('NOTE_REQUIRED');
    const resolved = await call(manager, 'PATCH', `/anomalies/${anomaly.id}`, { action: 'resolve', resolution: '已从仓库补齐杂志' });
    expect(resolved.json<Anomaly>()).toMatchObject({ status: 'resolved', resolution: '已从仓库补齐杂志' });
    await phone.waitFor(
      (m) => m.type === 'event' && m.event.type === 'anomaly.updated' && (m.event.payload as { status: string }).status === 'resolved',
    );
    expect(code(await call(manager, 'PATCH', `/anomalies/${anomaly.id}`, { action: 'acknowledge' }))).toBe('ANOMALY_ALREADY_RESOLVED');
    const mine = (await call(hostessCookie, 'GET', '/anomalies')).json<{ items: Anomaly[] }>().items;
    expect(mine.map((a) => a.id)).toEqual([anomaly.id]);
    managerSocket.close();
    phone.close();
  });

  it('keeps exactly one result per retried write, and the newest of two offline writes', async () => {
    const shiftId = (await call(hostessCookie, 'GET', '/my-day')).json<{ openShift: { id: string } }>().openShift.id;
    const write = { id: newId(), itemId: 'HALL-POST-1', result: 'ok', at: NINE - 60_000 };
    const [a, b] = await Promise.all([
      call(hostessCookie, 'POST', `/shifts/${shiftId}/results`, write),
      call(hostessCookie, 'POST', `/shifts/${shiftId}/results`, write),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    await call(hostessCookie, 'POST', `/shifts/${shiftId}/results`, write);
    // An older offline write of the same item arrives later: it does not replace the newer one.
    await call(hostessCookie, 'POST', `/shifts/${shiftId}/results`, { id: newId(), itemId: 'HALL-POST-1', result: 'na', at: NINE - 120_000 });
    const rows = await t.testDb.database.db
      .selectFrom('checklist_results')
      .selectAll()
      .where('shift_id', '=', shiftId)
      .where('item_id', '=', 'HALL-POST-1')
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: write.id, result: 'ok', recorded_at: NINE - 60_000 });

    // Copies a millisecond apart: some pass the replay check before the first commits and open their
    // transaction after it; they must find their own row there and write no second audit entry.
    const staggered = { id: newId(), itemId: 'HALL-POST-3', result: 'ok', at: NINE - 60_000 };
    const copies = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        new Promise((resolve) => setTimeout(resolve, i)).then(() => call(hostessCookie, 'POST', `/shifts/${shiftId}/results`, staggered)),
      ),
    );
    expect(copies.map((c) => c.statusCode)).toEqual(copies.map(() => 200));
    const entries = await t.testDb.database.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'shift.checklist')
      .where('entity_id', '=', shiftId)
      .execute();
    expect(entries.filter((e) => String(e.detail).includes('HALL-POST-3'))).toHaveLength(1);
    expect(
      code(
        await call(hostessCookie, 'POST', `/shifts/${shiftId}/results`, {
          id: newId(),
          itemId: 'HALL-POST-2',
          result: 'ok',
          note: '已填写',
          at: NINE + 10 * 60_000,
        }),
      ),
    ).toBe('CLOCK_TIME_INVALID');
  });

  it('a standard edited mid-shift applies to the next shift; the running one keeps its version', async () => {
    const hall = (await call(manager, 'GET', '/standards/HALL')).json<PostStandard>();
    const items = [
      {
        id: 'SITE-TOWEL',
        phase: 'PRE',
        group: 'check',
        text: { zh: '冬季备好热毛巾', en: 'Warm towels ready (winter)' },
        requiresPhoto: true,
        requiresNote: false,
      },
      ...hall.items,
    ];
    expect(code(await call(manager, 'PUT', '/standards/HALL', { baseVersion: 1, items: [...items, items[0]] }))).toBe('DUPLICATE_ITEM_ID');
    const saved = await call(manager, 'PUT', '/standards/HALL', { baseVersion: 1, items, changeNote: '加热毛巾' });
    expect(saved.json<PostStandard>().version).toBe(2);
    expect(code(await call(manager, 'PUT', '/standards/HALL', { baseVersion: 1, items }))).toBe('STANDARD_VERSION_CONFLICT');

    const shiftId = (await call(hostessCookie, 'GET', '/my-day')).json<{ openShift: { id: string } }>().openShift.id;
    expect(code(await call(hostessCookie, 'POST', `/shifts/${shiftId}/results`, { id: newId(), itemId: 'SITE-TOWEL', result: 'ok' }))).toBe(
      'ITEM_NOT_IN_STANDARD',
    );
    const detail = (await call(hostessCookie, 'GET', `/shifts/${shiftId}`)).json<ShiftDetail>();
    expect(detail.standard.version).toBe(1);
  });

  it('holds the clock-out while guests are on site unless a reason is given; a closed shift takes no results', async () => {
    const shiftId = (await call(hostessCookie, 'GET', '/my-day')).json<{ openShift: { id: string } }>().openShift.id;
    guests = 3;
    const held = await call(hostessCookie, 'POST', `/shifts/${shiftId}/clock-out`, { debriefAttended: true });
    expect(held.statusCode).toBe(409);
    expect(held.json<{ error: { code: string; params: { guests: number } } }>().error).toMatchObject({
      code: 'GUESTS_STILL_ON_SITE',
      params: { guests: 3 },
    });
    const out = await call(hostessCookie, 'POST', `/shifts/${shiftId}/clock-out`, { leaveReason: '家中急事,已报经理', debriefAttended: false });
    expect(out.json<ShiftDetail>().shift).toMatchObject({
      status: 'closed',
      leftWithGuests: true,
      leaveReason: '家中急事,已报经理',
      debriefAttended: false,
    });
    guests = 0;
    expect(code(await call(hostessCookie, 'POST', `/shifts/${shiftId}/results`, { id: newId(), itemId: 'HALL-POST-2', result: 'ok' }))).toBe(
      'SHIFT_CLOSED',
    );
    // The next shift starts on version 2 and must photograph the towels.
    await roster(hostess.id, '13:00', '18:00');
    t.clock.set(Date.UTC(2026, 10, 28, 5, 0)); // 13:00
    const next = (await call(hostessCookie, 'POST', '/shifts', { id: newId(), postId: site.postId })).json<ShiftDetail>();
    expect(next.shift).toMatchObject({ standardVersion: 2, isLate: false });
    expect(next.greeting?.zh).toBe('中午好');
    expect(code(await call(hostessCookie, 'POST', `/shifts/${next.shift.id}/results`, { id: newId(), itemId: 'SITE-TOWEL', result: 'ok' }))).toBe(
      'PHOTO_REQUIRED',
    );
  });

  it('shows the day on the board and exports it to Excel', async () => {
    const absentee = await createPerson(t.testDb.database.db, site, 'staff');
    await roster(absentee.id, '09:00', '12:00');
    const board = (await call(manager, 'GET', `/day-board?date=${DATE}`)).json<DayBoard>();
    const entries = board.rows.find((r) => r.postId === site.postId)!.entries;
    expect(entries.map((e) => [e.start, e.presence])).toEqual(
      expect.arrayContaining([
        ['08:30', 'done'],
        ['09:00', 'absent'],
        ['13:00', 'on_time'],
      ]),
    );
    const morning = entries.find((e) => e.start === '08:30')!;
    // Both answered, one of them 异常: counted apart, so the board never shows a clean 2/2.
    expect(morning.pre).toEqual({ done: 2, total: 2, anomalies: 1 });
    expect(morning.leftWithGuests).toBe(true);
    expect(board.totals).toMatchObject({ absent: 1, onDuty: 1 });

    // The workbook speaks the reader's language only: the app's choice (`lang`), else the browser's.
    const workbook = async (query: string, acceptLanguage?: string) => {
      const headers: Record<string, string> = { cookie: manager };
      if (acceptLanguage) headers['accept-language'] = acceptLanguage;
      const xlsx = await t.app.inject({ method: 'GET', url: `${base}/day-board/export?date=${DATE}${query}`, headers });
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.headers['content-type']).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      return wb;
    };
    const headerRow = (ws: ExcelJS.Worksheet) => (ws.getRow(1).values as unknown[]).filter((v) => typeof v === 'string');
    const zh = await workbook('', 'en-US,en;q=0.9');
    const zhByApp = await workbook('&lang=zh-CN', 'en-US,en;q=0.9');
    expect(zh.worksheets.map((ws) => ws.name)).toEqual(['Attendance', 'Checklists', 'Anomalies']);
    expect(zhByApp.worksheets.map((ws) => ws.name)).toEqual(['签到', '检查表', '异常']);
    const anomalies = zhByApp.getWorksheet('异常')!;
    expect(headerRow(anomalies)).toEqual(['时间', '岗位', '编号', '说明', '类别', '状态', '处理']);
    expect(anomalies.getRow(2).getCell(4).value).toBe('杂志架缺杂志');
    expect(anomalies.getRow(2).getCell(6).value).toBe('已解决');
    expect(zhByApp.getWorksheet('检查表')!.rowCount).toBeGreaterThan(5);
    expect(headerRow(zhByApp.getWorksheet('签到')!).join('')).not.toMatch(/[A-Za-z]/);
    const en = await workbook('&lang=en-US', 'zh-CN,zh;q=0.9');
    const enAttendance = en.getWorksheet('Attendance')!;
    expect(headerRow(enAttendance)).toEqual(['Post', 'Person', 'Rostered', 'In', 'Out', 'Status', 'Pre-shift', 'End of shift', 'Anomalies']);
    expect(headerRow(en.getWorksheet('Anomalies')!).join('')).not.toMatch(/[\u4e00-\u9fff]/);
    expect(en.getWorksheet('Anomalies')!.getRow(2).getCell(6).value).toBe('Resolved');
    // No language asked for at all: Chinese, the product's default.
    expect((await workbook('')).worksheets[0]!.name).toBe('签到');
    expect(code(await call(hostessCookie, 'GET', `/day-board?date=${DATE}`))).toBe('FORBIDDEN');
  });

  it('takes requisitions for approval and summarises customer opinions per day', async () => {
    const id = newId();
    const filed = await call(hostessCookie, 'POST', '/requisitions', { id, lines: [{ name: '一次性纸杯', quantity: 2, unit: '箱' }] });
    expect(filed.statusCode).toBe(201);
    expect((await call(hostessCookie, 'POST', '/requisitions', { id, lines: [{ name: '一次性纸杯', quantity: 2, unit: '箱' }] })).statusCode).toBe(
      200,
    );
    const approved = await call(manager, 'POST', `/requisitions/${id}/decision`, { decision: 'approved', note: '明早领取' });
    expect(approved.json<{ status: string }>().status).toBe('approved');
    expect(code(await call(manager, 'POST', `/requisitions/${id}/decision`, { decision: 'rejected' }))).toBe('REQUISITION_ALREADY_DECIDED');
    expect(code(await call(hostessCookie, 'POST', `/requisitions/${id}/decision`, { decision: 'rejected' }))).toBe('FORBIDDEN');

    // Two opinions heard on the hostess's shift (so on her post), one given outside a shift.
    const shiftId = (await t.testDb.database.db.selectFrom('shifts').select('id').where('person_id', '=', hostess.id).executeTakeFirstOrThrow()).id;
    // A minute apart: the summary lists them in the order they were heard.
    const opinion = (body: object) => {
      t.clock.advance(60_000);
      return call(hostessCookie, 'POST', '/opinions', { id: newId(), ...body });
    };
    expect((await opinion({ shiftId, category: 'problem', text: '洗手间纸巾用完' })).statusCode).toBe(201);
    expect((await opinion({ shiftId, category: 'suggestion', text: '  希望周末延长开放  ' })).statusCode).toBe(201);
    expect((await opinion({ category: 'opinion', text: '讲解很专业' })).statusCode).toBe(201);
    const summary = (await call(manager, 'GET', `/opinions/daily?date=${DATE}`)).json<OpinionDaySummary>();
    expect(summary).toMatchObject({ date: DATE, total: 3 });
    // By post, the busiest first, each opinion with who heard it and what was said.
    expect(summary.byPost.map((g) => [g.postId, g.postName, g.count])).toEqual([
      [site.postId, '大厅服务岗', 2],
      [null, '', 1],
    ]);
    expect(summary.byPost[0]!.opinions.map((o) => [o.category, o.text, o.personName, o.date])).toEqual([
      ['problem', '洗手间纸巾用完', hostess.name, DATE],
      ['suggestion', '希望周末延长开放', hostess.name, DATE],
    ]);
    expect(summary.byPost[1]!.opinions.map((o) => [o.category, o.text])).toEqual([['opinion', '讲解很专业']]);
    // The next day has none of them; staff do not read the summary.
    expect((await call(manager, 'GET', '/opinions/daily?date=2026-11-29')).json<OpinionDaySummary>()).toEqual({
      date: '2026-11-29',
      total: 0,
      byPost: [],
    });
    expect((await call(hostessCookie, 'GET', `/opinions/daily?date=${DATE}`)).statusCode).toBe(403);
  });

  it('builds the roster week with conflicts and copies it to the next week', async () => {
    const person = await createPerson(t.testDb.database.db, site, 'staff');
    const barPost = (await call(manager, 'POST', '/posts', { kind: 'BAR', name: '吧台' })).json<{ id: string }>().id;
    await call(manager, 'POST', '/roster', { postId: site.postId, personId: person.id, date: '2026-11-30', start: '08:30', end: '12:00' });
    // On two posts at once: refused, naming the line it collides with.
    const clash = await call(manager, 'POST', '/roster', { postId: barPost, personId: person.id, date: '2026-11-30', start: '11:00', end: '14:00' });
    expect([clash.statusCode, code(clash)]).toEqual([409, 'PERSON_DOUBLE_BOOKED']);
    expect(
      code(await call(manager, 'POST', '/roster', { postId: barPost, personId: person.id, date: '2026-11-31', start: '08:00', end: '09:00' })),
    ).toBe('INVALID_DATE');
    const week = (await call(manager, 'GET', '/roster?week=2026-12-02')).json<RosterWeek>();
    expect(week.weekStart).toBe('2026-11-30');
    const kinds = week.conflicts.map((c) => c.kind);
    expect(kinds).not.toContain('PERSON_DOUBLE_BOOKED');
    expect(kinds).toContain('POST_UNCOVERED');
    expect(week.conflicts.filter((c) => c.kind === 'NO_PRE_JOB_TRAINING').map((c) => c.personId)).toContain(person.id);

    await t.app.inject({
      method: 'POST',
      url: `${base}/people/${person.id}/training`,
      headers: { cookie: manager },
      payload: { kind: 'pre_job', topic: 'BI 规范及楼盘基本情况' },
    });
    // A copied week can still land on a line already there: the week shows it as a conflict.
    await call(manager, 'POST', '/roster', { postId: barPost, personId: person.id, date: '2026-12-07', start: '11:00', end: '14:00' });
    const copied = (await call(manager, 'POST', '/roster/copy-week', { fromWeek: '2026-11-30', toWeek: '2026-12-07' })).json<RosterWeek>();
    expect(copied.entries.filter((e) => e.personId === person.id).map((e) => e.date)).toEqual(['2026-12-07', '2026-12-07']);
    expect(copied.conflicts.filter((c) => c.kind === 'PERSON_DOUBLE_BOOKED').map((c) => [c.personId, c.from, c.to])).toEqual([
      [person.id, '11:00', '12:00'],
    ]);
    expect(copied.conflicts.some((c) => c.kind === 'NO_PRE_JOB_TRAINING' && c.personId === person.id)).toBe(false);
    const again = (await call(manager, 'POST', '/roster/copy-week', { fromWeek: '2026-11-30', toWeek: '2026-12-07' })).json<RosterWeek>();
    expect(again.entries).toHaveLength(copied.entries.length);
  });

  it('keeps a shift its owner’s: a supervisor reads it but records nothing on it, a colleague does not see it, its roster line stays', async () => {
    const db = t.testDb.database.db;
    const refusal = (res: { statusCode: number; json: <T>() => T }) => [res.statusCode, code(res)];
    const worker = await createPerson(db, site, 'staff', { postIds: [site.postId] });
    const workerCookie = await loginAs(t.app, worker.login);
    const colleagueCookie = await loginAs(t.app, (await createPerson(db, site, 'staff', { postIds: [site.postId] })).login);
    const supervisorCookie = await loginAs(t.app, (await createPerson(db, site, 'supervisor')).login);
    const line = (await roster(worker.id, '08:30', '18:00')).json<{ id: string }>();
    const clockedIn = await call(workerCookie, 'POST', '/shifts', { id: newId(), postId: site.postId });
    expect(clockedIn.statusCode).toBe(201);
    const shiftId = clockedIn.json<ShiftDetail>().shift.id;
    const result = { id: newId(), itemId: 'HALL-PRE-1', result: 'ok' };

    expect((await call(supervisorCookie, 'GET', `/shifts/${shiftId}`)).statusCode).toBe(200);
    expect(refusal(await call(supervisorCookie, 'POST', `/shifts/${shiftId}/results`, result))).toEqual([403, 'NOT_YOUR_SHIFT']);
    expect(refusal(await call(supervisorCookie, 'POST', `/shifts/${shiftId}/clock-out`, { debriefAttended: true }))).toEqual([403, 'NOT_YOUR_SHIFT']);
    // A colleague on the same post and site is not told the shift exists.
    expect(refusal(await call(colleagueCookie, 'POST', `/shifts/${shiftId}/results`, result))).toEqual([404, 'SHIFT_NOT_FOUND']);
    expect(refusal(await call(colleagueCookie, 'GET', `/shifts/${shiftId}`))).toEqual([404, 'SHIFT_NOT_FOUND']);
    const after = (await call(workerCookie, 'GET', `/shifts/${shiftId}`)).json<ShiftDetail>();
    expect(after.results).toEqual([]);
    expect(after.shift.status).toBe('open');

    // The roster line the shift was worked on stays (the day board needs it); an unworked one goes.
    expect(refusal(await call(manager, 'DELETE', `/roster/${line.id}`))).toEqual([409, 'ROSTER_ENTRY_IN_USE']);
    expect((await call(manager, 'GET', `/roster?week=${DATE}`)).json<RosterWeek>().entries.map((e) => e.id)).toContain(line.id);
    const spare = (await roster(worker.id, '08:30', '18:00', '2026-11-29')).json<{ id: string }>();
    expect((await call(manager, 'DELETE', `/roster/${spare.id}`)).statusCode).toBe(204);
  });
});
