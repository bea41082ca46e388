import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { SqliteDialect, type SqliteDatabase } from 'kysely';

/** How many distinct statements stay prepared. The app issues a few hundred shapes at most. */
const STATEMENT_CACHE_SIZE = 1000;

/**
 * Kysely prepares every statement again on each execution; preparing costs more than running a
 * small insert. The statements are reused instead, by their SQL text (least recently used out).
 * Safe because Kysely runs one statement at a time on this single connection.
 */
function withStatementCache(database: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    prepare(sql: string) {
      let stmt = cache.get(sql);
      if (stmt) {
        cache.delete(sql);
      } else {
        stmt = database.prepare(sql);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      }
      cache.set(sql, stmt);
      return stmt;
    },
    close: () => {
      cache.clear();
      database.close();
    },
  };
}

/**
 * `full`: every commit syncs the write-ahead log to disk before it returns, so a write that was
 * answered survives a power cut or an OS crash. `normal`: the log is synced at checkpoints only;
 * a killed process still loses nothing (the log is in the OS's hands), but a power cut may lose
 * the last commits. Neither can corrupt the file in WAL mode.
 */
export type SqliteSynchronous = 'full' | 'normal';

/**
 * The embedded default: one file, WAL, foreign keys on. One process owns it. `busyTimeoutMs`
 * is how long a write waits for a lock another connection holds (a backup, a shell) before
 * failing with SQLITE_BUSY.
 */
export function createSqliteDialect(file: string, opts: { busyTimeoutMs?: number; synchronous?: SqliteSynchronous } = {}): SqliteDialect {
  const busyTimeoutMs = opts.busyTimeoutMs ?? 5000;
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const database = new SQLite(file);
  database.pragma('journal_mode = WAL');
  database.pragma(`synchronous = ${opts.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
  database.pragma('foreign_keys = ON');
  database.pragma(`busy_timeout = ${Math.round(busyTimeoutMs)}`);
  return new SqliteDialect({ database: withStatementCache(database) });
}

export function isSqliteUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** SQLITE_BUSY and its kin: another connection holds the lock; try again shortly. */
export function sqliteErrorKind(err: unknown): 'busy' | null {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) ? 'busy' : null;
}

export function isSqlitePrimaryKeyViolation(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

export function isSqliteForeignKeyViolation(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}
