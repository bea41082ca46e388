/**
 * The real server for a browser test: `server/src/main.ts` in its own process on a free port,
 * on a fresh database (a SQLite file in a temp dir, or a new PostgreSQL database on the machine's
 * server) with the demo company seeded into it (unless `seedDemo: false`, as a production install starts), serving the built web app from web/dist.
 * Stopping it kills the process and removes the file or drops the database.
 *
 * Time: the server's clock runs from E2E_NOW (CLOCK_OFFSET_MS), whatever the machine's date and
 * hour, and the browser contexts of ./browser.ts run their clock from the same instant, so the
 * demo's rosters, opening hours and "today" are the same on every run, and nothing fails in the
 * last minutes of a Shanghai day or month.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { databaseUrlFor, withAdmin } from '../../server/src/test/pg-admin.js';
import { spawnServer } from '../../server/src/test/spawn-server.js';
import { TEST_NOW } from '../../server/src/test/test-time.js';

const WEB_DIST = path.resolve(import.meta.dirname, '../../web/dist');

/** Where the server's and the browser's clocks start: Wednesday 2 December 2026, 10:00 in Shanghai. */
export const E2E_NOW = TEST_NOW;

export type E2eDialect = 'sqlite' | 'postgres';

export interface TestServer {
  url: string;
  dialect: E2eDialect;
  /** The server's clock now (epoch ms): E2E_NOW plus the real time since the server started. */
  now(): number;
  /** What the server printed: attach to a failure to see why. */
  output: () => string;
  stop(): Promise<void>;
}

/** Clock offsets of the running servers, by URL: the browser contexts of a server take its time. */
const offsets = new Map<string, number>();

/** The clock of the server at `baseUrl` (the machine's time for a server not started here). */
export function serverNow(baseUrl: string): number {
  return Date.now() + (offsets.get(baseUrl) ?? 0);
}

/** A database of its own for one server: an empty PostgreSQL database (the server migrates and seeds it) or a SQLite file. */
async function freshDatabase(dialect: E2eDialect): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
  if (dialect === 'postgres') {
    const name = `anchang_e2e_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    await withAdmin((c) => c.query(`CREATE DATABASE ${name}`));
    return {
      env: { DATABASE_URL: databaseUrlFor(name) },
      drop: () => withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
    };
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'anchang-e2e-'));
  return {
    // SQLite even where the environment points at PostgreSQL.
    env: { SQLITE_FILE: path.join(dir, 'anchang.db'), DATABASE_URL: '' },
    drop: () => rm(dir, { recursive: true, force: true }),
  };
}

export interface ServerOptions {
  dialect?: E2eDialect;
  now?: number;
  /** Seed the demo company (default), or start empty, as a production install does. */
  seedDemo?: boolean;
  /**
   * Also write the demo's past month (DEMO_HISTORY), as `npm start` does. Off unless asked: it
   * adds some fifteen seconds to a start, and only the files whose screens show the past (the
   * manager's phone, the visit chain, the shift checklist) need it to prove today still works
   * with a month behind it.
   */
  demoHistory?: boolean;
  /** More server variables (APP_MODE, …). */
  env?: Record<string, string>;
}

export async function startServer(opts: ServerOptions = {}): Promise<TestServer> {
  if (!existsSync(path.join(WEB_DIST, 'index.html')) || !existsSync(path.join(WEB_DIST, 'm/index.html'))) {
    throw new Error('web/dist is missing: run `npm run build -w web` first (npm run test:e2e does)');
  }
  const dialect = opts.dialect ?? 'sqlite';
  const database = await freshDatabase(dialect);
  const offset = (opts.now ?? E2E_NOW) - Date.now();
  try {
    const server = await spawnServer(
      {
        ...database.env,
        SEED_DEMO: opts.seedDemo === false ? 'false' : 'true',
        DEMO_HISTORY: opts.demoHistory === true ? 'true' : 'false',
        WEB_DIST_DIR: WEB_DIST,
        CLOCK_OFFSET_MS: String(offset),
        ...opts.env,
      },
      // The past month is written before the server answers: on a busy machine (browser tests
      // run side by side) that can take a minute or more.
      opts.demoHistory === true ? 240_000 : undefined,
    );
    offsets.set(server.url, offset);
    return {
      url: server.url,
      dialect,
      now: () => Date.now() + offset,
      output: server.output,
      stop: async () => {
        try {
          await server.stop();
        } finally {
          offsets.delete(server.url);
          await database.drop();
        }
      },
    };
  } catch (err) {
    await database.drop();
    throw err;
  }
}
