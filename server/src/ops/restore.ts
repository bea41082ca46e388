/**
 * `npm run restore -- <file> [--force]`: puts a backup from `npm run backup` back into the
 * database the configuration points at (SQLITE_FILE, or DATABASE_URL). Stop the server first.
 *
 * It refuses to overwrite a database that holds any table unless `--force` is given; with it,
 * the existing data is replaced. The backup is checked before anything is touched. The
 * restored database is migrated by the server when it next starts, so a backup taken by an
 * older version restores into a newer one.
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { runPgTool } from './backup.js';

export type RestoreConfig = Pick<Config, 'databaseUrl' | 'sqliteFile'>;

export class RestoreRefused extends Error {}

type BackupKind = 'sqlite' | 'pgdump';

/** Tells the two backup formats apart by their first bytes. */
export function backupKind(file: string): BackupKind {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(16);
    fs.readSync(fd, head, 0, 16, 0);
    if (head.toString('latin1') === 'SQLite format 3\0') return 'sqlite';
    if (head.subarray(0, 5).toString('latin1') === 'PGDMP') return 'pgdump';
  } finally {
    fs.closeSync(fd);
  }
  throw new RestoreRefused(`${file} is not a backup made by \`npm run backup\` (neither SQLite nor pg_dump custom format)`);
}

export async function restoreDatabase(config: RestoreConfig, file: string, opts: { force?: boolean } = {}): Promise<{ ms: number }> {
  const started = performance.now();
  if (!fs.existsSync(file)) throw new RestoreRefused(`no such file: ${file}`);
  const kind = backupKind(file);
  if (config.databaseUrl) {
    if (kind !== 'pgdump') throw new RestoreRefused('this is a SQLite backup, but DATABASE_URL points at PostgreSQL');
    await restorePostgres(config.databaseUrl, file, opts.force ?? false);
  } else {
    if (kind !== 'sqlite') throw new RestoreRefused('this is a PostgreSQL backup, but no DATABASE_URL is set (SQLite is in use)');
    await restoreSqlite(config.sqliteFile, file, opts.force ?? false);
  }
  return { ms: Math.round(performance.now() - started) };
}

const SIDE_FILES = ['', '-wal', '-shm', '-journal'];

async function restoreSqlite(target: string, file: string, force: boolean): Promise<void> {
  const backup = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const check = backup.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new RestoreRefused(`the backup failed its integrity check: ${String(check)}`);
    if (fs.existsSync(target)) {
      const existing = new SQLite(target, { readonly: true });
      const tables = existing.prepare(`select count(*) as n from sqlite_master where type = 'table' and name not like 'sqlite_%'`).get() as {
        n: number;
      };
      existing.close();
      if (tables.n > 0 && !force) {
        throw new RestoreRefused(`${target} already holds ${tables.n} tables; add --force to replace it`);
      }
    }
    for (const suffix of SIDE_FILES) fs.rmSync(`${target}${suffix}`, { force: true });
    fs.mkdirSync(path.dirname(target), { recursive: true });
    await backup.backup(target);
  } finally {
    backup.close();
  }
}

async function restorePostgres(databaseUrl: string, file: string, force: boolean): Promise<void> {
  // Reading the dump's table of contents checks it before the database is touched.
  await runPgTool('pg_restore', databaseUrl, ['--list', file]).catch((err: unknown) => {
    throw new RestoreRefused(`the backup cannot be read: ${err instanceof Error ? err.message : String(err)}`);
  });
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(`select count(*) as n from information_schema.tables where table_schema = 'public'`);
    const tables = Number(rows[0]?.n ?? 0);
    if (tables > 0 && !force) throw new RestoreRefused(`the database already holds ${tables} tables; add --force to replace it`);
    if (tables > 0) await client.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
  } finally {
    await client.end();
  }
  await runPgTool('pg_restore', databaseUrl, ['--no-owner', '--no-acl', '--exit-on-error', '--single-transaction', file]);
}

async function cli(): Promise<void> {
  const args = process.argv.slice(2);
  const force = args.includes('--force');
  const files = args.filter((a) => !a.startsWith('--'));
  if (files.length !== 1) {
    console.error('Usage: npm run restore -- <backup file> [--force]');
    process.exit(2);
  }
  const file = path.resolve(files[0]!);
  const config = loadConfig();
  const target = config.databaseUrl ? `PostgreSQL ${new URL(config.databaseUrl).pathname.slice(1)}` : `SQLite ${config.sqliteFile}`;
  console.log(`Restoring ${file} into ${target} ...`);
  const { ms } = await restoreDatabase(config, file, { force });
  console.log(`Restored in ${ms} ms. Start the server: it migrates the database to this version.`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  cli().catch((err: unknown) => {
    if (err instanceof ConfigError) console.error(err.message);
    else console.error(`Restore ${err instanceof RestoreRefused ? 'refused' : 'failed'}: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(err instanceof RestoreRefused ? 2 : 1);
  });
}
