/**
 * `npm run bench -- durability`: what SQLite's `synchronous=FULL` (the default: every commit
 * synced to disk before the write is answered) costs against `NORMAL` (synced at checkpoints;
 * a power cut may lose the last commits). The same authenticated write, the notification the
 * notification scenario drives, against a server on a fresh file in each mode; the modes take
 * turns (FULL, NORMAL, FULL, NORMAL, …) so that other load on the machine falls on both alike,
 * and each mode's figure is the median of its rounds.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import type { LoadFigures, LoadOptions, Target } from './load.js';
import { drive, logIn } from './load.js';

export const SYNCHRONOUS_MODES = ['full', 'normal'] as const;
export type SynchronousMode = (typeof SYNCHRONOUS_MODES)[number];

export interface DurabilityRound {
  mode: SynchronousMode;
  figures: LoadFigures;
}

export interface DurabilityResult {
  rounds: DurabilityRound[];
  /** Median throughput per mode, requests/s. */
  full: number;
  normal: number;
  /** full / normal: the share of NORMAL's throughput FULL keeps. */
  ratio: number;
  /** Median p99 latency per mode, ms. */
  fullP99Ms: number;
  normalP99Ms: number;
  clean: boolean;
  /** One-row commits straight through better-sqlite3 on this machine's disk, ms each: what the sync itself costs. */
  bareCommitMs: Record<SynchronousMode, number>;
}

const NOTICE = JSON.stringify({ title: '交班提醒', body: '请在离岗前完成岗后检查项并拍照上传。' });

/**
 * `startServer(mode)` starts a bench server on a fresh SQLite file with SQLITE_SYNCHRONOUS=mode
 * and returns its address and a stop function that also removes the file.
 */
export async function benchDurability(opts: {
  load: LoadOptions;
  rounds: number;
  startServer: (mode: SynchronousMode) => Promise<{ baseUrl: string; stop: () => Promise<void> }>;
}): Promise<DurabilityResult> {
  const bareCommitMs = { full: measureBareCommit('full'), normal: measureBareCommit('normal') };
  const rounds: DurabilityRound[] = [];
  for (let round = 1; round <= opts.rounds; round++) {
    for (const mode of SYNCHRONOUS_MODES) {
      const server = await opts.startServer(mode);
      try {
        const session = await logIn(server.baseUrl);
        const target: Target = {
          name: `synchronous=${mode}`,
          url: `${server.baseUrl}/api/sites/${session.siteId}/notifications`,
          headers: { cookie: session.cookie },
          body: NOTICE,
        };
        console.log(`  round ${round}/${opts.rounds}, synchronous=${mode.toUpperCase()}: ${opts.load.warmupS} s warm-up + ${opts.load.durationS} s…`);
        const { figures } = await drive(target, opts.load);
        rounds.push({ mode, figures });
      } finally {
        await server.stop();
      }
    }
  }
  const of = (mode: SynchronousMode) => rounds.filter((r) => r.mode === mode).map((r) => r.figures);
  const full = median(of('full').map((f) => f.requestsPerSec));
  const normal = median(of('normal').map((f) => f.requestsPerSec));
  return {
    rounds,
    full,
    normal,
    ratio: normal > 0 ? full / normal : 0,
    fullP99Ms: median(of('full').map((f) => f.latencyP99Ms)),
    normalP99Ms: median(of('normal').map((f) => f.latencyP99Ms)),
    bareCommitMs,
    clean: rounds.every((r) => r.figures.non2xx === 0 && r.figures.errors === 0 && r.figures.timeouts === 0 && r.figures.requestsTotal > 0),
  };
}

/**
 * Milliseconds per one-row transaction on a fresh file in the temp directory, in WAL mode with
 * the given synchronous setting: no server, no CPU to speak of, only the disk.
 */
function measureBareCommit(mode: SynchronousMode, commits = 300): number {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anchang-sync-'));
  const db = new SQLite(path.join(dir, 'probe.db'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${mode.toUpperCase()}`);
    db.exec('CREATE TABLE probe (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO probe (body) VALUES (?)');
    const commit = db.transaction((body: string) => insert.run(body));
    const start = performance.now();
    for (let i = 0; i < commits; i++) commit(NOTICE);
    return (performance.now() - start) / commits;
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length === 0 ? NaN : sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function renderDurabilityReport(r: DurabilityResult, load: LoadOptions): string {
  const lines = [
    '',
    `SQLite durability: POST /api/sites/:siteId/notifications, ${load.connections} connections, ${load.durationS} s per round, ${r.rounds.length / 2} round(s) per mode`,
    `${'mode'.padEnd(20)}${'req/s'.padStart(10)}${'p50 ms'.padStart(10)}${'p99 ms'.padStart(10)}`,
    ...r.rounds.map(
      (x) =>
        `${`synchronous=${x.mode.toUpperCase()}`.padEnd(20)}${x.figures.requestsPerSec.toFixed(0).padStart(10)}` +
        `${x.figures.latencyP50Ms.toFixed(1).padStart(10)}${x.figures.latencyP99Ms.toFixed(1).padStart(10)}`,
    ),
    `median: FULL ${r.full.toFixed(0)} req/s (p99 ${r.fullP99Ms.toFixed(1)} ms), NORMAL ${r.normal.toFixed(0)} req/s (p99 ${r.normalP99Ms.toFixed(1)} ms); ` +
      `FULL / NORMAL = ${r.ratio.toFixed(2)}`,
  ];
  lines.push(
    `one-row commit on this disk, no server: FULL ${r.bareCommitMs.full.toFixed(2)} ms, NORMAL ${r.bareCommitMs.normal.toFixed(2)} ms ` +
      `(a single SQLite writer with FULL tops out near ${(1000 / r.bareCommitMs.full).toFixed(0)} commits/s here)`,
  );
  if (!r.clean) lines.push('!!! some requests failed: see the figures in the results file');
  return lines.join('\n');
}
