/**
 * The only reader of process.env. Every variable is validated at once; a bad configuration
 * reports all its problems together and the process exits before anything starts.
 */
import path from 'node:path';
import type { SqliteSynchronous } from './db/dialect/sqlite.js';

export type ServerRole = 'api' | 'worker' | 'scheduler';

export interface Config {
  readonly port: number;
  readonly host: string;
  /** PostgreSQL when set; the embedded SQLite file otherwise. */
  readonly databaseUrl: string | null;
  readonly sqliteFile: string;
  /**
   * How SQLite makes a commit durable. `full`: the write-ahead log is synced to disk at every
   * commit, so an answered write survives a power cut. `normal`: synced at checkpoints only;
   * still safe against a process crash, but a power cut may lose the last commits (never
   * corrupt the file).
   */
  readonly sqliteSynchronous: SqliteSynchronous;
  readonly roles: readonly ServerRole[];
  readonly sessionTtlHours: number;
  readonly cookieSecure: boolean;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly bodyLimitBytes: number;
  readonly seedDemo: boolean;
  readonly webDistDir: string;
  readonly timerIntervalMs: number;
  readonly loginMaxFailures: number;
  readonly loginWindowMinutes: number;
  readonly trustProxy: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const ALL_ROLES: ServerRole[] = ['api', 'worker', 'scheduler'];
const SQLITE_SYNCHRONOUS_MODES: readonly SqliteSynchronous[] = ['full', 'normal'];

/** Defaults for every variable: documented in .env.example. */
export const CONFIG_DEFAULTS = {
  PORT: '3000',
  HOST: '0.0.0.0',
  SQLITE_FILE: './data/anchang.db',
  SQLITE_SYNCHRONOUS: 'full',
  ROLES: 'api,worker,scheduler',
  SESSION_TTL_HOURS: '12',
  COOKIE_SECURE: 'false',
  LOG_LEVEL: 'info',
  BODY_LIMIT_BYTES: '1048576',
  SEED_DEMO: 'true',
  TIMER_INTERVAL_MS: '1000',
  LOGIN_MAX_FAILURES: '5',
  LOGIN_WINDOW_MINUTES: '15',
  TRUST_PROXY: 'false',
} as const;

export function loadConfig(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): Config {
  const problems: string[] = [];
  const get = (name: keyof typeof CONFIG_DEFAULTS) => {
    const v = env[name];
    return v === undefined || v === '' ? CONFIG_DEFAULTS[name] : v;
  };
  const int = (name: keyof typeof CONFIG_DEFAULTS, min: number, max: number): number => {
    const raw = get(name);
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return Number(CONFIG_DEFAULTS[name]);
    }
    return n;
  };
  const bool = (name: keyof typeof CONFIG_DEFAULTS): boolean => {
    const raw = get(name).toLowerCase();
    if (['true', '1', 'yes'].includes(raw)) return true;
    if (['false', '0', 'no'].includes(raw)) return false;
    problems.push(`${name} must be true or false (got "${raw}")`);
    return false;
  };

  const databaseUrl = env.DATABASE_URL && env.DATABASE_URL !== '' ? env.DATABASE_URL : null;
  if (databaseUrl !== null && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must be a postgres:// or postgresql:// URL');
  }

  const roles = get('ROLES')
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  const badRoles = roles.filter((r) => !ALL_ROLES.includes(r as ServerRole));
  if (badRoles.length > 0 || roles.length === 0) {
    problems.push(`ROLES must be a comma list of ${ALL_ROLES.join(', ')} (got "${get('ROLES')}")`);
  }

  const sqliteSynchronous = get('SQLITE_SYNCHRONOUS').toLowerCase() as SqliteSynchronous;
  if (!SQLITE_SYNCHRONOUS_MODES.includes(sqliteSynchronous))
    problems.push(`SQLITE_SYNCHRONOUS must be one of ${SQLITE_SYNCHRONOUS_MODES.join(', ')} (got "${get('SQLITE_SYNCHRONOUS')}")`);

  const logLevel = get('LOG_LEVEL') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  const config: Config = {
    port: int('PORT', 0, 65535),
    host: get('HOST'),
    databaseUrl,
    sqliteFile: path.resolve(cwd, get('SQLITE_FILE')),
    sqliteSynchronous: SQLITE_SYNCHRONOUS_MODES.includes(sqliteSynchronous) ? sqliteSynchronous : 'full',
    roles: badRoles.length ? ALL_ROLES : (roles as ServerRole[]),
    sessionTtlHours: int('SESSION_TTL_HOURS', 1, 24 * 30),
    cookieSecure: bool('COOKIE_SECURE'),
    logLevel: LOG_LEVELS.includes(logLevel) ? logLevel : 'info',
    bodyLimitBytes: int('BODY_LIMIT_BYTES', 1024, 50 * 1024 * 1024),
    seedDemo: bool('SEED_DEMO'),
    webDistDir: path.resolve(cwd, env.WEB_DIST_DIR || './web/dist'),
    timerIntervalMs: int('TIMER_INTERVAL_MS', 50, 60_000),
    loginMaxFailures: int('LOGIN_MAX_FAILURES', 1, 1000),
    loginWindowMinutes: int('LOGIN_WINDOW_MINUTES', 1, 24 * 60),
    trustProxy: bool('TRUST_PROXY'),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}
