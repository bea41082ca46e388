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
 * What is due is computed here INDEPENDENTLY of the server: `referenceDay` below is plain
 * arithmetic on the schedules' parameters (Asia/Shanghai is UTC+8 all year, so a wall time is
 * `Date.UTC(...) - 8 h`); it imports neither the server's planners (`slotsFor`, `patrolSlotsFor`)
 * nor its site-time helpers, so a wrong planner cannot agree with itself. Every alert instant is
 * expected from the same reference and from the staff actions the bench chose to skip (a slot's
 * grace end, a round's close, the bench's own report instant + 5 and + 10 minutes), never read back
 * from the server's rows.
 *
 * Printed: slots due (the reference) against the rows the server stored for the day at the same
 * instants (and how many twice), repair SLA timers due against those stored at report + 5/10 min,
 * alerts expected and raised, raised at the instant the reference names, timers fired and their worst
 * lateness, and the process's CPU time and peak memory for the day.
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

const MINUTE = 60_000;

/**
 * The reference for the simulated day: what must be planned, by plain arithmetic on the constants
 * above, deliberately sharing no code with the server (see the header). Asia/Shanghai keeps UTC+8
 * all year (no daylight saving since 1991), which is what lets it be this simple.
 */
function shanghaiInstant(day: string, hhmm: string): number {
  const [y, mo, d] = day.split('-').map(Number) as [number, number, number];
  const [h, mi] = hhmm.split(':').map(Number) as [number, number];
  return Date.UTC(y, mo - 1, d, h, mi) - 8 * 60 * MINUTE;
}

interface ReferenceDay {
  open: number;
  /** The site's midnight ending the day. */
  end: number;
  washroom: { dueAt: number; graceEndsAt: number }[];
  fullClean: { dueAt: number; graceEndsAt: number };
  patrols: { start: number; closesAt: number }[];
}

function referenceDay(): ReferenceDay {
  const open = shanghaiInstant(DAY, HOURS.open);
  const close = shanghaiInstant(DAY, HOURS.close);
  const washroom: ReferenceDay['washroom'] = [];
  // Every N minutes from opening, the last one starting before closing.
  for (let t = open; t < close; t += WASHROOM.everyMinutes * MINUTE) washroom.push({ dueAt: t, graceEndsAt: t + WASHROOM.graceMinutes * MINUTE });
  const fullCleanDue = open - FULL_CLEAN.minutesBeforeOpen * MINUTE;
  const patrols: ReferenceDay['patrols'] = [];
  // A round closes at its last stop's planned minute plus the grace.
  const lastStop = Math.max(...PATROL.stops);
  for (let t = open; t < close; t += PATROL.everyMinutes * MINUTE)
    patrols.push({ start: t, closesAt: t + (lastStop + PATROL.graceMinutes) * MINUTE });
  return {
    open,
    end: shanghaiInstant(DAY, '00:00') + 24 * 60 * MINUTE,
    washroom,
    fullClean: { dueAt: fullCleanDue, graceEndsAt: fullCleanDue + FULL_CLEAN.graceMinutes * MINUTE },
    patrols,
  };
}

/** How many of `got` match an entry of `want`, each entry matched at most once (a multiset intersection). */
function countMatching(want: readonly string[], got: readonly string[]): number {
  const left = new Map<string, number>();
  for (const k of want) left.set(k, (left.get(k) ?? 0) + 1);
  let n = 0;
  for (const k of got) {
    const c = left.get(k) ?? 0;
    if (c > 0) {
      left.set(k, c - 1);
      n++;
    }
  }
  return n;
}

type AlertKind = 'round.slot_missed' | 'patrol.round_changed' | 'work_order.escalated';
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
    /** Stored rows whose site, due instant and grace end are those the reference planned. */
    roundsAsPlanned: number;
    roundsTwice: number;
    patrolsDue: number;
    patrolsCreated: number;
    /** Stored rounds whose site, start and close are those the reference planned. */
    patrolsAsPlanned: number;
    patrolsTwice: number;
    repairSlaDue: number;
    repairSlaCreated: number;
    /** Stored SLA timers for a repair the bench reported, due at its report + level × 5 minutes. */
    repairSlaAsPlanned: number;
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
  const person = async (
    trx: Kysely<DB>,
    siteId: string,
    login: string,
    name: string,
    role: Role,
    post: { id: string; kind: string } | null,
  ): Promise<Person> => {
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
    if (post)
      await trx
        .insertInto('post_assignments')
        .values({ post_id: post.id, post_kind: post.kind, person_id: id, site_id: siteId, created_at: now })
        .execute();
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
        cleaner: await person(trx, siteId, `ops-clean-${i}`, `保洁 ${i}`, 'staff', { id: posts.CLEAN, kind: 'CLEAN' }),
        guard: await person(trx, siteId, `ops-guard-${i}`, `秩序 ${i}`, 'staff', { id: posts.SECURITY, kind: 'SECURITY' }),
        tech: await person(trx, siteId, `ops-tech-${i}`, `工程 ${i}`, 'staff', { id: posts.TECH, kind: 'TECH' }),
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
    const plan = referenceDay();
    const open = plan.open;
    // Configured the evening before (20:00, four hours before the day's midnight): the day's plans are
    // made by the server's own timers at midnight.
    const clock = new ManualClock(plan.end - 28 * 60 * MINUTE);
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

    // ---- what is due: the reference's plan; the alerts it must raise are added below as staff skip actions ----
    const washroomSlots = plan.washroom;
    const patrolStarts = plan.patrols;
    /** Per kind, keys `siteId|instant|detail` of the alerts the server must raise, each once, at that instant. */
    const expectedAlerts: Record<AlertKind, string[]> = { 'round.slot_missed': [], 'patrol.round_changed': [], 'work_order.escalated': [] };
    /** `workOrderId|level|dueAt` of every SLA timer the server must store. */
    const expectedSlaTimers: string[] = [];

    // ---- the staff's day ----
    const random = rng(20261201);
    const actions: Action[] = [];
    const counts = { scans: 0, confirms: 0, repairs: 0, arrivals: 0 };
    for (const s of configured) {
      for (const slot of washroomSlots) {
        if (random() < 0.9) {
          const at = slot.dueAt + Math.floor(random() * WASHROOM.graceMinutes) * 60_000;
          actions.push({
            at,
            run: async () => void ((await api.call(s.cleaner, 'POST', '/scans', { id: newId(), code: s.washroomCode })) && counts.scans++),
          });
        } else expectedAlerts['round.slot_missed'].push(`${s.id}|${slot.graceEndsAt}`);
      }
      const fullCleanDue = plan.fullClean.dueAt;
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
      } else {
        // Keyed as any slot's alert: the event names its slot by id only, so where and when are all there is to match.
        expectedAlerts['round.slot_missed'].push(`${s.id}|${plan.fullClean.graceEndsAt}`);
      }
      for (const { start, closesAt } of patrolStarts) {
        const skip = random() < 0.15 ? 1 + Math.floor(random() * (PATROL.stops.length - 1)) : -1;
        // A checkpoint left out: the round is judged missed when it closes.
        if (skip >= 0) expectedAlerts['patrol.round_changed'].push(`${s.id}|${closesAt}|missed`);
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
        const id = newId();
        // The report is taken at `at` (the clock is set there), so TECH-3's deadlines are at + 5 and + 10 minutes.
        for (const level of [1, 2]) {
          const dueAt = at + level * ARRIVAL_MINUTES * MINUTE;
          expectedSlaTimers.push(`${id}|${level}|${dueAt}`);
          if (!reached) expectedAlerts['work_order.escalated'].push(`${s.id}|${dueAt}|${id}|${level}`);
        }
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
    // Each raised alert as the same key the reference expects: where, when and what it names.
    const raised: Record<AlertKind, string[]> = { 'round.slot_missed': [], 'patrol.round_changed': [], 'work_order.escalated': [] };
    events.subscribe((e: RealtimeEvent) => {
      if (e.type === 'round.slot_missed') {
        // The event names the slot by id only (every member of the room may read it): its
        // instant is the end of the slot's grace, one per slot of the site's one schedule.
        raised[e.type].push(`${e.siteId}|${e.at}`);
      } else if (e.type === 'work_order.escalated') {
        const p = e.payload as RealtimeEvent<'work_order.escalated'>['payload'];
        raised[e.type].push(`${e.siteId}|${e.at}|${p.workOrderId}|${p.level}`);
      } else if (e.type === 'patrol.round_changed') {
        // The bench walks every stop it does not skip on time, so a late round is as wrong as a missed one.
        const p = e.payload as RealtimeEvent<'patrol.round_changed'>['payload'];
        if (p.status === 'missed' || p.status === 'done_late') raised[e.type].push(`${e.siteId}|${e.at}|${p.status}`);
      }
    });

    // ---- the day ----
    const end = plan.end - 1;
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

    // ---- what the server stored, against the reference ----
    const siteIds = new Set(configured.map((s) => s.id));
    const roundRows = (
      await db
        .selectFrom('round_slots')
        .select(['site_id', 'schedule_id', 'due_at', 'grace_ends_at'])
        .where('local_date', '=', DAY)
        .where('weather_id', 'is', null)
        .execute()
    ).filter((r) => siteIds.has(r.site_id));
    const patrolRows = (
      await db.selectFrom('patrol_rounds').select(['site_id', 'schedule_id', 'slot_start', 'closes_at']).where('date', '=', DAY).execute()
    ).filter((r) => siteIds.has(r.site_id));
    const slaRows = await db.selectFrom('timers').select(['payload', 'due_at']).where('kind', 'like', 'repair%').execute();
    const distinct = (keys: string[]) => new Set(keys).size;
    const roundsWanted = configured.flatMap((s) => [...plan.washroom, plan.fullClean].map((x) => `${s.id}|${x.dueAt}|${x.graceEndsAt}`));
    const roundsGot = roundRows.map((r) => `${r.site_id}|${Number(r.due_at)}|${Number(r.grace_ends_at)}`);
    const patrolsWanted = configured.flatMap((s) => plan.patrols.map((x) => `${s.id}|${x.start}|${x.closesAt}`));
    const patrolsGot = patrolRows.map((r) => `${r.site_id}|${Number(r.slot_start)}|${Number(r.closes_at)}`);
    const slaGot = slaRows.map((r) => {
      const p = JSON.parse(r.payload) as { workOrderId?: string; level?: number };
      return `${p.workOrderId}|${p.level}|${Number(r.due_at)}`;
    });
    const lateness = await db
      .selectFrom('timers')
      .select((eb) => [eb.fn.max<number>(sql<number>`fired_at - due_at`).as('worst'), eb.fn.countAll<number>().as('n')])
      .where('status', '=', 'done')
      .executeTakeFirst();
    const failedTimers = Number(
      (
        await db
          .selectFrom('timers')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('status', '=', 'failed')
          .executeTakeFirst()
      )?.n ?? 0,
    );

    const tally = (kind: AlertKind) => ({
      kind,
      expected: expectedAlerts[kind].length,
      raised: raised[kind].length,
      onTime: countMatching(expectedAlerts[kind], raised[kind]),
    });
    const result: SiteOpsResult = {
      dialect,
      sites,
      day: DAY,
      slots: {
        roundsDue: roundsWanted.length,
        roundsCreated: roundsGot.length,
        roundsAsPlanned: countMatching(roundsWanted, roundsGot),
        // Twice: the same schedule's slot at the same instant stored more than once.
        roundsTwice: roundRows.length - distinct(roundRows.map((r) => `${r.schedule_id}|${Number(r.due_at)}`)),
        patrolsDue: patrolsWanted.length,
        patrolsCreated: patrolsGot.length,
        patrolsAsPlanned: countMatching(patrolsWanted, patrolsGot),
        patrolsTwice: patrolRows.length - distinct(patrolRows.map((r) => `${r.schedule_id}|${Number(r.slot_start)}`)),
        repairSlaDue: expectedSlaTimers.length,
        repairSlaCreated: slaGot.length,
        repairSlaAsPlanned: countMatching(expectedSlaTimers, slaGot),
      },
      alerts: [tally('round.slot_missed'), tally('patrol.round_changed'), tally('work_order.escalated')],
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
    `  washroom + full-clean slots  due ${s.roundsDue}, created ${s.roundsCreated}, as planned ${s.roundsAsPlanned}, twice ${s.roundsTwice}   ${ok(roundsPass(r))}`,
    `  patrol rounds                due ${s.patrolsDue}, created ${s.patrolsCreated}, as planned ${s.patrolsAsPlanned}, twice ${s.patrolsTwice}   ${ok(patrolsPass(r))}`,
    `  repair SLA timers            due ${s.repairSlaDue}, created ${s.repairSlaCreated}, as planned ${s.repairSlaAsPlanned}   ${ok(repairSlaPass(r))}`,
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

const roundsPass = ({ slots: s }: SiteOpsResult) => s.roundsDue === s.roundsCreated && s.roundsDue === s.roundsAsPlanned && s.roundsTwice === 0;
const patrolsPass = ({ slots: s }: SiteOpsResult) => s.patrolsDue === s.patrolsCreated && s.patrolsDue === s.patrolsAsPlanned && s.patrolsTwice === 0;
const repairSlaPass = ({ slots: s }: SiteOpsResult) => s.repairSlaDue === s.repairSlaCreated && s.repairSlaDue === s.repairSlaAsPlanned;

export function siteOpsPassed(r: SiteOpsResult): boolean {
  return (
    roundsPass(r) &&
    patrolsPass(r) &&
    repairSlaPass(r) &&
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
