/**
 * `npm run bench [-- notifications|visits|ops|durability|assessment|lists|size|lighthouse|all]` (default notifications). `size`: the
 * gzipped first load of the staff app and the console, from web/dist (bench/size.ts); `lighthouse`: Lighthouse's
 * mobile performance audit of the phone login page served by the built server (bench/lighthouse.ts). `visits`: the visit hand-off chain on
 * BENCH_SITES sales centers at once (bench/visits.ts); `ops`: BENCH_OPS_SITES sites' rounds, patrols and repair
 * SLAs over a simulated day with a driven clock (bench/site-ops.ts); `durability`: the same write on SQLite with
 * synchronous=FULL against NORMAL (bench/durability.ts); `lists`: every paginated list's first and deep page at
 * 1,000 and 100,000 rows per site (bench/lists.ts). See bench/README.md.
 *
 * `npm run bench`: the authenticated notification write against a bare insert of the same row,
 * on SQLite and then on PostgreSQL, with the server's peak memory. Prints a table with PASS/FAIL
 * against the targets and writes bench/results/<timestamp>.json. Exits 1 if any check fails.
 *
 * Environment: BENCH_DURATION_S (10), BENCH_WARMUP_S (2), BENCH_CONNECTIONS (20),
 * BENCH_DIALECTS ("sqlite,postgres"), BENCH_PG_ADMIN_URL (postgres://postgres@127.0.0.1:5432/postgres),
 * BENCH_CPU_PROF=1 to write V8 CPU profiles of the server to bench/results/prof/,
 * BENCH_SERVER_NODE_ARGS="--max-semi-space-size=8 …" to try node flags on the server.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { shippedNodeFlags } from '../server/build.js';
import { drive, logIn, type LoadOptions, type Target } from './load.js';
import { createScratchDatabase, postgresVersion } from './pg-database.js';
import { judge, machineInfo, renderReport, writeResults, type CpuFigures, type DialectResult } from './report.js';
import { findNginx, startNginxProxy } from './nginx-proxy.js';
import { readCpu, startProxy, startServer, type CpuSnapshot, type ServerProcess } from './server-process.js';
import { benchVisits, gapForRate, renderVisitsReport, VISIT_TARGETS, type JourneySpec, type VisitOptions, type VisitsResult } from './visits.js';
import { benchSiteOps, siteOpsPassed, type SiteOpsResult } from './site-ops.js';
import { benchDurability, renderDurabilityReport, type DurabilityResult } from './durability.js';
import { benchAssessment, type AssessmentBenchResult } from './assessment.js';
import { benchLists, renderListsReport, type ListsOptions, type ListsResult } from './lists.js';
import { measureFirstLoad, renderSizeReport, sizesPassed, type ScreenSize } from './size.js';
import { benchLighthouse, renderLighthouseReport, type LighthouseResult } from './lighthouse.js';

type Dialect = 'sqlite' | 'postgres';

function envInt(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
  return n;
}

const load: LoadOptions = {
  durationS: envInt('BENCH_DURATION_S', 10, 1, 300),
  warmupS: envInt('BENCH_WARMUP_S', 2, 0, 60),
  connections: envInt('BENCH_CONNECTIONS', 20, 1, 1000),
};
/**
 * `tsx bench/run.ts [notifications|visits|instances|ops|all]`: notifications (the original scenario) when none is named.
 * `instances` is the visits scenario's several-instances run alone (part of `visits` and `all`).
 */
const scenario = process.argv[2] ?? 'notifications';
if (!['notifications', 'visits', 'instances', 'ops', 'durability', 'assessment', 'lists', 'size', 'lighthouse', 'all'].includes(scenario))
  throw new Error(`unknown scenario "${scenario}" (notifications, visits, instances, ops, durability, assessment, lists, size, lighthouse or all)`);
const runs = (name: string) => scenario === name || scenario === 'all' || (name === 'instances' && scenario === 'visits');
const opsSites = envInt('BENCH_OPS_SITES', 200, 1, 5000);
const assessmentSites = envInt('BENCH_ASSESSMENT_SITES', 200, 1, 5000);
const durabilityRounds = envInt('BENCH_DURABILITY_ROUNDS', 2, 1, 20);
const listsOptions: ListsOptions = {
  smallRows: envInt('BENCH_LISTS_SMALL_ROWS', 1_000, 200, 1_000_000),
  largeRows: envInt('BENCH_LISTS_ROWS', 100_000, 200, 5_000_000),
  rounds: envInt('BENCH_LISTS_ROUNDS', 3, 1, 20),
  // Short points: 32 of them per round and dialect (8 lists × 2 sizes × 2 pages).
  load: {
    durationS: envInt('BENCH_LISTS_DURATION_S', 1, 1, 300),
    warmupS: envInt('BENCH_LISTS_WARMUP_S', 1, 0, 60),
    connections: envInt('BENCH_LISTS_CONNECTIONS', 10, 1, 1000),
  },
};
// Five: one run's blocking time swings by ±200 ms with what else the 2 cores are doing.
const lighthouseRuns = envInt('BENCH_LIGHTHOUSE_RUNS', 5, 1, 20);
const visitOptions: VisitOptions = {
  sites: envInt('BENCH_SITES', 200, 1, 5000),
  visitsPerSite: envInt('BENCH_VISITS_PER_SITE', 20, 1, 10_000),
  maxSeconds: envInt('BENCH_VISITS_MAX_S', 40, 1, 600),
  gapMs: envInt('BENCH_VISIT_GAP_MS', 0, 0, 60_000),
  loginConcurrency: envInt('BENCH_LOGIN_CONCURRENCY', 4, 1, 64),
  eventTimeoutMs: envInt('BENCH_EVENT_TIMEOUT_MS', 10_000, 100, 60_000),
};
/** The paced journeys' target rates, visit-stage writes/s across BENCH_SITES sites ("" for none). */
const pacedRates = (process.env.BENCH_PACED_RATES ?? '360,720')
  .split(',')
  .map((r) => r.trim())
  .filter(Boolean)
  .map((r) => {
    const n = Number(r);
    if (!Number.isInteger(n) || n < 1 || n > 100_000) throw new Error(`BENCH_PACED_RATES: "${r}" is not a rate in writes/s`);
    return n;
  });
/** Instances on one PostgreSQL database behind the proxy for the several-instances run (0 or 1: no such run). */
const visitInstances = envInt('BENCH_INSTANCES', 2, 0, 8);
/**
 * The proxy in front of them: nginx as the README configures it when it is installed, else the bench's Node proxy
 * (bench/proxy.ts). BENCH_PROXY=node|nginx chooses.
 */
const nginx = findNginx();
const proxyKind = process.env.BENCH_PROXY ?? (nginx ? 'nginx' : 'node');
if (proxyKind !== 'node' && proxyKind !== 'nginx') throw new Error(`BENCH_PROXY: "${proxyKind}" is neither node nor nginx`);
if (proxyKind === 'nginx' && !nginx) throw new Error('BENCH_PROXY=nginx: nginx is not installed (apt-get install nginx-light)');
/** Sites of the large run (0: none) and the dialects it runs on. */
const largeSites = envInt('BENCH_LARGE_SITES', 1000, 0, 5000);
const dialects = (process.env.BENCH_DIALECTS || 'sqlite,postgres').split(',').map((d) => d.trim()) as Dialect[];
for (const d of dialects) if (d !== 'sqlite' && d !== 'postgres') throw new Error(`BENCH_DIALECTS: unknown dialect "${String(d)}"`);
const largeDialects = (process.env.BENCH_LARGE_DIALECTS || dialects.join(',')).split(',').map((d) => d.trim()) as Dialect[];
for (const d of largeDialects) if (!dialects.includes(d)) throw new Error(`BENCH_LARGE_DIALECTS: "${String(d)}" is not in BENCH_DIALECTS`);
const serverNodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
const cpuProfDir = process.env.BENCH_CPU_PROF === '1' ? path.join(import.meta.dirname, 'results', 'prof') : null;

const NOTICE = JSON.stringify({ title: '巡场提醒', body: '15:00 前请各岗位完成一次巡场，并在手机上确认检查项。' });

/** Undo steps for what this run created, newest first; run on exit and on Ctrl-C. */
const cleanups: (() => Promise<void>)[] = [];
async function cleanUp(): Promise<void> {
  while (cleanups.length > 0) {
    const step = cleanups.pop()!;
    try {
      await step();
    } catch (err) {
      console.error('cleanup step failed:', err);
    }
  }
}
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n${signal}: stopping the server and removing bench data…`);
    void cleanUp().finally(() => process.exit(130));
  });
}

/** The child's environment: ours minus anything that would pick another database, plus the bench's settings. */
function serverEnv(vars: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  delete env.SQLITE_FILE;
  // Every bench phone signs in from loopback: the per-address login limit would stop them.
  return { ...env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', SEED_DEMO: 'true', LOGIN_MAX_PER_ADDRESS: '1000000', ...vars };
}

/** CPU spent during a measured window, by the server processes (summed) and by the whole machine (PostgreSQL and autocannon too). */
function cpuMeter(pids: number[]) {
  type Mark = CpuSnapshot & { runnerMs: number; atMs: number };
  const mark = (): Mark => {
    const own = process.cpuUsage();
    const each = pids.map(readCpu);
    return {
      processMs: each.reduce((sum, c) => sum + c.processMs, 0),
      machineBusyMs: each[0]!.machineBusyMs,
      runnerMs: (own.user + own.system) / 1000,
      atMs: performance.now(),
    };
  };
  let start: Mark | null = null;
  let end: Mark | null = null;
  return {
    edge: (edge: 'start' | 'end') => {
      if (edge === 'start') start = mark();
      else end = mark();
    },
    figures: (requests: number): CpuFigures => {
      if (!start || !end || requests === 0)
        return { serverUsPerRequest: NaN, machineUsPerRequest: NaN, loadGenUsPerRequest: NaN, serverCores: NaN, machineCores: NaN };
      const serverMs = end.processMs - start.processMs;
      return {
        serverUsPerRequest: (serverMs * 1000) / requests,
        machineUsPerRequest: ((end.machineBusyMs - start.machineBusyMs) * 1000) / requests,
        loadGenUsPerRequest: ((end.runnerMs - start.runnerMs) * 1000) / requests,
        serverCores: serverMs / (end.atMs - start.atMs),
        machineCores: (end.machineBusyMs - start.machineBusyMs) / (end.atMs - start.atMs),
      };
    },
  };
}

async function startBenchServer(
  dialect: Dialect,
  label: string,
  extraVars: Record<string, string>,
  /** Another instance's database (its DATABASE_URL) instead of a fresh one. */
  sharedDatabase?: Record<string, string>,
): Promise<{
  server: ServerProcess;
  baseUrl: string;
  database: Record<string, string>;
  location: { databaseUrl: string | null; sqliteFile: string };
}> {
  let vars: Record<string, string>;
  if (sharedDatabase) {
    vars = sharedDatabase;
  } else if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anchang-bench-'));
    cleanups.push(() => fs.promises.rm(dir, { recursive: true, force: true }));
    vars = { SQLITE_FILE: path.join(dir, 'bench.db') };
  } else {
    const scratch = await createScratchDatabase();
    cleanups.push(() => scratch.drop());
    vars = { DATABASE_URL: scratch.url };
    console.log(`  PostgreSQL database ${scratch.name}`);
  }

  // One directory per server: V8 writes a profile per thread (tsx's loader runs in its own), named by pid and thread.
  const nodeArgs = [...serverNodeArgs, ...(cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', path.join(cpuProfDir, `${label}-${Date.now()}`)] : [])];
  const server: ServerProcess = await startServer({ env: serverEnv({ ...vars, ...extraVars }), label: dialect, nodeArgs });
  cleanups.push(() => server.stop());
  const baseUrl = `http://127.0.0.1:${server.ready.port}`;
  console.log(`  server pid ${server.pid} on ${baseUrl} (node ${[...shippedNodeFlags(), ...nodeArgs].join(' ')})`);
  return { server, baseUrl, database: vars, location: { databaseUrl: vars.DATABASE_URL ?? null, sqliteFile: vars.SQLITE_FILE ?? '' } };
}

/** Paced journeys: a gap per target rate, for `sites` sites. */
const pacedJourneys = (sites: number): JourneySpec[] =>
  pacedRates.map((rate) => ({ label: `paced ${rate}/s`, gapMs: gapForRate(sites, rate), targetWritesPerSec: rate }));

/**
 * One visits run: `instances` bench servers on one database (several: PostgreSQL only, behind the
 * bench's round-robin proxy; one, behind it when `behindProxy`), every journey in `journeys` on the
 * same phones and sockets one after another, then register against the bare insert when `ratio`.
 */
async function benchVisitsRun(opts: {
  dialect: Dialect;
  label: string;
  sites: number;
  instances: number;
  behindProxy?: boolean;
  journeys: JourneySpec[];
  ratio: boolean;
  maxPeakRssMb: number;
}): Promise<VisitsResult> {
  const servers: ServerProcess[] = [];
  const tag = opts.label.replace(/[^a-z0-9]+/gi, '-');
  const first = await startBenchServer(opts.dialect, `visits-${tag}-0`, {
    BENCH_SITES: String(opts.sites),
    ...(opts.behindProxy ? { BENCH_INSTANCE: '0', TRUST_PROXY: '127.0.0.1' } : {}),
  });
  servers.push(first.server);
  let baseUrl = first.baseUrl;
  if (opts.behindProxy) {
    const urls = [first.baseUrl];
    for (let i = 1; i < opts.instances; i++) {
      const next = await startBenchServer(
        opts.dialect,
        `visits-${tag}-${i}`,
        { BENCH_SITES: String(opts.sites), BENCH_INSTANCE: String(i), TRUST_PROXY: '127.0.0.1' },
        first.database,
      );
      servers.push(next.server);
      urls.push(next.baseUrl);
    }
    const proxy = proxyKind === 'nginx' ? await startNginxProxy(nginx!, urls) : await startProxy(urls);
    cleanups.push(() => proxy.stop());
    baseUrl = `http://127.0.0.1:${proxy.port}`;
    console.log(`  ${proxyKind} proxy pid ${proxy.pid} on ${baseUrl}, round-robin over ${urls.join(', ')}`);
  }
  const result = await benchVisits({
    dialect: opts.dialect,
    label: opts.label,
    servers,
    baseUrl,
    visit: { ...visitOptions, sites: opts.sites },
    journeys: opts.journeys,
    ratio: opts.ratio,
    load,
    meter: cpuMeter,
    maxPeakRssMb: opts.maxPeakRssMb,
  });
  await cleanUp();
  return result;
}

async function benchDialect(dialect: Dialect): Promise<DialectResult> {
  const { server, baseUrl } = await startBenchServer(dialect, dialect, {});
  const idleRssMb = server.memory.read().rssMb;

  const session = await logIn(baseUrl);
  const real: Target = {
    name: 'real',
    url: `${baseUrl}/api/sites/${session.siteId}/notifications`,
    headers: { cookie: session.cookie },
    body: NOTICE,
  };
  const bare: Target = { name: 'bare', url: `${baseUrl}/bench/bare-notification`, headers: {}, body: NOTICE };

  console.log(`  real endpoint: ${load.warmupS} s warm-up + ${load.durationS} s…`);
  server.memory.startWindow();
  const realCpu = cpuMeter([server.pid]);
  const { figures: realFigures, window: realWindow } = await drive(real, load, realCpu.edge);
  const peakRssRealMb = server.memory.endWindow();

  console.log(`  bare route:    ${load.warmupS} s warm-up + ${load.durationS} s…`);
  server.memory.startWindow();
  const bareCpu = cpuMeter([server.pid]);
  const { figures: bareFigures, window: bareWindow } = await drive(bare, load, bareCpu.edge);
  const peakRssBareMb = server.memory.endWindow();
  for (const [name, f] of [
    ['real endpoint', realFigures],
    ['bare route', bareFigures],
  ] as const) {
    if (f.non2xx > 0 || f.errors > 0 || f.timeouts > 0) {
      console.error(
        `\n  !!! ${dialect} ${name}: ${f.non2xx} non-2xx responses, ${f.errors} errors, ${f.timeouts} timeouts; status codes ${JSON.stringify(f.statusCodes)}\n`,
      );
    }
  }

  const peakRssMb = server.memory.read().hwmMb;
  await server.stop();
  await cleanUp();
  return {
    ...judge(dialect, realFigures, bareFigures, { idleRssMb, peakRssRealMb, peakRssBareMb, peakRssMb }),
    cpu: { real: realCpu.figures(realFigures.requestsTotal), bare: bareCpu.figures(bareFigures.requestsTotal) },
    windows: { real: realWindow, bare: bareWindow },
  };
}

async function main(): Promise<number> {
  const startedAt = new Date();
  const [load1] = os.loadavg();
  if (load1 !== undefined && load1 > os.availableParallelism() / 2) {
    console.warn(
      `Warning: load average ${load1.toFixed(2)} on ${os.availableParallelism()} CPUs before the run; other work on this machine will skew the figures.`,
    );
  }
  const results: DialectResult[] = [];
  const visitResults: VisitsResult[] = [];
  const extra: Record<string, string> = {};
  if (dialects.includes('postgres')) extra.postgres = await postgresVersion();
  if (runs('notifications')) {
    for (const dialect of dialects) {
      console.log(`\n${dialect}, notifications:`);
      results.push(await benchDialect(dialect));
    }
    console.log(renderReport(results, load));
  }
  if (runs('visits') || runs('instances')) {
    console.log(
      `\nvisits scenario: BENCH_SITES=${visitOptions.sites} BENCH_VISITS_PER_SITE=${visitOptions.visitsPerSite} BENCH_VISITS_MAX_S=${visitOptions.maxSeconds}` +
        ` BENCH_VISIT_GAP_MS=${visitOptions.gapMs} BENCH_PACED_RATES=${pacedRates.join(',')} BENCH_INSTANCES=${visitInstances} BENCH_PROXY=${proxyKind}` +
        ` BENCH_LARGE_SITES=${largeSites} (${largeDialects.join(',')}) BENCH_LOGIN_CONCURRENCY=${visitOptions.loginConcurrency}`,
    );
    const sites = visitOptions.sites;
    // BENCH_VISIT_GAP_MS=0 (the default) is the saturated closed loop; another value runs that pace instead of flat out.
    const first: JourneySpec =
      visitOptions.gapMs > 0
        ? { label: `gap ${visitOptions.gapMs} ms`, gapMs: visitOptions.gapMs, targetWritesPerSec: null }
        : { label: 'flat out', gapMs: 0, targetWritesPerSec: null };
    for (const dialect of runs('visits') ? dialects : []) {
      console.log(`\n${dialect}, visits: ${sites} sites, flat out then paced`);
      visitResults.push(
        await benchVisitsRun({
          dialect,
          label: dialect,
          sites,
          instances: 1,
          journeys: [first, ...pacedJourneys(sites)],
          ratio: true,
          maxPeakRssMb: VISIT_TARGETS.maxPeakRssMb,
        }),
      );
    }
    if (runs('instances') && visitInstances > 1 && dialects.includes('postgres') && pacedRates.length > 0) {
      // The reference first: one instance behind the same proxy at the same paces. What the second instance adds
      // is the difference between the two runs, the proxy's hop being in both.
      for (const instances of [1, visitInstances]) {
        console.log(`\npostgres, visits: ${instances} instance${instances > 1 ? 's' : ''} on one database behind the bench's proxy, paced`);
        visitResults.push(
          await benchVisitsRun({
            dialect: 'postgres',
            label: instances > 1 ? `postgres, ${instances} instances` : `postgres, 1 behind ${proxyKind}`,
            sites,
            instances,
            behindProxy: true,
            journeys: pacedJourneys(sites),
            ratio: false,
            maxPeakRssMb: VISIT_TARGETS.maxPeakRssMb,
          }),
        );
      }
    }
    if (runs('visits') && largeSites > 0) {
      for (const dialect of largeDialects) {
        console.log(`\n${dialect}, visits: ${largeSites} sites (${largeSites * 3} sockets), paced, for the memory peak`);
        const rate = pacedRates[pacedRates.length - 1] ?? 720;
        visitResults.push(
          await benchVisitsRun({
            dialect,
            label: `${dialect}, ${largeSites} sites`,
            sites: largeSites,
            instances: 1,
            journeys: [{ label: `paced ${rate}/s`, gapMs: gapForRate(largeSites, rate), targetWritesPerSec: rate }],
            ratio: false,
            maxPeakRssMb: VISIT_TARGETS.maxPeakRssMbLarge,
          }),
        );
      }
    }
    console.log(renderVisitsReport(visitResults, load));
  }
  let opsResults: SiteOpsResult[] = [];
  if (runs('ops')) {
    console.log(`\nsite-operations scenario: BENCH_OPS_SITES=${opsSites}, one simulated day, driven clock, in this process`);
    opsResults = await benchSiteOps({ sites: opsSites, dialects });
  }
  let assessment: AssessmentBenchResult[] = [];
  if (runs('assessment')) {
    console.log(`\nthe month's close: BENCH_ASSESSMENT_SITES=${assessmentSites} × 15 people, three months of records, in this process`);
    assessment = await benchAssessment({ sites: assessmentSites, dialects });
  }
  const listsResults: ListsResult[] = [];
  if (runs('lists')) {
    console.log(
      `\nlists scenario: BENCH_LISTS_SMALL_ROWS=${listsOptions.smallRows} BENCH_LISTS_ROWS=${listsOptions.largeRows} per list, ` +
        `${listsOptions.rounds} rounds of ${listsOptions.load.durationS} s per point (${listsOptions.load.warmupS} s warm-up first), ${listsOptions.load.connections} connections`,
    );
    for (const dialect of dialects) {
      console.log(`\n${dialect}, lists:`);
      const { server, baseUrl, location } = await startBenchServer(dialect, `lists-${dialect}`, {});
      listsResults.push(await benchLists({ dialect, baseUrl, serverPid: server.pid, location, lists: listsOptions }));
      await server.stop();
      await cleanUp();
    }
    console.log(renderListsReport(listsResults, listsOptions));
  }
  let durability: DurabilityResult | null = null;
  if (runs('durability')) {
    console.log(`\nSQLite durability: synchronous=FULL against NORMAL, ${durabilityRounds} round(s) each, taking turns`);
    durability = await benchDurability({
      load,
      rounds: durabilityRounds,
      startServer: async (mode) => {
        const { server, baseUrl } = await startBenchServer('sqlite', `durability-${mode}`, { SQLITE_SYNCHRONOUS: mode });
        return {
          baseUrl,
          stop: async () => {
            await server.stop();
            await cleanUp();
          },
        };
      },
    });
    console.log(renderDurabilityReport(durability, load));
  }
  let sizes: ScreenSize[] = [];
  if (runs('size')) {
    console.log('\nfirst-load size (web/dist; BENCH_SIZE_BUILD=1 to rebuild it first):');
    sizes = measureFirstLoad();
    console.log(renderSizeReport(sizes));
  }
  let lighthouseResult: LighthouseResult | null = null;
  if (runs('lighthouse')) {
    console.log(`\nLighthouse: the phone login page on the built server (web/dist), ${lighthouseRuns} run(s)`);
    // The demo seed so the page is the one a demo phone sees (the demo bar included).
    const { server, baseUrl } = await startBenchServer('sqlite', 'lighthouse', {});
    try {
      lighthouseResult = await benchLighthouse(`${baseUrl}/m/login`, lighthouseRuns);
    } finally {
      await server.stop();
      await cleanUp();
    }
    console.log(renderLighthouseReport(lighthouseResult));
  }
  if (cpuProfDir)
    console.log(
      `\nNote: the server ran under --cpu-prof; its throughput and memory are skewed. Profiles: ${path.relative(process.cwd(), cpuProfDir)}/`,
    );

  const allPass =
    [...results, ...visitResults].every((r) => r.checks.every((c) => c.pass)) &&
    opsResults.every(siteOpsPassed) &&
    assessment.every((r) => r.pass) &&
    listsResults.every((r) => r.pass) &&
    (durability?.clean ?? true) &&
    sizesPassed(sizes) &&
    (lighthouseResult === null || 'skipped' in lighthouseResult || lighthouseResult.pass);
  const file = writeResults(
    {
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      scenario,
      load,
      shippedNodeFlags: shippedNodeFlags(),
      serverNodeArgs,
      ...(visitResults.length > 0 ? { visitOptions, visits: visitResults } : {}),
      ...(opsResults.length > 0 ? { ops: opsResults } : {}),
      ...(durability ? { durability } : {}),
      ...(assessment.length > 0 ? { assessment } : {}),
      ...(listsResults.length > 0 ? { listsOptions, lists: listsResults } : {}),
      ...(sizes.length > 0 ? { sizes } : {}),
      ...(lighthouseResult ? { lighthouse: lighthouseResult } : {}),
      endpoint: { real: 'POST /api/sites/:siteId/notifications', bare: 'POST /bench/bare-notification', body: JSON.parse(NOTICE) as unknown },
      machine: machineInfo(extra),
      cpuProfileDir: cpuProfDir,
      allPass,
      results,
    },
    startedAt,
  );
  console.log(`\n${allPass ? 'All checks pass.' : 'SOME CHECKS FAIL.'} Results: ${path.relative(process.cwd(), file)}`);
  return allPass ? 0 : 1;
}

main()
  .then((code) => {
    process.exitCode = code;
  })
  .catch(async (err: unknown) => {
    console.error('\nbench failed:', err);
    await cleanUp();
    process.exitCode = 1;
  });
