/**
 * Group commit for the embedded SQLite database.
 *
 * SQLite runs on one connection in this process, so use-case transactions already take turns:
 * each waits for the one before to commit. With `synchronous = FULL` every commit also waits for
 * the write-ahead log to reach the disk, and that sync is the larger part of a small write's
 * cost. So the transactions waiting their turn share one: each runs in a savepoint of the same
 * SQLite transaction, one after another as before, and one COMMIT (one sync) makes them all
 * durable. None is answered before that COMMIT has returned, so an answered write is on disk
 * exactly as it was with a commit of its own.
 *
 * - A unit that fails is rolled back to its savepoint and rejected with its own error; the
 *   others are unaffected. The first unit of a group needs no savepoint: while it runs, the
 *   transaction holds nothing else, so its failure rolls the transaction back.
 * - A COMMIT that fails fails every unit of the group: none of them is stored.
 * - A unit sees the writes of the units before it in its group, as it would have seen them
 *   committed: the order is the order the units started in, as before.
 * - A group takes at most MAX_UNITS units, so the first of them does not wait long for the
 *   rest. With no other transaction waiting a group is one unit: one transaction, as before.
 *
 * A unit must not wait for another transaction (it would wait for its own group), the same
 * rule as before: the connection was held by the waiting transaction then too.
 */
import { sql, type ControlledTransaction, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';

/** Units per group: a group runs its units one after another, and answers them all at its end. */
const MAX_UNITS = 16;

type Work<T> = (trx: Transaction<DB>) => Promise<T>;

interface Unit {
  work: Work<unknown>;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

interface Done {
  unit: Unit;
  value: unknown;
}

export interface CommitGroupStats {
  /** Units committed, and the COMMITs that made them durable. */
  units: number;
  commits: number;
}

export class SqliteCommitGroup {
  private readonly waiting: Unit[] = [];
  private draining = false;
  private readonly counts: CommitGroupStats = { units: 0, commits: 0 };

  constructor(private readonly db: Kysely<DB>) {}

  /** Runs `work` in a transaction, possibly shared with others waiting; resolves once committed. */
  run<T>(work: Work<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.draining) void this.drain();
    });
  }

  stats(): CommitGroupStats {
    return { ...this.counts };
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.waiting.length > 0) await this.runGroup();
    } finally {
      this.draining = false;
    }
  }

  private async runGroup(): Promise<void> {
    let trx: ControlledTransaction<DB>;
    try {
      trx = await this.db.startTransaction().execute();
    } catch (err) {
      // BEGIN failed (the database is locked by another process past its busy timeout, say):
      // the unit that was next fails as its own BEGIN would have; the others try again.
      this.waiting.shift()?.reject(err);
      return;
    }
    const done: Done[] = [];
    try {
      while (done.length < MAX_UNITS && this.waiting.length > 0) {
        const unit = this.waiting.shift()!;
        if (done.length === 0) {
          // Alone in the transaction so far: a failure rolls the whole of it back.
          try {
            done.push({ unit, value: await unit.work(trx) });
          } catch (err) {
            unit.reject(err);
            await trx.rollback().execute();
            return;
          }
          continue;
        }
        await sql`SAVEPOINT unit`.execute(trx);
        try {
          const value = await unit.work(trx);
          await sql`RELEASE unit`.execute(trx);
          done.push({ unit, value });
        } catch (err) {
          unit.reject(err);
          // Fails when SQLite has rolled the whole transaction back itself (an I/O error, a
          // full disk): the units before this one are lost too, and the catch below says so.
          await sql`ROLLBACK TO unit`.execute(trx);
          await sql`RELEASE unit`.execute(trx);
        }
      }
      await trx.commit().execute();
    } catch (err) {
      await trx
        .rollback()
        .execute()
        .catch(() => undefined);
      for (const d of done) d.unit.reject(err);
      return;
    }
    this.counts.units += done.length;
    this.counts.commits += 1;
    for (const d of done) d.unit.resolve(d.value);
  }
}

const groups = new WeakMap<Kysely<DB>, SqliteCommitGroup>();

/** The commit group of an SQLite database (one per Kysely instance: one connection). */
export function sqliteCommitGroup(db: Kysely<DB>): SqliteCommitGroup {
  let group = groups.get(db);
  if (!group) {
    group = new SqliteCommitGroup(db);
    groups.set(db, group);
  }
  return group;
}
