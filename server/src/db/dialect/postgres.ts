import pg from 'pg';
import {
  CompiledQuery,
  PostgresDialect,
  PostgresDriver,
  type DatabaseConnection,
  type PostgresDialectConfig,
  type TransactionSettings,
} from 'kysely';
import { isStalePreparedStatement, PreparingClient } from './prepared-statements.js';

// int8 (bigint) columns hold epoch-ms instants and counts: both fit a JS number.
pg.types.setTypeParser(20, (v) => Number(v));

export interface PostgresPoolOptions {
  /** Connections kept at most. */
  max?: number;
  /** Longest a caller waits for a free connection, or for a new one to open (0: forever). */
  waitMs?: number;
  /** PostgreSQL cancels any statement that runs longer (0: never). */
  statementTimeoutMs?: number;
  /** Shown in pg_stat_activity: which part of which process holds the connection. */
  applicationName?: string;
  /**
   * `off`: a commit returns before its WAL reaches the disk (a crash may lose the last commits,
   * never consistency). Only for bulk writes that can be made again, as the demo's past is.
   */
  synchronousCommit?: 'on' | 'off';
  /**
   * Repeated statements go as prepared ones (prepared-statements.ts); default true. Off behind a
   * pooler that hands one session's statements to several server connections without tracking
   * them (PgBouncer's transaction mode before 1.21).
   */
  preparedStatements?: boolean;
}

export function createPostgresPool(databaseUrl: string, opts: PostgresPoolOptions = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    // Statements the app repeats are parsed once per connection (prepared-statements.ts).
    Client: opts.preparedStatements === false ? pg.Client : PreparingClient,
    max: opts.max ?? 10,
    // A statement is sent while the one before it is still being answered (see
    // PipelinedPostgresDriver): BEGIN travels with a transaction's first statement.
    pipeline: true,
    // With every connection busy, or the server unreachable, a request fails within this
    // time (and answers 503) instead of queueing without bound.
    connectionTimeoutMillis: opts.waitMs ?? 0,
    // A dead peer (cable pulled, VM paused) is noticed by TCP instead of hanging a query.
    keepAlive: true,
    application_name: opts.applicationName ?? 'anchang',
    // A connection must never sit inside an open transaction: if a bug leaves one there,
    // PostgreSQL ends that session instead of holding its locks forever. A runaway statement
    // is cancelled at the statement timeout, so it cannot hold a connection for long either.
    options: `-c idle_in_transaction_session_timeout=60000 -c statement_timeout=${opts.statementTimeoutMs ?? 0}${
      opts.synchronousCommit === 'off' ? ' -c synchronous_commit=off' : ''
    }`,
  });
  // An idle connection the server drops (restart, admin kill) must not crash the process;
  // the pool replaces it on next use.
  pool.on('error', (err) => console.warn(`postgres idle connection error: ${err.message}`));
  // Nor may a connection that is checked out but between statements (inside a transaction,
  // while the use case computes): pg emits the server's "terminating connection" there as an
  // 'error' event with no listener, which would end the process. The statement that follows
  // fails instead (a 503), and the pool discards the connection when it is released.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

/**
 * Kysely's driver, except that BEGIN is not waited for: in pg's pipeline mode it goes out and
 * the transaction's first statement follows at once, one round trip instead of two. On a busy
 * server a write's cost is its round trips (each one wakes both processes), so every
 * transaction saves one.
 *
 * BEGIN cannot fail on a live connection; on a dead one the statements after it fail too. Its
 * answer is still checked, at the commit, so a failed BEGIN can never be reported as a commit.
 */
class PipelinedPostgresDriver extends PostgresDriver {
  private readonly begins = new WeakMap<DatabaseConnection, Promise<unknown>>();

  override async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    if (settings.isolationLevel || settings.accessMode) return super.beginTransaction(connection, settings);
    const begin = connection.executeQuery(CompiledQuery.raw('begin'));
    // Observed at the commit or the rollback; until then a rejection is not unhandled.
    begin.catch(() => undefined);
    this.begins.set(connection, begin);
  }

  override async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const begin = this.takeBegin(connection);
    const commit = super.commitTransaction(connection);
    commit.catch(() => undefined);
    await begin;
    await commit;
  }

  override async rollbackTransaction(connection: Parameters<PostgresDriver['rollbackTransaction']>[0]): Promise<void> {
    await this.takeBegin(connection).catch(() => undefined);
    await super.rollbackTransaction(connection);
  }

  private takeBegin(connection: DatabaseConnection): Promise<unknown> {
    const begin = this.begins.get(connection) ?? Promise.resolve();
    this.begins.delete(connection);
    return begin;
  }
}

class PipelinedPostgresDialect extends PostgresDialect {
  constructor(private readonly config: PostgresDialectConfig) {
    super(config);
  }

  override createDriver(): PostgresDriver {
    return new PipelinedPostgresDriver(this.config);
  }
}

export function createPostgresDialect(pool: pg.Pool): PostgresDialect {
  return new PipelinedPostgresDialect({ pool });
}

export function isPostgresUniqueViolation(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === '23505';
}

/** SQLSTATEs and socket errors meaning the server cannot be reached or is going away. */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, shutting down)
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);
/** SQLSTATEs meaning the server is there but overloaded: try again shortly. */
const BUSY_CODES = new Set([
  '57014', // query_canceled: the statement timeout
  '53300', // too_many_connections
  '53400', // configuration_limit_exceeded
]);
const UNREACHABLE_MESSAGES = [
  'Connection terminated',
  'Client has encountered a connection error',
  'Client was closed and is not queryable',
  'Connection terminated due to connection timeout',
];

/**
 * Whether an error says PostgreSQL is out of reach (`unavailable`) or overloaded (`busy`),
 * as opposed to a bug or bad data; null otherwise.
 */
export function postgresErrorKind(err: unknown): 'busy' | 'unavailable' | null {
  if (!(err instanceof Error)) return null;
  // The pool gave up waiting for a free connection.
  if (err.message.startsWith('timeout exceeded when trying to connect')) return 'busy';
  const codes = [err as { code?: unknown }, ...((err as { errors?: unknown[] }).errors ?? [])].map((e) => (e as { code?: unknown } | null)?.code);
  if (codes.some((c) => typeof c === 'string' && UNREACHABLE_CODES.has(c))) return 'unavailable';
  if (codes.some((c) => typeof c === 'string' && BUSY_CODES.has(c))) return 'busy';
  // Another instance's migration changed a table under a prepared statement: the connection
  // prepares again, so the request can simply be tried again.
  if (isStalePreparedStatement(err)) return 'busy';
  if (UNREACHABLE_MESSAGES.some((m) => err.message.startsWith(m))) return 'unavailable';
  return null;
}

/** Primary keys are named `<table>_pkey` (a column's) or `<table>_pk` (a composite one, by our migrations). */
export function isPostgresPrimaryKeyViolation(err: unknown): boolean {
  const e = err as { code?: unknown; constraint?: unknown } | null;
  return e?.code === '23505' && typeof e.constraint === 'string' && /_pk(ey)?$/.test(e.constraint);
}

export function isPostgresForeignKeyViolation(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === '23503';
}
