/**
 * The real app on a fresh database with a driven clock, for `app.inject()` or a real port.
 */
import type { FastifyServerOptions } from 'fastify';
import { buildApp } from '../app.js';
import { loadConfig, type Config } from '../config.js';
import { ManualClock } from '../platform/clock.js';
import type { App } from '../platform/http/types.js';
import type { GuestPresence } from '../modules/visits/index.js';
import { createTestDatabase, testDialect, type TestDatabase, type TestDialect } from './test-db.js';

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
    /** Fastify's logger option; none by default. */
    logger?: FastifyServerOptions['logger'];
    /** A database made elsewhere (a script outside vitest); a fresh one by default. */
    testDb?: TestDatabase;
  } = {},
): Promise<TestApp> {
  const dialect = opts.testDb?.database.dialect ?? opts.dialect ?? testDialect();
  const testDb = opts.testDb ?? (await createTestDatabase(dialect));
  const config = loadConfig({ LOG_LEVEL: 'silent', SEED_DEMO: 'false', WEB_DIST_DIR: '/nonexistent', ...opts.env });
  const clock = new ManualClock(Date.now());
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
