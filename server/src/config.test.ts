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
      seedDemo: true,
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

  it('reads the realtime limits and the allowed origins, refusing an origin that is not one', () => {
    const c = loadConfig({ ALLOWED_ORIGINS: 'https://console.example.com, http://localhost:5173', REALTIME_SOCKETS_PER_SESSION: '3' });
    expect(c.allowedOrigins).toEqual(['https://console.example.com', 'http://localhost:5173']);
    expect(c.realtime).toEqual({ maxFrameBytes: 16384, messagesPerSecond: 20, messageBurst: 40, socketsPerSession: 3 });
    expect(() => loadConfig({ ALLOWED_ORIGINS: 'https://console.example.com/path' })).toThrow(/ALLOWED_ORIGINS/);
    expect(() => loadConfig({ REALTIME_MESSAGE_BURST: '0' })).toThrow(/REALTIME_MESSAGE_BURST/);
  });

  it('shifts the clock only when CLOCK_OFFSET_MS says so, by a whole number of milliseconds', () => {
    expect(loadConfig({}).clockOffsetMs).toBe(0);
    expect(loadConfig({ CLOCK_OFFSET_MS: '-86400000' }).clockOffsetMs).toBe(-86_400_000);
    expect(() => loadConfig({ CLOCK_OFFSET_MS: 'tomorrow' })).toThrow(/CLOCK_OFFSET_MS/);
    expect(() => loadConfig({ CLOCK_OFFSET_MS: '1.5' })).toThrow(/CLOCK_OFFSET_MS/);
  });
});
