/**
 * The month's close: BENCH_ASSESSMENT_SITES sales centers (200) × 15 people with three months of
 * records (September–November 2026: roster lines, shifts with their checklists, washroom rounds,
 * patrols, repairs, customer opinions, on-job trainings), written in bulk straight into the tables;
 * then the monthly close runs as its timer would on 1 December (`closePreviousMonths`): every
 * person's November computed and stored. Printed per dialect: the close's wall time and the
 * process's peak RSS during it, against the targets (60 s, 400 MB on the 2-core machine).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import type { Insertable, Kysely } from 'kysely';
import { buildApp } from '../server/src/app.js';
import { loadConfig } from '../server/src/config.js';
import { migrateToLatest, openDatabase, type Database } from '../server/src/db/create-db.js';
import type { DB } from '../server/src/db/schema.js';
import { closePreviousMonths } from '../server/src/modules/assessment/index.js';
import { adoptLibraryInto, toPostStandard } from '../server/src/modules/standards/index.js';
import { ManualClock } from '../server/src/platform/clock.js';
import { newId } from '../server/src/platform/ids.js';
import { inTransaction } from '../server/src/platform/tx.js';
import { createScratchDatabase, type ScratchDatabase } from './pg-database.js';

export interface AssessmentBenchOptions {
  sites: number;
  dialects: ('sqlite' | 'postgres')[];
}

export interface AssessmentBenchResult {
  dialect: 'sqlite' | 'postgres';
  sites: number;
  people: number;
  recordRows: number;
  seedS: number;
  closeS: number;
  peakRssMb: number;
  /** The process's RSS when the close began (after the seeding's garbage was collected). */
  rssBeforeMb: number;
  assessmentsStored: number;
  pass: boolean;
}

export const TARGET_CLOSE_S = 60;
export const TARGET_PEAK_RSS_MB = 400;
const PEOPLE_PER_POST = 3;
const POSTS = ['HALL', 'BAR', 'CLEAN', 'SECURITY', 'TECH'] as const;
const MONTHS = ['2026-09', '2026-10', '2026-11'] as const;
const HOUR = 3_600_000;
const MINUTE = 60_000;

/** Asia/Shanghai keeps UTC+8 all year: a wall time is plain arithmetic. */
const shanghai = (date: string, hhmm: string) => {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = hhmm.split(':').map(Number) as [number, number];
  return Date.UTC(y, mo - 1, d, h, mi) - 8 * HOUR;
};

const daysOf = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const n = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return Array.from({ length: n }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
};

/** A seeded generator, so both dialects get the same months. */
function seeded(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

async function insertAll<T extends keyof DB>(db: Kysely<DB>, table: T, rows: Insertable<DB[T]>[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0] as object).length;
  // Under SQLite's and PostgreSQL's bound-parameter limits.
  const chunk = Math.max(1, Math.floor(30_000 / columns));
  for (let i = 0; i < rows.length; i += chunk)
    await db
      .insertInto(table)
      .values(rows.slice(i, i + chunk))
      .execute();
}

/**
 * Collects the garbage the bulk writes left, so the peak measured is the close's and not the
 * seeding's: a server closing the month has not just built 800,000 rows in its own heap.
 */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as (() => void) | undefined;
  gc?.();
}

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

/** Writes one site's three months; returns how many record rows. */
async function seedSite(db: Kysely<DB>, companyId: string, index: number, now: number): Promise<number> {
  const random = seeded(index + 1);
  const siteId = newId(now);
  await db
    .insertInto('sites')
    .values({
      id: siteId,
      company_id: companyId,
      name: `售楼处 ${index + 1}`,
      address: '—',
      time_zone: 'Asia/Shanghai',
      opening_hours: JSON.stringify({ open: '09:00', close: '18:00', closedWeekdays: [] }),
      created_at: now,
      updated_at: now,
    })
    .execute();
  const zoneId = newId(now);
  await db
    .insertInto('zones')
    .values({ id: zoneId, site_id: siteId, kind: 'SALES_HALL', name: '大厅', capacity: 30, created_at: now, updated_at: now })
    .execute();
  await db.transaction().execute((trx) => adoptLibraryInto(trx, siteId, null, now));
  const versions = await db.selectFrom('standard_versions').selectAll().where('site_id', '=', siteId).execute();
  const versionOf = new Map(
    versions.map((v) => [
      v.post_kind,
      {
        id: v.id,
        pre: toPostStandard(v)
          .items.filter((i) => i.phase === 'PRE')
          .map((i) => i.id),
      },
    ]),
  );

  const posts = POSTS.map((kind) => ({ id: newId(now), site_id: siteId, kind, name: kind, zone_id: zoneId, created_at: now, updated_at: now }));
  await insertAll(db, 'posts', posts);
  const people = posts.flatMap((post) =>
    Array.from({ length: PEOPLE_PER_POST }, (_, k) => ({
      post,
      row: {
        id: newId(now),
        company_id: companyId,
        login: `s${index}-${post.kind}-${k}`.toLowerCase(),
        name: `${post.kind}${k + 1}`,
        phone: null,
        password_hash: 'x',
        locale: 'zh-CN',
        is_company_admin: 0,
        is_active: 1,
        created_at: now,
        updated_at: now,
      },
    })),
  );
  await insertAll(
    db,
    'people',
    people.map((p) => p.row),
  );
  await insertAll(
    db,
    'site_members',
    people.map((p) => ({ site_id: siteId, person_id: p.row.id, role: 'staff', created_at: now })),
  );
  const routeId = newId(now);
  const scheduleId = newId(now);
  await db
    .insertInto('patrol_routes')
    .values({ id: routeId, site_id: siteId, name_zh: '夜巡', name_en: 'Patrol', archived_at: null, created_at: now, updated_at: now })
    .execute();
  await db
    .insertInto('patrol_schedules')
    .values({
      id: scheduleId,
      site_id: siteId,
      route_id: routeId,
      post_kind: 'SECURITY',
      kind: 'fixed',
      every_minutes: null,
      times: '[]',
      grace_minutes: 15,
      active: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();

  const roster: Insertable<DB['roster_entries']>[] = [];
  const shifts: Insertable<DB['shifts']>[] = [];
  const results: Insertable<DB['checklist_results']>[] = [];
  const slots: Insertable<DB['round_slots']>[] = [];
  const patrols: Insertable<DB['patrol_rounds']>[] = [];
  const orders: Insertable<DB['work_orders']>[] = [];
  const opinions: Insertable<DB['customer_opinions']>[] = [];
  const training: Insertable<DB['training_records']>[] = [];
  for (const month of MONTHS) {
    for (const date of daysOf(month)) {
      const onDuty = new Map<string, string>();
      for (const [n, p] of people.entries()) {
        // Two days in three on duty, in turns.
        if ((n + Number(date.slice(8))) % 3 === 0) continue;
        onDuty.set(p.post.kind, p.row.id);
        const entryId = newId(now);
        roster.push({
          id: entryId,
          site_id: siteId,
          post_id: p.post.id,
          person_id: p.row.id,
          date,
          start_time: '09:00',
          end_time: '18:00',
          created_by: null,
          created_at: now,
        });
        if (random() < 0.04) continue; // a no-show
        const clockIn = shanghai(date, '09:00') + (random() < 0.1 ? 12 * MINUTE : -3 * MINUTE);
        const shiftId = newId(now);
        const version = versionOf.get(p.post.kind)!;
        shifts.push({
          id: shiftId,
          site_id: siteId,
          post_id: p.post.id,
          person_id: p.row.id,
          roster_entry_id: entryId,
          date,
          standard_version_id: version.id,
          status: 'closed',
          planned_start: '09:00',
          planned_end: '18:00',
          clock_in_at: clockIn,
          clock_in_received_at: clockIn,
          clock_in_location: null,
          clock_out_at: shanghai(date, '18:00'),
          left_with_guests: 0,
          guests_at_clock_out: null,
          leave_reason: null,
          debrief_attended: 1,
          created_at: clockIn,
        });
        for (const itemId of version.pre.slice(0, random() < 0.9 ? 3 : 1))
          results.push({
            id: newId(now),
            shift_id: shiftId,
            site_id: siteId,
            item_id: itemId,
            phase: 'PRE',
            result: 'ok',
            note: null,
            photo_id: null,
            recorded_at: clockIn,
            received_at: clockIn,
          });
      }
      for (let h = 9; h < 18; h++) {
        const dueAt = shanghai(date, `${String(h).padStart(2, '0')}:00`);
        const r = random();
        const status = r < 0.85 ? 'met' : r < 0.9 ? 'late' : 'missed';
        const by = status === 'missed' ? null : (onDuty.get('CLEAN') ?? null);
        slots.push({
          id: newId(now),
          site_id: siteId,
          schedule_id: null,
          weather_id: null,
          post_kind: 'CLEAN',
          item_id: 'CLEAN-2',
          label_zh: '卫生间巡视',
          label_en: 'Washroom round',
          proof: 'tap',
          checkpoint_id: null,
          local_date: date,
          due_at: dueAt,
          grace_ends_at: dueAt + 5 * MINUTE,
          status,
          proved_by: by,
          proved_by_name: null,
          proved_at: by ? dueAt + MINUTE : null,
          photo_id: null,
          decided_at: dueAt + 5 * MINUTE,
          created_at: now,
        });
      }
      for (const hhmm of ['10:00', '12:00', '14:00', '16:00']) {
        const start = shanghai(date, hhmm);
        const r = random();
        const status = r < 0.85 ? 'done' : r < 0.92 ? 'done_late' : 'missed';
        patrols.push({
          id: newId(now),
          site_id: siteId,
          route_id: routeId,
          schedule_id: scheduleId,
          post_kind: 'SECURITY',
          date,
          slot_start: start,
          closes_at: start + 30 * MINUTE,
          status,
          walker_id: status === 'missed' ? null : (onDuty.get('SECURITY') ?? null),
          created_at: now,
          updated_at: now,
        });
      }
      if (random() < 0.3 && onDuty.has('TECH')) {
        const reported = shanghai(date, '11:00');
        const arrived = reported + (random() < 0.8 ? 4 : 9) * MINUTE;
        orders.push({
          id: newId(now),
          site_id: siteId,
          zone_id: zoneId,
          asset_id: null,
          source: 'staff',
          anomaly_id: null,
          description: '空调不制冷',
          photo_id: null,
          after_photo_id: null,
          status: 'done',
          reported_by: null,
          technician_id: onDuty.get('TECH')!,
          reported_at: reported,
          accepted_at: reported + MINUTE,
          arrived_at: arrived,
          done_at: arrived + 20 * MINUTE,
          verified_at: null,
          arrival_deadline_at: reported + 5 * MINUTE,
          escalation_level: 0,
          pause_reason: null,
          done_note: null,
          updated_at: now,
        });
      }
      if (random() < 0.7) {
        const hall = onDuty.get('HALL');
        if (hall)
          opinions.push({
            id: newId(now),
            site_id: siteId,
            shift_id: null,
            post_id: posts[0]!.id,
            person_id: hall,
            date,
            category: random() < 0.1 ? 'problem' : 'opinion',
            text: '客户觉得样板间灯光偏暗',
            created_at: shanghai(date, '15:00'),
          });
      }
    }
    for (const p of people)
      if (random() < 0.9)
        training.push({
          id: newId(now),
          company_id: companyId,
          person_id: p.row.id,
          kind: 'on_job',
          topic: '客户服务技巧',
          completed_at: shanghai(`${month}-15`, '17:00'),
          recorded_by: null,
          site_id: siteId,
          session_id: null,
        });
  }
  await insertAll(db, 'roster_entries', roster);
  await insertAll(db, 'shifts', shifts);
  await insertAll(db, 'checklist_results', results);
  await insertAll(db, 'round_slots', slots);
  await insertAll(db, 'patrol_rounds', patrols);
  await insertAll(db, 'work_orders', orders);
  await insertAll(db, 'customer_opinions', opinions);
  await insertAll(db, 'training_records', training);
  return roster.length + shifts.length + results.length + slots.length + patrols.length + orders.length + opinions.length + training.length;
}

async function runDialect(dialect: 'sqlite' | 'postgres', sites: number): Promise<AssessmentBenchResult> {
  let scratch: ScratchDatabase | null = null;
  let dir: string | null = null;
  const env: Record<string, string> = { LOG_LEVEL: 'silent', SEED_DEMO: 'false', WEB_DIST_DIR: '/nonexistent' };
  if (dialect === 'postgres') {
    scratch = await createScratchDatabase();
    env.DATABASE_URL = scratch.url;
  } else {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anchang-assessment-'));
    env.SQLITE_FILE = path.join(dir, 'assessment.db');
  }
  const config = loadConfig(env);
  let database: Database | null = null;
  try {
    database = await openDatabase(config);
    await migrateToLatest(database.db);
    // 00:30 on 1 December in Shanghai: the close of November.
    const clock = new ManualClock(shanghai('2026-12-01', '00:30'));
    const app = await buildApp({ config, database, clock, logger: false });
    await app.ready();
    const db = database.db;
    const now = shanghai('2026-08-25', '10:00');
    const companyId = newId(now);
    await db.insertInto('companies').values({ id: companyId, name: 'Bench', created_at: now }).execute();
    const seedStart = performance.now();
    let recordRows = 0;
    for (let i = 0; i < sites; i++) {
      recordRows += await seedSite(db, companyId, i, now);
      if ((i + 1) % 50 === 0) console.log(`  ${dialect}: ${i + 1}/${sites} sites written`);
    }
    const seedS = (performance.now() - seedStart) / 1000;

    collectGarbage();
    const rssBeforeMb = process.memoryUsage().rss / 1048576;
    resetPeakRss();
    const closeStart = performance.now();
    const outcomes = await inTransaction(app.services.deps, (tx) => closePreviousMonths(tx));
    const closeS = (performance.now() - closeStart) / 1000;
    const peak = peakRssMb();
    const stored = await db
      .selectFrom('assessments')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('month', '=', '2026-11')
      .executeTakeFirstOrThrow();
    await app.close();
    const people = sites * POSTS.length * PEOPLE_PER_POST;
    const assessmentsStored = Number(stored.n);
    if (outcomes.length !== sites) throw new Error(`closed ${outcomes.length} sites of ${sites}`);
    return {
      dialect,
      sites,
      people,
      recordRows,
      seedS,
      closeS,
      peakRssMb: peak,
      rssBeforeMb,
      assessmentsStored,
      pass: closeS < TARGET_CLOSE_S && peak < TARGET_PEAK_RSS_MB && assessmentsStored === people,
    };
  } finally {
    await database?.close();
    await scratch?.drop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchAssessment(opts: AssessmentBenchOptions): Promise<AssessmentBenchResult[]> {
  const results: AssessmentBenchResult[] = [];
  for (const dialect of opts.dialects) {
    console.log(`\n${dialect}, the month's close:`);
    const r = await runDialect(dialect, opts.sites);
    console.log(
      `  ${r.sites} sites × ${r.people / r.sites} people, ${r.recordRows.toLocaleString('en')} record rows written in ${r.seedS.toFixed(1)} s\n` +
        `  close of November: ${r.assessmentsStored} assessments stored in ${r.closeS.toFixed(1)} s (target < ${TARGET_CLOSE_S} s), ` +
        `peak RSS ${r.peakRssMb.toFixed(0)} MB (target < ${TARGET_PEAK_RSS_MB} MB; ${r.rssBeforeMb.toFixed(0)} MB when it began)  ${r.pass ? 'PASS' : 'FAIL'}`,
    );
    results.push(r);
  }
  return results;
}
