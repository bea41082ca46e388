/**
 * `npm run backup`: a consistent copy of the live database, taken while the server runs.
 *
 * - SQLite: SQLite's online backup API (better-sqlite3 `db.backup()`), every page in one step,
 *   so the copy is one snapshot even while the server keeps writing (WAL: the server is not
 *   blocked); then an integrity check, and the copy turned into one self-contained file.
 * - PostgreSQL: `pg_dump --format=custom`, which reads one snapshot of the whole database.
 *
 * The file goes to BACKUP_DIR as `anchang-<UTC time>.sqlite` or `.pgdump`; it is written under a
 * `.partial` name first, so a file with the final name is always complete.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { ConfigError, loadConfig, type Config } from '../config.js';

export type BackupConfig = Pick<Config, 'databaseUrl' | 'sqliteFile' | 'backupDir'>;

export interface BackupResult {
  file: string;
  bytes: number;
  ms: number;
}

/** better-sqlite3 copies this many pages per step: all of them, so the copy is one snapshot. */
const ALL_PAGES = 0x7fffffff;

const timestamp = (d: Date) =>
  d
    .toISOString()
    .replace(/:/g, '-')
    .replace(/\.\d{3}Z$/, 'Z');

export async function backupDatabase(config: BackupConfig, now = new Date()): Promise<BackupResult> {
  const started = performance.now();
  fs.mkdirSync(config.backupDir, { recursive: true });
  const extension = config.databaseUrl ? 'pgdump' : 'sqlite';
  let file = path.join(config.backupDir, `anchang-${timestamp(now)}.${extension}`);
  for (let n = 2; fs.existsSync(file); n++) file = path.join(config.backupDir, `anchang-${timestamp(now)}-${n}.${extension}`);
  const partial = `${file}.partial`;
  try {
    if (config.databaseUrl) await dumpPostgres(config.databaseUrl, partial);
    else await backupSqlite(config.sqliteFile, partial);
    fs.renameSync(partial, file);
  } finally {
    fs.rmSync(partial, { force: true });
  }
  return { file, bytes: fs.statSync(file).size, ms: Math.round(performance.now() - started) };
}

async function backupSqlite(sourceFile: string, target: string): Promise<void> {
  const source = new SQLite(sourceFile, { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    await source.backup(target, { progress: () => ALL_PAGES });
  } finally {
    source.close();
  }
  const copy = new SQLite(target);
  try {
    const check = copy.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new Error(`the backup copy failed its integrity check: ${String(check)}`);
    // The copy keeps the source's WAL mode; a rollback journal makes it one file, nothing beside it.
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}

/** Runs a PostgreSQL client tool; the password goes by environment, never on the command line. */
export function runPgTool(tool: 'pg_dump' | 'pg_restore', databaseUrl: string, args: string[]): Promise<void> {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = '';
  return new Promise((resolve, reject) => {
    const child = spawn(tool, [...args, `--dbname=${url.toString()}`], {
      env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (err) => reject(new Error(`${tool} could not start (is it installed and on PATH?): ${err.message}`)));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${tool} exited with ${code}: ${stderr.trim()}`))));
  });
}

function dumpPostgres(databaseUrl: string, target: string): Promise<void> {
  return runPgTool('pg_dump', databaseUrl, ['--format=custom', `--file=${target}`]);
}

async function cli(): Promise<void> {
  const config = loadConfig();
  const source = config.databaseUrl ? `PostgreSQL ${new URL(config.databaseUrl).pathname.slice(1)}` : `SQLite ${config.sqliteFile}`;
  console.log(`Backing up ${source} ...`);
  const result = await backupDatabase(config);
  console.log(`Backup written: ${result.file} (${(result.bytes / 1024).toFixed(0)} KiB in ${result.ms} ms)`);
  console.log('Copy it off this machine: a backup on the same disk dies with it.');
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  cli().catch((err: unknown) => {
    console.error(err instanceof ConfigError ? err.message : `Backup failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
