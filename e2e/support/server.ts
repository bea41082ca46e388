/**
 * The real server for a browser test: `server/src/main.ts` in its own process on a free port,
 * with a fresh SQLite file in a temp dir (the demo company seeded into it, unless
 * `seedDemo: false`), serving the built web app from web/dist. Stopping it kills the process and
 * removes the temp dir.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnServer } from '../../server/src/test/spawn-server.js';

const WEB_DIST = path.resolve(import.meta.dirname, '../../web/dist');

export interface TestServer {
  url: string;
  /** What the server printed: attach to a failure to see why. */
  output: () => string;
  stop(): Promise<void>;
}

export interface ServerOptions {
  /** Seed the demo company (default), or start empty, as a production install does. */
  seedDemo?: boolean;
  /** More server variables (APP_MODE, …). */
  env?: Record<string, string>;
}

export async function startServer(options: ServerOptions = {}): Promise<TestServer> {
  if (!existsSync(path.join(WEB_DIST, 'index.html')) || !existsSync(path.join(WEB_DIST, 'm/index.html'))) {
    throw new Error('web/dist is missing: run `npm run build -w web` first (npm run test:e2e does)');
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'anchang-e2e-'));
  try {
    const server = await spawnServer({
      SQLITE_FILE: path.join(dir, 'anchang.db'),
      DATABASE_URL: '', // SQLite even where the environment points at PostgreSQL
      SEED_DEMO: options.seedDemo === false ? 'false' : 'true',
      WEB_DIST_DIR: WEB_DIST,
      ...options.env,
    });
    return {
      url: server.url,
      output: server.output,
      stop: async () => {
        await server.stop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}
