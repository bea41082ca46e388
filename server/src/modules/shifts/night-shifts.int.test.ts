import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DayBoard, MyDay, PageOf, PatrolRound, PatrolRoute, RosterWeek, ShiftDetail, Site } from '@anchang/contracts';
import { newId } from '../../platform/ids.js';
import { buildTestApp, type TestApp } from '../../test/build-test-app.js';
import { createCompanyWithSite, createPerson, loginAs, type TestSite } from '../../test/factories.js';

// 2026-11-28 is a Saturday; the site is in Shanghai (UTC+8), grace 5 minutes, clock-in from 60 minutes early.
const DATE = '2026-11-28';
const NEXT = '2026-11-29';
const at = (date: string, hhmm: string) => Date.parse(`${date}T${hhmm}:00+08:00`);

describe(`overnight shifts (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestApp;
  let site: TestSite;
  let base: string;
  let manager: string;
  let securityPost: string;
  let managerLogin: string;
  const guards: Record<'early' | 'late' | 'afterMidnight' | 'concierge', { id: string; login: string; cookie: string }> = {} as never;
  const lines: Record<string, string> = {};
  const shifts: Record<string, string> = {};

  const call = (cookie: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
    t.app.inject({ method, url: `${base}${url}`, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });
  const refusal = (res: { statusCode: number; json: <T>() => T }) => [res.statusCode, res.json<{ error: { code: string } }>().error.code];
  const roster = (personId: string, postId: string, date: string, start: string, end: string) =>
    call(manager, 'POST', '/roster', { postId, personId, date, start, end });
  /** Sessions lapse over a night of driven clock: everyone signs in again, as they would. */
  const nextMorning = async (hhmm: string, date = NEXT) => {
    t.clock.set(at(date, hhmm));
    manager = await loginAs(t.app, managerLogin);
    for (const g of Object.values(guards)) g.cookie = await loginAs(t.app, g.login);
  };
  const boardEntries = async (date: string) =>
    (await call(manager, 'GET', `/day-board?date=${date}`)).json<DayBoard>().rows.flatMap((r) => r.entries);

  beforeAll(async () => {
    t = await buildTestApp();
    t.clock.set(at(DATE, '12:00'));
    const db = t.testDb.database.db;
    site = await createCompanyWithSite(db);
    base = `/api/sites/${site.siteId}`;
    managerLogin = (await createPerson(db, site, 'site_manager')).login;
    manager = await loginAs(t.app, managerLogin);
    expect((await call(manager, 'POST', '/standards/adopt')).statusCode).toBe(201);
    securityPost = (await call(manager, 'POST', '/posts', { kind: 'SECURITY', name: '安全岗' })).json<{ id: string }>().id;
    for (const key of ['early', 'late', 'afterMidnight'] as const) {
      const p = await createPerson(db, site, 'staff', { postIds: [securityPost] });
      guards[key] = { id: p.id, login: p.login, cookie: await loginAs(t.app, p.login) };
    }
    const concierge = await createPerson(db, site, 'staff', { postIds: [site.postId] });
    guards.concierge = { id: concierge.id, login: concierge.login, cookie: await loginAs(t.app, concierge.login) };
  });
  afterAll(() => t.close());

  it('rosters 20:00–08:00 as one line ending the next morning, and refuses a next-morning line that overlaps it', async () => {
    for (const key of ['early', 'late', 'afterMidnight'] as const) {
      const res = await roster(guards[key].id, securityPost, DATE, '20:00', '08:00');
      expect(res.statusCode).toBe(201);
      lines[key] = res.json<{ id: string }>().id;
    }
    lines.concierge = (await roster(guards.concierge.id, site.postId, DATE, '20:00', '08:00')).json<{ id: string }>().id;

    const clash = await roster(guards.early.id, site.postId, NEXT, '07:00', '12:00');
    expect(refusal(clash)).toEqual([409, 'PERSON_DOUBLE_BOOKED']);
    expect(clash.json<{ error: { params: object } }>().error.params).toMatchObject({
      entryId: lines.early,
      date: DATE,
      start: '20:00',
      end: '08:00',
    });
    // The evening before and the morning after the end are free.
    expect((await roster(guards.early.id, site.postId, DATE, '14:00', '20:00')).statusCode).toBe(201);
    const morning = await roster(guards.late.id, site.postId, NEXT, '08:00', '12:00');
    expect(morning.statusCode).toBe(201);
    lines.lateMorning = morning.json<{ id: string }>().id;

    const week = (await call(manager, 'GET', `/roster?week=${DATE}`)).json<RosterWeek>();
    expect(week.entries.find((e) => e.id === lines.early)).toMatchObject({ date: DATE, start: '20:00', end: '08:00' });
    expect(week.conflicts.filter((c) => c.kind === 'PERSON_DOUBLE_BOOKED')).toEqual([]);
  });

  it('opens the clock-in an hour early, is on time at 19:55 and late at 20:06', async () => {
    t.clock.set(at(DATE, '18:59'));
    expect(refusal(await call(guards.early.cookie, 'POST', '/shifts', { id: newId(), postId: securityPost }))).toEqual([
      409,
      'TOO_EARLY_TO_CLOCK_IN',
    ]);

    t.clock.set(at(DATE, '19:55'));
    const onTime = await call(guards.early.cookie, 'POST', '/shifts', { id: newId(), postId: securityPost });
    expect(onTime.statusCode).toBe(201);
    expect(onTime.json<ShiftDetail>().shift).toMatchObject({ date: DATE, plannedStart: '20:00', plannedEnd: '08:00', isLate: false });
    shifts.early = onTime.json<ShiftDetail>().shift.id;

    t.clock.set(at(DATE, '20:00'));
    const concierge = await call(guards.concierge.cookie, 'POST', '/shifts', { id: newId(), postId: site.postId });
    expect(concierge.json<ShiftDetail>().shift.isLate).toBe(false);
    shifts.concierge = concierge.json<ShiftDetail>().shift.id;

    t.clock.set(at(DATE, '20:06'));
    const late = await call(guards.late.cookie, 'POST', '/shifts', { id: newId(), postId: securityPost });
    expect(late.statusCode).toBe(201);
    expect(late.json<ShiftDetail>().shift).toMatchObject({ date: DATE, isLate: true });
    shifts.late = late.json<ShiftDetail>().shift.id;
  });

  it('shows the night on the board of the day it starts, on time, late and absent, and not on the next day’s', async () => {
    t.clock.set(at(DATE, '23:00'));
    const first = await boardEntries(DATE);
    const presence = (entryId: string | undefined) => first.find((e) => e.entryId === entryId)?.presence;
    expect(presence(lines.early)).toBe('on_time');
    expect(presence(lines.late)).toBe('late');
    expect(presence(lines.afterMidnight)).toBe('absent');
    expect(first.find((e) => e.entryId === lines.early)).toMatchObject({ start: '20:00', end: '08:00', shiftId: shifts.early });

    const second = await boardEntries(NEXT);
    const nightLines = [lines.early, lines.late, lines.afterMidnight, lines.concierge];
    expect(second.filter((e) => nightLines.includes(e.entryId ?? ''))).toEqual([]);
    expect(second.map((e) => e.entryId)).toContain(lines.lateMorning);
  });

  it('takes a clock-in after midnight on the night line (late, dated the day it started) and keeps the night on the phone’s today', async () => {
    await nextMorning('00:30');
    const afterMidnight = await call(guards.afterMidnight.cookie, 'POST', '/shifts', { id: newId(), postId: securityPost });
    expect(afterMidnight.statusCode).toBe(201);
    expect(afterMidnight.json<ShiftDetail>().shift).toMatchObject({ date: DATE, isLate: true });
    expect((await boardEntries(DATE)).find((e) => e.entryId === lines.afterMidnight)?.presence).toBe('late');

    await nextMorning('07:30');
    const day = (await call(guards.early.cookie, 'GET', '/my-day')).json<MyDay>();
    expect(day.date).toBe(NEXT);
    expect(day.openShift).toMatchObject({ id: shifts.early, date: DATE, isLate: false });
    expect(day.roster.map((l) => [l.entry.id, l.entry.date, l.startsAt, l.endsAt, l.shiftId])).toEqual([
      [lines.early, DATE, at(DATE, '20:00'), at(NEXT, '08:00'), shifts.early],
    ]);
  });

  it('records the post-shift checklist in the morning and clocks out at 08:00 the next day, closing the shift of the day before', async () => {
    await nextMorning('07:50');
    const handover = await call(guards.concierge.cookie, 'POST', `/shifts/${shifts.concierge}/results`, {
      id: newId(),
      itemId: 'HALL-POST-1',
      result: 'ok',
      note: '夜班交接:门窗已锁',
    });
    expect(handover.statusCode).toBe(200);
    expect(handover.json<ShiftDetail>().results.map((r) => r.itemId)).toContain('HALL-POST-1');

    t.clock.set(at(NEXT, '08:00'));
    for (const key of ['early', 'concierge'] as const) {
      const out = await call(guards[key].cookie, 'POST', `/shifts/${shifts[key]}/clock-out`, { debriefAttended: true });
      expect(out.statusCode).toBe(200);
      expect(out.json<ShiftDetail>().shift).toMatchObject({ date: DATE, status: 'closed', clockOutAt: at(NEXT, '08:00') });
    }
    const first = await boardEntries(DATE);
    expect(first.find((e) => e.entryId === lines.early)).toMatchObject({ presence: 'done', clockOutAt: at(NEXT, '08:00') });
    expect(first.find((e) => e.entryId === lines.concierge)?.post.done).toBe(1);

    // The night is over: a clock-in on it now is refused, and the phone's today no longer lists it.
    const latecomer = await createPerson(t.testDb.database.db, site, 'staff', { postIds: [securityPost] });
    const latecomerCookie = await loginAs(t.app, latecomer.login);
    t.clock.set(at(DATE, '12:00'));
    expect((await roster(latecomer.id, securityPost, DATE, '20:00', '08:00')).statusCode).toBe(201);
    t.clock.set(at(NEXT, '08:00'));
    expect(refusal(await call(latecomerCookie, 'POST', '/shifts', { id: newId(), postId: securityPost }))).toEqual([409, 'NOT_ROSTERED']);
    expect((await call(latecomerCookie, 'GET', '/my-day')).json<MyDay>().roster).toEqual([]);
  });

  it('patrols through the night once the site turns 24-hour patrols on', async () => {
    await nextMorning('21:30');
    expect((await call(manager, 'GET', '')).json<Site>().patrolAllDay).toBe(false);
    expect(refusal(await call(manager, 'PATCH', '', { patrolAllDay: 'yes' }))).toEqual([400, 'VALIDATION_FAILED']);
    const turnedOn = await call(manager, 'PATCH', '', { patrolAllDay: true });
    expect(turnedOn.statusCode).toBe(200);
    expect(turnedOn.json<Site>().patrolAllDay).toBe(true);

    const checkpoint = (await call(manager, 'POST', '/checkpoints', { id: newId(), zoneId: site.zoneId, nameZh: '东门', nameEn: 'East gate' })).json<{
      id: string;
    }>();
    const route = (
      await call(manager, 'POST', '/patrol-routes', {
        id: newId(),
        nameZh: '夜间巡视',
        nameEn: 'Night patrol',
        stops: [{ checkpointId: checkpoint.id, plannedMinute: 0 }],
      })
    ).json<PatrolRoute>();
    const schedule = await call(manager, 'POST', '/patrol-schedules', {
      id: newId(),
      routeId: route.id,
      kind: 'every',
      everyMinutes: 120,
      graceMinutes: 15,
    });
    expect(schedule.statusCode).toBe(201);
    const slots = async (date: string) =>
      (await call(manager, 'GET', `/patrol-rounds?date=${date}`)).json<PageOf<PatrolRound>>().items.map((r) => r.slotStart);
    // Opening hours end at 18:00, yet the rest of this evening is planned.
    expect(await slots(NEXT)).toEqual([at(NEXT, '22:00')]);

    await nextMorning('00:00', '2026-11-30');
    await t.app.services.timers.runDue();
    const night = await slots('2026-11-30');
    expect(night).toHaveLength(12);
    expect(night.slice(0, 4)).toEqual(['00:00', '02:00', '04:00', '06:00'].map((h) => at('2026-11-30', h)));
    expect(night.at(-1)).toBe(at('2026-11-30', '22:00'));
  });
});
