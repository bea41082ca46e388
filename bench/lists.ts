/**
 * Lists stay flat as rows grow: every paginated list that grows with a site's history (visits,
 * audit, anomalies, work orders, patrol rounds, incidents, notifications, supply movements), read
 * on a site with BENCH_LISTS_SMALL_ROWS (1,000) rows per list and on one with BENCH_LISTS_ROWS
 * (100,000: about a year of a busy site's visits), in the same server, first page and a deep page
 * (the cursor three quarters of the way down the list, e.g. page 1,500 of 2,000 at 100,000 rows).
 * The rows are written in bulk straight into the tables (server/src/test/list-rows.ts) by this
 * process while the bench server runs on the same database. Judged: req/s on the big site over
 * req/s on the small one, ≥ 0.8 for every list and both pages.
 */
import SQLite from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../server/src/db/create-db.js';
import type { DB } from '../server/src/db/schema.js';
import { createListSite, seedListRows, type BulkInsert, type ListSite, type ListRowsPerson } from '../server/src/test/list-rows.js';
import { drive, logIn, type LoadOptions } from './load.js';
import { readCpu } from './server-process.js';

export const TARGET_LIST_RATIO = 0.8;
const PAGE = 50;
const DAY = 86_400_000;

export interface ListsOptions {
  smallRows: number;
  largeRows: number;
  /** Each point is measured this many times, small and big taking turns; the median counts. */
  rounds: number;
  load: LoadOptions;
}

export interface ListPoint {
  list: string;
  rows: number;
  page: 'first' | 'deep';
  /** 1 for the first page; the deep page's number when following the cursor from the first. */
  pageNumber: number;
  /** The median of the rounds. */
  requestsPerSec: number;
  rounds: number[];
  /** The server's CPU time per request (median of the rounds): less disturbed by other load than req/s. */
  serverUsPerRequest: number;
  latencyP99Ms: number;
  non2xx: number;
}

export interface ListRatio {
  list: string;
  page: 'first' | 'deep';
  small: number;
  large: number;
  ratio: number;
  /** Server CPU per request, small over large: the same ratio judged by the server's own work. */
  cpuRatio: number;
  pass: boolean;
}

export interface ListsResult {
  dialect: 'sqlite' | 'postgres';
  smallRows: number;
  largeRows: number;
  seedS: number;
  points: ListPoint[];
  ratios: ListRatio[];
  pass: boolean;
}

interface ListDef {
  name: string;
  table: 'visits' | 'audit_log' | 'anomalies' | 'work_orders' | 'patrol_rounds' | 'incidents' | 'notifications' | 'supply_movements';
  path: (siteId: string) => string;
  /** Patrol rounds page oldest first within a day; the others newest first. */
  direction: 'asc' | 'desc';
}

const site = (id: string) => `/api/sites/${encodeURIComponent(id)}`;
const LISTS: ListDef[] = [
  { name: 'visits', table: 'visits', path: (s) => `${site(s)}/visits`, direction: 'desc' },
  { name: 'audit', table: 'audit_log', path: (s) => `${site(s)}/audit`, direction: 'desc' },
  { name: 'anomalies', table: 'anomalies', path: (s) => `${site(s)}/anomalies`, direction: 'desc' },
  { name: 'work orders', table: 'work_orders', path: (s) => `${site(s)}/work-orders`, direction: 'desc' },
  { name: 'patrol rounds', table: 'patrol_rounds', path: (s) => `${site(s)}/patrol-rounds`, direction: 'asc' },
  { name: 'incidents', table: 'incidents', path: (s) => `${site(s)}/incidents`, direction: 'desc' },
  { name: 'notifications', table: 'notifications', path: (s) => `${site(s)}/notifications`, direction: 'desc' },
  { name: 'supply movements', table: 'supply_movements', path: (s) => `${site(s)}/supplies/movements`, direction: 'desc' },
];

/** Asia/Shanghai keeps UTC+8 all year. */
const shanghaiDate = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * Bulk writes straight through the drivers: a million rows through Kysely's multi-row insert take
 * minutes on a busy 2-core machine (its compile step walks every value). SQLite: one prepared
 * statement in transactions of 5,000 rows. PostgreSQL: one INSERT … SELECT FROM unnest(column arrays)
 * per 10,000 rows, commits not waiting for the disk (bench data can be made again).
 */
async function openBulkInsert(location: {
  databaseUrl: string | null;
  sqliteFile: string;
}): Promise<{ insert: BulkInsert; close: () => Promise<void> }> {
  if (!location.databaseUrl) {
    const file = new SQLite(location.sqliteFile);
    file.pragma('journal_mode = WAL');
    file.pragma('synchronous = NORMAL');
    file.pragma('busy_timeout = 10000');
    const insert: BulkInsert = async (table, rows) => {
      const first = rows[0];
      if (!first) return;
      const cols = Object.keys(first);
      const stmt = file.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
      const write = file.transaction((chunk: typeof rows) => {
        for (const r of chunk) stmt.run(cols.map((c) => (r as Record<string, unknown>)[c]));
      });
      for (let i = 0; i < rows.length; i += 5_000) {
        write(rows.slice(i, i + 5_000));
        // Between transactions the server's own writes (timers) get the lock.
        await new Promise((r) => setImmediate(r));
      }
    };
    return { insert, close: () => Promise.resolve(void file.close()) };
  }
  const client = new pg.Client({ connectionString: location.databaseUrl });
  await client.connect();
  await client.query('SET synchronous_commit = off');
  const types = new Map<string, Map<string, string>>();
  const insert: BulkInsert = async (table, rows) => {
    const first = rows[0];
    if (!first) return;
    if (!types.has(table)) {
      const res = await client.query<{ column_name: string; data_type: string }>(
        'SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1',
        [table],
      );
      types.set(table, new Map(res.rows.map((r) => [r.column_name, r.data_type])));
    }
    const colTypes = types.get(table)!;
    const cols = Object.keys(first);
    for (let i = 0; i < rows.length; i += 10_000) {
      const chunk = rows.slice(i, i + 10_000) as Record<string, unknown>[];
      await client.query(
        `INSERT INTO ${table} (${cols.join(', ')}) SELECT * FROM unnest(${cols.map((c, k) => `$${k + 1}::${colTypes.get(c) ?? 'text'}[]`).join(', ')})`,
        cols.map((c) => chunk.map((r) => r[c] ?? null)),
      );
    }
  };
  return { insert, close: () => client.end() };
}

interface SeededSite {
  rows: number;
  site: ListSite;
}

/** Writes both sites' rows; returns them with the reader. */
async function seed(
  db: Kysely<DB>,
  dialect: 'sqlite' | 'postgres',
  sizes: number[],
  endMs: number,
  insert: BulkInsert,
): Promise<{ sites: SeededSite[]; reader: ListRowsPerson }> {
  const manager = await db.selectFrom('people').select(['id', 'name', 'company_id']).where('login', '=', 'manager').executeTakeFirstOrThrow();
  const other = await db
    .selectFrom('people')
    .select(['id', 'name'])
    .where('company_id', '=', manager.company_id)
    .where('id', '!=', manager.id)
    .orderBy('id')
    .limit(1)
    .executeTakeFirstOrThrow();
  const sites: SeededSite[] = [];
  for (const rows of sizes) {
    const s = await createListSite(db, { companyId: manager.company_id, member: manager, name: `列表 ${rows}`, now: endMs - 2 * 365 * DAY });
    await seedListRows(db, s, { rows, endMs, companyId: manager.company_id, person: manager, other, insert });
    sites.push({ rows, site: s });
  }
  // PostgreSQL plans from statistics: autovacuum gathers them within a minute of such a load, and a
  // year of rows arrives over a year. SQLite keeps none (the server never runs ANALYZE), as in production.
  if (dialect === 'postgres') await sql`ANALYZE`.execute(db);
  return { sites, reader: manager };
}

/** The cursor of the page three quarters down the list (computed from the table: the bench may read it). */
async function deepCursor(
  db: Kysely<DB>,
  list: ListDef,
  siteId: string,
  date: string,
  readerId: string,
): Promise<{ cursor: string; pageNumber: number }> {
  let q = db.selectFrom(list.table).select('id').where('site_id', '=', siteId);
  if (list.table === 'patrol_rounds') q = q.where(sql.ref('date'), '=', date);
  if (list.table === 'notifications')
    q = q.where((eb) =>
      eb.or([eb(sql.ref('to_person_id'), 'is', null), eb(sql.ref('to_person_id'), '=', readerId), eb(sql.ref('from_person_id'), '=', readerId)]),
    );
  const { n } = await db
    .selectFrom(q.as('l'))
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  const pagesBefore = Math.floor((Number(n) * 3) / 4 / PAGE);
  if (pagesBefore < 1) throw new Error(`${list.name}: too few rows (${n}) for a deep page`);
  const row = await q
    .orderBy('id', list.direction)
    .offset(pagesBefore * PAGE - 1)
    .limit(1)
    .executeTakeFirstOrThrow();
  return { cursor: Buffer.from(row.id, 'utf8').toString('base64url'), pageNumber: pagesBefore + 1 };
}

export async function benchLists(opts: {
  dialect: 'sqlite' | 'postgres';
  baseUrl: string;
  serverPid: number;
  location: { databaseUrl: string | null; sqliteFile: string };
  lists: ListsOptions;
}): Promise<ListsResult> {
  const { dialect, baseUrl, lists } = opts;
  const endMs = Date.now() - 60_000;
  // A whole site-local day in both sizes (1,000 rows five minutes apart span three and a half days).
  const date = shanghaiDate(endMs - DAY);

  const seedStart = performance.now();
  const database = await openDatabase({
    ...opts.location,
    sqliteSynchronous: 'normal',
    postgresSynchronousCommit: 'off',
    databaseStatementTimeoutMs: 0,
  });
  const targets: { list: ListDef; rows: number; page: 'first' | 'deep'; pageNumber: number; url: string }[] = [];
  try {
    const bulk = await openBulkInsert(opts.location);
    const seeded = await seed(database.db, dialect, [lists.smallRows, lists.largeRows], endMs, bulk.insert).finally(() => bulk.close());
    const sites = seeded.sites;
    const seedS = (performance.now() - seedStart) / 1000;
    console.log(`  seeded ${LISTS.length} lists × (${lists.smallRows} + ${lists.largeRows}) rows in ${seedS.toFixed(1)} s`);
    for (const list of LISTS)
      for (const s of sites) {
        const base = `${baseUrl}${list.path(s.site.siteId)}?limit=${PAGE}${list.table === 'patrol_rounds' ? `&date=${date}` : ''}`;
        targets.push({ list, rows: s.rows, page: 'first', pageNumber: 1, url: base });
        const deep = await deepCursor(database.db, list, s.site.siteId, date, seeded.reader.id);
        targets.push({ list, rows: s.rows, page: 'deep', pageNumber: deep.pageNumber, url: `${base}&cursor=${deep.cursor}` });
      }
    await database.close();
    return await measure(opts, targets, seedS);
  } catch (err) {
    await database.close().catch(() => undefined);
    throw err;
  }
}

async function measure(
  opts: { dialect: 'sqlite' | 'postgres'; baseUrl: string; serverPid: number; lists: ListsOptions },
  targets: { list: ListDef; rows: number; page: 'first' | 'deep'; pageNumber: number; url: string }[],
  seedS: number,
): Promise<ListsResult> {
  const { dialect, baseUrl, lists } = opts;
  const session = await logIn(baseUrl);
  const headers = { cookie: session.cookie };
  // Every point must be a real full page, or the figures measure an error or an empty list.
  for (const t of targets) {
    const res = await fetch(t.url, { headers });
    const body = (await res.json()) as { items?: unknown[]; nextCursor?: string | null };
    if (res.status !== 200 || body.items?.length !== PAGE || !body.nextCursor)
      throw new Error(
        `${t.list.name}, ${t.rows} rows, ${t.page} page: HTTP ${res.status}, ${body.items?.length ?? 'no'} items (${JSON.stringify(body).slice(0, 200)})`,
      );
  }

  const points: ListPoint[] = [];
  const median = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  };
  for (const list of LISTS)
    for (const page of ['first', 'deep'] as const) {
      const pair = targets.filter((t) => t.list === list && t.page === page);
      const runs = new Map(pair.map((t) => [t, { rps: [] as number[], us: [] as number[], p99: [] as number[], bad: 0 }]));
      // Small and big take turns going first, round after round, so drift in the machine's other load falls on both.
      for (let round = 0; round < lists.rounds; round++) {
        for (const t of round % 2 === 0 ? pair : [...pair].reverse()) {
          let cpuStart = 0;
          let cpuEnd = 0;
          const { figures } = await drive(
            { name: `${list.name} ${t.rows} ${page}`, url: t.url, method: 'GET', headers, body: '' },
            { ...lists.load, warmupS: round === 0 ? lists.load.warmupS : 0 },
            (edge) => {
              if (edge === 'start') cpuStart = readCpu(opts.serverPid).processMs;
              else cpuEnd = readCpu(opts.serverPid).processMs;
            },
          );
          const r = runs.get(t)!;
          r.rps.push(figures.requestsPerSec);
          r.us.push(figures.requestsTotal > 0 ? ((cpuEnd - cpuStart) * 1000) / figures.requestsTotal : NaN);
          r.p99.push(figures.latencyP99Ms);
          r.bad += figures.non2xx + figures.errors;
          if (figures.non2xx > 0 || figures.errors > 0)
            console.error(
              `  !!! ${list.name} ${t.rows} ${page}: ${figures.non2xx} non-2xx, ${figures.errors} errors ${JSON.stringify(figures.statusCodes)}`,
            );
        }
      }
      for (const t of pair) {
        const r = runs.get(t)!;
        const point: ListPoint = {
          list: list.name,
          rows: t.rows,
          page,
          pageNumber: t.pageNumber,
          requestsPerSec: median(r.rps),
          rounds: r.rps,
          serverUsPerRequest: median(r.us),
          latencyP99Ms: median(r.p99),
          non2xx: r.bad,
        };
        points.push(point);
        console.log(
          `  ${list.name.padEnd(17)} ${String(t.rows).padStart(7)} rows, ${(page === 'first' ? 'first page' : `page ${t.pageNumber}`).padEnd(10)}: ` +
            `${point.requestsPerSec.toFixed(0).padStart(5)} req/s (rounds ${r.rps.map((x) => x.toFixed(0)).join(', ')}), server ${point.serverUsPerRequest.toFixed(0)} µs/req`,
        );
      }
    }
  const ratios: ListRatio[] = [];
  for (const list of LISTS)
    for (const page of ['first', 'deep'] as const) {
      const at = (rows: number) => points.find((p) => p.list === list.name && p.page === page && p.rows === rows);
      const small = at(lists.smallRows);
      const large = at(lists.largeRows);
      const ratio = small && large && small.requestsPerSec > 0 ? large.requestsPerSec / small.requestsPerSec : NaN;
      const cpuRatio = small && large && large.serverUsPerRequest > 0 ? small.serverUsPerRequest / large.serverUsPerRequest : NaN;
      ratios.push({
        list: list.name,
        page,
        small: small?.requestsPerSec ?? NaN,
        large: large?.requestsPerSec ?? NaN,
        ratio,
        cpuRatio,
        pass: ratio >= TARGET_LIST_RATIO && (small?.non2xx ?? 1) === 0 && (large?.non2xx ?? 1) === 0,
      });
    }
  return { dialect, smallRows: lists.smallRows, largeRows: lists.largeRows, seedS, points, ratios, pass: ratios.every((r) => r.pass) };
}

export function renderListsReport(results: ListsResult[], lists: ListsOptions): string {
  const lines: string[] = [];
  const k = (n: number) => (n >= 1000 ? `${n / 1000}k` : String(n));
  for (const r of results) {
    const deepPages = (rows: number) =>
      [...new Set(r.points.filter((p) => p.page === 'deep' && p.rows === rows).map((p) => p.pageNumber))].sort((a, b) => a - b).join('/');
    const s = k(r.smallRows);
    const l = k(r.largeRows);
    lines.push(
      '',
      `Lists, ${r.dialect}: req/s (median of ${lists.rounds} rounds of ${lists.load.durationS} s, limit ${PAGE}, ${lists.load.connections} connections) at ${s} and ${l} rows per list;`,
      `deep page = page ${deepPages(r.smallRows)} at ${s} rows, ${deepPages(r.largeRows)} at ${l}; target: ${l}/${s} ≥ ${TARGET_LIST_RATIO}. cpu = the same ratio from the server's CPU µs per request.`,
      `  ${'list'.padEnd(17)}${`first ${s}`.padStart(10)}${`first ${l}`.padStart(11)}${'ratio'.padStart(7)}${'cpu'.padStart(6)}      ${`deep ${s}`.padStart(10)}${`deep ${l}`.padStart(11)}${'ratio'.padStart(7)}${'cpu'.padStart(6)}`,
    );
    for (const name of [...new Set(r.ratios.map((x) => x.list))]) {
      const cols = (['first', 'deep'] as const).map((page) => {
        const x = r.ratios.find((y) => y.list === name && y.page === page)!;
        return `${x.small.toFixed(0).padStart(10)}${x.large.toFixed(0).padStart(11)}${x.ratio.toFixed(2).padStart(7)}${x.cpuRatio.toFixed(2).padStart(6)} ${x.pass ? 'PASS' : 'FAIL'}`;
      });
      lines.push(`  ${name.padEnd(17)}${cols.join(' ')}`);
    }
    lines.push(`  seeding: ${r.seedS.toFixed(1)} s`);
  }
  return lines.join('\n');
}
