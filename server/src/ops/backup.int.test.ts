/**
 * Backup and restore, the way an operator runs them (`npm run backup`, `npm run restore`), while
 * the server keeps writing: the restored copy opens, migrates, and holds every write committed
 * before the backup started, as one consistent snapshot (no write half there).
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase, openDatabase } from '../db/create-db.js';
import { buildTestApp, type TestApp } from '../test/build-test-app.js';
import { createCompanyWithSite, createPerson, loginAs, type TestSite } from '../test/factories.js';
import { adminUrl, databaseUrlFor, testDialect } from '../test/test-db.js';
import { RestoreRefused, restoreDatabase } from './restore.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const script = (name: string) => path.resolve(import.meta.dirname, `${name}.ts`);
const pgToolsMissing = testDialect() === 'postgres' && spawnSync('pg_dump', ['--version']).status !== 0;
if (pgToolsMissing) console.warn('backup test skipped on PostgreSQL: pg_dump is not on PATH');

/** Runs an ops script as `npm run` would; resolves with its exit code and output. */
function runScript(name: string, args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script(name), ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    let output = '';
    const take = (d: Buffer) => {
      output += d.toString();
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe.skipIf(pgToolsMissing)(`backup and restore under write load (${testDialect()})`, () => {
  let t: TestApp;
  let site: TestSite;
  let cookie: string;
  let dir: string;
  let target: { databaseUrl: string | null; sqliteFile: string };
  let targetName: string | null = null;

  beforeAll(async () => {
    t = await buildTestApp();
    site = await createCompanyWithSite(t.testDb.database.db);
    cookie = await loginAs(t.app, (await createPerson(t.testDb.database.db, site, 'site_manager')).login);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anchang-backup-'));
    if (testDialect() === 'postgres') {
      targetName = `anchang_restore_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
      const admin = new pg.Client({ connectionString: adminUrl() });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${targetName}`); // empty: not from the migrated template
      await admin.end();
      target = { databaseUrl: databaseUrlFor(targetName), sqliteFile: '' };
    } else {
      target = { databaseUrl: null, sqliteFile: path.join(dir, 'restored.db') };
    }
  });

  afterAll(async () => {
    await t.close();
    if (targetName) {
      const admin = new pg.Client({ connectionString: adminUrl() });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${targetName} WITH (FORCE)`);
      await admin.end();
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('backs up while writes go on; the restored copy opens, migrates and holds every write committed before, consistently', async () => {
    // One writer, one notice after another: each is a notification row and its audit row,
    // committed together. A consistent snapshot holds notices 1..k with both rows, for some k.
    let committed = 0;
    let writing = true;
    const writer = (async () => {
      while (writing) {
        const res = await t.app.inject({
          method: 'POST',
          url: `/api/sites/${site.siteId}/notifications`,
          headers: { cookie },
          payload: { title: `w-${committed + 1}` },
        });
        if (res.statusCode !== 201) throw new Error(`write failed: ${res.statusCode} ${res.body}`);
        committed += 1;
      }
    })();
    while (committed < 20) await new Promise((r) => setTimeout(r, 10));

    const source: Record<string, string> = t.testDb.location.databaseUrl
      ? { DATABASE_URL: t.testDb.location.databaseUrl }
      : { DATABASE_URL: '', SQLITE_FILE: t.testDb.location.sqliteFile ?? '' };
    // Every write answered before the script starts must be in the copy. (Counting them when the
    // script's "Backing up" line was read instead raced: the copy begins as the line is printed,
    // and writes answered while the line crossed the pipe were counted but not copied.)
    const committedAtStart = committed;
    const startedAt = Date.now();
    const backup = await runScript('backup', [], { ...source, BACKUP_DIR: dir });
    const committedAtEnd = committed;
    writing = false;
    await writer;
    expect(backup.code, backup.output).toBe(0);
    const file = fs.readdirSync(dir).find((f) => /^anchang-.*\.(sqlite|pgdump)$/.test(f));
    expect(file, backup.output).toBeDefined();
    const backupFile = path.join(dir, file!);

    const restore = await runScript(
      'restore',
      [backupFile],
      target.databaseUrl ? { DATABASE_URL: target.databaseUrl } : { DATABASE_URL: '', SQLITE_FILE: target.sqliteFile },
    );
    expect(restore.code, restore.output).toBe(0);

    await migrateDatabase(target);
    const restored = await openDatabase(target);
    let count: number;
    try {
      const rows = await restored.db.selectFrom('notifications').select(['id', 'title']).where('site_id', '=', site.siteId).execute();
      const numbers = rows.map((r) => Number(r.title.slice(2))).sort((a, b) => a - b);
      count = numbers.length;
      console.log(
        `[backup ${testDialect()}] ${path.extname(backupFile)} ${fs.statSync(backupFile).size} bytes; script ran ${Date.now() - startedAt} ms; ` +
          `${committedAtEnd - committedAtStart} writes committed while it ran; restored ${count} (committed at start ${committedAtStart}, at end ${committedAtEnd})`,
      );
      expect(committedAtEnd).toBeGreaterThan(committedAtStart); // writes went on during the backup
      expect(numbers).toEqual(Array.from({ length: count }, (_, i) => i + 1)); // a prefix: no gap, no duplicate
      expect(count).toBeGreaterThanOrEqual(committedAtStart);
      expect(count).toBeLessThanOrEqual(committedAtEnd);
      // Each notice with its audit entry, none without: the two rows of one write together.
      const audited = await restored.db
        .selectFrom('audit_log')
        .select('entity_id')
        .where('action', '=', 'notification.send')
        .where('site_id', '=', site.siteId)
        .execute();
      expect(audited.map((a) => a.entity_id).sort()).toEqual(rows.map((r) => r.id).sort());
    } finally {
      await restored.close();
    }

    // The target now holds data: restoring again is refused without --force, done with it.
    await expect(restoreDatabase(target, backupFile)).rejects.toThrow(RestoreRefused);
    await expect(restoreDatabase(target, backupFile)).rejects.toThrow(/--force/);
    await restoreDatabase(target, backupFile, { force: true });
    const again = await openDatabase(target);
    try {
      const rows = await again.db.selectFrom('notifications').select('id').where('site_id', '=', site.siteId).execute();
      expect(rows).toHaveLength(count);
    } finally {
      await again.close();
    }
  }, 120_000);

  it('refuses a file that is not a backup, and a backup of the other database kind', async () => {
    const junk = path.join(dir, 'junk.bin');
    fs.writeFileSync(junk, 'not a backup at all');
    await expect(restoreDatabase(target, junk)).rejects.toThrow(/not a backup/);
    const otherKind = path.join(dir, 'other-kind');
    fs.writeFileSync(otherKind, testDialect() === 'postgres' ? 'SQLite format 3\0rest' : 'PGDMP rest');
    await expect(restoreDatabase(target, otherKind)).rejects.toThrow(RestoreRefused);
  });
});
