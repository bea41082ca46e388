import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, type PostgresPool, type SqliteDatabase } from 'kysely';
import type { DB } from './schema.js';
import { buildTestApp, type TestApp } from '../test/build-test-app.js';
import { newId } from '../platform/ids.js';
import { compileByShape, insertRowsQuery } from './compiled-shapes.js';

/**
 * Inserts compiled once per shape: the second insert of a shape reuses the first one's SQL with
 * its own values, and writes exactly what Kysely's own insert would. What cannot be reused
 * safely is compiled by Kysely every time.
 */
describe(`statements compiled once per shape (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  const db = () => t.testDb.database.db;
  const KIND = 'test.compiled-shapes';
  // Due an hour from now, offset by `at`: no timer of this test fires while it runs.
  const base = Date.now() + 3_600_000;
  const timerRow = (id: string, at: number) => ({
    id,
    kind: KIND,
    site_id: null,
    due_at: base + at,
    payload: JSON.stringify({ id }),
    status: 'pending' as const,
    last_error: null,
    fired_at: null,
    fired_by: null,
    created_at: base,
  });
  const stored = (ids: string[]) =>
    db().selectFrom('timers').select(['id', 'due_at', 'payload', 'last_error']).where('id', 'in', ids).orderBy('due_at').execute();

  it('reuses a shape’s SQL with the new rows’ values, and writes them all', async () => {
    const first = [timerRow(newId(), 1_000), timerRow(newId(), 2_000)];
    const second = [timerRow(newId(), 3_000), timerRow(newId(), 4_000)];
    const a = insertRowsQuery(db(), 'timers', first);
    const compiles = vi.spyOn(db(), 'insertInto');
    const b = insertRowsQuery(db(), 'timers', second);
    // Not built again by Kysely: the kept SQL, with the second rows' values.
    expect(compiles).not.toHaveBeenCalled();
    compiles.mockRestore();
    expect(b.sql).toBe(a.sql);
    expect(b.parameters).toEqual(db().insertInto('timers').values(second).compile().parameters);
    await db().executeQuery(a);
    await db().executeQuery(b);
    expect(await stored([...first, ...second].map((r) => r.id))).toEqual(
      [...first, ...second].map((r) => ({ id: r.id, due_at: r.due_at, payload: r.payload, last_error: null })),
    );
  });

  it('keeps a shape for the database’s transactions too, and apart from another dialect’s', async () => {
    const row = () => timerRow(newId(), 11_000);
    insertRowsQuery(db(), 'timers', [row()]);
    const compiles = vi.spyOn(Kysely.prototype, 'insertInto');
    await db()
      .transaction()
      .execute(async (trx) => void (await trx.executeQuery(insertRowsQuery(trx, 'timers', [row()]))));
    expect(compiles).not.toHaveBeenCalled();
    compiles.mockRestore();
    // Never connected: only compiled with.
    const sqlite = new Kysely<DB>({ dialect: new SqliteDialect({ database: {} as SqliteDatabase }) });
    const postgres = new Kysely<DB>({ dialect: new PostgresDialect({ pool: {} as PostgresPool }) });
    const shared = [row()];
    expect(insertRowsQuery(sqlite, 'timers', shared).sql).toContain('?');
    expect(insertRowsQuery(postgres, 'timers', shared).sql).toContain('$1');
  });

  it('tells shapes apart by table, row count and columns', () => {
    const one = insertRowsQuery(db(), 'timers', [timerRow(newId(), 5_000)]);
    const two = insertRowsQuery(db(), 'timers', [timerRow(newId(), 5_000), timerRow(newId(), 6_000)]);
    const { last_error: _dropped, ...fewer } = timerRow(newId(), 7_000);
    const narrower = insertRowsQuery(db(), 'timers', [fewer]);
    expect(new Set([one.sql, two.sql, narrower.sql]).size).toBe(3);
    expect(narrower.sql).not.toContain('last_error');
  });

  it('leaves rows it cannot bind as they are to Kysely: an undefined column, keys in another order', async () => {
    const withUndefined = { ...timerRow(newId(), 8_000), last_error: undefined };
    const reordered = Object.fromEntries(Object.entries(timerRow(newId(), 9_000)).reverse()) as ReturnType<typeof timerRow>;
    for (const rows of [[withUndefined], [timerRow(newId(), 8_500), reordered]]) {
      const compiled = insertRowsQuery(db(), 'timers', rows);
      expect(compiled.sql).toBe(db().insertInto('timers').values(rows).compile().sql);
      await db().executeQuery(compiled);
    }
    const rows = await stored([withUndefined.id, reordered.id]);
    expect(rows.map((r) => r.id)).toEqual([withUndefined.id, reordered.id]);
  });

  it('compiles a long insert with Kysely every time, keeping nothing', () => {
    const rows = Array.from({ length: 40 }, (_, i) => timerRow(newId(), 10_000 + i));
    const compiles = vi.spyOn(db(), 'insertInto');
    insertRowsQuery(db(), 'timers', rows);
    insertRowsQuery(db(), 'timers', rows);
    expect(compiles).toHaveBeenCalledTimes(2);
    compiles.mockRestore();
  });

  it('keeps no shape whose compiled parameters differ from the values given', () => {
    let builds = 0;
    const build = () => {
      builds += 1;
      return CompiledQuery.raw('select ? as n', [1]);
    };
    const shape = `test\0${newId()}`;
    compileByShape(db(), shape, [2], build);
    const again = compileByShape(db(), shape, [2], build);
    expect(builds).toBe(2);
    expect(again.parameters).toEqual([1]);

    const kept = `test\0${newId()}`;
    compileByShape(db(), kept, [1], build);
    const reused = compileByShape(db(), kept, [3], build);
    expect(builds).toBe(3);
    expect(reused.parameters).toEqual([3]);
  });
});
