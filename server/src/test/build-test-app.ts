/**
 * The real app on a fresh database with a driven clock, for `app.inject()` or a real port.
 * The clock starts at TEST_NOW (or `opts.now`), never at the machine's time: no test may depend on
 * the hour or the date it runs at.
 */
import type { FastifyServerOptions } from 'fastify';
import { buildApp } from '../app.js';
import { loadConfig, type Config } from '../config.js';
import { ManualClock } from '../platform/clock.js';
import type { App } from '../platform/http/types.js';
import type { GuestPresence } from '../modules/visits/index.js';
import { createTestDatabase, testDialect, type TestDatabase, type TestDialect } from './test-db.js';
import { TEST_NOW } from './test-time.js';

export { TEST_NOW };

export interface TestApp {
  app: App;
  clock: ManualClock;
  testDb: TestDatabase;
  config: Config;
  dialect: TestDialect;
  close(): Promise<void>;
}

export async function buildTestApp(
  opts: {
    env?: Record<string, string>;
    dialect?: TestDialect;
    guestPresence?: GuestPresence;
    now?: number;
    /** Fastify's logger option; none by default. */
    logger?: FastifyServerOptions['logger'];
    /** A database made elsewhere (a script outside vitest); a fresh one by default. */
    testDb?: TestDatabase;
  } = {},
): Promise<TestApp> {
  const dialect = opts.testDb?.database.dialect ?? opts.dialect ?? testDialect();
  const testDb = opts.testDb ?? (await createTestDatabase(dialect));
  // Every test signs in from the same address (inject's 127.0.0.1): the per-address login limit
  // is lifted here and tested on its own (login-limits.int.test.ts).
  const config = loadConfig({ LOG_LEVEL: 'silent', SEED_DEMO: 'false', WEB_DIST_DIR: '/nonexistent', LOGIN_MAX_PER_ADDRESS: '1000000', ...opts.env });
  const clock = new ManualClock(opts.now ?? TEST_NOW);
  const app = await buildApp({ config, database: testDb.database, clock, logger: opts.logger ?? false, guestPresence: opts.guestPresence });
  await app.ready();
  return {
    app,
    clock,
    testDb,
    config,
    dialect,
    close: async () => {
      await app.close();
      await testDb.drop();
    },
  };
}
