import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('gives working defaults: SQLite under ./data, port 3000, all roles', () => {
    const c = loadConfig({}, '/srv/anchang');
    expect(c).toMatchObject({
      port: 3000,
      databaseUrl: null,
      sqliteFile: '/srv/anchang/data/anchang.db',
      roles: ['api', 'worker', 'scheduler'],
      appMode: 'evaluation',
      seedDemo: false,
      sessionTtlHours: 12,
      sessionMaxDays: 7,
      trustProxy: false,
    });
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('reports every invalid variable at once', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', ROLES: 'api,cook', LOG_LEVEL: 'loud', COOKIE_SECURE: 'maybe' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join('\n');
      for (const name of ['PORT', 'DATABASE_URL', 'ROLES', 'LOG_LEVEL', 'COOKIE_SECURE']) expect(problems).toContain(name);
    }
  });

  it('makes SQLite commits durable against a power cut unless told otherwise', () => {
    expect(loadConfig({}).sqliteSynchronous).toBe('full');
    expect(loadConfig({ SQLITE_SYNCHRONOUS: 'NORMAL' }).sqliteSynchronous).toBe('normal');
    expect(() => loadConfig({ SQLITE_SYNCHRONOUS: 'off' })).toThrow(/SQLITE_SYNCHRONOUS/);
  });

  it('bounds API writes in flight by the pool unless told a number', () => {
    expect(loadConfig({}).writesInFlight).toBe('auto');
    expect(loadConfig({ WRITES_IN_FLIGHT: '0' }).writesInFlight).toBe(0);
    expect(loadConfig({ WRITES_IN_FLIGHT: '40' }).writesInFlight).toBe(40);
    expect(() => loadConfig({ WRITES_IN_FLIGHT: 'many' })).toThrow(/WRITES_IN_FLIGHT/);
  });

  it('prepares repeated PostgreSQL statements unless told not to', () => {
    expect(loadConfig({}).databasePreparedStatements).toBe(true);
    expect(loadConfig({ DATABASE_PREPARED_STATEMENTS: 'false' }).databasePreparedStatements).toBe(false);
    expect(() => loadConfig({ DATABASE_PREPARED_STATEMENTS: 'sometimes' })).toThrow(/DATABASE_PREPARED_STATEMENTS/);
  });

  it('selects PostgreSQL when DATABASE_URL is set', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@127.0.0.1:5432/db' }).databaseUrl).toBe('postgres://u@127.0.0.1:5432/db');
  });

  it('bounds every wait by default: request, headers, keep-alive, database, shutdown', () => {
    expect(loadConfig({}, '/srv/anchang')).toMatchObject({
      requestTimeoutMs: 60_000,
      headersTimeoutMs: 15_000,
      keepAliveTimeoutMs: 72_000,
      databasePoolSize: 10,
      databaseWaitMs: 3000,
      databaseStatementTimeoutMs: 30_000,
      shutdownDelayMs: 0,
      shutdownTimeoutMs: 10_000,
      backupDir: '/srv/anchang/backups',
    });
  });

  it('refuses a header timeout longer than the whole-request timeout', () => {
    expect(() => loadConfig({ REQUEST_TIMEOUT_MS: '5000', HEADERS_TIMEOUT_MS: '10000' })).toThrow(/HEADERS_TIMEOUT_MS/);
  });

  it('reads the realtime limits', () => {
    const c = loadConfig({ REALTIME_SOCKETS_PER_SESSION: '3' });
    expect(c.realtime).toEqual({ maxFrameBytes: 16384, messagesPerSecond: 20, messageBurst: 40, socketsPerSession: 3 });
    expect(() => loadConfig({ REALTIME_MESSAGE_BURST: '0' })).toThrow(/REALTIME_MESSAGE_BURST/);
  });

  it('shifts the clock only when CLOCK_OFFSET_MS says so, by a whole number of milliseconds', () => {
    expect(loadConfig({}).clockOffsetMs).toBe(0);
    expect(loadConfig({ CLOCK_OFFSET_MS: '-86400000' }).clockOffsetMs).toBe(-86_400_000);
    expect(() => loadConfig({ CLOCK_OFFSET_MS: 'tomorrow' })).toThrow(/CLOCK_OFFSET_MS/);
    expect(() => loadConfig({ CLOCK_OFFSET_MS: '1.5' })).toThrow(/CLOCK_OFFSET_MS/);
  });

  it('seeds the demo only when asked: SEED_DEMO=true, or the --demo start outside production', () => {
    expect(loadConfig({ SEED_DEMO: 'true' }).seedDemo).toBe(true);
    expect(loadConfig({}, '/', { demoByDefault: true }).seedDemo).toBe(true);
    expect(loadConfig({ SEED_DEMO: 'false' }, '/', { demoByDefault: true }).seedDemo).toBe(false);
    expect(loadConfig({ APP_MODE: 'production' }, '/', { demoByDefault: true }).seedDemo).toBe(false);
    // The demo comes with its past month unless DEMO_HISTORY=false.
    expect(loadConfig({}, '/', { demoByDefault: true }).demoHistory).toBe(true);
    expect(loadConfig({ DEMO_HISTORY: 'false' }, '/', { demoByDefault: true }).demoHistory).toBe(false);
  });

  it('refuses the demo seed in production mode, naming the problem', () => {
    expect(() => loadConfig({ APP_MODE: 'production', SEED_DEMO: 'true' })).toThrow(/SEED_DEMO=true is refused with APP_MODE=production/);
    expect(() => loadConfig({ APP_MODE: 'staging' })).toThrow(/APP_MODE must be one of evaluation, production/);
  });

  it('trusts proxies by hop count or by address, never blanket true', () => {
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1,::1,fd00::/8,loopback' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
      '::1',
      'fd00::/8',
      'loopback',
    ]);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY=true .*set the number of proxies .*or their addresses/);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/33,nginx' })).toThrow(/not understood: 10\.0\.0\.0\/33, nginx/);
  });

  it('keeps the idle session lifetime within the absolute one', () => {
    expect(loadConfig({ SESSION_TTL_HOURS: '48', SESSION_MAX_DAYS: '2' }).sessionMaxDays).toBe(2);
    expect(() => loadConfig({ SESSION_TTL_HOURS: '72', SESSION_MAX_DAYS: '2' })).toThrow(/SESSION_TTL_HOURS \(72\) must not exceed SESSION_MAX_DAYS/);
  });

  it('accepts trusted origins as bare origins only', () => {
    expect(loadConfig({ TRUSTED_ORIGINS: 'https://a.example.com, http://localhost:5173' }).trustedOrigins).toEqual([
      'https://a.example.com',
      'http://localhost:5173',
    ]);
    expect(() => loadConfig({ TRUSTED_ORIGINS: 'https://a.example.com/path' })).toThrow(/TRUSTED_ORIGINS/);
  });
});
