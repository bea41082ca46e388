/**
 * The server under benchmark as a child process, so its memory is its own. It runs as it does
 * in production: bench/server-entry.ts bundled to plain JavaScript (server/build.ts) and
 * started with `node`, so the pid we poll is the one serving. Only this child is ever signalled.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { bundleServer, scratchBundleDir, shippedNodeFlags } from '../server/build.js';

import { PROXY_READY_PREFIX, READY_PREFIX, type ReadyMessage } from './ready.js';

export { READY_PREFIX, type ReadyMessage };

export interface ServerProcess {
  readonly pid: number;
  readonly ready: ReadyMessage;
  readonly memory: MemorySampler;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the child has exited. */
  stop(graceMs?: number): Promise<void>;
}

const ENTRY = path.join(import.meta.dirname, 'server-entry.ts');
const REPO_ROOT = path.resolve(import.meta.dirname, '..');

export async function startServer(opts: {
  env: NodeJS.ProcessEnv;
  label: string;
  nodeArgs?: string[];
  readyTimeoutMs?: number;
}): Promise<ServerProcess> {
  const bundle = path.join(scratchBundleDir('bench'), 'server.js');
  await bundleServer(ENTRY, bundle);
  // The shipped flags first: a flag given again in nodeArgs (BENCH_SERVER_NODE_ARGS) overrides it.
  const child = spawn(process.execPath, [...shippedNodeFlags(), ...(opts.nodeArgs ?? []), bundle], {
    cwd: REPO_ROOT,
    env: opts.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  readline.createInterface({ input: child.stderr }).on('line', (line) => process.stderr.write(`[${opts.label} server] ${line}\n`));

  let ready: ReadyMessage;
  try {
    ready = await waitForReady(child, opts.readyTimeoutMs ?? 60_000);
  } catch (err) {
    await stopChild(child, exited, 2_000);
    throw err;
  }
  const memory = new MemorySampler(child.pid!);
  return {
    pid: child.pid!,
    ready,
    memory,
    stop: async (graceMs = 10_000) => {
      memory.stop();
      await stopChild(child, exited, graceMs);
      fs.rmSync(path.dirname(bundle), { recursive: true, force: true });
    },
  };
}

function waitForReady(child: ChildProcess, timeoutMs: number): Promise<ReadyMessage> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not report ready within ${timeoutMs} ms`)), timeoutMs);
    const onExit = (code: number | null, signal: string | null) => {
      clearTimeout(timer);
      reject(new Error(`server exited before ready (code ${code}, signal ${signal})`));
    };
    child.once('exit', onExit);
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.startsWith(READY_PREFIX)) {
        process.stdout.write(`  [server] ${line}\n`);
        return;
      }
      clearTimeout(timer);
      child.off('exit', onExit);
      resolve(JSON.parse(line.slice(READY_PREFIX.length)) as ReadyMessage);
    });
  });
}

async function stopChild(child: ChildProcess, exited: Promise<void>, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timedOut = await Promise.race([exited.then(() => false), sleep(graceMs).then(() => true)]);
  if (timedOut) {
    child.kill('SIGKILL');
    await exited;
  }
}

/** CPU time in ms (Linux USER_HZ is 100): the process's own (all threads), and the whole machine's busy time. */
export interface CpuSnapshot {
  processMs: number;
  machineBusyMs: number;
}

export function readCpu(pid: number): CpuSnapshot {
  const TICK_MS = 10;
  // Fields after the command name, which is in parentheses and may hold spaces: utime is the 12th, stime the 13th.
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const processMs = (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  // user nice system idle iowait irq softirq steal: busy = user + nice + system + irq + softirq.
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0] = fs
    .readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]!
    .trim()
    .split(/\s+/)
    .slice(1, 9)
    .map(Number);
  const machineBusyMs = (user + nice + system + irq + softirq) * TICK_MS;
  return { processMs, machineBusyMs };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Polls /proc/<pid>/status. VmHWM is the kernel's own peak resident set (the figure we judge);
 * VmRSS samples give the peak inside each measured window.
 */
export class MemorySampler {
  private readonly timer: NodeJS.Timeout;
  private windowPeakKb = 0;
  /** VmHWM before the last `resetPeak`, MiB. */
  private earlierPeakMb = 0;

  constructor(
    private readonly pid: number,
    intervalMs = 100,
  ) {
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  /** Current VmRSS and VmHWM in MiB. */
  read(): { rssMb: number; hwmMb: number } {
    const status = fs.readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
  }

  /**
   * Starts VmHWM over from the current RSS (Linux: `5` to /proc/<pid>/clear_refs), so that it
   * measures what follows (serving) and not the setup before it (seeding, sign-ins).
   */
  resetPeak(): void {
    this.earlierPeakMb = Math.max(this.earlierPeakMb, this.read().hwmMb);
    fs.writeFileSync(`/proc/${this.pid}/clear_refs`, '5');
  }

  /** VmHWM over the process's whole life, resets or not, MiB. */
  lifetimePeakMb(): number {
    return Math.max(this.earlierPeakMb, this.read().hwmMb);
  }

  /** Starts a window; `endWindow` returns the highest VmRSS sampled since. */
  startWindow(): void {
    this.windowPeakKb = 0;
    this.sample();
  }

  endWindow(): number {
    this.sample();
    return this.windowPeakKb / 1024;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private sample(): void {
    try {
      const { rssMb } = this.read();
      this.windowPeakKb = Math.max(this.windowPeakKb, rssMb * 1024);
    } catch {
      // The process is gone; the last samples stand.
    }
  }
}

/**
 * The bench's reverse proxy (bench/proxy.ts) in front of `targets`, round-robin, as its own process.
 * Resolves once it listens.
 */
export async function startProxy(targets: string[]): Promise<{ pid: number; port: number; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'proxy.ts')], {
    cwd: REPO_ROOT,
    env: { ...process.env, BENCH_PROXY_TARGETS: targets.join(','), PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  readline.createInterface({ input: child.stderr }).on('line', (line) => process.stderr.write(`[proxy] ${line}\n`));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('proxy did not report ready within 30 s')), 30_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`proxy exited before ready (code ${code})`));
    });
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      if (!line.startsWith(PROXY_READY_PREFIX)) return;
      clearTimeout(timer);
      resolve((JSON.parse(line.slice(PROXY_READY_PREFIX.length)) as { port: number }).port);
    });
  }).catch(async (err: unknown) => {
    await stopChild(child, exited, 2_000);
    throw err;
  });
  return { pid: child.pid!, port, stop: () => stopChild(child, exited, 5_000) };
}
