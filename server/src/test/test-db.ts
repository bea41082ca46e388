/**
 * A fresh database per test file. SQLite: a temporary file. PostgreSQL: a database cloned from
 * the template that global-setup migrated once (the machine's server at 127.0.0.1:5432).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { migrateToLatest, openDatabase, type Database } from '../db/create-db.js';
import { adminUrl, databaseUrlFor, withAdmin } from './pg-admin.js';

export { adminUrl, databaseUrlFor };

export type TestDialect = 'sqlite' | 'postgres';
export const newTemplateName = () => `anchang_tpl_${Date.now().toString(36)}_${process.pid}`;

/** TEST_DB: `sqlite` (also when unset) or `postgres`; anything else is a mistake, not SQLite in disguise. */
export function testDialect(): TestDialect {
  const value = process.env.TEST_DB;
  if (value === undefined || value === '' || value === 'sqlite') return 'sqlite';
  if (value === 'postgres') return 'postgres';
  throw new Error(`TEST_DB must be "sqlite" or "postgres" (got "${value}")`);
}

export interface TestDatabase {
  database: Database;
  /** Connection string (PostgreSQL) or file path (SQLite), to open a second instance on the same data. */
  location: { databaseUrl: string | null; sqliteFile: string };
  drop(): Promise<void>;
}

export async function createTestDatabase(dialect: TestDialect = testDialect()): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anchang-test-'));
    const sqliteFile = path.join(dir, 'test.db');
    // A test database is thrown away: its commits need not survive a power cut.
    const database = await openDatabase({ databaseUrl: null, sqliteFile, sqliteSynchronous: 'normal' });
    await migrateToLatest(database.db);
    return {
      database,
      location: { databaseUrl: null, sqliteFile },
      drop: async () => {
        await database.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `anchang_t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  await withAdmin(async (c) => {
    // Two files cloning the template at the same moment can collide; try again briefly.
    for (let attempt = 0; ; attempt++) {
      try {
        await c.query(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplate')}`);
        return;
      } catch (err) {
        if (attempt >= 20) throw err;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  });
  const databaseUrl = databaseUrlFor(name);
  const database = await openDatabase({ databaseUrl, sqliteFile: '' });
  return {
    database,
    location: { databaseUrl, sqliteFile: '' },
    drop: async () => {
      await database.close();
      await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** Migrates the template once for the whole run (vitest global setup). */
export async function prepareTemplate(name: string): Promise<void> {
  await withAdmin((c) => c.query(`CREATE DATABASE ${name}`));
  const database = await openDatabase({ databaseUrl: databaseUrlFor(name), sqliteFile: '' });
  await migrateToLatest(database.db);
  await database.close();
}

export async function dropTemplate(name: string): Promise<void> {
  await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}
