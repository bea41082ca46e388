/**
 * What each step of the notification write costs, one at a time in one process (no HTTP, no
 * concurrency): the session and role lookups, the write transaction, the bare insert, the event
 * publish. Run through Kysely as the server runs them, and beside each the cheaper alternative
 * we would propose. Explains the real/bare gap that `npm run bench` measures.
 *
 *   npx tsx bench/steps.ts     (BENCH_DIALECTS=sqlite,postgres; BENCH_STEPS_N iterations, default 10000)
 *
 * Wall µs is the latency of one sequential call (round trips included); CPU µs is this
 * process's CPU for it (on PostgreSQL the database's own CPU is not in it).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql, type SqliteDatabase, type SqliteStatement } from 'kysely';
import type { AuditLogTable, DB, NotificationsTable } from '../server/src/db/schema.js';
import { migrateToLatest, openDatabase } from '../server/src/db/create-db.js';
import { seedDemoIfEmpty } from '../server/src/db/seed/demo.js';
import { findSession, insertSession, loadSiteRoles } from '../server/src/platform/auth/session.repository.js';
import { hashToken } from '../server/src/platform/auth/session.js';
import { newId } from '../server/src/platform/ids.js';
import { insertAuditEntry } from '../server/src/modules/audit/audit.repository.js';
import { insertNotificationRow } from '../server/src/modules/notifications/notifications.repository.js';
import { createScratchDatabase } from './pg-database.js';

const N = Number(process.env.BENCH_STEPS_N || 10_000);
const dialects = (process.env.BENCH_DIALECTS || 'sqlite,postgres').split(',').map((d) => d.trim());

/** Opens the file as server/src/db/dialect/sqlite.ts does. */
function openSqlite(file: string): SQLite.Database {
  const database = new SQLite(file);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  return database;
}

/** better-sqlite3 behind a prepare() that reuses statements by SQL text (what we propose for db/dialect/sqlite.ts). */
function withStatementCache(database: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => database.close(),
    prepare: (text) => {
      let stmt = cache.get(text);
      if (!stmt) {
        stmt = database.prepare(text);
        cache.set(text, stmt);
      }
      return stmt;
    },
  };
}

async function time(label: string, fn: () => unknown, n = N): Promise<void> {
  for (let i = 0; i < Math.min(1000, n / 10); i++) await fn();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await fn();
  const wallUs = ((performance.now() - t0) * 1000) / n;
  const cpu = process.cpuUsage(cpu0);
  console.log(`  ${wallUs.toFixed(1).padStart(8)}  ${((cpu.user + cpu.system) / n).toFixed(1).padStart(8)}  ${label}`);
}

interface Fixture {
  sessionId: string;
  person: { personId: string; companyId: string; isCompanyAdmin: boolean };
  notification(): NotificationsTable;
  audit(entityId: string): AuditLogTable;
}

async function prepare(db: Kysely<DB>): Promise<Fixture> {
  await migrateToLatest(db);
  await seedDemoIfEmpty(db, Date.now());
  const m = await db
    .selectFrom('people as p')
    .innerJoin('site_members as s', 's.person_id', 'p.id')
    .select(['p.id', 'p.name', 'p.company_id', 's.site_id'])
    .where('p.login', '=', 'manager')
    .executeTakeFirstOrThrow();
  const sessionId = hashToken('bench-token');
  await insertSession(db, { id: sessionId, personId: m.id, now: Date.now(), expiresAt: Date.now() + 3_600_000 });
  return {
    sessionId,
    person: { personId: m.id, companyId: m.company_id, isCompanyAdmin: false },
    notification: () => ({
      id: newId(),
      site_id: m.site_id,
      to_person_id: null,
      from_person_id: m.id,
      from_name: m.name,
      title: '巡场提醒',
      body: '15:00 前请各岗位完成一次巡场，并在手机上确认检查项。',
      created_at: Date.now(),
    }),
    audit: (entityId) => ({
      id: newId(),
      company_id: m.company_id,
      site_id: m.site_id,
      actor_id: m.id,
      actor_name: m.name,
      action: 'notification.send',
      entity_type: 'notification',
      entity_id: entityId,
      detail: JSON.stringify({ title: '巡场提醒', toPersonId: null }),
      request_id: newId(),
      at: Date.now(),
    }),
  };
}

/** The write as sendNotification does it: one transaction, the notification and its audit row. */
const writeTx = (db: Kysely<DB>, f: Fixture) =>
  db.transaction().execute(async (trx) => {
    const row = f.notification();
    await insertNotificationRow(trx, row);
    await insertAuditEntry(trx, f.audit(row.id));
  });

async function sqliteSteps(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anchang-steps-'));
  try {
    const raw = openSqlite(path.join(dir, 'steps.db'));
    const plain = new Kysely<DB>({ dialect: new SqliteDialect({ database: raw }) });
    const cached = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(raw) }) });
    const f = await prepare(plain);
    for (let i = 0; i < 2000; i++) {
      await findSession(plain, f.sessionId);
      await loadSiteRoles(plain, f.person);
      await writeTx(plain, f);
    }
    const stmt = {
      session: raw.prepare(
        'select s.id, s.expires_at, s.last_seen_at, p.id as person_id, p.company_id, p.name, p.login, p.is_company_admin, p.is_active from sessions as s inner join people as p on p.id = s.person_id where s.id = ?',
      ),
      roles: raw.prepare('select site_id, role from site_members where person_id = ?'),
      notify: raw.prepare(
        'insert into notifications (id, site_id, to_person_id, from_person_id, from_name, title, body, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      audit: raw.prepare(
        'insert into audit_log (id, company_id, site_id, actor_id, actor_name, action, entity_type, entity_id, detail, request_id, at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      begin: raw.prepare('begin'),
      commit: raw.prepare('commit'),
    };
    const rawNotify = () => {
      const r = f.notification();
      stmt.notify.run(r.id, r.site_id, r.to_person_id, r.from_person_id, r.from_name, r.title, r.body, r.created_at);
      return r.id;
    };

    console.log(`\nSQLite, ${N} sequential calls per step\n   wall µs    CPU µs`);
    console.log('per request');
    await time('newId()', () => newId());
    await time('hashToken(cookie) (SHA-256)', () => hashToken('bench-token-0123456789abcdef0123456789abcdef'));
    console.log('authentication (every authenticated request)');
    await time('findSession                Kysely (as the server runs it)', () => findSession(plain, f.sessionId));
    await time('findSession                Kysely + statement cache', () => findSession(cached, f.sessionId));
    await time('findSession                raw prepared statement', () => stmt.session.get(f.sessionId));
    await time('loadSiteRoles              Kysely (as the server runs it)', () => loadSiteRoles(plain, f.person));
    await time('loadSiteRoles              Kysely + statement cache', () => loadSiteRoles(cached, f.person));
    await time('loadSiteRoles              raw prepared statement', () => stmt.roles.all(f.person.personId));
    console.log('the write');
    await time('tx(notification + audit)   Kysely (as the server runs it)', () => writeTx(plain, f));
    await time('tx(notification + audit)   Kysely + statement cache', () => writeTx(cached, f));
    await time('tx(notification + audit)   raw prepared statements', () => {
      stmt.begin.run();
      const id = rawNotify();
      const a = f.audit(id);
      stmt.audit.run(a.id, a.company_id, a.site_id, a.actor_id, a.actor_name, a.action, a.entity_type, a.entity_id, a.detail, a.request_id, a.at);
      stmt.commit.run();
    });
    await time('notification alone        Kysely, autocommit (the bare route)', () => insertNotificationRow(plain, f.notification()));
    await time('notification alone        Kysely + statement cache', () => insertNotificationRow(cached, f.notification()));
    await time('notification alone        raw prepared statement', () => rawNotify());
    await plain.destroy();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function postgresSteps(): Promise<void> {
  const scratch = await createScratchDatabase();
  try {
    const database = await openDatabase({ databaseUrl: scratch.url, sqliteFile: ':memory:' });
    const db = database.db;
    const f = await prepare(db);
    const pool = database.pool!;
    const payload = JSON.stringify({
      type: 'notification.created',
      room: 'site:x',
      siteId: 'x',
      payload: { notificationId: newId(), title: '巡场提醒' },
      at: Date.now(),
    });
    const pgN = Math.min(N, 3000);
    console.log(`\nPostgreSQL, ${pgN} sequential calls per step (one caller)\n   wall µs    CPU µs`);
    const timePg = (label: string, fn: () => unknown) => time(label, fn, pgN);
    // Warm the driver's code paths (JIT) and the pool's connection before timing anything.
    for (let i = 0; i < 2000; i++) {
      await findSession(db, f.sessionId);
      await loadSiteRoles(db, f.person);
      await writeTx(db, f);
    }
    console.log('authentication (every authenticated request)');
    await timePg('findSession                Kysely (as the server runs it)', () => findSession(db, f.sessionId));
    await timePg('loadSiteRoles              Kysely (as the server runs it)', () => loadSiteRoles(db, f.person));
    console.log('the write');
    await timePg('tx(notification + audit)   Kysely: BEGIN, INSERT, INSERT, COMMIT', () => writeTx(db, f));
    await timePg('notification alone        Kysely, autocommit (the bare route)', () => insertNotificationRow(db, f.notification()));
    await timePg('both rows in one statement (data-modifying CTE), autocommit', () => {
      const r = f.notification();
      const a = f.audit(r.id);
      return sql`with n as (insert into notifications (id, site_id, to_person_id, from_person_id, from_name, title, body, created_at)
        values (${r.id}, ${r.site_id}, ${r.to_person_id}, ${r.from_person_id}, ${r.from_name}, ${r.title}, ${r.body}, ${r.created_at}))
        insert into audit_log (id, company_id, site_id, actor_id, actor_name, action, entity_type, entity_id, detail, request_id, at)
        values (${a.id}, ${a.company_id}, ${a.site_id}, ${a.actor_id}, ${a.actor_name}, ${a.action}, ${a.entity_type}, ${a.entity_id}, ${a.detail}, ${a.request_id}, ${a.at})`.execute(
        db,
      );
    });
    console.log('after commit');
    await timePg('event publish: SELECT pg_notify(…) FROM unnest(…) (as the bus does)', () =>
      pool.query(`SELECT pg_notify($1, p) FROM unnest($2::text[]) AS p`, ['anchang_bench_steps', [payload]]),
    );
    await database.close();
  } finally {
    await scratch.drop();
  }
}

async function main(): Promise<void> {
  if (dialects.includes('sqlite')) await sqliteSteps();
  if (dialects.includes('postgres')) await postgresSteps();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
