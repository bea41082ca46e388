/** The bench's verdicts, its table on stdout and its JSON record in bench/results/. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LoadFigures, LoadOptions } from './load.js';

/** The targets we hold the server to. */
export const TARGETS = {
  /** Real endpoint throughput as a share of the bare insert's. */
  minThroughputRatio: 0.5,
  /** Peak resident memory of the server process (VmHWM). */
  maxPeakRssMb: 250,
} as const;

export interface DialectResult {
  dialect: 'sqlite' | 'postgres';
  real: LoadFigures;
  bare: LoadFigures;
  /** real.requestsPerSec / bare.requestsPerSec */
  throughputRatio: number;
  memory: { idleRssMb: number; peakRssRealMb: number; peakRssBareMb: number; peakRssMb: number };
  checks: Check[];
  cpu?: { real: CpuFigures; bare: CpuFigures };
  /** Measured windows in monotonic µs (V8 profile clock), to cut them out of a CPU profile. */
  windows?: { real: { startUs: number; endUs: number }; bare: { startUs: number; endUs: number } };
}

export interface CpuFigures {
  /** Server process CPU (all its threads) per completed request, µs. */
  serverUsPerRequest: number;
  /** Whole-machine busy CPU per completed request, µs: the server, the database, autocannon. */
  machineUsPerRequest: number;
  /** The load generator's own CPU (this process, autocannon) per request, µs; the rest of the machine's is the database and anything else running. */
  loadGenUsPerRequest: number;
  /** Server CPU time / wall time: 1.0 is one core saturated. */
  serverCores: number;
  /**
   * The whole machine's busy CPU / wall time, in cores (out of os.availableParallelism()): near
   * the machine's cores, the run is bounded by the machine, and its latencies are a queue's.
   */
  machineCores: number;
}

export interface Check {
  name: string;
  pass: boolean;
  detail: string;
}

export function judge(dialect: DialectResult['dialect'], real: LoadFigures, bare: LoadFigures, memory: DialectResult['memory']): DialectResult {
  const throughputRatio = bare.requestsPerSec > 0 ? real.requestsPerSec / bare.requestsPerSec : 0;
  const clean = (f: LoadFigures) => f.non2xx === 0 && f.errors === 0 && f.timeouts === 0 && f.requestsTotal > 0;
  const describe = (f: LoadFigures) =>
    `${f.requestsTotal} requests, non-2xx ${f.non2xx}, errors ${f.errors}, timeouts ${f.timeouts}, codes ${JSON.stringify(f.statusCodes)}`;
  const checks: Check[] = [
    { name: 'real endpoint: every response 2xx', pass: clean(real), detail: describe(real) },
    { name: 'bare route: every response 2xx', pass: clean(bare), detail: describe(bare) },
    {
      name: `throughput real/bare >= ${TARGETS.minThroughputRatio}`,
      pass: throughputRatio >= TARGETS.minThroughputRatio,
      detail: `${fmt(real.requestsPerSec, 0)} / ${fmt(bare.requestsPerSec, 0)} = ${fmt(throughputRatio, 2)}`,
    },
    {
      name: `server peak RSS < ${TARGETS.maxPeakRssMb} MB`,
      pass: memory.peakRssMb < TARGETS.maxPeakRssMb,
      detail: `VmHWM ${fmt(memory.peakRssMb, 1)} MB`,
    },
  ];
  return { dialect, real, bare, throughputRatio, memory, checks };
}

const fmt = (n: number, digits: number) => (Number.isFinite(n) ? n.toFixed(digits) : String(n));

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const [head, ...body] = rows;
  return [line(head!), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

export function renderReport(results: DialectResult[], load: LoadOptions): string {
  const out: string[] = [];
  out.push(`\nPOST notification: ${load.connections} connections, ${load.warmupS} s warm-up + ${load.durationS} s measured, per endpoint\n`);
  const rows: string[][] = [
    [
      'dialect / endpoint',
      'req/s',
      'p50 ms',
      'p99 ms',
      'max ms',
      'requests',
      'non-2xx',
      'errors',
      'srv cores',
      'srv µs/req',
      'other µs/req',
      'peak RSS MB',
    ],
  ];
  for (const r of results) {
    for (const [name, f, cpu, rss] of [
      ['real  POST /api/sites/:siteId/notifications', r.real, r.cpu?.real, r.memory.peakRssRealMb],
      ['bare  POST /bench/bare-notification', r.bare, r.cpu?.bare, r.memory.peakRssBareMb],
    ] as const) {
      rows.push([
        `${r.dialect.padEnd(8)} ${name}`,
        fmt(f.requestsPerSec, 0),
        fmt(f.latencyP50Ms, 1),
        fmt(f.latencyP99Ms, 1),
        fmt(f.latencyMaxMs, 0),
        String(f.requestsTotal),
        String(f.non2xx),
        String(f.errors + f.timeouts),
        fmt(cpu?.serverCores ?? NaN, 2),
        fmt(cpu?.serverUsPerRequest ?? NaN, 0),
        fmt(cpu ? cpu.machineUsPerRequest - cpu.serverUsPerRequest - cpu.loadGenUsPerRequest : NaN, 0),
        fmt(rss, 1),
      ]);
    }
  }
  out.push(table(rows));
  out.push(
    'srv: the server process (cores busy; CPU per request). other: the rest of the machine per request, neither server nor autocannon' +
      ' (the PostgreSQL backends; on SQLite it should be near 0, else something else was running).',
  );
  out.push('');
  for (const r of results) {
    out.push(
      `${r.dialect}: real/bare throughput ${fmt(r.throughputRatio, 2)}` +
        (r.cpu ? ` (by server CPU per request: ${fmt(r.cpu.bare.serverUsPerRequest / r.cpu.real.serverUsPerRequest, 2)})` : '') +
        `; server RSS idle ${fmt(r.memory.idleRssMb, 1)} MB, peak (VmHWM) ${fmt(r.memory.peakRssMb, 1)} MB`,
    );
    for (const c of r.checks) out.push(`  ${c.pass ? 'PASS' : 'FAIL'}  ${c.name.padEnd(38)} ${c.detail}`);
  }
  return out.join('\n');
}

export function machineInfo(extra: Record<string, string>) {
  const cpus = os.cpus();
  let gitCommit: string | null = null;
  try {
    gitCommit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: import.meta.dirname, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    // Not a repository, or no commit yet.
  }
  return {
    hostname: os.hostname(),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpuModel: cpus[0]?.model ?? 'unknown',
    cpuCount: cpus.length,
    availableParallelism: os.availableParallelism(),
    totalMemoryMb: Math.round(os.totalmem() / 2 ** 20),
    freeMemoryMbAtStart: Math.round(os.freemem() / 2 ** 20),
    loadAverage: os.loadavg(),
    node: process.version,
    gitCommit,
    ...extra,
  };
}

export function writeResults(record: unknown, startedAt: Date): string {
  const dir = path.join(import.meta.dirname, 'results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, JSON.stringify(record, null, 2) + '\n');
  return file;
}
