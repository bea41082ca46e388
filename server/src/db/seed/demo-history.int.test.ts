/**
 * The demo's past month, written through the services on a driven clock: every open day has its
 * shifts (some late, the odd absence), the rounds are met mostly and missed sometimes, repairs
 * carry their arrival minutes, visits are closed the day they began; and nothing of the past is
 * left open or due today, so the first start neither blocks a flow nor floods anyone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoIfEmpty } from './demo.js';
import { historyDays, seedDemoHistory, type DemoHistoryReport } from './demo-history.js';
import { buildTestApp, type TestApp } from '../../test/build-test-app.js';
import { instantAt, shiftSpan } from '../../platform/site-time.js';

const ZONE = 'Asia/Shanghai';
// Wednesday 2 December 2026, 10:00 in Shanghai: the history runs from 1 November to 1 December.
const NOW = instantAt('2026-12-02', '10:00', ZONE);
const TODAY = '2026-12-02';

describe(`the demo's past month (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestApp;
  let report: DemoHistoryReport;
  const db = () => t.testDb.database.db;

  beforeAll(async () => {
    t = await buildTestApp({ now: NOW });
    expect(await seedDemoIfEmpty(db(), NOW)).toBe(true);
    report = await seedDemoHistory({ database: t.testDb.database, log: t.app.log, now: NOW, timers: t.app.services.timers });
    // A month of small writes: seconds on SQLite, a few minutes on a busy PostgreSQL.
  }, 600_000);
  afterAll(() => t.close());

  it('covers the previous month from its 1st through yesterday', () => {
    expect(historyDays(TODAY)[0]).toBe('2026-11-01');
    expect(historyDays(TODAY).at(-1)).toBe('2026-12-01');
    expect(historyDays('2027-01-15')[0]).toBe('2026-12-01');
    expect(report.days).toBe(31);
  });

  it('rosters and works every past day, mostly on time, some late, the odd absence', async () => {
    const roster = await db().selectFrom('roster_entries').select(['date']).where('date', '<', TODAY).execute();
    const shifts = await db()
      .selectFrom('shifts')
      .select(['date', 'status', 'clock_in_at', 'planned_start', 'planned_end', 'debrief_attended'])
      .where('date', '<', TODAY)
      .execute();
    const days = new Set(shifts.map((s) => s.date));
    expect(days.size).toBe(31);
    expect(new Set(roster.map((r) => r.date)).size).toBe(31);
    for (const day of days) expect(shifts.filter((s) => s.date === day).length).toBeGreaterThanOrEqual(7);
    expect(shifts.every((s) => s.status === 'closed')).toBe(true);
    const late = shifts.filter((s) => s.clock_in_at > shiftSpan(s.date, s.planned_start, s.planned_end, ZONE).startsAt + 5 * 60_000);
    expect(late.length).toBeGreaterThan(5);
    expect(late.length).toBeLessThan(shifts.length / 4);
    // Rostered lines without a shift: absences.
    expect(roster.length).toBeGreaterThan(shifts.length);
    expect(shifts.some((s) => s.debrief_attended === 0)).toBe(true);
    expect(shifts.filter((s) => s.debrief_attended === 1).length).toBeGreaterThan(shifts.length / 2);
  });

  it("closes the model rooms at the concierge's end of most days (GUARD-IN-10, 11), the CCTV now and then forgotten", async () => {
    const closings = await db().selectFrom('model_room_closings').select(['date', 'switch']).execute();
    const days = new Set(closings.map((c) => c.date));
    expect(days.size).toBeGreaterThan(20);
    const complete = [...days].filter((d) => closings.filter((c) => c.date === d).length === 3);
    expect(complete.length).toBeGreaterThan(days.size / 2);
    expect(complete.length).toBeLessThan(days.size);
    const checks = await db().selectFrom('model_room_checks').select(['phase']).execute();
    expect(checks.length).toBeGreaterThan(20);
    expect(checks.every((c) => c.phase === 'closing')).toBe(true);
  });

  it('keeps the pre-shift checklists, with some 异常 handled the same day', async () => {
    const results = await db().selectFrom('checklist_results').select(['result', 'phase']).execute();
    expect(results.filter((r) => r.phase === 'PRE' && r.result === 'ok').length).toBeGreaterThan(300);
    expect(results.filter((r) => r.result === 'anomaly').length).toBeGreaterThan(10);
    const anomalies = await db().selectFrom('anomalies').select('status').execute();
    expect(anomalies.length).toBeGreaterThan(10);
    expect(anomalies.every((a) => a.status === 'resolved')).toBe(true);
  });

  it('decides the rounds: met mostly, missed sometimes', async () => {
    const slots = await db().selectFrom('round_slots').select(['status', 'local_date']).where('local_date', '<', TODAY).execute();
    const met = slots.filter((s) => s.status === 'met').length;
    const missed = slots.filter((s) => s.status === 'missed').length;
    expect(met).toBeGreaterThan(slots.length * 0.8);
    expect(missed).toBeGreaterThan(0);
    expect(slots.some((s) => s.status === 'pending')).toBe(false);
    const patrols = await db().selectFrom('patrol_rounds').select(['status']).where('date', '<', TODAY).execute();
    expect(patrols.filter((p) => p.status === 'done').length).toBeGreaterThan(patrols.length * 0.7);
    expect(patrols.some((p) => p.status === 'missed')).toBe(true);
    expect(patrols.some((p) => p.status === 'done_late')).toBe(true);
    expect(patrols.every((p) => ['done', 'done_late', 'missed'].includes(p.status))).toBe(true);
  });

  it('repairs are reached within and beyond 5 minutes, and all done', async () => {
    const orders = await db().selectFrom('work_orders').select(['status', 'reported_at', 'arrived_at']).execute();
    expect(orders.length).toBeGreaterThan(5);
    expect(orders.every((o) => o.arrived_at !== null && o.status === 'verified')).toBe(true);
    const minutes = orders.map((o) => (o.arrived_at! - o.reported_at) / 60_000);
    expect(minutes.some((m) => m <= 5)).toBe(true);
    expect(minutes.some((m) => m > 5)).toBe(true);
  });

  it('closes every visit the day it began, busier at the weekend', async () => {
    const visits = await db().selectFrom('visits').select(['status', 'arrived_at', 'closed_at', 'stage']).execute();
    expect(visits.length).toBeGreaterThan(80);
    expect(visits.every((v) => v.status === 'closed' && v.stage === 'departed')).toBe(true);
    const day = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
    expect(visits.every((v) => day(v.closed_at!) === day(v.arrived_at))).toBe(true);
    const onWeekends = visits.filter((v) => [0, 6].includes(new Date(v.arrived_at + 8 * 3_600_000).getUTCDay())).length;
    // 10 of the 31 days are weekend days; they hold more than a third of the parties.
    expect(onWeekends / visits.length).toBeGreaterThan(0.4);
  });

  it('leaves nothing open today and no timer due in the past', async () => {
    expect(await db().selectFrom('shifts').select('id').where('status', '=', 'open').execute()).toEqual([]);
    expect(await db().selectFrom('visits').select('id').where('status', '=', 'open').execute()).toEqual([]);
    expect(await db().selectFrom('incidents').select('id').where('status', '=', 'open').execute()).toEqual([]);
    expect(await db().selectFrom('drink_orders').select('id').where('status', '!=', 'served').execute()).toEqual([]);
    // Due before now and still pending: only the seed's own plans of today (due at the seeding instant).
    const overdue = await db().selectFrom('timers').select(['id', 'due_at']).where('status', '=', 'pending').where('due_at', '<', NOW).execute();
    expect(overdue).toEqual([]);
    expect(await db().selectFrom('timers').select('id').where('status', '=', 'failed').execute()).toEqual([]);
    // The live runner starting now fires only today's plans, which alert nobody.
    t.clock.set(NOW);
    const before = await db()
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await t.app.services.timers.runDue();
    const after = await db()
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
