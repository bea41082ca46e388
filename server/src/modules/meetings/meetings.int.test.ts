import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ActionItem,
  MeetingCompliance,
  MeetingDetail,
  MeetingSummary,
  Notification,
  PageOf,
  Role,
  ShiftDetail,
  TodayDebrief,
} from '@anchang/contracts';
import type { Actor } from '../../platform/auth/actor.js';
import { ManualClock } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import { addDays } from '../../platform/site-time.js';
import { buildTestApp, type TestApp } from '../../test/build-test-app.js';
import { createCompanyWithSite, createPerson, loginAs, type TestPerson, type TestSite } from '../../test/factories.js';
import { seedDemoIfEmpty } from '../../db/seed/demo.js';
import { meetingFiguresOfPeriod, seedMeetingsDemoHistory } from './index.js';

// Shanghai is UTC+8: local HH:MM on `date` as an instant.
const at = (date: string, hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), h! - 8, m);
};
const DAY = '2026-12-01'; // a Tuesday

describe(`meetings (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestApp;
  let site: TestSite;
  let base: string;
  let people: Record<'manager' | 'supervisor' | 'ana' | 'bo' | 'cy', TestPerson>;
  let outsider: TestPerson;
  const cookies: Record<string, string> = {};
  let debriefId: string;
  let anaItem: ActionItem;
  let boItem: ActionItem;

  beforeAll(async () => {
    t = await buildTestApp();
    t.clock.set(at(DAY, '07:00'));
    const db = t.testDb.database.db;
    site = await createCompanyWithSite(db);
    base = `/api/sites/${site.siteId}`;
    people = {
      manager: await createPerson(db, site, 'site_manager'),
      supervisor: await createPerson(db, site, 'supervisor'),
      ana: await createPerson(db, site, 'staff', { postIds: [site.postId] }),
      bo: await createPerson(db, site, 'staff', { postIds: [site.postId] }),
      cy: await createPerson(db, site, 'staff', { postIds: [site.postId] }),
    };
    outsider = await createPerson(db, await createCompanyWithSite(db), 'staff');
    await logInAll();
    expect((await call('manager', 'POST', '/standards/adopt')).statusCode).toBe(201);
  });
  afterAll(() => t.close());

  // Sessions lapse as the driven clock crosses days: everyone signs in again after a jump.
  const logInAll = async () => {
    for (const [key, person] of Object.entries(people)) cookies[key] = await loginAs(t.app, person.login);
  };
  const moveTo = async (instant: number) => {
    t.clock.set(instant);
    await logInAll();
  };
  const call = (who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url: `${base}${url}`,
      headers: { cookie: cookies[who]! },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const refusal = (res: { statusCode: number; json: <T>() => T }) => [res.statusCode, res.json<{ error: { code: string } }>().error.code];
  const roster = (personId: string, date: string) =>
    call('manager', 'POST', '/roster', { postId: site.postId, personId, date, start: '08:30', end: '17:30' });
  const workShift = async (who: 'ana' | 'bo', date: string, debriefAttended: boolean | undefined) => {
    t.clock.set(at(date, '08:31'));
    const shift = await call(who, 'POST', '/shifts', { id: newId(), postId: site.postId });
    expect(shift.statusCode).toBe(201);
    t.clock.set(at(date, '17:31'));
    const id = shift.json<ShiftDetail>().shift.id;
    const out = await call(who, 'POST', `/shifts/${id}/clock-out`, debriefAttended === undefined ? {} : { debriefAttended });
    expect(out.json<ShiftDetail>().shift.debriefAttended).toBe(debriefAttended ?? null);
  };
  const noticesOf = async (who: string) => (await call(who, 'GET', '/notifications?limit=200')).json<PageOf<Notification>>().items;

  it('takes the debrief attendance from the clock-out answers and lets the manager correct it', async () => {
    for (const p of [people.ana, people.bo, people.cy]) expect((await roster(p.id, DAY)).statusCode).toBe(201);
    expect((await roster(people.ana.id, '2026-12-02')).statusCode).toBe(201);
    await workShift('ana', DAY, true);
    await workShift('bo', DAY, false);
    // Cy was rostered and never came: no answer, absent.
    // The day's other records the figures read through their modules: an opinion and a repair still open at the close.
    t.clock.set(at(DAY, '15:00'));
    expect((await call('ana', 'POST', '/opinions', { id: newId(), category: 'suggestion', text: '希望周末延长开放时间' })).statusCode).toBe(201);
    expect((await call('ana', 'POST', '/work-orders', { id: newId(), zoneId: site.zoneId, description: '大厅空调出风口异响' })).statusCode).toBe(201);

    await moveTo(at(DAY, '18:00'));
    const today = (await call('manager', 'GET', '/meetings/today')).json<TodayDebrief>();
    expect(today).toMatchObject({ date: DAY, isOpenDay: true, debrief: null });

    const opened = await call('supervisor', 'POST', '/meetings/debriefs', {});
    expect(opened.statusCode).toBe(201);
    const debrief = opened.json<MeetingDetail>();
    debriefId = debrief.meeting.id;
    expect(debrief.meeting).toMatchObject({ kind: 'debrief', date: DAY, status: 'open' });
    const byId = new Map(debrief.attendance.map((a) => [a.personId, a]));
    expect(byId.get(people.ana.id)).toMatchObject({ clockOutAnswer: true, status: 'present', correctedByName: null });
    expect(byId.get(people.bo.id)).toMatchObject({ clockOutAnswer: false, status: 'absent' });
    expect(byId.get(people.cy.id)).toMatchObject({ clockOutAnswer: null, status: 'absent' });
    expect(byId.has(people.manager.id)).toBe(false);
    // The day board's figures: three rostered, one never clocked in, the opinion and the open repair.
    expect(debrief.figures).toEqual({ rostered: 3, absent: 1, late: 0, visitors: 0, anomalies: 0, missedRounds: 0, openRepairs: 1, opinions: 1 });
    expect(debrief.days).toEqual([{ date: DAY, figures: debrief.figures }]);

    expect(refusal(await call('manager', 'POST', '/meetings/debriefs', { date: DAY }))).toEqual([409, 'MEETING_ALREADY_HELD']);
    expect(refusal(await call('manager', 'POST', '/meetings/debriefs', { date: '2026-12-02' }))).toEqual([400, 'MEETING_DAY_IN_FUTURE']);
    expect(refusal(await call('ana', 'POST', '/meetings/debriefs', { date: '2026-11-30' }))).toEqual([403, 'FORBIDDEN']);

    const corrected = await call('manager', 'PUT', `/meetings/${debriefId}/attendance/${people.bo.id}`, { status: 'excused' });
    expect(corrected.statusCode).toBe(200);
    expect(corrected.json<MeetingDetail>().attendance.find((a) => a.personId === people.bo.id)).toMatchObject({
      clockOutAnswer: false,
      status: 'excused',
      correctedByName: people.manager.name,
    });
    expect(refusal(await call('manager', 'PUT', `/meetings/${debriefId}/attendance/${people.supervisor.id}`, { status: 'present' }))).toEqual([
      400,
      'ATTENDEE_NOT_ROSTERED',
    ]);
  });

  it('gives action items only to members of the site, due on or after the meeting day', async () => {
    const give = (body: object) => call('manager', 'POST', `/meetings/${debriefId}/action-items`, body);
    expect(refusal(await give({ text: '补齐水吧杯子', ownerId: outsider.id, dueDate: '2026-12-02' }))).toEqual([400, 'ACTION_OWNER_NOT_ON_SITE']);
    expect(refusal(await give({ text: '补齐水吧杯子', ownerId: people.ana.id, dueDate: '2026-11-30' }))).toEqual([400, 'ACTION_DUE_BEFORE_MEETING']);
    expect(refusal(await give({ text: '补齐水吧杯子', dueDate: '2026-12-02' }))).toEqual([400, 'VALIDATION_FAILED']);
    const a = await give({ text: '补齐水吧杯子', ownerId: people.ana.id, dueDate: '2026-12-02' });
    expect(a.statusCode).toBe(201);
    anaItem = a.json<ActionItem>();
    expect(anaItem).toMatchObject({ status: 'open', ownerName: people.ana.name, isOverdue: false, meetingDate: DAY });
    boItem = (await give({ text: '复核车场指示牌', ownerId: people.bo.id, dueDate: '2026-12-10' })).json<ActionItem>();
    // The owners hear of it on their phones.
    expect((await noticesOf('ana')).some((n) => n.body.includes('补齐水吧杯子'))).toBe(true);

    const saved = await call('manager', 'PUT', `/meetings/${debriefId}/minutes`, { minutes: '  今日接待顺畅。  ' });
    expect(saved.json<MeetingDetail>().minutes).toBe('今日接待顺畅。');
  });

  it('freezes a closed debrief: no edits, attendance and figures as signed', async () => {
    const closed = await call('manager', 'POST', `/meetings/${debriefId}/close`);
    expect(closed.statusCode).toBe(200);
    const detail = closed.json<MeetingDetail>();
    expect(detail.meeting).toMatchObject({ status: 'closed', closedByName: people.manager.name, actionItems: 2 });
    expect(refusal(await call('manager', 'PUT', `/meetings/${debriefId}/minutes`, { minutes: 'x' }))).toEqual([409, 'MEETING_CLOSED']);
    expect(refusal(await call('manager', 'PUT', `/meetings/${debriefId}/attendance/${people.cy.id}`, { status: 'excused' }))).toEqual([
      409,
      'MEETING_CLOSED',
    ]);
    expect(
      refusal(await call('manager', 'POST', `/meetings/${debriefId}/action-items`, { text: 'x', ownerId: people.ana.id, dueDate: DAY })),
    ).toEqual([409, 'MEETING_CLOSED']);
    expect(refusal(await call('manager', 'POST', `/meetings/${debriefId}/close`))).toEqual([409, 'MEETING_CLOSED']);

    // A clock-out answer changed after the close (a late clock-out the next morning) does not move the signed attendance.
    await t.testDb.database.db.updateTable('shifts').set({ debrief_attended: 1 }).where('person_id', '=', people.bo.id).execute();
    const again = (await call('manager', 'GET', `/meetings/${debriefId}`)).json<MeetingDetail>();
    expect(again.attendance.map((a) => [a.personId, a.status, a.clockOutAnswer]).sort()).toEqual(
      [
        [people.ana.id, 'present', true],
        [people.bo.id, 'excused', false],
        [people.cy.id, 'absent', null],
      ].sort(),
    );
    expect(again.figures).toEqual(detail.figures);
    const today = (await call('manager', 'GET', '/meetings/today')).json<TodayDebrief>();
    expect(today).toMatchObject({ debrief: { id: debriefId, status: 'closed' }, attendance: { present: 1, absent: 1, excused: 1 } });
  });

  it("alerts an overdue item's owner and the manager once, when the due day ends on the site's clocks", async () => {
    const overdueNotices = async (who: string) => (await noticesOf(who)).filter((n) => n.title.includes('逾期') && n.body.includes('补齐水吧杯子'));
    await moveTo(at('2026-12-02', '23:59'));
    await t.app.services.timers.runDue();
    expect(await overdueNotices('ana')).toHaveLength(0);

    await moveTo(at('2026-12-03', '00:00'));
    await t.app.services.timers.runDue();
    expect(await overdueNotices('ana')).toHaveLength(1);
    expect(await overdueNotices('manager')).toHaveLength(1);
    expect(await overdueNotices('supervisor')).toHaveLength(0);
    await moveTo(at('2026-12-04', '09:00'));
    await t.app.services.timers.runDue();
    expect(await overdueNotices('ana')).toHaveLength(1);
    const mine = (await call('ana', 'GET', '/action-items/mine')).json<PageOf<ActionItem>>().items;
    expect(mine.map((i) => [i.id, i.isOverdue])).toEqual([[anaItem.id, true]]);
  });

  it('lets the owner or a manager mark an item done, once; nobody else', async () => {
    await moveTo(at('2026-12-08', '10:00'));
    expect(refusal(await call('cy', 'POST', `/action-items/${boItem.id}/done`))).toEqual([403, 'ACTION_ITEM_NOT_YOURS']);
    const done = await call('bo', 'POST', `/action-items/${boItem.id}/done`);
    expect(done.json<ActionItem>()).toMatchObject({ status: 'done', doneAt: t.clock.now(), doneByName: people.bo.name });
    expect(refusal(await call('bo', 'POST', `/action-items/${boItem.id}/done`))).toEqual([409, 'ACTION_ITEM_ALREADY_DONE']);
    expect(refusal(await call('bo', 'POST', `/action-items/${newId()}/done`))).toEqual([404, 'ACTION_ITEM_NOT_FOUND']);
    // Its overdue timer was cancelled: the 10th passes in silence.
    await moveTo(at('2026-12-11', '09:00'));
    await t.app.services.timers.runDue();
    expect((await noticesOf('bo')).filter((n) => n.title.includes('逾期'))).toHaveLength(0);
  });

  it('carries open items of earlier weeks into each weekly review until they are done', async () => {
    const review = async (date: string) => {
      const res = await call('manager', 'POST', '/meetings/reviews', { date });
      expect(res.statusCode).toBe(201);
      return res.json<MeetingDetail>();
    };
    const carried = (d: MeetingDetail) => d.carriedOver.map((i) => [i.id, i.status]).sort();

    const week2 = await review('2026-12-11');
    expect(week2.meeting).toMatchObject({ kind: 'review', date: '2026-12-07', endDate: '2026-12-13' });
    // Ana's is still open; Bo's was done on Tuesday of this week, so it shows here, done.
    expect(carried(week2)).toEqual(
      [
        [anaItem.id, 'open'],
        [boItem.id, 'done'],
      ].sort(),
    );
    expect(week2.days).toHaveLength(7);
    expect(refusal(await call('manager', 'POST', '/meetings/reviews', { date: '2026-12-09' }))).toEqual([409, 'MEETING_ALREADY_HELD']);
    const newItem = (
      await call('manager', 'POST', `/meetings/${week2.meeting.id}/action-items`, {
        text: '演练突发事件处理',
        ownerId: people.cy.id,
        dueDate: '2026-12-20',
      })
    ).json<ActionItem>();
    await call('manager', 'POST', `/meetings/${week2.meeting.id}/close`);

    await moveTo(at('2026-12-15', '09:00'));
    const week3 = await review('2026-12-15');
    expect(carried(week3)).toEqual(
      [
        [anaItem.id, 'open'],
        [newItem.id, 'open'],
      ].sort(),
    );
    // The manager closes Ana's item from the console; the open review shows it done.
    await call('manager', 'POST', `/action-items/${anaItem.id}/done`);
    const week3Now = (await call('manager', 'GET', `/meetings/${week3.meeting.id}`)).json<MeetingDetail>();
    // Due on the 2nd, done on the 15th: done late. Bo's, due the 10th and done the 8th, was on time.
    expect(week3Now.carriedOver.find((i) => i.id === anaItem.id)).toMatchObject({
      status: 'done',
      doneByName: people.manager.name,
      isDoneLate: true,
    });
    expect(week2.carriedOver.find((i) => i.id === boItem.id)).toMatchObject({ status: 'done', isDoneLate: false });

    await moveTo(at('2026-12-22', '09:00'));
    const week4 = await review('2026-12-22');
    expect(carried(week4)).toEqual([[newItem.id, 'open']]);
    // Nothing was copied: the items still belong to their meetings.
    expect(week4.actionItems).toHaveLength(0);
  });

  it("lists a month's days and weeks without their meeting, and the period's figures", async () => {
    const compliance = (await call('manager', 'GET', '/meetings/compliance?month=2026-12')).json<MeetingCompliance>();
    const day = (date: string) => compliance.days.find((d) => d.date === date)!;
    expect(day(DAY)).toMatchObject({ state: 'held', meetingId: debriefId });
    expect(day('2026-12-02')).toMatchObject({ state: 'missing', meetingId: null }); // Ana was rostered, no debrief
    expect(day('2026-12-03').state).toBe('not_open');
    expect(day('2026-12-22').state).toBe('not_open');
    expect(compliance.missingDays).toBe(1);
    const week = (start: string) => compliance.weeks.find((w) => w.weekStart === start)!;
    expect(week('2026-11-30').state).toBe('missing');
    expect(week('2026-12-07').state).toBe('held');
    expect(week('2026-12-21').state).toBe('held');
    expect(week('2026-12-28').state).toBe('not_open');
    expect(compliance.missingWeeks).toBe(1);
    expect(refusal(await call('manager', 'GET', '/meetings/compliance?month=2026-13'))).toEqual([400, 'VALIDATION_FAILED']);
    expect(refusal(await call('ana', 'GET', '/meetings/compliance?month=2026-12'))).toEqual([403, 'FORBIDDEN']);

    const list = (await call('manager', 'GET', '/meetings?limit=2')).json<PageOf<MeetingSummary>>();
    expect(list.items.map((m) => m.date)).toEqual(['2026-12-21', '2026-12-14']);
    expect(list.nextCursor).not.toBeNull();
    const rest = (await call('manager', 'GET', `/meetings?limit=50&cursor=${list.nextCursor}`)).json<PageOf<MeetingSummary>>();
    expect(rest.items.map((m) => m.date)).toEqual(['2026-12-07', DAY]);

    const db = t.testDb.database.db;
    // Cy's item (due the 20th) is the one left open at the month's end, overdue.
    const month = await meetingFiguresOfPeriod(db, site.siteId, at('2026-12-01', '00:00'), at('2027-01-01', '00:00'));
    expect(month).toEqual({ openDays: 2, debriefsHeld: 1, weeks: 1, reviewsHeld: 0, actionItemsOpen: 1, actionItemsOverdue: 1 });
    // Judged at the 5th: Ana's and Bo's were both open then, Ana's past its due day.
    const firstDays = await meetingFiguresOfPeriod(db, site.siteId, at('2026-12-01', '00:00'), at('2026-12-05', '00:00'));
    expect(firstDays).toMatchObject({ actionItemsOpen: 2, actionItemsOverdue: 1 });
  });

  it('writes a month of demo meetings through the services', async () => {
    const clock = new ManualClock(at('2026-11-02', '07:00'));
    // The demo seeds only into an empty database: a database of its own.
    const demo = await buildTestApp();
    try {
      const demoDb = demo.testDb.database.db;
      expect(await seedDemoIfEmpty(demoDb, clock.now())).toBe(true);
      const siteRow = await demoDb.selectFrom('sites').selectAll().executeTakeFirstOrThrow();
      const members = await demoDb
        .selectFrom('people as p')
        .leftJoin('site_members as m', 'm.person_id', 'p.id')
        .select(['p.id', 'p.login', 'p.name', 'p.is_company_admin', 'm.role'])
        .execute();
      const personIdByLogin = Object.fromEntries(members.map((m) => [m.login, m.id]));
      const actorFor = (login: string): Promise<Actor> => {
        const m = members.find((x) => x.login === login)!;
        const role = (m.is_company_admin ? 'company_admin' : m.role) as Role;
        return Promise.resolve({
          personId: m.id,
          companyId: siteRow.company_id,
          name: m.name,
          login,
          isCompanyAdmin: m.is_company_admin === 1,
          siteRoles: new Map([[siteRow.id, role]]),
          sessionId: 'demo',
          requestId: 'demo',
        });
      };
      const days: string[] = [];
      for (let d = '2026-11-01'; d <= '2026-11-30'; d = addDays(d, 1)) days.push(d);
      let seed = 7;
      await seedMeetingsDemoHistory({
        deps: { ...demo.app.services.deps, clock },
        clock,
        siteId: siteRow.id,
        companyId: siteRow.company_id,
        timeZone: siteRow.time_zone,
        personIdByLogin,
        actorFor,
        days,
        random: () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646,
      });
      const meetings = await demoDb.selectFrom('meetings').select(['kind', 'status']).execute();
      const debriefs = meetings.filter((m) => m.kind === 'debrief').length;
      expect(debriefs).toBeGreaterThan(20);
      expect(debriefs).toBeLessThanOrEqual(28); // a couple of days are missing
      expect(meetings.filter((m) => m.kind === 'review').length).toBeGreaterThanOrEqual(3);
      expect(meetings.every((m) => m.status === 'closed')).toBe(true);
      const items = await demoDb.selectFrom('meeting_action_items').select(['status']).execute();
      expect(items.some((i) => i.status === 'done')).toBe(true);
      expect(items.some((i) => i.status === 'open')).toBe(true);
    } finally {
      await demo.close();
    }
  });
});
