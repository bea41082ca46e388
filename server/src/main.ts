/**
 * Process entry: parse config, open and migrate the database, seed the demo into an empty one
 * when asked (`--demo`, as `npm start` does, or SEED_DEMO=true; never in production), start the
 * roles this process plays, and shut down gracefully on SIGINT/SIGTERM.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { migrateDatabase, openDatabase } from './db/create-db.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoIfEmpty } from './db/seed/demo.js';
import { seedDemoHistory } from './db/seed/demo-history.js';
import { scheduleSessionPurge } from './modules/auth/session-purge.jobs.js';
import { scheduleEventPrune } from './platform/events/prune.js';
import { pino } from 'pino';
import { installCrashHandlers } from './platform/crash.js';
import { endLog, stdoutLogDestination, type Logger } from './platform/logger.js';
import { offsetClock } from './platform/clock.js';
import { scheduleCustomerRetention, scheduleDayEndCloses } from './modules/visits/index.js';
import { scheduleAssessmentClose } from './modules/assessment/index.js';
import { scheduleDailyCustomerSummaries } from './modules/customer-feedback/index.js';
import { scheduleClientReports } from './modules/client-reports/index.js';
import { getInstanceInfo } from './modules/instance/index.js';
import { inTransaction } from './platform/tx.js';

/** Every log line of the process goes here, so a shutdown can write out the last ones in order. */
const logDestination = stdoutLogDestination();
/** The logger crashes go to: a plain one until the app's own (with its level and redaction) exists. */
let log: Logger = pino(logDestination);
installCrashHandlers(() => log);

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

  await migrateDatabase(config);
  const database = await openDatabase(config);
  const clock = offsetClock(config.clockOffsetMs);
  const seedStarted = Date.now();
  const seeded = config.seedDemo ? await seedDemoIfEmpty(database.db, clock.now()) : false;
  const seedMs = Date.now() - seedStarted;
  const instance = await getInstanceInfo(database);

  const app = await buildApp({ config, database, clock, logDestination });
  log = app.log;
  const { timers, outbound, deps, lifecycle } = app.services;
  if (seeded) {
    // The demo's past is written before the timers start: the history fires its own timers on
    // its own clock, so the live runner finds nothing from the past to catch up on.
    const history = config.demoHistory ? await seedDemoHistory({ database, log: app.log, now: clock.now(), timers }) : null;
    app.log.info(
      { seedMs, historyMs: history?.ms ?? null, history },
      history ? 'demo seeded with its past month' : 'demo seeded (DEMO_HISTORY=false: no past)',
    );
  }
  await inTransaction(deps, async (tx) => {
    await scheduleSessionPurge(tx);
    await scheduleEventPrune(tx);
    await scheduleCustomerRetention(tx);
    await scheduleAssessmentClose(tx);
    await scheduleDailyCustomerSummaries(tx);
    await scheduleClientReports(tx);
    await scheduleDayEndCloses(tx);
  });
  if (config.roles.includes('scheduler') || config.roles.includes('worker')) {
    timers.start(config.timerIntervalMs);
    outbound.start(config.timerIntervalMs);
  }

  /**
   * The order matters: readiness turns 503 at once (a load balancer stops sending new work);
   * after SHUTDOWN_DELAY_MS the listener closes and realtime clients are told 1012 "service
   * restart"; requests in flight finish (a request on an open keep-alive connection is still
   * served, with `Connection: close`); timers stop after the one in hand; the event listener
   * closes; the database closes last, once nothing can use it.
   */
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    lifecycle.beginShutdown();
    app.log.info({ signal, delayMs: config.shutdownDelayMs }, 'shutting down: not ready any more');
    const force = setTimeout(() => {
      app.log.error({ timeoutMs: config.shutdownTimeoutMs }, 'shutdown took too long; exiting with work unfinished');
      process.exit(1);
    }, config.shutdownDelayMs + config.shutdownTimeoutMs).unref();
    let exitCode = 0;
    try {
      if (config.shutdownDelayMs > 0) await sleep(config.shutdownDelayMs);
      await app.close();
      app.log.info('http closed, in-flight requests done, timers stopped');
      await database.close();
      app.log.info('database closed');
    } catch (err) {
      app.log.error({ err }, 'shutdown failed');
      exitCode = 1;
    } finally {
      clearTimeout(force);
      await endLog(logDestination);
      process.exit(exitCode);
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
  log.fatal({ err }, 'startup failed');
  process.exit(1);
});
