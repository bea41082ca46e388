/**
 * The one place that chooses the database. Everything above it speaks Kysely and stays
 * dialect-free; what differs between SQLite and PostgreSQL lives in ./dialect.
 */
import { Kysely, Migrator, type MigrationProvider, sql, type SelectQueryBuilder } from 'kysely';
import type pg from 'pg';
import type { DB } from './schema.js';
import { migrations } from './migrations/index.js';
import {
  createSqliteDialect,
  isSqliteForeignKeyViolation,
  isSqlitePrimaryKeyViolation,
  isSqliteUniqueViolation,
  sqliteErrorKind,
  type SqliteSynchronous,
} from './dialect/sqlite.js';
import {
  createPostgresDialect,
  createPostgresPool,
  isPostgresForeignKeyViolation,
  isPostgresPrimaryKeyViolation,
  isPostgresUniqueViolation,
  postgresErrorKind,
} from './dialect/postgres.js';

export type DialectName = 'sqlite' | 'postgres';

export interface Database {
  readonly db: Kysely<DB>;
  readonly dialect: DialectName;
  /** Set on PostgreSQL: the connection string, for LISTEN connections. */
  readonly databaseUrl: string | null;
  readonly pool: pg.Pool | null;
  /** PostgreSQL: whether repeated statements go prepared (the event bus's connections follow). */
  readonly preparedStatements: boolean;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  databaseUrl: string | null;
  sqliteFile: string;
  /** PostgreSQL: connections kept at most. */
  databasePoolSize?: number;
  /** How long a caller waits for a connection (PostgreSQL) or a lock (SQLite) before an error. */
  databaseWaitMs?: number;
  /** PostgreSQL: statements running longer are cancelled (0: never). Migrations pass 0. */
  databaseStatementTimeoutMs?: number;
  /** SQLite: `full` (default) makes an answered write survive a power cut (see dialect/sqlite.ts). */
  sqliteSynchronous?: SqliteSynchronous;
  /** PostgreSQL: send repeated statements as prepared ones (default true; see dialect/postgres.ts). */
  databasePreparedStatements?: boolean;
  /** PostgreSQL: `off` for bulk writes that can be made again (see dialect/postgres.ts). */
  postgresSynchronousCommit?: 'on' | 'off';
}

/** Opens the database the options point at; a `Config` is a valid argument. */
export async function openDatabase(opts: OpenDatabaseOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = createPostgresPool(opts.databaseUrl, {
      max: opts.databasePoolSize,
      waitMs: opts.databaseWaitMs,
      statementTimeoutMs: opts.databaseStatementTimeoutMs,
      synchronousCommit: opts.postgresSynchronousCommit,
      preparedStatements: opts.databasePreparedStatements,
    });
    const db = new Kysely<DB>({ dialect: createPostgresDialect(pool) });
    const preparedStatements = opts.databasePreparedStatements !== false;
    return { db, dialect: 'postgres', databaseUrl: opts.databaseUrl, pool, preparedStatements, close: () => db.destroy() };
  }
  const db = new Kysely<DB>({
    dialect: createSqliteDialect(opts.sqliteFile, { busyTimeoutMs: opts.databaseWaitMs, synchronous: opts.sqliteSynchronous }),
  });
  return { db, dialect: 'sqlite', databaseUrl: null, pool: null, preparedStatements: false, close: () => db.destroy() };
}

const provider: MigrationProvider = { getMigrations: () => Promise.resolve(migrations) };

/** Runs every pending migration; returns the schema version (the newest migration's name). */
export async function migrateToLatest(db: Kysely<DB>): Promise<string> {
  const migrator = new Migrator({ db, provider });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(`migration failed: ${JSON.stringify(error)}`);
  return schemaVersion(db);
}

/** The newest migration this code knows: what a fully migrated database reports. */
export function latestMigrationName(): string {
  return Object.keys(migrations).sort().at(-1) ?? 'none';
}

/**
 * Migrates on a connection of its own with no statement timeout: building an index on a big
 * table may take longer than any request should.
 */
export async function migrateDatabase(opts: OpenDatabaseOptions): Promise<string> {
  const database = await openDatabase({ ...opts, databasePoolSize: 1, databaseStatementTimeoutMs: 0 });
  try {
    return await migrateToLatest(database.db);
  } finally {
    await database.close();
  }
}

export async function schemaVersion(db: Kysely<DB>): Promise<string> {
  const row = await sql<{ name: string }>`select name from kysely_migration order by name desc limit 1`.execute(db);
  return row.rows[0]?.name ?? 'none';
}

/**
 * Whether a failure is the database being out of reach (`unavailable`) or overloaded (`busy`):
 * both are worth a 503 with Retry-After rather than a 500. Null for anything else.
 */
export function databaseErrorKind(err: unknown): 'busy' | 'unavailable' | null {
  return sqliteErrorKind(err) ?? postgresErrorKind(err);
}

export function isUniqueViolation(err: unknown): boolean {
  return isSqliteUniqueViolation(err) || isPostgresUniqueViolation(err);
}

/** Another row has this primary key: for ids a client chose, the id is taken. */
export function isPrimaryKeyViolation(err: unknown): boolean {
  return isSqlitePrimaryKeyViolation(err) || isPostgresPrimaryKeyViolation(err);
}

/** A row still referred to by another (deleting it), or a reference to a row that is not there. */
export function isForeignKeyViolation(err: unknown): boolean {
  return isSqliteForeignKeyViolation(err) || isPostgresForeignKeyViolation(err);
}

/**
 * Row claim for work queues: `FOR UPDATE SKIP LOCKED` on PostgreSQL so two instances never take
 * the same row; on SQLite the single process already serialises writers.
 */
export function lockForClaim<O>(dialect: DialectName, qb: SelectQueryBuilder<DB, keyof DB, O>) {
  return dialect === 'postgres' ? qb.forUpdate().skipLocked() : qb;
}
