import pg from 'pg';
import { PostgresDialect } from 'kysely';

// int8 (bigint) columns hold epoch-ms instants and counts: both fit a JS number.
pg.types.setTypeParser(20, (v) => Number(v));

export function createPostgresPool(databaseUrl: string, max = 10): pg.Pool {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max,
    // A connection must never sit inside an open transaction: if a bug leaves one there,
    // PostgreSQL ends that session instead of holding its locks forever.
    options: '-c idle_in_transaction_session_timeout=60000',
  });
  // An idle connection the server drops (restart, admin kill) must not crash the process;
  // the pool replaces it on next use.
  pool.on('error', (err) => console.warn(`postgres idle connection error: ${err.message}`));
  return pool;
}

export function createPostgresDialect(pool: pg.Pool): PostgresDialect {
  return new PostgresDialect({ pool });
}

export function isPostgresUniqueViolation(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === '23505';
}

/** Primary keys are named `<table>_pkey` (a column's) or `<table>_pk` (a composite one, by our migrations). */
export function isPostgresPrimaryKeyViolation(err: unknown): boolean {
  const e = err as { code?: unknown; constraint?: unknown } | null;
  return e?.code === '23505' && typeof e.constraint === 'string' && /_pk(ey)?$/.test(e.constraint);
}

export function isPostgresForeignKeyViolation(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === '23503';
}
