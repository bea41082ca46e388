/**
 * A PostgreSQL cluster of the test's own, in a temp dir on a free port, for tests that stop and
 * start the server (the machine's shared PostgreSQL must never be stopped). initdb refuses to
 * run as root: as root, the tools run as the `postgres` OS user, which owns the temp dir.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './spawn-server.js';

const run = promisify(execFile);
const BIN_DIR = '/usr/lib/postgresql/15/bin';

export interface PrivatePostgres {
  /** A connection string to `database` on this cluster. */
  url(database?: string): string;
  port: number;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the cluster at once and removes its directory. */
  destroy(): Promise<void>;
}

/** Why a private cluster cannot be started here, or null when it can. */
export function privatePostgresUnavailable(): string | null {
  for (const tool of ['initdb', 'pg_ctl']) {
    if (!fs.existsSync(path.join(BIN_DIR, tool))) return `${BIN_DIR}/${tool} is not installed (apt-get install postgresql-15)`;
  }
  if (process.getuid?.() === 0 && !fs.existsSync('/usr/sbin/runuser') && !fs.existsSync('/sbin/runuser')) return 'runuser is missing';
  return null;
}

async function osUser(name: string): Promise<{ uid: number; gid: number }> {
  const uid = Number((await run('id', ['-u', name])).stdout.trim());
  const gid = Number((await run('id', ['-g', name])).stdout.trim());
  return { uid, gid };
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anchang-pg-'));
  const dataDir = path.join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { uid, gid } = await osUser('postgres');
    fs.chownSync(dir, uid, gid);
  }
  const tool = (name: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', path.join(BIN_DIR, name), ...args]) : run(path.join(BIN_DIR, name), args);
  const port = await freePort();
  const pgCtl = (args: string[]) => tool('pg_ctl', ['-D', dataDir, ...args]);
  const start = async () => {
    await pgCtl([
      '-l',
      path.join(dir, 'server.log'),
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50`,
      '-w',
      '-t',
      '30',
      'start',
    ]);
  };
  try {
    await tool('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
    await start();
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    port,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    start,
    // Fast: sessions are ended at once, as when the database machine is restarted.
    stop: async () => void (await pgCtl(['-m', 'fast', '-w', 'stop'])),
    destroy: async () => {
      await pgCtl(['-m', 'immediate', '-w', 'stop']).catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
