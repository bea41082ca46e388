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

  it('makes SQLite commits durable against a power cut unless told otherwise', () => {
    expect(loadConfig({}).sqliteSynchronous).toBe('full');
    expect(loadConfig({ SQLITE_SYNCHRONOUS: 'NORMAL' }).sqliteSynchronous).toBe('normal');
    expect(() => loadConfig({ SQLITE_SYNCHRONOUS: 'off' })).toThrow(/SQLITE_SYNCHRONOUS/);
  });

  it('selects PostgreSQL when DATABASE_URL is set', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@127.0.0.1:5432/db' }).databaseUrl).toBe('postgres://u@127.0.0.1:5432/db');
  });
});
