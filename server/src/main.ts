/**
 * Process entry: parse config, open and migrate the database, seed the demo into an empty one
 * when asked (`--demo`, as `npm start` does, or SEED_DEMO=true; never in production), start the
 * roles this process plays, and shut down gracefully on SIGINT/SIGTERM.
 */
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { migrateToLatest, openDatabase } from './db/create-db.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoIfEmpty } from './db/seed/demo.js';
import { scheduleSessionPurge } from './modules/auth/session-purge.jobs.js';
import { getInstanceInfo } from './modules/instance/index.js';
import { inTransaction } from './platform/tx.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env, process.cwd(), { demoByDefault: process.argv.includes('--demo') });
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }

  const database = await openDatabase(config);
  await migrateToLatest(database.db);
  const seeded = config.seedDemo ? await seedDemoIfEmpty(database.db, Date.now()) : false;
  const instance = await getInstanceInfo(database);

  const app = await buildApp({ config, database });
  const { timers, deps } = app.services;
  await inTransaction(deps, (tx) => scheduleSessionPurge(tx));
  if (config.roles.includes('scheduler') || config.roles.includes('worker')) timers.start(config.timerIntervalMs);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000).unref();
    try {
      await app.close();
      await database.close();
    } finally {
      clearTimeout(force);
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  if (config.roles.includes('api')) {
    await app.listen({ port: config.port, host: config.host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const lines = [
      '',
      `  Anchang 安场 is running on ${database.dialect === 'postgres' ? 'PostgreSQL' : `SQLite (${config.sqliteFile})`}`,
      `  Console:    http://localhost:${port}/`,
      `  Staff app:  http://localhost:${port}/m`,
      `  API docs:   http://localhost:${port}/api/docs`,
    ];
    if (seeded) {
      lines.push('', `  Demo site seeded. Every demo account's password: ${DEMO_PASSWORD}`);
      for (const a of DEMO_ACCOUNTS) lines.push(`    ${a.login.padEnd(11)} ${a.role.padEnd(17)} ${a.name}`);
    }
    if (instance.needsSetup) {
      lines.push(
        '',
        '  First run: no company yet. Create it and its first admin at',
        `    http://localhost:${port}/setup`,
        '  or from this machine with `npm run setup`.',
      );
    }
    if (instance.demo && config.appMode === 'production') {
      lines.push('', '  WARNING: this database holds the demo company, whose accounts share a published password.');
    }
    console.log(lines.join('\n') + '\n');
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
