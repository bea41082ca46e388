/**
 * Statements compiled once per shape. Kysely builds and compiles a query's operation tree on every
 * run; for the inserts every write ends with (its deferred rows, its events) that is a large part
 * of the main thread's time on SQLite, where the statement itself runs on the loop too. Those
 * inserts repeat a handful of shapes (a table, its columns, how many rows), so the SQL Kysely
 * compiles for a shape is kept and reused with the new values.
 *
 * The reuse is checked, not assumed: a shape is kept only when the parameters Kysely compiled
 * for it are exactly the values this module would pass (same values, same order). Anything else
 * (a column left undefined, a value Kysely turns into SQL) is compiled by Kysely every time, as
 * before. Reusing the same SQL string also makes the SQLite statement cache's lookup cheap: the
 * string's hash is computed once.
 */
import { CompiledQuery, type DialectAdapter, type Insertable, type Kysely } from 'kysely';
import type { DB } from './schema.js';

/** Shapes kept at most per database; the app writes a few dozen. Past that, the map starts again. */
const MAX_SHAPES = 1000;
/**
 * Longer inserts (a bulk import, a month's close) are compiled by Kysely each time: their row
 * counts rarely repeat, compiling is small beside writing them, and their SQL is not worth keeping.
 */
const MAX_ROWS_PER_SHAPE = 32;
/**
 * The kept SQL by shape, per database: its dialect's adapter, which a Kysely instance and its
 * transactions share. SQL compiled for one dialect is never handed to another.
 */
const shapesByDatabase = new WeakMap<DialectAdapter, Map<string, string>>();

/**
 * `build`'s query, compiled by Kysely the first time `shape` is seen on `db` and reused with
 * `params` afterwards. `params` must be the values `build` binds, in the order it binds them; a
 * shape for which they are not is never kept.
 */
export function compileByShape(db: Kysely<DB>, shape: string, params: unknown[], build: () => CompiledQuery): CompiledQuery {
  const adapter = db.getExecutor().adapter;
  let sqlByShape = shapesByDatabase.get(adapter);
  if (!sqlByShape) shapesByDatabase.set(adapter, (sqlByShape = new Map<string, string>()));
  const known = sqlByShape.get(shape);
  if (known !== undefined) return CompiledQuery.raw(known, params);
  const compiled = build();
  if (sameValues(compiled.parameters, params)) {
    if (sqlByShape.size >= MAX_SHAPES) sqlByShape.clear();
    sqlByShape.set(shape, compiled.sql);
  }
  return compiled;
}

function sameValues(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** A value bound as it is: anything else, Kysely may compile into SQL. */
const isPlainValue = (v: unknown) => v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint';

/**
 * A multi-row insert of `rows`. The rows' plain values, row by row in their keys' order, when
 * every row has the first one's keys in that order; otherwise null.
 */
function insertParams(rows: readonly object[]): { columns: string[]; params: unknown[] } | null {
  const columns = Object.keys(rows[0]!);
  const params: unknown[] = [];
  for (const row of rows) {
    const keys = Object.keys(row);
    if (keys.length !== columns.length) return null;
    for (let i = 0; i < keys.length; i++) {
      const value = (row as Record<string, unknown>)[keys[i]!];
      if (keys[i] !== columns[i] || !isPlainValue(value)) return null;
      params.push(value);
    }
  }
  return { columns, params };
}

/** `insert into <table> (…) values (…), …` for `rows` (at least one), compiled once per shape when short. */
export function insertRowsQuery<T extends keyof DB>(db: Kysely<DB>, table: T, rows: readonly Insertable<DB[T]>[]): CompiledQuery {
  const build = () => db.insertInto(table).values(rows).compile();
  const bound = rows.length <= MAX_ROWS_PER_SHAPE ? insertParams(rows) : null;
  if (!bound) return build();
  return compileByShape(db, `insert\0${table}\0${rows.length}\0${bound.columns.join('\0')}`, bound.params, build);
}
