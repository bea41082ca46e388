/**
 * Prepared statements on PostgreSQL. Kysely sends every statement unnamed, so PostgreSQL parses,
 * analyses and plans it on every run. The statements the app repeats (the same text, other
 * values) are sent named instead: a connection parses each once, and PostgreSQL may keep its plan.
 * On the visits bench flat out this took PostgreSQL's own CPU per visit-stage write from about
 * 1,210 to 1,030 µs. PostgreSQL is what several instances share, so its CPU is the fleet's limit.
 *
 * A prepared statement outlives a change of its table: a statement whose rows change shape (a
 * `select *` after another instance's migration added a column) fails once with "cached plan
 * must not change result type". That error is reported as PostgreSQL being busy (a 503 the phones
 * retry), and the connection prepares everything again under new names.
 */
import pg from 'pg';

/** Distinct statements one connection keeps prepared; past that, the rest are parsed each time. */
const PREPARED_PER_CONNECTION = 200;
/** Statement texts counted at most; the count starts again when full (shapes are few, IN lists many). */
const COUNTED_TEXTS = 4096;

/** How often each statement text has been sent, and the name it is prepared under once repeated. */
const statementUses = new Map<string, { uses: number; name: string }>();
/** Never reset: a name belongs to one text only, since a connection may hold it prepared still. */
let namesGiven = 0;

/** The name to prepare `text` under, or undefined while it has been seen once only. */
function statementName(text: string): string | undefined {
  let seen = statementUses.get(text);
  if (!seen) {
    if (statementUses.size >= COUNTED_TEXTS) statementUses.clear();
    seen = { uses: 0, name: `s${++namesGiven}` };
    statementUses.set(text, seen);
  }
  seen.uses += 1;
  // A text seen once may be an IN list of a length never seen again, or a migration's DDL.
  return seen.uses > 1 ? seen.name : undefined;
}

/** PostgreSQL's answer to a prepared statement whose table changed shape since it was prepared. */
export function isStalePreparedStatement(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  return e?.code === '0A000' && typeof e.message === 'string' && e.message.includes('cached plan must not change result type');
}

type QueryFn = (this: pg.Client, ...args: unknown[]) => never;
/**
 * pg's own query, called on the client with `apply` (its overloads cannot be spread to), looked
 * up at each call: the bench counts statements by wrapping it.
 */
const clientQuery: QueryFn = function (this: pg.Client, ...args) {
  return (pg.Client.prototype.query as unknown as QueryFn).apply(this, args);
};

/** A pg client (the pool's `Client`) that sends repeated statements as prepared ones. */
export class PreparingClient extends pg.Client {
  private readonly prepared = new Set<string>();
  /** Bumped when the server's prepared statements went stale: new names, parsed again. */
  private generation = 0;

  override query(...args: unknown[]): never {
    const [text, values] = args;
    // Kysely's form: text and values, no callback. Statements without values are BEGIN, COMMIT
    // and DDL: cheap to parse, or run once.
    if (typeof text !== 'string' || !Array.isArray(values) || values.length === 0 || args.length !== 2) return clientQuery.apply(this, args);
    const shared = statementName(text);
    if (!shared) return clientQuery.apply(this, args);
    const name = `${shared}_${this.generation}`;
    if (!this.prepared.has(name) && this.prepared.size >= PREPARED_PER_CONNECTION) return clientQuery.apply(this, args);
    this.prepared.add(name);
    const generation = this.generation;
    const answer = clientQuery.call(this, { name, text, values }) as Promise<unknown>;
    return answer.catch((err: unknown) => {
      if (isStalePreparedStatement(err) && generation === this.generation) {
        this.generation += 1;
        this.prepared.clear();
      }
      throw err;
    }) as never;
  }
}
