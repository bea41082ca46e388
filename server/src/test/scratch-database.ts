/**
 * A database of its own for a migration test, migrated up to (and including) one named
 * migration, so the test can write rows as the old code did and then run the rest.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Migrator } from 'kysely';
import pg from 'pg';
import { openDatabase, type Database } from '../db/create-db.js';
import { migrations } from '../db/migrations/index.js';
import { adminUrl, databaseUrlFor, testDialect } from './test-db.js';

export async function openScratchDatabase(migratedTo: string): Promise<{ database: Database; cleanup: () => Promise<void> }> {
  let database: Database;
  let cleanup: () => Promise<void>;
  if (testDialect() === 'postgres') {
    const name = `anchang_mig_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
    const admin = new pg.Client({ connectionString: adminUrl() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    database = await openDatabase({ databaseUrl: databaseUrlFor(name), sqliteFile: '' });
    cleanup = async () => {
      await database.close();
      const c = new pg.Client({ connectionString: adminUrl() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anchang-mig-'));
    database = await openDatabase({ databaseUrl: null, sqliteFile: path.join(dir, 'm.db') });
    cleanup = async () => {
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    };
  }
  const migrator = new Migrator({ db: database.db, provider: { getMigrations: () => Promise.resolve(migrations) } });
  const { error } = await migrator.migrateTo(migratedTo);
  if (error) throw error as Error;
  return { database, cleanup };
}
