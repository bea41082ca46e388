import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../create-db.js';

describe('SQLite durability', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anchang-sync-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const synchronousOf = async (sqliteSynchronous?: 'full' | 'normal') => {
    const database = await openDatabase({ databaseUrl: null, sqliteFile: path.join(dir, `${sqliteSynchronous ?? 'default'}.db`), sqliteSynchronous });
    try {
      const { rows } = await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(database.db);
      const { rows: journal } = await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(database.db);
      return { synchronous: rows[0]?.synchronous, journal: journal[0]?.journal_mode };
    } finally {
      await database.close();
    }
  };

  it('syncs every commit to disk unless told otherwise (FULL = 2), in WAL mode', async () => {
    expect(await synchronousOf()).toEqual({ synchronous: 2, journal: 'wal' });
    expect(await synchronousOf('full')).toEqual({ synchronous: 2, journal: 'wal' });
    expect(await synchronousOf('normal')).toEqual({ synchronous: 1, journal: 'wal' });
  });
});
