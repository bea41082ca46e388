/**
 * `npm run faults`: does every write that was answered 2xx survive the server being killed?
 *
 * For SQLite (a fresh file) and then PostgreSQL (a scratch database on 127.0.0.1:5432), the real
 * server runs as production runs it (server/src/main.ts bundled, plain `node`), on the demo site
 * plus one staff account per client (bench/fault-site.ts). The clients (bench/fault-clients.ts)
 * write a mix of visits and hand-offs, checklist results with photos, checkpoint scans and
 * repairs, each write under an id the phone chose, and send again what got no answer. While they
 * write, the server is killed with SIGKILL at random moments and started again.
 *
 * After each restart, every write answered before the kill is looked up in the database; at the
 * end every write is checked for being stored exactly once (bench/fault-check.ts). A table per
 * database; the exit code is 1 on any write lost, duplicated, refused or never answered.
 *
 *   npm run faults                      20 kills per database, 50 clients
 *   npm run faults -- --short           3 kills, 12 clients: the CI form (well under a minute per database)
 *   npm run faults -- --kills=5 --clients=20 --dialects=sqlite
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { bundleServer, scratchBundleDir, shippedNodeFlags } from '../server/build.js';
import { migrateToLatest, openDatabase, type Database } from '../server/src/db/create-db.js';
import { seedDemoIfEmpty } from '../server/src/db/seed/demo.js';
import { freePort, httpLogin } from '../server/src/test/spawn-server.js';
import { checkWrites, findMissingRows, totalOf, type KindTally } from './fault-check.js';
import { runClient, type WriteKind, type WriteRecord } from './fault-clients.js';
import { FAULT_PASSWORD, seedFaultSite, type FaultSite } from './fault-site.js';
import { createScratchDatabase, PG_ADMIN_URL, type ScratchDatabase } from './pg-database.js';

type Dialect = 'sqlite' | 'postgres';

interface RunOptions {
  kills: number;
  clients: number;
  dialects: Dialect[];
  /** How long the server runs between a restart and the next kill, uniformly at random. */
  upMs: [number, number];
  thinkMs: [number, number];
  doubleSendRate: number;
}

function parseOptions(argv: string[]): RunOptions {
  const flag = (name: string) => argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  const value = (name: string) => flag(name)?.split('=')[1];
  const short = flag('short') !== undefined;
  const opts: RunOptions = short
    ? { kills: 3, clients: 12, dialects: ['sqlite', 'postgres'], upMs: [1_000, 2_500], thinkMs: [50, 250], doubleSendRate: 0.1 }
    : { kills: 20, clients: 50, dialects: ['sqlite', 'postgres'], upMs: [1_500, 4_000], thinkMs: [100, 400], doubleSendRate: 0.05 };
  if (value('kills')) opts.kills = Number(value('kills'));
  if (value('clients')) opts.clients = Number(value('clients'));
  if (value('dialects')) opts.dialects = value('dialects')!.split(',') as Dialect[];
  if (!Number.isInteger(opts.kills) || opts.kills < 0) throw new Error('--kills must be a whole number');
  if (!Number.isInteger(opts.clients) || opts.clients < 4) throw new Error('--clients must be at least 4 (one of each kind)');
  if (opts.dialects.some((d) => d !== 'sqlite' && d !== 'postgres')) throw new Error('--dialects is a comma list of sqlite, postgres');
  return opts;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const random = (min: number, max: number) => min + Math.random() * (max - min);

/** The server child: started, killed without warning, started again on the same port and database. */
class KillableServer {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  private recentLines: string[] = [];
  life = 0;

  constructor(
    private readonly bundle: string,
    private readonly env: NodeJS.ProcessEnv,
    readonly url: string,
    private readonly label: string,
  ) {}

  /** Generous: on a busy machine a start takes tens of seconds (schemas compile at boot). */
  async start(timeoutMs = 180_000): Promise<number> {
    const startedAt = Date.now();
    const child = spawn(process.execPath, [...shippedNodeFlags(), this.bundle], { env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    this.exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    for (const stream of [child.stdout, child.stderr]) {
      readline.createInterface({ input: stream }).on('line', (line) => {
        this.recentLines.push(line);
        if (this.recentLines.length > 40) this.recentLines.shift();
      });
    }
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${this.label} server exited with ${child.exitCode}:\n${this.recentLines.join('\n')}`);
      try {
        if ((await fetch(`${this.url}/api/health`, { signal: AbortSignal.timeout(2_000) })).ok) return Date.now() - startedAt;
      } catch {
        // not listening yet
      }
      if (Date.now() - startedAt > timeoutMs) {
        child.kill('SIGKILL');
        throw new Error(`${this.label} server not healthy within ${timeoutMs} ms:\n${this.recentLines.join('\n')}`);
      }
      await sleep(50);
    }
  }

  /** SIGKILL: no shutdown hook runs, open requests die with their sockets. */
  async kill(): Promise<void> {
    this.child?.kill('SIGKILL');
    await this.exited;
  }

  async restart(): Promise<number> {
    this.life += 1;
    return this.start();
  }

  /** A graceful stop at the end (SIGTERM, then SIGKILL after 10 s). */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(timer);
  }

  /** The server's last lines: its errors, for a failed run. */
  tail(): string {
    return this.recentLines.join('\n');
  }
}

interface DialectOutcome {
  dialect: Dialect;
  byKind: Map<WriteKind, KindTally>;
  strays: number;
  problems: string[];
  kills: number;
  restartMs: number[];
  answeredBeforeKills: number;
  missingAfterRestart: number;
  seconds: number;
}

async function runDialect(dialect: Dialect, bundle: string, opts: RunOptions): Promise<DialectOutcome> {
  const startedAt = Date.now();
  let scratch: ScratchDatabase | null = null;
  let sqliteDir: string | null = null;
  let database: Database | null = null;
  let server: KillableServer | null = null;
  try {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
      TIMER_INTERVAL_MS: '1000',
    };
    if (dialect === 'postgres') {
      scratch = await createScratchDatabase(PG_ADMIN_URL);
      env.DATABASE_URL = scratch.url;
    } else {
      sqliteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'anchang-faults-'));
      env.SQLITE_FILE = path.join(sqliteDir, 'anchang.db');
      env.SQLITE_SYNCHRONOUS = 'full';
    }
    // The run's own connection: seeds before the first start, then only reads.
    database = await openDatabase({ databaseUrl: env.DATABASE_URL ?? null, sqliteFile: env.SQLITE_FILE ?? '', databasePoolSize: 2 });
    await migrateToLatest(database.db);
    await seedDemoIfEmpty(database.db, Date.now());
    const site: FaultSite = await seedFaultSite(database.db, opts.clients, Date.now());

    const port = await freePort();
    env.PORT = String(port);
    server = new KillableServer(bundle, env, `http://127.0.0.1:${port}`, dialect);
    const firstStartMs = await server.start();
    console.log(`  server up in ${firstStartMs} ms; signing in ${site.clients.length} phones`);

    const cookies: string[] = [];
    for (let i = 0; i < site.clients.length; i += 4) {
      const batch = site.clients.slice(i, i + 4);
      cookies.push(...(await Promise.all(batch.map((c) => httpLogin(server!.url, c.login, FAULT_PASSWORD)))));
    }

    const log: WriteRecord[] = [];
    let stopping = false;
    const live = server;
    const clients = site.clients.map((account, i) =>
      runClient(account, cookies[i]!, site, {
        baseUrl: () => live.url,
        life: () => live.life,
        stopping: () => stopping,
        thinkMs: opts.thinkMs,
        doubleSendRate: opts.doubleSendRate,
        giveUpAfterStopMs: 30_000,
        log,
      }),
    );

    const restartMs: number[] = [];
    const checked = new Set<WriteRecord>();
    let answeredBeforeKills = 0;
    let missingAfterRestart = 0;
    for (let k = 1; k <= opts.kills; k++) {
      await sleep(random(...opts.upMs));
      const lifeKilled = server.life;
      await server.kill();
      const inFlight = log.filter((w) => w.outcome === 'unresolved').length;
      restartMs.push(await server.restart());
      // Everything answered before the kill must be there now.
      const toCheck = log.filter((w) => w.outcome === 'answered' && w.answeredInLife !== null && w.answeredInLife <= lifeKilled && !checked.has(w));
      const missing = await findMissingRows(database.db, toCheck);
      for (const w of toCheck) checked.add(w);
      answeredBeforeKills = checked.size;
      missingAfterRestart += missing.length;
      console.log(
        `  kill ${String(k).padStart(2)}/${opts.kills}: ${inFlight} write(s) were waiting for an answer; ` +
          `${checked.size} answered so far, ${missing.length === 0 ? 'all there' : `${missing.length} MISSING`} after the restart (${restartMs.at(-1)} ms)`,
      );
    }
    // A last stretch without kills, then the phones finish what they are sending.
    await sleep(random(...opts.upMs));
    stopping = true;
    await Promise.all(clients);

    const check = await checkWrites(
      database.db,
      site.siteId,
      site.clients.map((c) => c.personId),
      log,
    );
    if (check.problems.length > 0) console.log(`  server's last lines:\n${server.tail()}`);
    return {
      dialect,
      byKind: check.byKind,
      strays: check.strays.length,
      problems: check.problems,
      kills: opts.kills,
      restartMs,
      answeredBeforeKills,
      missingAfterRestart,
      seconds: (Date.now() - startedAt) / 1000,
    };
  } finally {
    await server?.stop();
    await database?.close();
    await scratch?.drop();
    if (sqliteDir) fs.rmSync(sqliteDir, { recursive: true, force: true });
  }
}

const KIND_LABEL: Record<WriteKind, string> = {
  'visit.register': 'visit registered',
  'visit.ack': 'hand-off acknowledged',
  'visit.handoff': 'hand-off sent',
  'shift.clock_in': 'clock-in',
  'photo.upload': 'photo uploaded',
  'shift.result': 'checklist result',
  'shift.clock_out': 'clock-out',
  'checkpoint.scan': 'checkpoint scan',
  'repair.report': 'repair reported',
  'repair.accept': 'repair accepted',
  'repair.arrive': 'repair arrived',
  'repair.start': 'repair started',
  'repair.done': 'repair done',
};

function printTable(o: DialectOutcome): void {
  const columns: [keyof KindTally, string][] = [
    ['writes', 'writes'],
    ['answered', 'answered'],
    ['retried', 'retried'],
    ['doubleSent', 'sent 2×'],
    ['found', 'found'],
    ['duplicated', 'duplicated'],
    ['lost', 'lost'],
    ['refused', 'refused'],
    ['unresolved', 'no answer'],
  ];
  const row = (label: string, t: KindTally) => label.padEnd(22) + columns.map(([k]) => String(t[k]).padStart(11)).join('');
  const restart = o.restartMs.length ? `restart ${Math.min(...o.restartMs)}–${Math.max(...o.restartMs)} ms` : 'no restart';
  console.log(
    `\n${o.dialect === 'sqlite' ? 'SQLite (synchronous=FULL)' : 'PostgreSQL'}: ${o.kills} × SIGKILL, ${restart}, ${o.seconds.toFixed(0)} s`,
  );
  console.log(''.padEnd(22) + columns.map(([, h]) => h.padStart(11)).join(''));
  for (const [kind, t] of o.byKind) if (t.writes > 0) console.log(row(KIND_LABEL[kind], t));
  console.log(row('total', totalOf(o.byKind)));
  console.log(
    `answered before a kill and looked up after its restart: ${o.answeredBeforeKills}, missing ${o.missingAfterRestart}; ` +
      `rows or audit entries no write asked for: ${o.strays}`,
  );
}

function failures(o: DialectOutcome): number {
  const t = totalOf(o.byKind);
  return t.lost + t.duplicated + t.refused + t.unresolved + o.strays + o.missingAfterRestart;
}

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));
  console.log(
    `faults: ${opts.kills} kills per database, ${opts.clients} clients, ${opts.dialects.join(' then ')} ` +
      `(up ${opts.upMs[0] / 1000}–${opts.upMs[1] / 1000} s between kills, ${opts.doubleSendRate * 100}% of writes sent twice at once)`,
  );
  const buildDir = scratchBundleDir('faults');
  const outcomes: DialectOutcome[] = [];
  const broken: Dialect[] = [];
  try {
    const bundle = path.join(buildDir, 'main.js');
    await bundleServer(path.join(import.meta.dirname, '../server/src/main.ts'), bundle);
    for (const dialect of opts.dialects) {
      console.log(`\n== ${dialect}`);
      try {
        outcomes.push(await runDialect(dialect, bundle, opts));
      } catch (err) {
        // The other database still runs; this one fails the run.
        console.error(`  ${dialect}: the run broke off:`, err);
        broken.push(dialect);
      }
    }
  } finally {
    fs.rmSync(buildDir, { recursive: true, force: true });
  }
  for (const o of outcomes) printTable(o);
  let bad = 0;
  for (const o of outcomes) {
    bad += failures(o);
    for (const line of o.problems.slice(0, 30)) console.log(`  ${o.dialect}: ${line}`);
    if (o.problems.length > 30) console.log(`  ${o.dialect}: … and ${o.problems.length - 30} more`);
  }
  const failed = [...broken, ...outcomes.filter((o) => failures(o) > 0).map((o) => o.dialect)];
  console.log(
    failed.length === 0
      ? `\nfaults: every answered write stored exactly once on ${outcomes.map((o) => o.dialect).join(' and ')}`
      : `\nfaults: FAILED on ${failed.join(' and ')}`,
  );
  process.exitCode = bad === 0 && broken.length === 0 ? 0 : 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
