/**
 * The only reader of process.env. Every variable is validated at once; a bad configuration
 * reports all its problems together and the process exits before anything starts.
 */
import path from 'node:path';

export type ServerRole = 'api' | 'worker' | 'scheduler';

export interface Config {
  readonly port: number;
  readonly host: string;
  /** PostgreSQL when set; the embedded SQLite file otherwise. */
  readonly databaseUrl: string | null;
  readonly sqliteFile: string;
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
  /** Added to the machine's time for the server's clock: 0 in production; the browser tests run the server at a fixed instant. */
  readonly clockOffsetMs: number;
  /** Longest a client may take to send a whole request (headers and body). */
  readonly requestTimeoutMs: number;
  /** Longest a client may take to send a request's headers. */
  readonly headersTimeoutMs: number;
  /** How long an idle keep-alive connection stays open; above any proxy's idle timeout. */
  readonly keepAliveTimeoutMs: number;
  /** PostgreSQL connections this process keeps at most. */
  readonly databasePoolSize: number;
  /** Longest a request waits for a database connection (PostgreSQL) or lock (SQLite) before a 503. */
  readonly databaseWaitMs: number;
  /** PostgreSQL cancels a statement that runs longer (0: never). */
  readonly databaseStatementTimeoutMs: number;
  /** After SIGTERM: how long to keep serving while readiness says 503, so a load balancer can drain. */
  readonly shutdownDelayMs: number;
  /** After SIGTERM: how long in-flight work may take before the process exits anyway. */
  readonly shutdownTimeoutMs: number;
  /** Where `npm run backup` writes. */
  readonly backupDir: string;
  /** Browser origins besides the server's own host allowed to open the realtime socket. */
  readonly allowedOrigins: readonly string[];
  readonly realtime: RealtimeLimits;
}

/** What one realtime socket may do before it is closed. */
export interface RealtimeLimits {
  /** Largest frame a client may send (its messages are a few dozen bytes). */
  readonly maxFrameBytes: number;
  /** Messages per second a socket may send on average (token bucket refill)… */
  readonly messagesPerSecond: number;
  /** …and in one burst (bucket size). */
  readonly messageBurst: number;
  /** Sockets open at once on one session (one per tab); a newer one closes the oldest. */
  readonly socketsPerSession: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const ALL_ROLES: ServerRole[] = ['api', 'worker', 'scheduler'];

/** Defaults for every variable: documented in .env.example. */
export const CONFIG_DEFAULTS = {
  PORT: '3000',
  HOST: '0.0.0.0',
  SQLITE_FILE: './data/anchang.db',
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
  REQUEST_TIMEOUT_MS: '60000',
  HEADERS_TIMEOUT_MS: '15000',
  KEEP_ALIVE_TIMEOUT_MS: '72000',
  DATABASE_POOL_SIZE: '10',
  DATABASE_WAIT_MS: '3000',
  DATABASE_STATEMENT_TIMEOUT_MS: '30000',
  SHUTDOWN_DELAY_MS: '0',
  SHUTDOWN_TIMEOUT_MS: '10000',
  BACKUP_DIR: './backups',
  ALLOWED_ORIGINS: '',
  REALTIME_MAX_FRAME_BYTES: '16384',
  REALTIME_MESSAGES_PER_SECOND: '20',
  REALTIME_MESSAGE_BURST: '40',
  REALTIME_SOCKETS_PER_SESSION: '8',
  CLOCK_OFFSET_MS: '0',
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

  const allowedOrigins = get('ALLOWED_ORIGINS')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of allowedOrigins) {
    if (!isOrigin(origin)) problems.push(`ALLOWED_ORIGINS must list origins like https://console.example.com (got "${origin}")`);
  }

  const logLevel = get('LOG_LEVEL') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  const config: Config = {
    port: int('PORT', 0, 65535),
    host: get('HOST'),
    databaseUrl,
    sqliteFile: path.resolve(cwd, get('SQLITE_FILE')),
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
    requestTimeoutMs: int('REQUEST_TIMEOUT_MS', 1000, 3_600_000),
    headersTimeoutMs: int('HEADERS_TIMEOUT_MS', 1000, 3_600_000),
    keepAliveTimeoutMs: int('KEEP_ALIVE_TIMEOUT_MS', 1000, 3_600_000),
    databasePoolSize: int('DATABASE_POOL_SIZE', 1, 1000),
    databaseWaitMs: int('DATABASE_WAIT_MS', 50, 600_000),
    databaseStatementTimeoutMs: int('DATABASE_STATEMENT_TIMEOUT_MS', 0, 24 * 3_600_000),
    shutdownDelayMs: int('SHUTDOWN_DELAY_MS', 0, 600_000),
    shutdownTimeoutMs: int('SHUTDOWN_TIMEOUT_MS', 1000, 3_600_000),
    backupDir: path.resolve(cwd, get('BACKUP_DIR')),
    allowedOrigins,
    realtime: {
      maxFrameBytes: int('REALTIME_MAX_FRAME_BYTES', 256, 1024 * 1024),
      messagesPerSecond: int('REALTIME_MESSAGES_PER_SECOND', 1, 1000),
      messageBurst: int('REALTIME_MESSAGE_BURST', 1, 10_000),
      socketsPerSession: int('REALTIME_SOCKETS_PER_SESSION', 1, 100),
    },
    // ±100 years: enough for any test instant, small enough to stay an exact integer.
    clockOffsetMs: int('CLOCK_OFFSET_MS', -3_155_760_000_000, 3_155_760_000_000),
  };
  // Node refuses a header timeout longer than the whole-request timeout.
  if (config.headersTimeoutMs > config.requestTimeoutMs) {
    problems.push(`HEADERS_TIMEOUT_MS (${config.headersTimeoutMs}) must not exceed REQUEST_TIMEOUT_MS (${config.requestTimeoutMs})`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}

/** `scheme://host[:port]`, exactly as a browser sends it in the Origin header. */
function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
  } catch {
    return false;
  }
}
