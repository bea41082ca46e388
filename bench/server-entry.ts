/**
 * The server under benchmark: the real app, started as `server/src/main.ts` starts it, plus one
 * bare route that is the reference cost of the write.
 *
 * `POST /bench/bare-notification` does the insert `sendNotification` does, straight through Kysely,
 * with no session, no role check, no transaction, no audit row and no event. The gap between it and
 * `POST /api/sites/:siteId/notifications` is what our own layers cost.
 *
 * Bundled and run by bench/run.ts as plain `node`, as the server runs in production, so the measured process is the
 * one serving. Configuration comes from the environment (loadConfig); on listening it prints one
 * line `BENCH_READY {"port":…}` on stdout.
 */
import pg from 'pg';
import { buildApp } from '../server/src/app.js';
import { loadConfig } from '../server/src/config.js';
import { migrateToLatest, openDatabase } from '../server/src/db/create-db.js';
import type { NotificationsTable, VisitsTable } from '../server/src/db/schema.js';
import { seedDemoIfEmpty } from '../server/src/db/seed/demo.js';
import { scheduleSessionPurge } from '../server/src/modules/auth/session-purge.jobs.js';
import { newId } from '../server/src/platform/ids.js';
import { sqliteCommitGroup } from '../server/src/platform/sqlite-commit-group.js';
import { inTransaction } from '../server/src/platform/tx.js';
import { READY_PREFIX, type ReadyMessage } from './ready.js';
import { findVisitSites, seedVisitSites } from './visit-sites.js';

const BARE_SENDER_LOGIN = 'manager';

async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(config);
  await migrateToLatest(database.db);
  await seedDemoIfEmpty(database.db, Date.now());

  // The visits scenario: BENCH_SITES extra sales centers, each with a park, a hall and a model-room phone.
  // A second instance on the same database (BENCH_INSTANCE=1) finds the sites the first one seeded.
  const benchSites = Number(process.env.BENCH_SITES ?? '0');
  const instance = process.env.BENCH_INSTANCE ?? '';
  const visitSites =
    benchSites === 0
      ? []
      : instance !== '' && instance !== '0'
        ? await findVisitSites(database.db, benchSites)
        : await seedVisitSites(database.db, benchSites, Date.now());

  // Every statement this process sends to PostgreSQL (the requests' pool, the event bus's, the timers'): the
  // visits bench prints them per write, a figure the machine's load does not move.
  let statements = 0;
  if (database.dialect === 'postgres') {
    const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      statements++;
      return query.apply(this, args);
    } as typeof pg.Client.prototype.query;
  }

  const app = await buildApp({ config, database });
  app.get('/bench/statements', { schema: { hide: true } }, () => ({ statements: database.dialect === 'postgres' ? statements : null }));
  // How long each API write took inside this process, from its first byte in to its answer out (Fastify's
  // elapsedTime: the write gate's wait included). Beside the phone's round trip it tells the server's share of a
  // slow write from the proxy's, the kernel's and the phone's own. Read and cleared by the visits bench per journey.
  const MAX_WRITE_TIMES = 1_000_000;
  let writeTimesMs: number[] = [];
  app.addHook('onResponse', async (req, reply) => {
    if (req.method === 'POST' && req.url.startsWith('/api/') && writeTimesMs.length < MAX_WRITE_TIMES) writeTimesMs.push(reply.elapsedTime);
  });
  app.post('/bench/write-times/take', { schema: { hide: true } }, () => {
    const taken = writeTimesMs;
    writeTimesMs = [];
    return { writeTimesMs: taken };
  });
  // SQLite: transactions committed and the COMMITs they shared (platform/sqlite-commit-group.ts).
  app.get('/bench/commits', { schema: { hide: true } }, () => ({
    commits: database.dialect === 'sqlite' ? sqliteCommitGroup(database.db).stats() : null,
  }));
  if (instance !== '') {
    // Behind the bench's proxy: every answer and every socket handshake says which instance served it, as a load
    // balancer's upstream header would, so the bench can tell a hand-off that crossed instances.
    app.addHook('onSend', async (_req, reply) => {
      void reply.header('x-bench-instance', instance);
    });
    app.websocketServer.on('headers', (headers) => headers.push(`x-bench-instance: ${instance}`));
  }
  const { timers, deps } = app.services;
  await inTransaction(deps, (tx) => scheduleSessionPurge(tx));
  if (config.roles.includes('scheduler') || config.roles.includes('worker')) timers.start(config.timerIntervalMs);

  // The bare route writes as the demo manager on the demo site, as the real requests do.
  const sender = await database.db
    .selectFrom('people as p')
    .innerJoin('site_members as m', 'm.person_id', 'p.id')
    .select(['p.id', 'p.name', 'm.site_id'])
    .where('p.login', '=', BARE_SENDER_LOGIN)
    .executeTakeFirstOrThrow();

  app.post('/bench/bare-notification', { schema: { hide: true } }, async (req, reply) => {
    const input = req.body as { title?: unknown; body?: unknown } | null;
    const title = typeof input?.title === 'string' ? input.title : '';
    if (title === '') return reply.status(400).send({ error: 'title required' });
    const row: NotificationsTable = {
      id: newId(),
      site_id: sender.site_id,
      to_person_id: null,
      from_person_id: sender.id,
      from_name: sender.name,
      title: title.trim(),
      body: typeof input?.body === 'string' ? input.body.trim() : '',
      created_at: Date.now(),
    };
    await database.db.insertInto('notifications').values(row).execute();
    return reply.status(201).send(row);
  });

  // The reference for POST /api/sites/:siteId/visits: the visits row alone, on the first bench site, as its car-park phone.
  const bareVisitSite = visitSites[0];
  if (bareVisitSite) {
    app.post('/bench/bare-visit', { schema: { hide: true } }, async (req, reply) => {
      const input = req.body as { id?: unknown; partySize?: unknown; plate?: unknown } | null;
      if (typeof input?.id !== 'string' || typeof input.partySize !== 'number') return reply.status(400).send({ error: 'id, partySize required' });
      const now = Date.now();
      const row: VisitsTable = {
        id: input.id,
        site_id: bareVisitSite.siteId,
        party_size: input.partySize,
        arrival_mode: 'car',
        plate: typeof input.plate === 'string' ? input.plate : null,
        is_new_energy: 0,
        customer_id: null,
        consultant_id: null,
        stage: 'car_park',
        stage_since: now,
        stage_log: JSON.stringify([{ stage: 'car_park', at: now }]),
        status: 'open',
        registered_by: bareVisitSite.parkPersonId,
        arrived_at: now,
        closed_at: null,
        updated_at: now,
      };
      await database.db.insertInto('visits').values(row).execute();
      return reply.status(201).send(row);
    });
  }

  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    const force = setTimeout(() => process.exit(1), 10_000).unref();
    try {
      await app.close();
      await database.close();
    } finally {
      clearTimeout(force);
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());

  // A stall detector: the event loop held longer than BENCH_STALL_MS (SQLite's statements run on it) is reported
  // with the timers that fired meanwhile, the usual suspects for a long synchronous statement.
  const stallMs = Number(process.env.BENCH_STALL_MS ?? '0');
  if (stallMs > 0) {
    let last = performance.now();
    setInterval(() => {
      const now = performance.now();
      const late = now - last - 50;
      last = now;
      if (late < stallMs) return;
      const since = Math.round(Date.now() - late - 100); // fired_at is a bigint column on PostgreSQL
      void database.db
        .selectFrom('timers')
        .select(['kind', 'site_id', 'fired_at'])
        .where('fired_at', '>=', since)
        .execute()
        .then(
          (fired) => console.error(`event loop stalled ${late.toFixed(0)} ms; timers fired meanwhile: ${JSON.stringify(fired.map((t) => t.kind))}`),
          (err: unknown) => console.error(`event loop stalled ${late.toFixed(0)} ms; reading the timers failed: ${String(err)}`),
        );
    }, 50).unref();
  }

  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const ready: ReadyMessage = { port, dialect: database.dialect, siteId: sender.site_id, visitSiteIds: visitSites.map((v) => v.siteId) };
  process.stdout.write(`${READY_PREFIX}${JSON.stringify(ready)}\n`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
