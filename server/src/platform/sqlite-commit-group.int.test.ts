import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../test/build-test-app.js';
import { testDialect } from '../test/test-db.js';
import { newId } from './ids.js';
import { sqliteCommitGroup } from './sqlite-commit-group.js';
import { scheduleTimer } from './timers/timers.js';
import { inTransaction } from './tx.js';

/**
 * On SQLite, use-case transactions waiting for the one connection share a COMMIT (one sync of
 * the log). Each is still all or nothing, and none is answered before its group's COMMIT.
 */
describe.skipIf(testDialect() !== 'sqlite')('SQLite group commit', () => {
  let t: TestApp;
  const KIND = 'test.commit-group';

  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  const deps = () => t.app.services.deps;
  const group = () => sqliteCommitGroup(deps().db);
  const storedTimers = async (ids: string[]) =>
    (await t.testDb.database.db.selectFrom('timers').select('id').where('id', 'in', ids).execute()).map((r) => r.id).sort();
  const seqsOf = async (room: string) =>
    (await t.testDb.database.db.selectFrom('events').select('seq').where('room', '=', room).execute())
      .map((e) => Number(e.seq))
      .sort((a, b) => a - b);
  const schedule = (id: string) => (tx: Parameters<Parameters<typeof inTransaction>[1]>[0]) =>
    scheduleTimer(tx, { id, kind: KIND, dueAt: tx.now + 60_000 });

  it('commits transactions that waited for the connection together, every one of them stored', async () => {
    const before = group().stats();
    const ids = Array.from({ length: 12 }, () => newId());
    await Promise.all(ids.map((id) => inTransaction(deps(), schedule(id))));

    const after = group().stats();
    expect(after.units - before.units).toBe(12);
    // The first BEGIN is awaited while the other eleven queue: at most two groups.
    expect(after.commits - before.commits).toBeLessThanOrEqual(2);
    expect(await storedTimers(ids)).toEqual([...ids].sort());
  });

  it('rolls a failing transaction back to its savepoint, leaving its group and the event numbering whole', async () => {
    const person = newId();
    const ids = Array.from({ length: 9 }, () => newId());
    const outcomes = await Promise.allSettled(
      ids.map((id, i) =>
        inTransaction(deps(), async (tx) => {
          await scheduleTimer(tx, { id, kind: KIND, dueAt: tx.now + 60_000 });
          tx.emit({ personId: person }, 'visit.closed', { visitId: id });
          // The first of the group (no savepoint) and two inside it fail after writing.
          if (i === 0 || i === 4 || i === 8) throw new Error(`refused ${i}`);
        }),
      ),
    );

    expect(outcomes.map((o) => o.status)).toEqual(ids.map((_, i) => (i === 0 || i === 4 || i === 8 ? 'rejected' : 'fulfilled')));
    expect((outcomes[4] as PromiseRejectedResult).reason).toEqual(new Error('refused 4'));
    expect(await storedTimers(ids)).toEqual(ids.filter((_, i) => i !== 0 && i !== 4 && i !== 8).sort());
    // Six events committed, numbered 1 to 6: the rolled-back ones took no number.
    expect(await seqsOf(`user:${person}`)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('fails every transaction of a group whose COMMIT fails, storing none of them', async () => {
    const ids = Array.from({ length: 5 }, () => newId());
    const outcomes = await Promise.allSettled(
      ids.map((id, i) =>
        inTransaction(deps(), async (tx) => {
          await scheduleTimer(tx, { id, kind: KIND, dueAt: tx.now + 60_000 });
          if (i !== 2) return;
          // A foreign key checked at COMMIT: the statement passes, the COMMIT of the whole group fails.
          await sql`PRAGMA defer_foreign_keys = ON`.execute(tx.trx);
          await tx.trx.insertInto('site_members').values({ site_id: newId(), person_id: newId(), role: 'staff', created_at: tx.now }).execute();
        }),
      ),
    );

    // The first transaction's own group may have committed before the others queued; from the
    // failing one's group on, nothing is stored and each was told so.
    const stored = await storedTimers(ids);
    expect(stored).not.toContain(ids[2]);
    for (const [i, o] of outcomes.entries()) {
      expect(o.status === 'fulfilled').toBe(stored.includes(ids[i]!));
      if (o.status === 'rejected') expect(String(o.reason)).toMatch(/FOREIGN KEY/);
    }
    expect(outcomes[2]!.status).toBe('rejected');
    expect(outcomes.filter((o) => o.status === 'rejected').length).toBeGreaterThan(1);

    // The connection is free and out of any transaction.
    const next = newId();
    await inTransaction(deps(), schedule(next));
    expect(await storedTimers([next])).toEqual([next]);
  });
});
