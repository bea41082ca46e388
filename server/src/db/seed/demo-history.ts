/**
 * The demo's past (issue 12, item 6): the previous month and the current month up to yesterday,
 * written through the same service functions the phones and the console call, so that a
 * newcomer's first start shows real figures (punctuality, checklists, rounds, repairs, visitors)
 * and the monthly assessment has evidence to compute from.
 *
 * Every day is played in time order on a driven clock: the roster (written beforehand by the
 * manager), clock-ins (mostly on time, some late, the odd absence), the pre-shift checklists
 * (some 异常, a few items left undone), the rounds and patrols, the visitor chain from the car
 * park to the departure, repairs, opinions, the odd incident, clock-outs with the debrief answer.
 * The app's timers run as the clock moves (the same handlers as the live runner), so a missed
 * round is decided and alerted at its own time, and nothing from the past is left due: the live
 * runner, once the server starts, finds no past timer to catch up on. Everything a day opens is
 * closed that day: no open visit, shift, anomaly or work order reaches today.
 *
 * The service functions are imported from the modules' service files, as their routes do: the
 * demo is a caller like a route, with the actor of the demo account that would make the call.
 */
import { deflateSync } from 'node:zlib';
import { sql, type Kysely } from 'kysely';
import { CLOSING_SWITCHES, type StandardItem } from '@anchang/contracts';
import type { DB } from '../schema.js';
import { openDatabase, type Database, type DialectName } from '../create-db.js';
import type { DemoHistoryContext } from './demo-history-context.js';
import type { Actor } from '../../platform/auth/actor.js';
import { loadSiteRoles } from '../../platform/auth/session.repository.js';
import { ManualClock } from '../../platform/clock.js';
import type { EventBus } from '../../platform/events/bus.js';
import { newId } from '../../platform/ids.js';
import type { Logger } from '../../platform/logger.js';
import { addDays, instantAt, localParts, mondayOf, weekdayOf } from '../../platform/site-time.js';
import { inTransaction, type Deps } from '../../platform/tx.js';
import { nextPendingDueAt, scheduleTimer, type TimerRunner } from '../../platform/timers/timers.js';
import { createRosterEntry } from '../../modules/rosters/rosters.service.js';
import { clockIn, clockOut, recordChecklistResult, type ShiftDeps } from '../../modules/shifts/shifts.service.js';
import { visitGuestPresence } from '../../modules/visits/visits.service.js';
import { acknowledgeHandoff, handOff, registerVisit } from '../../modules/visits/visits.service.js';
import { markDrinkMade, markDrinkServed, orderDrinks } from '../../modules/hall/hall.service.js';
import { getRoundDay } from '../../modules/rounds/round-day.service.js';
import { confirmSlot } from '../../modules/rounds/round-slots.service.js';
import { planTimerId, PLAN_TIMER as ROUND_PLAN_TIMER } from '../../modules/rounds/rounds.jobs.js';
import { listRounds } from '../../modules/patrols/patrol-rounds.service.js';
import { listSchedules as listPatrolSchedules } from '../../modules/patrols/patrol-schedules.service.js';
import { PLAN_TIMER as PATROL_PLAN_TIMER } from '../../modules/patrols/patrols.jobs.js';
import { listCheckpoints, recordScan } from '../../modules/checkpoints/checkpoints.service.js';
import { createWorkOrder } from '../../modules/repairs/repair-reporting.service.js';
import { acceptWorkOrder, arriveAtWorkOrder, finishWorkOrder, startWorkOrder, verifyWorkOrder } from '../../modules/repairs/repair-work.service.js';
import { listAssets } from '../../modules/equipment/equipment.service.js';
import { handleAnomaly, listAnomalies } from '../../modules/anomalies/anomalies.service.js';
import { reportIncident, updateIncident } from '../../modules/incidents/incidents.service.js';
import { recordOpinion } from '../../modules/shift-forms/shift-forms.service.js';
import { uploadPhoto } from '../../modules/photos/photos.service.js';
import { seedTrainingDemoHistory } from '../../modules/training/index.js';
import { seedMeetingsDemoHistory } from '../../modules/meetings/index.js';
import { seedInspectionsDemoHistory } from '../../modules/inspections/index.js';
import { seedAssessmentDemoHistory } from '../../modules/assessment/index.js';
import { seedComplaintsDemoHistory } from '../../modules/complaints/index.js';
import { listItems, listRooms, recordCheck } from '../../modules/model-room-inventory/model-room.service.js';
import { confirmClosing } from '../../modules/model-room-inventory/model-room-closing.service.js';

/**
 * The modules of the management loop, in order: training, meetings, inspections, and the
 * assessment last (it computes and signs the past month from everything the others wrote). Each
 * gets the context after the floor's history above is written.
 */
export const MODULE_DEMO_HISTORY: Array<(ctx: DemoHistoryContext) => Promise<unknown>> = [
  seedTrainingDemoHistory,
  seedMeetingsDemoHistory,
  seedInspectionsDemoHistory,
  seedComplaintsDemoHistory,
  seedAssessmentDemoHistory,
];

/** What the history wrote, for the server's log line. */
export interface DemoHistoryReport {
  days: number;
  shifts: number;
  visits: number;
  workOrders: number;
  scans: number;
  timersFired: number;
  /** Wall-clock time, and this process's CPU time (the part a busy machine does not stretch). */
  ms: number;
  cpuMs: number;
}

const MINUTE = 60_000;
/** The same demo on every fresh start: the generator's seed. */
const DEMO_RANDOM_SEED = 20261204;

/** mulberry32: small, fast, and good enough to vary a demo. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The site-local days from the previous month's 1st through the day before `today`. */
export function historyDays(today: string): string[] {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const first = m === 1 ? `${y - 1}-12-01` : `${y}-${String(m - 1).padStart(2, '0')}-01`;
  const days: string[] = [];
  for (let d = first; d < today; d = addDays(d, 1)) days.push(d);
  return days;
}

/** Nobody is connected while the demo is seeded: the events go to the log, and no further. */
const seedingBus: EventBus = {
  publish: () => Promise.resolve(),
  subscribe: () => () => undefined,
  onSkip: () => () => undefined,
  onResume: () => () => undefined,
  health: () => ({ isListening: true, downSince: null }),
  close: () => Promise.resolve(),
};

/** The context every writer of the demo's past receives (the site of the demo company). */
export async function buildDemoHistoryContext(
  db: Kysely<DB>,
  dialect: DialectName,
  log: Logger,
  now: number,
  random: () => number = seededRandom(DEMO_RANDOM_SEED),
): Promise<DemoHistoryContext> {
  const company = await db.selectFrom('companies').select('id').where('is_demo', '=', 1).executeTakeFirstOrThrow();
  const site = await db
    .selectFrom('sites')
    .select(['id', 'time_zone'])
    .where('company_id', '=', company.id)
    .orderBy('created_at')
    .executeTakeFirstOrThrow();
  const people = await db.selectFrom('people').select(['id', 'login', 'name', 'is_company_admin']).where('company_id', '=', company.id).execute();
  const clock = new ManualClock(now);
  const deps: Deps = { db, dialect, events: seedingBus, clock, log };
  const actors = new Map<string, Actor>();
  const personIdByLogin = Object.fromEntries(people.map((p) => [p.login, p.id]));
  return {
    deps,
    clock,
    siteId: site.id,
    companyId: company.id,
    timeZone: site.time_zone,
    personIdByLogin,
    // Built as a session would (auth/session.ts): the person's site roles, loaded once.
    async actorFor(login) {
      const known = actors.get(login);
      if (known) return known;
      const p = people.find((x) => x.login === login);
      if (!p) throw new Error(`no demo account ${login}`);
      const isCompanyAdmin = p.is_company_admin === 1;
      const actor: Actor = {
        personId: p.id,
        companyId: company.id,
        name: p.name,
        login: p.login,
        isCompanyAdmin,
        siteRoles: await loadSiteRoles(db, { personId: p.id, companyId: company.id, isCompanyAdmin }),
        sessionId: 'demo-history',
        requestId: 'demo-history',
      };
      actors.set(login, actor);
      return actor;
    },
    days: historyDays(localParts(now, site.time_zone).date),
    random,
  };
}

// ---------- a small picture for the checklist items that need one ----------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A plain 96×96 PNG in a soft colour with a lighter band: a stand-in for a phone photo. */
export function placeholderPng(rgb: [number, number, number]): Buffer {
  const size = 96;
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3);
    const band = y > 36 && y < 60;
    for (let x = 0; x < size; x++) {
      row[1 + x * 3] = band ? Math.min(255, rgb[0] + 40) : rgb[0];
      row[2 + x * 3] = band ? Math.min(255, rgb[1] + 40) : rgb[1];
      row[3 + x * 3] = band ? Math.min(255, rgb[2] + 40) : rgb[2];
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.concat(rows))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---------- the day's plan ----------

interface Step {
  at: number;
  run: () => Promise<void>;
}

/** Staff on a post each day, with the demo account that holds it. */
const ROSTERED: readonly string[] = ['manager', 'hall', 'bar', 'park', 'shuttle', 'guard', 'model', 'tech', 'security', 'clean', 'green'];

const PLATE_PREFIXES = ['浙A', '浙A', '浙A', '浙B', '浙C', '沪A', '苏E', '浙F'];
const PLATE_CHARS = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙'];
const DRINKS = ['美式咖啡', '拿铁', '柠檬水', '绿茶', '橙汁', '矿泉水'];
const ANOMALY_NOTES = ['物品摆放不齐,已整理并报告主管', '地面有水渍,已通知保洁', '备用物品不足,需要补充', '设备指示灯异常,待技术查看'];
const OPINIONS: { category: 'opinion' | 'suggestion' | 'problem'; text: string }[] = [
  { category: 'suggestion', text: '客户建议增加儿童游乐区座椅' },
  { category: 'opinion', text: '客户称赞吧台饮品口味好' },
  { category: 'problem', text: '客户反映停车场指示牌不够清楚' },
  { category: 'suggestion', text: '客户希望样板房开放时间延长到 19:00' },
  { category: 'opinion', text: '客户对电瓶车接送很满意' },
  { category: 'problem', text: '客户反映洗手间洗手液用完' },
  { category: 'suggestion', text: '客户建议沙盘区增加讲解屏' },
];
const REPAIRS = ['灯不亮', '有异响,需要检修', '无法正常启动', '漏水,地面有积水', '显示屏闪烁', '制冷效果差'];
const INCIDENTS: { kind: 'suspicious_person' | 'missing_item' | 'unauthorised_photo' | 'damage'; severity: 'low' | 'medium'; text: string }[] = [
  { kind: 'unauthorised_photo', severity: 'low', text: '有访客在样板房内拍摄户型细节,已劝阻' },
  { kind: 'suspicious_person', severity: 'medium', text: '外围有可疑人员多次徘徊,已上前询问并劝离' },
  { kind: 'missing_item', severity: 'low', text: '客户遗失雨伞,已登记并帮助寻找' },
  { kind: 'damage', severity: 'low', text: '儿童碰倒展示区花盆,无人受伤,已清理' },
];

/** Writes the demo's past month through the services and runs every module writer after it. */
export async function seedDemoHistory(opts: {
  database: Pick<Database, 'db' | 'dialect' | 'databaseUrl'>;
  log: Logger;
  now: number;
  /** The app's timer runner: its handlers fire the history's timers on the history's clock. */
  timers: TimerRunner;
}): Promise<DemoHistoryReport> {
  const started = Date.now();
  const cpuBefore = process.cpuUsage();
  return withQuickCommits(opts.database, async (db) => {
    const ctx = await buildDemoHistoryContext(db, opts.database.dialect, opts.log, opts.now);
    const report: DemoHistoryReport = { days: ctx.days.length, shifts: 0, visits: 0, workOrders: 0, scans: 0, timersFired: 0, ms: 0, cpuMs: 0 };
    if (ctx.days.length > 0) await writeServiceHistory(ctx, opts.timers, report);
    for (const writer of MODULE_DEMO_HISTORY) await writer(ctx);
    report.timersFired += await firePastTimers(ctx, opts.timers, opts.now);
    report.ms = Date.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    report.cpuMs = Math.round((cpu.user + cpu.system) / 1000);
    return report;
  });
}

/**
 * The module writers book timers of their own (a rectification's deadline, an action item's due
 * day) and leave some of them in the past: each fires here at its own time on the history's
 * clock, as the live runner would have then, so a fresh start does not catch up on the past.
 */
async function firePastTimers(ctx: DemoHistoryContext, appTimers: TimerRunner, now: number): Promise<number> {
  const timers = appTimers.withDeps(ctx.deps, 'demo-history');
  const endedAt = ctx.clock.now();
  let fired = 0;
  for (let due = await nextPendingDueAt(ctx.deps.db); due !== null && due < now; due = await nextPendingDueAt(ctx.deps.db)) {
    ctx.clock.set(due);
    const n = await timers.runDue(10_000);
    // A handler that failed was booked again a little later; give up rather than spin on it.
    if (n === 0) break;
    fired += n;
  }
  ctx.clock.set(Math.max(endedAt, ctx.clock.now()));
  return fired;
}

/**
 * The history is some ten thousand small transactions, and each would wait for the disk at its
 * commit: SQLite's synchronous NORMAL (in WAL mode) and PostgreSQL's synchronous_commit off
 * while the demo writes its past keep the database consistent (a crash loses the last commits,
 * never the file), and cut the time several-fold. The server's own handle keeps its settings
 * afterwards: SQLite's pragma is set back, PostgreSQL's writes go through a pool of their own.
 */
async function withQuickCommits<T>(database: Pick<Database, 'db' | 'dialect' | 'databaseUrl'>, fn: (db: Kysely<DB>) => Promise<T>): Promise<T> {
  if (database.dialect === 'postgres' && database.databaseUrl) {
    const quick = await openDatabase({ databaseUrl: database.databaseUrl, sqliteFile: '', databasePoolSize: 2, postgresSynchronousCommit: 'off' });
    try {
      return await fn(quick.db);
    } finally {
      await quick.close();
    }
  }
  if (database.dialect !== 'sqlite') return fn(database.db);
  const { rows } = await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(database.db);
  const configured = Number(rows[0]?.synchronous ?? 2);
  await sql`PRAGMA synchronous = NORMAL`.execute(database.db);
  try {
    return await fn(database.db);
  } finally {
    await sql.raw(`PRAGMA synchronous = ${configured}`).execute(database.db);
  }
}

async function writeServiceHistory(ctx: DemoHistoryContext, appTimers: TimerRunner, report: DemoHistoryReport): Promise<void> {
  const { deps, clock, siteId, timeZone } = ctx;
  const random = () => ctx.random();
  const timers = appTimers.withDeps(deps, 'demo-history');
  const shiftDeps: ShiftDeps = { ...deps, guests: visitGuestPresence(deps.db, deps.clock) };
  const as = (login: string) => ctx.actorFor(login);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const at = (date: string, time: string) => instantAt(date, time, timeZone);
  const manager = await as('manager');
  const firstDay = ctx.days[0]!;

  /**
   * The concierge's end of the day (GUARD-IN-10, 11): each model room's closing check, then the
   * water, power and CCTV confirmed off. Decided by the day's number, not the random stream, so
   * the rest of the history stays as it was: the check skipped one day a week, the CCTV forgotten
   * now and then.
   */
  const closeModelRooms = async (guard: Actor, dayNo: number) => {
    if (dayNo % 7 !== 3)
      for (const room of (await listRooms(deps, guard, siteId, { limit: 50 })).items) {
        if (room.itemCount === 0) continue;
        const items = (await listItems(deps, guard, siteId, room.zoneId, { limit: 200 })).items;
        const lines = items.map((i) => ({ itemId: i.id, status: 'present' as const }));
        await recordCheck(deps, guard, siteId, room.zoneId, { id: newId(), phase: 'closing', lines });
        clock.advance(MINUTE);
      }
    for (const closingSwitch of dayNo % 9 === 4 ? CLOSING_SWITCHES.filter((s) => s !== 'cctv') : CLOSING_SWITCHES) {
      await confirmClosing(deps, guard, siteId, { id: newId(), switch: closingSwitch });
      clock.advance(MINUTE);
    }
  };

  /** Moves the clock forward (never back) and lets every timer due by then fire. */
  // Timers are looked for at most once a minute of the history's clock (each look is a query):
  // one fires within a minute of its time, before any step a minute later (a repair reached at
  // six minutes still finds its five-minute escalation fired).
  let timersRunAt = -Infinity;
  const advanceTo = async (instant: number) => {
    if (instant > clock.now()) clock.set(instant);
    if (clock.now() - timersRunAt < MINUTE) return;
    timersRunAt = clock.now();
    report.timersFired += await timers.runDue(10_000);
  };

  // The month's roster, written by the manager the week before; from this week's Monday on the
  // demo seed has it already (today's and the future roster stay as they were).
  const rosteredFrom = mondayOf(localParts(ctx.clock.now(), timeZone).date);
  const posts = await deps.db.selectFrom('posts').select(['id', 'kind']).where('site_id', '=', siteId).execute();
  const assignments = await deps.db.selectFrom('post_assignments').select(['post_id', 'person_id']).where('site_id', '=', siteId).execute();
  const postOf = (login: string) => {
    const a = assignments.find((x) => x.person_id === ctx.personIdByLogin[login]);
    return a ? posts.find((p) => p.id === a.post_id)! : undefined;
  };
  clock.set(at(addDays(firstDay, -4), '10:00'));
  for (const day of ctx.days) {
    if (day >= rosteredFrom) break;
    for (const login of ROSTERED) {
      const post = postOf(login);
      if (!post) continue;
      await createRosterEntry(deps, manager, siteId, {
        postId: post.id,
        personId: ctx.personIdByLogin[login]!,
        date: day,
        start: '08:30',
        end: '18:00',
      });
    }
  }

  // The pictures the checklist items that need one are proven with, one per person.
  const photoOf = new Map<string, string>();
  for (const [i, login] of ROSTERED.entries()) {
    const id = newId();
    await uploadPhoto(deps, await as(login), siteId, id, placeholderPng([150 + ((i * 23) % 80), 170 + ((i * 37) % 60), 160 + ((i * 11) % 70)]));
    photoOf.set(login, id);
  }

  // The day plans of rounds and patrols, from the first day on: the daily chain their plan
  // timers start carries on to today, whose plan the demo seed already holds.
  const patrolSchedules = (await listPatrolSchedules(deps, manager, siteId, {})).items;
  clock.set(at(firstDay, '00:00') - MINUTE);
  await inTransaction(deps, async (tx) => {
    await scheduleTimer(tx, {
      id: planTimerId(siteId, firstDay),
      kind: ROUND_PLAN_TIMER,
      siteId,
      dueAt: at(firstDay, '00:00'),
      payload: { siteId, date: firstDay },
    });
    for (const s of patrolSchedules)
      await scheduleTimer(tx, {
        id: `${PATROL_PLAN_TIMER}:${s.id}:${firstDay}`,
        kind: PATROL_PLAN_TIMER,
        siteId,
        dueAt: at(firstDay, '00:00'),
        payload: { scheduleId: s.id, date: firstDay },
      });
  });
  const checkpoints = (await listCheckpoints(deps, manager, siteId, { limit: 200 })).items;
  const codeOf = new Map(checkpoints.map((c) => [c.id, c.code]));
  const washroomZone = await deps.db.selectFrom('zones').select('id').where('site_id', '=', siteId).where('kind', '=', 'WASHROOM').executeTakeFirst();
  const washroomCode = checkpoints.find((c) => c.zoneId === washroomZone?.id)?.code;
  const assets = (await listAssets(deps, manager, siteId, { limit: 200 })).items.filter((a) => a.code !== null);
  const consultantId = ctx.personIdByLogin.consultant;

  let quietRepairDays = 0;
  for (const day of ctx.days) {
    await advanceTo(at(day, '00:00') + MINUTE);
    const weekend = weekdayOf(day) >= 6;
    const steps: Step[] = [];
    const add = (instant: number, run: () => Promise<void>) => steps.push({ at: instant, run });
    const open = at(day, '08:30');
    const close = at(day, '18:00');

    // ---- who comes in, when ----
    const present = new Set<string>();
    const shiftOf = new Map<string, string>();
    const postItems = new Map<string, StandardItem[]>();
    for (const login of ROSTERED) {
      const post = postOf(login);
      if (!post) continue;
      // About one absence a person a month and a half; about one late start in twelve.
      if (random() < 0.02) continue;
      present.add(login);
      const late = random() < 0.08;
      const clockInAt = late ? open + between(6, 28) * MINUTE : open - between(2, 20) * MINUTE;
      add(clockInAt, async () => {
        const actor = await as(login);
        const shiftId = newId();
        const { detail } = await clockIn(shiftDeps, actor, siteId, { id: shiftId, postId: post.id });
        shiftOf.set(login, shiftId);
        report.shifts += 1;
        postItems.set(
          login,
          detail.standard.items.filter((i) => i.phase === 'POST'),
        );
        // The pre-shift checklist: mostly 正常, the odd 异常 (raised to the manager), a few left undone.
        for (const item of detail.standard.items.filter((i) => i.phase === 'PRE')) {
          if (random() < 0.04) continue;
          clock.advance(between(1, 2) * MINUTE);
          const anomaly = random() < 0.06;
          const needsNote = anomaly || item.requiresNote;
          await recordChecklistResult(shiftDeps, actor, siteId, shiftId, {
            id: newId(),
            itemId: item.id,
            result: anomaly ? 'anomaly' : 'ok',
            note: needsNote ? (anomaly ? pick(ANOMALY_NOTES) : '已检查') : undefined,
            photoId: item.requiresPhoto ? photoOf.get(login) : undefined,
            category: anomaly ? pick(['equipment', 'supplies', 'environment', 'other'] as const) : undefined,
          });
        }
      });
    }

    // ---- the manager settles the day's 异常 in the early afternoon ----
    add(at(day, '14:00') + between(0, 60) * MINUTE, async () => {
      for (;;) {
        const unresolved = (await listAnomalies(deps, manager, siteId, { status: 'unresolved', limit: 50 })).items;
        if (unresolved.length === 0) break;
        for (const a of unresolved) {
          clock.advance(MINUTE);
          await handleAnomaly(deps, manager, siteId, a.id, {
            action: 'resolve',
            resolution: pick(['已处理完毕', '已补充物品', '已安排整改并复查', '已通知相关岗位处理']),
          });
        }
      }
    });

    // ---- rounds: the slots the day's plan created ----
    add(open - 60 * MINUTE, async () => {
      const slots = (await getRoundDay(deps, manager, siteId, { date: day, scope: 'all' })).slots;
      for (const slot of slots) {
        const owner = { CLEAN: 'clean', HALL: 'hall', GREEN: 'green' }[slot.postKind as 'CLEAN' | 'HALL' | 'GREEN'];
        if (!owner) continue;
        const roll = random();
        const grace = (slot.graceEndsAt - slot.dueAt) / MINUTE;
        if (slot.proof === 'scan') {
          // The washroom every ten minutes: a scan of its checkpoint inside the window, or none.
          if (roll < 0.05 || !washroomCode || !present.has(owner)) continue;
          steps.push({
            at: slot.dueAt + between(0, Math.max(0, grace - 2)) * MINUTE,
            run: async () => {
              await recordScan(deps, await as(owner), { id: newId(), code: washroomCode });
              report.scans += 1;
            },
          });
        } else {
          if (roll < 0.07 || !present.has(owner)) continue; // missed: the timer decides it and tells the overseers
          const when =
            roll < 0.1 ? slot.graceEndsAt + between(3, 20) * MINUTE : slot.dueAt + between(0, Math.max(0, Math.floor(grace * 0.6))) * MINUTE;
          steps.push({ at: when, run: async () => void (await confirmSlot(deps, await as(owner), siteId, slot.id, {})) });
        }
      }
      steps.sort((a, b) => a.at - b.at);
    });

    // ---- the security patrol: every stop scanned near its planned minute, a round now and then skipped ----
    add(open - 59 * MINUTE, async () => {
      const rounds = (await listRounds(deps, manager, siteId, { date: day, limit: 200 })).items;
      for (const round of rounds) {
        if (!present.has('security') || random() < 0.06) continue;
        const lateBy = random() < 0.1 ? between(6, 12) : 0;
        for (const check of round.checks) {
          const code = codeOf.get(check.checkpointId);
          if (!code) continue;
          steps.push({
            at: check.plannedAt + (lateBy + between(0, 2)) * MINUTE,
            run: async () => {
              await recordScan(deps, await as('security'), { id: newId(), code });
              report.scans += 1;
            },
          });
        }
      }
      steps.sort((a, b) => a.at - b.at);
    });

    // ---- visitors: busier at the weekend, every party gone by a quarter to six ----
    const parties = weekend ? between(7, 11) : between(2, 5);
    for (let v = 0; v < parties; v++) {
      const arrive = open + between(20, 480) * MINUTE;
      const byCar = random() < 0.7;
      const stay = between(35, 75);
      const leave = Math.min(arrive + stay * MINUTE, close - 20 * MINUTE);
      const state: { visitId?: string; hallHandoff?: string } = {};
      const actorOrStandIn = (login: string) => as(present.has(login) ? login : 'supervisor');
      add(arrive, async () => {
        const plate = `${pick(PLATE_PREFIXES)}${Array.from({ length: 5 }, () => pick([...PLATE_CHARS])).join('')}`;
        const withCustomer = random() < 0.5;
        const { visit } = await registerVisit(deps, await actorOrStandIn(byCar ? 'park' : 'hall'), siteId, {
          id: newId(),
          partySize: between(1, 4),
          arrivalMode: byCar ? 'car' : 'walk_in',
          ...(byCar ? { plate } : {}),
          ...(withCustomer
            ? {
                customer: {
                  name: `${pick(SURNAMES)}${pick(['先生', '女士'])}`,
                  // Sixty numbers for a month of parties: some come back to decide, as buyers do, so the returning share is real.
                  phone: `139${String(10_000_000 + between(0, 59) * 1_234_567)}`,
                  consent: true,
                },
              }
            : {}),
        });
        state.visitId = visit.id;
        state.hallHandoff = visit.handoffs.find((h) => h.to === 'hall' && h.ackedAt === null)?.id;
        report.visits += 1;
      });
      add(arrive + between(1, 3) * MINUTE, async () => {
        if (state.hallHandoff) await acknowledgeHandoff(deps, await actorOrStandIn('hall'), siteId, state.visitId!, state.hallHandoff);
      });
      add(arrive + 5 * MINUTE, async () => {
        const hall = await actorOrStandIn('hall');
        const visit = await handOff(deps, hall, siteId, state.visitId!, { id: newId(), to: 'consultant', consultantId });
        const toConsultant = visit.handoffs.find((h) => h.to === 'consultant' && h.ackedAt === null);
        clock.advance(MINUTE);
        if (toConsultant) await acknowledgeHandoff(deps, await as('consultant'), siteId, visit.id, toConsultant.id);
        if (random() < 0.6) {
          const { order } = await orderDrinks(deps, hall, siteId, visit.id, {
            id: newId(),
            lines: [{ name: pick(DRINKS), quantity: between(1, 3) }],
          });
          const bar = await actorOrStandIn('bar');
          clock.advance(between(2, 4) * MINUTE);
          await markDrinkMade(deps, bar, siteId, order.id);
          clock.advance(MINUTE);
          await markDrinkServed(deps, bar, siteId, order.id, 'BAR');
        }
      });
      // Half the parties ride the shuttle to the model flats.
      if (random() < 0.5 && leave - arrive > 30 * MINUTE) {
        add(arrive + 15 * MINUTE, async () => {
          const visit = await handOff(deps, await actorOrStandIn('hall'), siteId, state.visitId!, { id: newId(), to: 'shuttle' });
          const h = visit.handoffs.find((x) => x.to === 'shuttle' && x.ackedAt === null);
          clock.advance(2 * MINUTE);
          if (h) await acknowledgeHandoff(deps, await actorOrStandIn('shuttle'), siteId, visit.id, h.id);
        });
        // At the model room the show-area concierge receives them and shows them in.
        add(arrive + 22 * MINUTE, async () => {
          const atDoor = await handOff(deps, await actorOrStandIn('shuttle'), siteId, state.visitId!, { id: newId(), to: 'concierge' });
          const toGuard = atDoor.handoffs.find((x) => x.to === 'concierge' && x.ackedAt === null);
          clock.advance(between(0, 1) * MINUTE + 20_000);
          if (toGuard) await acknowledgeHandoff(deps, await actorOrStandIn('guard'), siteId, atDoor.id, toGuard.id);
          clock.advance(MINUTE);
          const visit = await handOff(deps, await actorOrStandIn('guard'), siteId, atDoor.id, { id: newId(), to: 'model_room' });
          const h = visit.handoffs.find((x) => x.to === 'model_room' && x.ackedAt === null);
          clock.advance(MINUTE);
          if (h) await acknowledgeHandoff(deps, await actorOrStandIn('model'), siteId, visit.id, h.id);
        });
      }
      add(leave, async () => {
        const visit = await handOff(deps, await actorOrStandIn('hall'), siteId, state.visitId!, { id: newId(), to: 'departure' });
        const h = visit.handoffs.find((x) => x.to === 'departure' && x.ackedAt === null);
        clock.advance(between(2, 5) * MINUTE);
        if (h && visit.status === 'open') await acknowledgeHandoff(deps, await actorOrStandIn('park'), siteId, visit.id, h.id);
      });
    }

    // ---- repairs: reported, accepted, reached within or beyond 5 minutes, done, verified ----
    // One or two most days, never three days running without one (the stats of a month stay full).
    let repairs = present.has('tech') && random() < (weekend ? 0.75 : 0.5) ? between(1, 2) : 0;
    if (present.has('tech') && repairs === 0 && quietRepairDays >= 2) repairs = 1;
    quietRepairDays = repairs === 0 ? quietRepairDays + 1 : 0;
    for (let r = 0; r < repairs && assets.length > 0; r++) {
      const asset = pick(assets);
      const reporter = pick(['hall', 'clean', 'model', 'bar', 'security'].filter((l) => present.has(l)));
      if (!reporter) continue;
      const reported = open + between(30, 420) * MINUTE;
      const arriveAfter = random() < 0.78 ? between(2, 5) : between(6, 14);
      const workOrderId = newId();
      add(reported, async () => {
        await createWorkOrder(deps, await as(reporter), siteId, {
          id: workOrderId,
          assetId: asset.id,
          description: `${asset.nameZh}${pick(REPAIRS)}`,
        });
        report.workOrders += 1;
      });
      add(reported + MINUTE, async () => void (await acceptWorkOrder(deps, await as('tech'), siteId, workOrderId)));
      add(reported + arriveAfter * MINUTE, async () => {
        const tech = await as('tech');
        await arriveAtWorkOrder(deps, tech, siteId, workOrderId, { code: asset.code! });
        clock.advance(MINUTE);
        await startWorkOrder(deps, tech, siteId, workOrderId);
      });
      add(reported + (arriveAfter + between(15, 50)) * MINUTE, async () => {
        await finishWorkOrder(deps, await as('tech'), siteId, workOrderId, {
          note: pick(['已更换配件,运行正常', '已紧固并测试,恢复正常', '已清洁检修,工作正常']),
        });
      });
      add(reported + (arriveAfter + 75) * MINUTE, async () => void (await verifyWorkOrder(deps, manager, siteId, workOrderId)));
    }

    // ---- opinions gathered by the hall and the model flats ----
    for (let o = 0, n = weekend ? between(1, 3) : between(0, 2); o < n; o++) {
      const login = pick(['hall', 'model', 'bar']);
      add(open + between(60, 500) * MINUTE, async () => {
        if (!shiftOf.has(login)) return;
        const opinion = pick(OPINIONS);
        await recordOpinion(deps, await as(login), siteId, { id: newId(), shiftId: shiftOf.get(login), ...opinion });
      });
    }

    // ---- the odd incident, reported by security and closed by the manager ----
    if (present.has('security') && random() < 0.15) {
      const incident = pick(INCIDENTS);
      const id = newId();
      const when = open + between(60, 420) * MINUTE;
      add(
        when,
        async () =>
          void (await reportIncident(deps, await as('security'), siteId, {
            id,
            kind: incident.kind,
            severity: incident.severity,
            description: incident.text,
          })),
      );
      add(when + between(20, 90) * MINUTE, async () => {
        if (incident.severity === 'medium')
          await updateIncident(deps, manager, siteId, id, { action: 'police_decision', decision: 'no_call', note: '已劝离,无需报警' });
        await updateIncident(deps, manager, siteId, id, { action: 'close', note: '已处理' });
      });
    }

    // ---- clock-out, with the debrief answer ----
    for (const login of ROSTERED) {
      if (!present.has(login)) continue;
      add(close + between(0, 12) * MINUTE, async () => {
        const shiftId = shiftOf.get(login);
        if (!shiftId) return;
        const actor = await as(login);
        // The post-shift checklist, kept by most; the one who forgets leaves it empty.
        if (random() < 0.92)
          for (const item of postItems.get(login) ?? []) {
            await recordChecklistResult(shiftDeps, actor, siteId, shiftId, {
              id: newId(),
              itemId: item.id,
              result: 'ok',
              note: item.requiresNote ? '已完成' : undefined,
              photoId: item.requiresPhoto ? photoOf.get(login) : undefined,
            });
            clock.advance(MINUTE);
          }
        if (login === 'guard') await closeModelRooms(actor, ctx.days.indexOf(day));
        await clockOut(shiftDeps, actor, siteId, shiftId, { debriefAttended: random() < 0.9 });
      });
    }

    steps.sort((a, b) => a.at - b.at);
    // Steps may add steps (the rounds and patrols of the day): walk the list as it grows.
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i]!;
      await advanceTo(step.at);
      await step.run();
    }
    await advanceTo(at(day, '23:59'));
  }
}
