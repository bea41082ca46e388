/**
 * The site-operations scenario: BENCH_OPS_SITES sales centers (200) over one simulated day with a
 * driven clock, in this process (the clock can only be driven from inside), on SQLite and on
 * PostgreSQL.
 *
 * Each site has a washroom round every 10 minutes in opening hours proven by a scan of the
 * washroom's checkpoint (CLEAN-2), the full clean 30 minutes before opening confirmed on the phone
 * (CLEAN-1), an hourly four-checkpoint patrol (SECURITY-1/4) and three repair calls with the
 * 5-minute arrival rule (TECH-3). Staff act through the HTTP API (`app.inject`): the cleaner scans
 * nine slots in ten and confirms the full clean on most days, the guard walks most rounds
 * whole and skips a checkpoint on the others, the technician reaches two repairs in three minutes
 * and never reaches the third.
 *
 * The clock jumps from one instant to the next that matters: the next staff action or the next
 * pending timer, so every timer fires at its due instant and any lateness is the code's.
 *
 * Printed: slots due (from the planners, computed here independently of what the server stored),
 * slots created (rows, and how many twice), alerts expected and raised, raised at their instant,
 * timers fired and their worst lateness, and the process's CPU time and peak memory for the day.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { RealtimeEvent } from '@anchang/contracts';
import { buildApp } from '../server/src/app.js';
import { loadConfig } from '../server/src/config.js';
import { migrateToLatest, openDatabase, type Database } from '../server/src/db/create-db.js';
import type { DB } from '../server/src/db/schema.js';
import { ManualClock } from '../server/src/platform/clock.js';
import { hashToken, SESSION_COOKIE } from '../server/src/platform/auth/session.js';
import { newId } from '../server/src/platform/ids.js';
import { addDays, instantAt } from '../server/src/platform/site-time.js';
import { slotsFor } from '../server/src/modules/rounds/index.js';
import { patrolSlotsFor } from '../server/src/modules/patrols/patrol-planner.js';
import type { App } from '../server/src/platform/http/types.js';
import { createScratchDatabase, type ScratchDatabase } from './pg-database.js';

export interface SiteOpsOptions {
  sites: number;
  dialects: ('sqlite' | 'postgres')[];
}

const TZ = 'Asia/Shanghai';
const HOURS = { open: '08:30', close: '18:00', closedWeekdays: [] as number[] };
/** The simulated day (a Tuesday). */
const DAY = '2026-12-01';
const WASHROOM = { everyMinutes: 10, graceMinutes: 5 };
const FULL_CLEAN = { minutesBeforeOpen: 30, graceMinutes: 20 };
const PATROL = { everyMinutes: 60, graceMinutes: 15, stops: [0, 5, 10, 15] };
const REPAIRS_PER_SITE = 3;
const ARRIVAL_MINUTES = 5;

type Role = 'site_manager' | 'supervisor' | 'staff';
interface Person {
  id: string;
  cookie: string;
}
interface OpsSite {
  id: string;
  manager: Person;
  supervisor: Person;
  cleaner: Person;
  guard: Person;
  tech: Person;
  zones: { washroom: string; hall: string; periphery: string };
  washroomCode: string;
  patrolCodes: string[];
  assetId: string;
  assetCode: string;
}

interface Action {
  at: number;
  run: () => Promise<void>;
}

export interface SiteOpsResult {
  dialect: string;
  sites: number;
  day: string;
  slots: {
    roundsDue: number;
    roundsCreated: number;
    roundsTwice: number;
    patrolsDue: number;
    patrolsCreated: number;
    patrolsTwice: number;
    repairSlaDue: number;
    repairSlaCreated: number;
  };
  alerts: { kind: string; expected: number; raised: number; onTime: number }[];
  timers: { fired: number; worstLatenessMs: number; failed: number };
  actions: { scans: number; confirms: number; repairs: number; arrivals: number; failed: number; errors: string[] };
  cpuS: number;
  wallS: number;
  peakRssMb: number;
  setupS: number;
}

function rng(seed: number) {
  // Deterministic, so a rerun simulates the same day.
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Resets the kernel's peak-RSS mark, so each dialect's day reports its own peak. */
function resetPeakRss(): void {
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    // Not Linux, or not allowed: the peak then covers the whole process.
  }
}

function peakRssMb(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : process.memoryUsage().rss / 1048576;
}

async function seedSites(
  db: Kysely<DB>,
  count: number,
  now: number,
): Promise<Omit<OpsSite, 'washroomCode' | 'patrolCodes' | 'assetId' | 'assetCode'>[]> {
  const companyId = newId();
  await db.insertInto('companies').values({ id: companyId, name: '压测物业', created_at: now }).execute();
  const out: Omit<OpsSite, 'washroomCode' | 'patrolCodes' | 'assetId' | 'assetCode'>[] = [];
  // Sessions are written straight in: 1000 argon2 logins would only measure argon2.
  const person = async (trx: Kysely<DB>, siteId: string, login: string, name: string, role: Role, postId: string | null): Promise<Person> => {
    const id = newId();
    await trx
      .insertInto('people')
      .values({
        id,
        company_id: companyId,
        login,
        name,
        phone: null,
        password_hash: 'bench-no-login',
        locale: 'zh-CN',
        is_company_admin: 0,
        is_active: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await trx.insertInto('site_members').values({ site_id: siteId, person_id: id, role, created_at: now }).execute();
    if (postId) await trx.insertInto('post_assignments').values({ post_id: postId, person_id: id, site_id: siteId, created_at: now }).execute();
    const token = crypto.randomBytes(32).toString('base64url');
    await trx
      .insertInto('sessions')
      .values({ id: hashToken(token), person_id: id, created_at: now, expires_at: now + 30 * 86_400_000, last_seen_at: now })
      .execute();
    return { id, cookie: `${SESSION_COOKIE}=${token}` };
  };
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < count; i++) {
      const siteId = newId();
      await trx
        .insertInto('sites')
        .values({
          id: siteId,
          company_id: companyId,
          name: `压测售楼处 ${i}`,
          address: `杭州市压测路 ${i} 号`,
          time_zone: TZ,
          opening_hours: JSON.stringify(HOURS),
          created_at: now,
          updated_at: now,
        })
        .execute();
      const zones = { washroom: newId(), hall: newId(), periphery: newId() };
      await trx
        .insertInto('zones')
        .values([
          { id: zones.washroom, site_id: siteId, kind: 'WASHROOM', name: '洗手间', capacity: null, created_at: now, updated_at: now },
          { id: zones.hall, site_id: siteId, kind: 'SALES_HALL', name: '销售大厅', capacity: 40, created_at: now, updated_at: now },
          { id: zones.periphery, site_id: siteId, kind: 'PERIPHERY', name: '外围', capacity: null, created_at: now, updated_at: now },
        ])
        .execute();
      const posts = { CLEAN: newId(), SECURITY: newId(), TECH: newId() };
      await trx
        .insertInto('posts')
        .values([
          { id: posts.CLEAN, site_id: siteId, kind: 'CLEAN', name: '保洁岗', zone_id: zones.washroom, created_at: now, updated_at: now },
          { id: posts.SECURITY, site_id: siteId, kind: 'SECURITY', name: '秩序维护岗', zone_id: zones.periphery, created_at: now, updated_at: now },
          { id: posts.TECH, site_id: siteId, kind: 'TECH', name: '工程维修岗', zone_id: null, created_at: now, updated_at: now },
        ])
        .execute();
      out.push({
        id: siteId,
        zones,
        manager: await person(trx, siteId, `ops-manager-${i}`, `经理 ${i}`, 'site_manager', null),
        supervisor: await person(trx, siteId, `ops-supervisor-${i}`, `主管 ${i}`, 'supervisor', null),
        cleaner: await person(trx, siteId, `ops-clean-${i}`, `保洁 ${i}`, 'staff', posts.CLEAN),
        guard: await person(trx, siteId, `ops-guard-${i}`, `秩序 ${i}`, 'staff', posts.SECURITY),
        tech: await person(trx, siteId, `ops-tech-${i}`, `工程 ${i}`, 'staff', posts.TECH),
      });
    }
  });
  return out;
}

class Api {
  failed = 0;
  readonly errors: string[] = [];
  constructor(private readonly app: App) {}
  async call<T>(who: Person, method: 'POST' | 'GET', url: string, body?: unknown): Promise<T | null> {
    const res = await this.app.inject({
      method,
      url: `/api${url}`,
      headers: { cookie: who.cookie },
      ...(body === undefined ? {} : { payload: body as object }),
    });
    if (res.statusCode >= 300) {
      this.failed++;
      if (this.errors.length < 10) this.errors.push(`${method} ${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      return null;
    }
    return res.json<T>();
  }
  async must<T>(who: Person, method: 'POST' | 'GET', url: string, body?: unknown): Promise<T> {
    const got = await this.call<T>(who, method, url, body);
    if (got === null) throw new Error(`setup failed: ${this.errors.at(-1)}`);
    return got;
  }
}

/** Checkpoints, the patrol route and schedule, the round schedules and an asset: through the API, as a manager would. */
async function configureSite(api: Api, s: Omit<OpsSite, 'washroomCode' | 'patrolCodes' | 'assetId' | 'assetCode'>): Promise<OpsSite> {
  const base = `/sites/${s.id}`;
  const checkpoint = (zoneId: string, nameZh: string, nameEn: string) =>
    api.must<{ id: string; code: string }>(s.manager, 'POST', `${base}/checkpoints`, { id: newId(), zoneId, nameZh, nameEn });
  const washroom = await checkpoint(s.zones.washroom, '洗手间', 'Washroom');
  const patrol = [
    await checkpoint(s.zones.periphery, '北门', 'North gate'),
    await checkpoint(s.zones.periphery, '停车场', 'Car park'),
    await checkpoint(s.zones.hall, '大厅', 'Hall'),
    await checkpoint(s.zones.periphery, '南门', 'South gate'),
  ];
  const route = await api.must<{ id: string }>(s.manager, 'POST', `${base}/patrol-routes`, {
    id: newId(),
    nameZh: '外围巡视',
    nameEn: 'Perimeter patrol',
    stops: patrol.map((c, i) => ({ checkpointId: c.id, plannedMinute: PATROL.stops[i]! })),
  });
  await api.must(s.manager, 'POST', `${base}/patrol-schedules`, {
    id: newId(),
    routeId: route.id,
    postKind: 'SECURITY',
    kind: 'every',
    everyMinutes: PATROL.everyMinutes,
    graceMinutes: PATROL.graceMinutes,
  });
  await api.must(s.manager, 'POST', `${base}/round-schedules`, {
    id: newId(),
    postKind: 'CLEAN',
    itemId: null,
    labelZh: '洗手间巡查',
    labelEn: 'Washroom round',
    recurrence: { kind: 'interval', everyMinutes: WASHROOM.everyMinutes },
    graceMinutes: WASHROOM.graceMinutes,
    proof: 'scan',
    checkpointId: washroom.id,
  });
  await api.must(s.manager, 'POST', `${base}/round-schedules`, {
    id: newId(),
    postKind: 'CLEAN',
    itemId: null,
    labelZh: '开门前全面清洁',
    labelEn: 'Full clean before opening',
    recurrence: { kind: 'before_open', minutesBeforeOpen: FULL_CLEAN.minutesBeforeOpen },
    graceMinutes: FULL_CLEAN.graceMinutes,
    proof: 'tap',
  });
  const asset = await api.must<{ id: string; code: string }>(s.manager, 'POST', `${base}/assets`, {
    id: newId(),
    zoneId: s.zones.hall,
    category: 'air_conditioning',
    nameZh: '大厅空调',
    nameEn: 'Hall air conditioning',
    model: 'KFR-72LW',
    locationNote: '',
    installedOn: null,
  });
  return { ...s, washroomCode: washroom.code, patrolCodes: patrol.map((c) => c.code), assetId: asset.id, assetCode: asset.code };
}

async function runDialect(dialect: 'sqlite' | 'postgres', sites: number): Promise<SiteOpsResult> {
  let scratch: ScratchDatabase | null = null;
  let dir: string | null = null;
  const env: Record<string, string> = { LOG_LEVEL: 'silent', SEED_DEMO: 'false', WEB_DIST_DIR: '/nonexistent' };
  if (dialect === 'postgres') {
    scratch = await createScratchDatabase();
    env.DATABASE_URL = scratch.url;
  } else {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anchang-ops-'));
    env.SQLITE_FILE = path.join(dir, 'ops.db');
  }
  const config = loadConfig(env);
  let database: Database | null = null;
  let app: App | null = null;
  try {
    database = await openDatabase(config);
    await migrateToLatest(database.db);
    const open = instantAt(DAY, HOURS.open, TZ);
    // Configured the evening before: the day's plans are made by the server's own timers at midnight.
    const clock = new ManualClock(instantAt(addDays(DAY, -1), '20:00', TZ));
    app = await buildApp({ config, database, clock, logger: false });
    await app.ready();
    const { timers, events } = app.services;
    const api = new Api(app);
    const db = database.db;

    const setupStart = performance.now();
    const seeded = await seedSites(db, sites, clock.now());
    const configured: OpsSite[] = [];
    for (const s of seeded) configured.push(await configureSite(api, s));
    const setupS = (performance.now() - setupStart) / 1000;

    // ---- what the planners say is due, computed here ----
    const roundSlots = [
      ...slotsFor({ recurrence: { kind: 'interval', everyMinutes: WASHROOM.everyMinutes } }, DAY, TZ, HOURS),
      ...slotsFor({ recurrence: { kind: 'before_open', minutesBeforeOpen: FULL_CLEAN.minutesBeforeOpen } }, DAY, TZ, HOURS),
    ];
    const washroomSlots = slotsFor({ recurrence: { kind: 'interval', everyMinutes: WASHROOM.everyMinutes } }, DAY, TZ, HOURS);
    const patrolStarts = patrolSlotsFor(
      { kind: 'every', everyMinutes: PATROL.everyMinutes, times: [], graceMinutes: PATROL.graceMinutes },
      DAY,
      TZ,
      HOURS,
    );

    // ---- the staff's day ----
    const random = rng(20261201);
    const actions: Action[] = [];
    const expected = { round: 0, patrol: 0, repair: 0 };
    const counts = { scans: 0, confirms: 0, repairs: 0, arrivals: 0 };
    for (const s of configured) {
      for (const slot of washroomSlots) {
        if (random() < 0.9) {
          const at = slot.dueAt + Math.floor(random() * WASHROOM.graceMinutes) * 60_000;
          actions.push({
            at,
            run: async () => void ((await api.call(s.cleaner, 'POST', '/scans', { id: newId(), code: s.washroomCode })) && counts.scans++),
          });
        } else expected.round++;
      }
      const fullCleanDue = open - FULL_CLEAN.minutesBeforeOpen * 60_000;
      if (random() < 0.8) {
        actions.push({
          at: fullCleanDue + 5 * 60_000,
          run: async () => {
            const day = await api.call<{ slots: { id: string; dueAt: number; proof: string }[] }>(
              s.cleaner,
              'GET',
              `/sites/${s.id}/rounds/day?date=${DAY}`,
            );
            const slot = day?.slots.find((x) => x.proof === 'tap' && x.dueAt === fullCleanDue);
            if (slot && (await api.call(s.cleaner, 'POST', `/sites/${s.id}/round-slots/${slot.id}/confirm`, {}))) counts.confirms++;
          },
        });
      } else expected.round++;
      for (const start of patrolStarts) {
        const skip = random() < 0.15 ? 1 + Math.floor(random() * (PATROL.stops.length - 1)) : -1;
        if (skip >= 0) expected.patrol++;
        PATROL.stops.forEach((minute, i) => {
          if (i === skip) return;
          actions.push({
            at: start + minute * 60_000,
            run: async () => void ((await api.call(s.guard, 'POST', '/scans', { id: newId(), code: s.patrolCodes[i] })) && counts.scans++),
          });
        });
      }
      for (let r = 0; r < REPAIRS_PER_SITE; r++) {
        const at = open + Math.floor(random() * 8 * 60) * 60_000;
        const reached = r < REPAIRS_PER_SITE - 1;
        if (!reached) expected.repair += 2;
        const id = newId();
        actions.push({
          at,
          run: async () => {
            if (await api.call(s.cleaner, 'POST', `/sites/${s.id}/work-orders`, { id, assetId: s.assetId, description: '空调不制冷' }))
              counts.repairs++;
          },
        });
        if (reached) {
          actions.push({ at: at + 60_000, run: async () => void (await api.call(s.tech, 'POST', `/sites/${s.id}/work-orders/${id}/accept`)) });
          actions.push({
            at: at + 3 * 60_000,
            run: async () =>
              void ((await api.call(s.tech, 'POST', `/sites/${s.id}/work-orders/${id}/arrive`, { code: s.assetCode })) && counts.arrivals++),
          });
        }
      }
    }
    actions.sort((a, b) => a.at - b.at);

    // ---- alerts, as the phones and the console would get them ----
    const alerts: { type: string; at: number; payload: Record<string, unknown> }[] = [];
    events.subscribe((e: RealtimeEvent) => {
      if (e.type === 'round.slot_missed' || e.type === 'work_order.escalated') alerts.push({ type: e.type, at: e.at, payload: e.payload });
      else if (e.type === 'patrol.round_changed') {
        const p = e.payload as { status: string };
        if (p.status === 'missed' || p.status === 'done_late') alerts.push({ type: e.type, at: e.at, payload: e.payload });
      }
    });

    // ---- the day ----
    const end = instantAt(addDays(DAY, 1), '00:00', TZ) - 1;
    resetPeakRss();
    const cpu0 = process.cpuUsage();
    const wall0 = performance.now();
    let fired = 0;
    let next = 0;
    for (;;) {
      const due = await db
        .selectFrom('timers')
        .select((eb) => eb.fn.min<number>('due_at').as('at'))
        .where('status', '=', 'pending')
        .executeTakeFirst();
      const timerAt = due?.at === null || due?.at === undefined ? Infinity : Number(due.at);
      const actionAt = actions[next]?.at ?? Infinity;
      const at = Math.min(timerAt, actionAt);
      if (at > end) break;
      clock.set(Math.max(clock.now(), at));
      if (timerAt <= actionAt) fired += await timers.runDue(1_000_000);
      else while (actions[next] && actions[next]!.at <= clock.now()) await actions[next++]!.run();
    }
    const cpu = process.cpuUsage(cpu0);
    const wallS = (performance.now() - wall0) / 1000;

    // ---- what the server stored ----
    const siteIds = configured.map((s) => s.id);
    const one = async (q: Promise<{ n: number | string | bigint | null } | undefined>) => Number((await q)?.n ?? 0);
    const roundsCreated = await one(
      db
        .selectFrom('round_slots')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('local_date', '=', DAY)
        .where('weather_id', 'is', null)
        .executeTakeFirst(),
    );
    const roundsDistinct = await one(
      db
        .selectFrom(
          db
            .selectFrom('round_slots')
            .select(['schedule_id', 'due_at'])
            .where('local_date', '=', DAY)
            .where('weather_id', 'is', null)
            .groupBy(['schedule_id', 'due_at'])
            .as('d'),
        )
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst(),
    );
    const patrolsCreated = await one(
      db
        .selectFrom('patrol_rounds')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('date', '=', DAY)
        .executeTakeFirst(),
    );
    const patrolsDistinct = await one(
      db
        .selectFrom(
          db.selectFrom('patrol_rounds').select(['schedule_id', 'slot_start']).where('date', '=', DAY).groupBy(['schedule_id', 'slot_start']).as('d'),
        )
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst(),
    );
    const repairSlaCreated = await one(
      db
        .selectFrom('timers')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('kind', 'like', 'repair%')
        .executeTakeFirst(),
    );
    const lateness = await db
      .selectFrom('timers')
      .select((eb) => [eb.fn.max<number>(sql<number>`fired_at - due_at`).as('worst'), eb.fn.countAll<number>().as('n')])
      .where('status', '=', 'done')
      .executeTakeFirst();
    const failedTimers = await one(
      db
        .selectFrom('timers')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'failed')
        .executeTakeFirst(),
    );

    // On time: each alert at the instant its rule names, read back from the rows it concerns.
    const slotEnds = new Map(
      (await db.selectFrom('round_slots').select(['id', 'grace_ends_at']).where('local_date', '=', DAY).execute()).map((r) => [
        r.id,
        Number(r.grace_ends_at),
      ]),
    );
    const roundCloses = new Map(
      (await db.selectFrom('patrol_rounds').select(['id', 'closes_at']).where('date', '=', DAY).execute()).map((r) => [r.id, Number(r.closes_at)]),
    );
    const reported = new Map(
      (await db.selectFrom('work_orders').select(['id', 'reported_at']).where('site_id', 'in', siteIds).execute()).map((r) => [
        r.id,
        Number(r.reported_at),
      ]),
    );
    const tally = (type: string, expectedCount: number, dueOf: (a: (typeof alerts)[number]) => number | undefined) => {
      const of = alerts.filter((a) => a.type === type);
      return { kind: type, expected: expectedCount, raised: of.length, onTime: of.filter((a) => dueOf(a) === a.at).length };
    };
    const result: SiteOpsResult = {
      dialect,
      sites,
      day: DAY,
      slots: {
        roundsDue: roundSlots.length * sites,
        roundsCreated,
        roundsTwice: roundsCreated - roundsDistinct,
        patrolsDue: patrolStarts.length * sites,
        patrolsCreated,
        patrolsTwice: patrolsCreated - patrolsDistinct,
        repairSlaDue: 2 * REPAIRS_PER_SITE * sites,
        repairSlaCreated,
      },
      alerts: [
        tally('round.slot_missed', expected.round, (a) => slotEnds.get(a.payload.slotId as string)),
        tally('patrol.round_changed', expected.patrol, (a) => roundCloses.get(a.payload.roundId as string)),
        tally('work_order.escalated', expected.repair, (a) => {
          const r = reported.get(a.payload.workOrderId as string);
          return r === undefined ? undefined : r + (a.payload.level as number) * ARRIVAL_MINUTES * 60_000;
        }),
      ],
      timers: { fired, worstLatenessMs: Number(lateness?.worst ?? 0), failed: failedTimers },
      actions: { ...counts, failed: api.failed, errors: api.errors },
      cpuS: (cpu.user + cpu.system) / 1e6,
      wallS,
      peakRssMb: peakRssMb(),
      setupS,
    };
    return result;
  } finally {
    await app?.close();
    await database?.close();
    await scratch?.drop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function renderSiteOps(r: SiteOpsResult): string {
  const ok = (b: boolean) => (b ? 'PASS' : 'FAIL');
  const s = r.slots;
  const lines = [
    `${r.dialect}: ${r.sites} sites, simulated ${r.day} (setup ${r.setupS.toFixed(1)} s)`,
    `  washroom + full-clean slots  due ${s.roundsDue}, created ${s.roundsCreated}, twice ${s.roundsTwice}   ${ok(s.roundsDue === s.roundsCreated && s.roundsTwice === 0)}`,
    `  patrol rounds                due ${s.patrolsDue}, created ${s.patrolsCreated}, twice ${s.patrolsTwice}   ${ok(s.patrolsDue === s.patrolsCreated && s.patrolsTwice === 0)}`,
    `  repair SLA timers            due ${s.repairSlaDue}, created ${s.repairSlaCreated}   ${ok(s.repairSlaDue === s.repairSlaCreated)}`,
    ...r.alerts.map(
      (a) =>
        `  alerts ${a.kind.padEnd(22)} expected ${a.expected}, raised ${a.raised}, at their instant ${a.onTime}   ${ok(a.expected === a.raised && a.raised === a.onTime)}`,
    ),
    `  timers fired ${r.timers.fired}, failed ${r.timers.failed}, worst lateness ${r.timers.worstLatenessMs} ms`,
    `  staff actions: ${r.actions.scans} scans, ${r.actions.confirms} confirmations, ${r.actions.repairs} repairs, ${r.actions.arrivals} arrivals, ${r.actions.failed} refused`,
    ...r.actions.errors.map((e) => `    ${e}`),
    `  per simulated day: CPU ${r.cpuS.toFixed(1)} s (wall ${r.wallS.toFixed(1)} s), peak RSS ${r.peakRssMb.toFixed(0)} MB`,
  ];
  return lines.join('\n');
}

export function siteOpsPassed(r: SiteOpsResult): boolean {
  const s = r.slots;
  return (
    s.roundsDue === s.roundsCreated &&
    s.roundsTwice === 0 &&
    s.patrolsDue === s.patrolsCreated &&
    s.patrolsTwice === 0 &&
    s.repairSlaDue === s.repairSlaCreated &&
    r.alerts.every((a) => a.expected === a.raised && a.raised === a.onTime) &&
    r.timers.failed === 0 &&
    r.actions.failed === 0
  );
}

export async function benchSiteOps(opts: SiteOpsOptions): Promise<SiteOpsResult[]> {
  const results: SiteOpsResult[] = [];
  for (const dialect of opts.dialects) {
    const r = await runDialect(dialect, opts.sites);
    console.log(renderSiteOps(r));
    results.push(r);
  }
  return results;
}
