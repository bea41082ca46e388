import { Kysely, sql } from 'kysely';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialect, type TestDatabase } from '../../test/test-db.js';
import { databaseErrorKind } from '../create-db.js';
import { createPostgresDialect, createPostgresPool } from './postgres.js';

/**
 * Repeated statements go to PostgreSQL as prepared ones (prepared-statements.ts). One connection
 * (a pool of one), so pg_prepared_statements shows what that connection holds.
 */
describe.skipIf(testDialect() !== 'postgres')('prepared statements on PostgreSQL', () => {
  let testDb: TestDatabase;
  let pool: pg.Pool;
  let db: Kysely<Record<string, never>>;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    pool = createPostgresPool(testDb.location.databaseUrl!, { max: 1 });
    db = new Kysely({ dialect: createPostgresDialect(pool) });
    await sql`create table scratch (a int primary key)`.execute(db);
    await sql`insert into scratch values (1), (2), (3)`.execute(db);
  });
  afterAll(async () => {
    await db.destroy();
    await testDb.drop();
  });

  const preparedTexts = async () =>
    (await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(db)).rows.map((r) => r.statement);
  // A distinct text per test: the counts of uses are shared by the whole process.
  const pick = (tag: string) => (a: number) => sql<{ a: number }>`select a, ${sql.lit(tag)} as tag from scratch where a = ${a}`.execute(db);

  it('prepares a statement the second time it is sent, and answers each run with its own values', async () => {
    const run = pick('repeat');
    expect((await run(1)).rows).toEqual([{ a: 1, tag: 'repeat' }]);
    expect((await preparedTexts()).filter((t) => t.includes("'repeat'"))).toHaveLength(0);

    expect((await run(2)).rows).toEqual([{ a: 2, tag: 'repeat' }]);
    expect((await run(3)).rows).toEqual([{ a: 3, tag: 'repeat' }]);
    expect((await preparedTexts()).filter((t) => t.includes("'repeat'"))).toHaveLength(1);
  });

  it('leaves statements without values unprepared', async () => {
    for (let i = 0; i < 3; i++) await sql`select count(*) as n, 'no values' as tag from scratch`.execute(db);
    expect((await preparedTexts()).filter((t) => t.includes("'no values'"))).toHaveLength(0);
  });

  it('a statement whose table changed shape fails once as busy, then runs prepared again', async () => {
    const everything = (a: number) => sql<Record<string, unknown>>`select *, 'shape' as tag from scratch where a = ${a}`.execute(db);
    await everything(1);
    await everything(2);
    await sql`alter table scratch add column b int not null default 7`.execute(db);

    const err = await everything(3).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(databaseErrorKind(err)).toBe('busy');

    expect((await everything(3)).rows).toEqual([{ a: 3, b: 7, tag: 'shape' }]);
    expect((await everything(2)).rows).toEqual([{ a: 2, b: 7, tag: 'shape' }]);
  });
});
