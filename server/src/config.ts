/**
 * The only reader of process.env. Every variable is validated at once; a bad configuration
 * reports all its problems together and the process exits before anything starts.
 */
import net from 'node:net';
import path from 'node:path';
import type { SqliteSynchronous } from './db/dialect/sqlite.js';

export type ServerRole = 'api' | 'worker' | 'scheduler';

/**
 * `evaluation` (the default) lets the demo be seeded when asked; `production` refuses demo data,
 * so a real installation starts from the first-run setup and never holds the demo's passwords.
 */
export type AppMode = 'evaluation' | 'production';

/**
 * Which reverse proxies may speak for the client in X-Forwarded-For / -Proto / -Host: none, the
 * nearest N hops, or the listed addresses and ranges. Never "everyone": that lets any client
 * choose the address the login limits see.
 */
export type TrustProxy = false | number | readonly string[];

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
  readonly appMode: AppMode;
  /** Idle lifetime: a session unused this long ends; each use extends it. */
  readonly sessionTtlHours: number;
  /** Absolute lifetime: a session ends this long after its login, however much it is used. */
  readonly sessionMaxDays: number;
  /** Always mark the session cookie Secure (and name it `__Host-…`), not only on https requests. */
  readonly cookieSecure: boolean;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly bodyLimitBytes: number;
  readonly seedDemo: boolean;
  /**
   * With the demo, also write its past (the previous month and this month up to yesterday)
   * through the services, so a first start shows real figures (DEMO_HISTORY, on by default).
   */
  readonly demoHistory: boolean;
  readonly webDistDir: string;
  readonly timerIntervalMs: number;
  /** Failed logins one account may take, from any address, within the window. */
  readonly loginMaxFailures: number;
  /** Login attempts one client address may make, whatever the accounts, within the window. */
  readonly loginMaxPerAddress: number;
  readonly loginWindowMinutes: number;
  readonly trustProxy: TrustProxy;
  /** Origins besides the server's own whose browser pages may write and open the realtime socket (a front end on another host). */
  readonly trustedOrigins: readonly string[];
  /** Added to the machine's time for the server's clock: 0 in production; the browser tests run the server at a fixed instant. */
  readonly clockOffsetMs: number;
  /** Longest a client may take to send a whole request (headers and body). */
  readonly requestTimeoutMs: number;
  /** Longest a client may take to send a request's headers. */
  readonly headersTimeoutMs: number;
  /** How long an idle keep-alive connection stays open; above any proxy's idle timeout. */
  readonly keepAliveTimeoutMs: number;
  /** Requests one turn of the event loop starts (platform/http/turn-gate.ts); 0: no limit. */
  readonly requestsPerTurn: number;
  /** API writes started and not yet answered at most (0: no bound); `auto`: see app.ts. */
  readonly writesInFlight: number | 'auto';
  /** PostgreSQL connections this process keeps at most. */
  readonly databasePoolSize: number;
  readonly databasePreparedStatements: boolean;
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
  readonly realtime: RealtimeLimits;
  /** Robots, webhooks and SMS: how outbound requests are made. */
  readonly outbound: OutboundConfig;
}

/** Outbound requests (group robots, webhooks, the SMS provider). */
export interface OutboundConfig {
  /**
   * Hosts (names or addresses) whose URLs may point at private, loopback or link-local addresses.
   * Empty in production; the tests list their loopback receivers.
   */
  readonly allowPrivateHosts: readonly string[];
  /** Longest one outbound request may take, answer included. */
  readonly timeoutMs: number;
  /** The console's public address (https://anchang.example.com), for links in group messages; null: no links. */
  readonly publicUrl: string | null;
  readonly sms: SmsConfig;
}

export type SmsConfig =
  | { readonly provider: 'log' }
  | {
      readonly provider: 'tencent';
      readonly secretId: string;
      readonly secretKey: string;
      readonly sdkAppId: string;
      readonly signName: string;
      readonly region: string;
      readonly endpoint: string;
    };

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

export interface LoadConfigOptions {
  /**
   * Seed the demo when SEED_DEMO is not set, unless APP_MODE=production: what `npm start`
   * asks for (`main.js --demo`), so a bare `node main.js` never creates demo accounts.
   */
  demoByDefault?: boolean;
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
  APP_MODE: 'evaluation',
  SESSION_TTL_HOURS: '12',
  SESSION_MAX_DAYS: '7',
  COOKIE_SECURE: 'false',
  LOG_LEVEL: 'info',
  BODY_LIMIT_BYTES: '1048576',
  SEED_DEMO: 'false',
  DEMO_HISTORY: 'true',
  TIMER_INTERVAL_MS: '1000',
  LOGIN_MAX_FAILURES: '10',
  LOGIN_MAX_PER_ADDRESS: '100',
  LOGIN_WINDOW_MINUTES: '15',
  TRUST_PROXY: 'false',
  REQUEST_TIMEOUT_MS: '60000',
  HEADERS_TIMEOUT_MS: '15000',
  KEEP_ALIVE_TIMEOUT_MS: '72000',
  REQUESTS_PER_TURN: '8',
  WRITES_IN_FLIGHT: 'auto',
  DATABASE_POOL_SIZE: '10',
  DATABASE_PREPARED_STATEMENTS: 'true',
  DATABASE_WAIT_MS: '3000',
  DATABASE_STATEMENT_TIMEOUT_MS: '30000',
  SHUTDOWN_DELAY_MS: '0',
  SHUTDOWN_TIMEOUT_MS: '10000',
  BACKUP_DIR: './backups',
  REALTIME_MAX_FRAME_BYTES: '16384',
  REALTIME_MESSAGES_PER_SECOND: '20',
  REALTIME_MESSAGE_BURST: '40',
  REALTIME_SOCKETS_PER_SESSION: '8',
  CLOCK_OFFSET_MS: '0',
  TRUSTED_ORIGINS: '',
  OUTBOUND_ALLOW_PRIVATE_HOSTS: '',
  OUTBOUND_TIMEOUT_MS: '10000',
  PUBLIC_URL: '',
  SMS_PROVIDER: 'log',
  SMS_TENCENT_SECRET_ID: '',
  SMS_TENCENT_SECRET_KEY: '',
  SMS_TENCENT_SDK_APP_ID: '',
  SMS_TENCENT_SIGN_NAME: '',
  SMS_TENCENT_REGION: 'ap-guangzhou',
  SMS_TENCENT_ENDPOINT: 'https://sms.tencentcloudapi.com',
} as const;

const APP_MODES: AppMode[] = ['evaluation', 'production'];
/** proxy-addr's names for address ranges. */
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

function isAddressOrRange(entry: string): boolean {
  if (PROXY_RANGE_NAMES.includes(entry)) return true;
  const [address = '', bits, ...rest] = entry.split('/');
  const family = net.isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d+$/.test(bits) && n >= 0 && n <= (family === 4 ? 32 : 128);
}

function parseTrustProxy(raw: string, problems: string[]): TrustProxy {
  const value = raw.trim().toLowerCase();
  if (['false', '0', 'no', ''].includes(value)) return false;
  if (['true', 'yes'].includes(value)) {
    problems.push(
      "TRUST_PROXY=true would believe any client's X-Forwarded-For; set the number of proxies in front of the server " +
        '(e.g. TRUST_PROXY=1 behind one nginx) or their addresses (e.g. TRUST_PROXY=10.0.0.0/8,127.0.0.1)',
    );
    return false;
  }
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops > 10) problems.push(`TRUST_PROXY must be at most 10 hops (got "${raw}")`);
    return Math.min(hops, 10);
  }
  const entries = raw
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  const bad = entries.filter((e) => !isAddressOrRange(e));
  if (bad.length > 0) {
    problems.push(
      `TRUST_PROXY must be false, a number of proxy hops, or a comma list of IP addresses / CIDR ranges (not understood: ${bad.join(', ')})`,
    );
    return false;
  }
  return entries;
}

function parseOrigin(entry: string): string | null {
  try {
    const url = new URL(entry);
    return ['http:', 'https:'].includes(url.protocol) && url.origin === entry.replace(/\/$/, '') ? url.origin : null;
  } catch {
    return null;
  }
}

function parseOrigins(raw: string, problems: string[]): string[] {
  const entries = raw
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  const bad = entries.filter((e) => parseOrigin(e) === null);
  if (bad.length > 0) {
    problems.push(`TRUSTED_ORIGINS must be a comma list of origins like https://anchang.example.com (not understood: ${bad.join(', ')})`);
  }
  return entries.map(parseOrigin).filter((o): o is string => o !== null);
}

function parsePublicUrl(raw: string, problems: string[]): string | null {
  if (raw.trim() === '') return null;
  const origin = parseOrigin(raw.trim().replace(/\/$/, ''));
  if (origin === null) problems.push(`PUBLIC_URL must be the console's address like https://anchang.example.com (got "${raw}")`);
  return origin;
}

function parseSms(get: (name: keyof typeof CONFIG_DEFAULTS) => string, problems: string[]): SmsConfig {
  const provider = get('SMS_PROVIDER').trim().toLowerCase();
  if (provider === 'log') return { provider: 'log' };
  if (provider !== 'tencent') {
    problems.push(`SMS_PROVIDER must be log or tencent (got "${provider}")`);
    return { provider: 'log' };
  }
  const required = ['SMS_TENCENT_SECRET_ID', 'SMS_TENCENT_SECRET_KEY', 'SMS_TENCENT_SDK_APP_ID', 'SMS_TENCENT_SIGN_NAME'] as const;
  const missing = required.filter((name) => get(name).trim() === '');
  if (missing.length > 0) problems.push(`SMS_PROVIDER=tencent needs ${missing.join(', ')}`);
  const endpoint = get('SMS_TENCENT_ENDPOINT').trim();
  if (parseOrigin(endpoint.replace(/\/$/, '')) === null) problems.push(`SMS_TENCENT_ENDPOINT must be an http(s) origin (got "${endpoint}")`);
  return {
    provider: 'tencent',
    secretId: get('SMS_TENCENT_SECRET_ID').trim(),
    secretKey: get('SMS_TENCENT_SECRET_KEY').trim(),
    sdkAppId: get('SMS_TENCENT_SDK_APP_ID').trim(),
    signName: get('SMS_TENCENT_SIGN_NAME').trim(),
    region: get('SMS_TENCENT_REGION').trim(),
    endpoint: endpoint.replace(/\/$/, ''),
  };
}

export function loadConfig(env: Record<string, string | undefined> = process.env, cwd = process.cwd(), options: LoadConfigOptions = {}): Config {
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

  const appMode = get('APP_MODE') as AppMode;
  if (!APP_MODES.includes(appMode)) problems.push(`APP_MODE must be one of ${APP_MODES.join(', ')} (got "${appMode}")`);
  const isProduction = appMode === 'production';
  const seedDemoAsked = env.SEED_DEMO !== undefined && env.SEED_DEMO !== '';
  const seedDemo = seedDemoAsked ? bool('SEED_DEMO') : options.demoByDefault === true && !isProduction;
  if (isProduction && seedDemoAsked && seedDemo) {
    problems.push('SEED_DEMO=true is refused with APP_MODE=production: the demo accounts share one published password');
  }

  const sessionTtlHours = int('SESSION_TTL_HOURS', 1, 24 * 30);
  const sessionMaxDays = int('SESSION_MAX_DAYS', 1, 365);
  if (sessionTtlHours > sessionMaxDays * 24) {
    problems.push(`SESSION_TTL_HOURS (${sessionTtlHours}) must not exceed SESSION_MAX_DAYS (${sessionMaxDays}) × 24`);
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
    appMode: APP_MODES.includes(appMode) ? appMode : 'evaluation',
    sessionTtlHours,
    sessionMaxDays,
    cookieSecure: bool('COOKIE_SECURE'),
    logLevel: LOG_LEVELS.includes(logLevel) ? logLevel : 'info',
    bodyLimitBytes: int('BODY_LIMIT_BYTES', 1024, 50 * 1024 * 1024),
    seedDemo: seedDemo && !isProduction,
    demoHistory: bool('DEMO_HISTORY'),
    webDistDir: path.resolve(cwd, env.WEB_DIST_DIR || './web/dist'),
    timerIntervalMs: int('TIMER_INTERVAL_MS', 50, 60_000),
    loginMaxFailures: int('LOGIN_MAX_FAILURES', 1, 1000),
    loginMaxPerAddress: int('LOGIN_MAX_PER_ADDRESS', 1, 1_000_000),
    loginWindowMinutes: int('LOGIN_WINDOW_MINUTES', 1, 24 * 60),
    requestTimeoutMs: int('REQUEST_TIMEOUT_MS', 1000, 3_600_000),
    headersTimeoutMs: int('HEADERS_TIMEOUT_MS', 1000, 3_600_000),
    keepAliveTimeoutMs: int('KEEP_ALIVE_TIMEOUT_MS', 1000, 3_600_000),
    requestsPerTurn: int('REQUESTS_PER_TURN', 0, 10_000),
    writesInFlight: get('WRITES_IN_FLIGHT') === 'auto' ? 'auto' : int('WRITES_IN_FLIGHT', 0, 100_000),
    databasePoolSize: int('DATABASE_POOL_SIZE', 1, 1000),
    databasePreparedStatements: bool('DATABASE_PREPARED_STATEMENTS'),
    databaseWaitMs: int('DATABASE_WAIT_MS', 50, 600_000),
    databaseStatementTimeoutMs: int('DATABASE_STATEMENT_TIMEOUT_MS', 0, 24 * 3_600_000),
    shutdownDelayMs: int('SHUTDOWN_DELAY_MS', 0, 600_000),
    shutdownTimeoutMs: int('SHUTDOWN_TIMEOUT_MS', 1000, 3_600_000),
    backupDir: path.resolve(cwd, get('BACKUP_DIR')),
    realtime: {
      maxFrameBytes: int('REALTIME_MAX_FRAME_BYTES', 256, 1024 * 1024),
      messagesPerSecond: int('REALTIME_MESSAGES_PER_SECOND', 1, 1000),
      messageBurst: int('REALTIME_MESSAGE_BURST', 1, 10_000),
      socketsPerSession: int('REALTIME_SOCKETS_PER_SESSION', 1, 100),
    },
    // ±100 years: enough for any test instant, small enough to stay an exact integer.
    clockOffsetMs: int('CLOCK_OFFSET_MS', -3_155_760_000_000, 3_155_760_000_000),
    trustProxy: parseTrustProxy(get('TRUST_PROXY'), problems),
    trustedOrigins: parseOrigins(get('TRUSTED_ORIGINS'), problems),
    outbound: {
      allowPrivateHosts: get('OUTBOUND_ALLOW_PRIVATE_HOSTS')
        .split(',')
        .map((h) =>
          h
            .trim()
            .toLowerCase()
            .replace(/^\[|\]$/g, ''),
        )
        .filter(Boolean),
      timeoutMs: int('OUTBOUND_TIMEOUT_MS', 500, 120_000),
      publicUrl: parsePublicUrl(get('PUBLIC_URL'), problems),
      sms: parseSms(get, problems),
    },
  };
  // Node refuses a header timeout longer than the whole-request timeout.
  if (config.headersTimeoutMs > config.requestTimeoutMs) {
    problems.push(`HEADERS_TIMEOUT_MS (${config.headersTimeoutMs}) must not exceed REQUEST_TIMEOUT_MS (${config.requestTimeoutMs})`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}

/** `scheme://host[:port]`, exactly as a browser sends it in the Origin header. */
