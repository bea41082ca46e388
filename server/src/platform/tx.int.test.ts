import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../test/build-test-app.js';
import { newId } from './ids.js';
import { cancelTimers, deferCancelTimers, scheduleTimer } from './timers/timers.js';
import { inTransaction, inWriteBatch, type Deps, type WriteBatch } from './tx.js';
import type { RealtimeEvent } from '@anchang/contracts';

/**
 * A use case's transaction: what it writes as it goes, what it defers to the last statement
 * (on PostgreSQL sent with COMMIT right behind it, BEGIN sent with the first statement), and its
 * events are one unit, and a failure anywhere, the last statement included, leaves nothing.
 */
describe(`use-case transactions (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestApp;
  const KIND = 'test.tx';

  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  const timerRow = (id: string, now: number) => ({
    id,
    kind: KIND,
    site_id: null,
    due_at: now + 60_000,
    payload: 'null',
    status: 'pending' as const,
    last_error: null,
    fired_at: null,
    fired_by: null,
    created_at: now,
  });
  const timers = (ids: string[]) => t.testDb.database.db.selectFrom('timers').select(['id', 'status']).where('id', 'in', ids).orderBy('id').execute();
  const eventsOf = (room: string) => t.testDb.database.db.selectFrom('events').select(['type', 'seq']).where('room', '=', room).execute();
  const deps = () => t.app.services.deps;

  it('commits what it wrote as it went, its deferred update and insert, and its events together', async () => {
    const [before, now, deferred, cancelled] = [newId(), newId(), newId(), newId()];
    const person = newId();
    await inTransaction(deps(), (tx) => scheduleTimer(tx, { id: cancelled, kind: KIND, dueAt: tx.now + 60_000 }));

    await inTransaction(deps(), async (tx) => {
      await scheduleTimer(tx, { id: now, kind: KIND, dueAt: tx.now + 60_000 });
      deferCancelTimers(tx, [cancelled]);
      tx.deferInsert('timers', timerRow(deferred, tx.now));
      tx.emit({ personId: person }, 'visit.closed', { visitId: before });
    });

    expect(await timers([now, deferred, cancelled])).toEqual(
      [
        { id: now, status: 'pending' },
        { id: deferred, status: 'pending' },
        { id: cancelled, status: 'cancelled' },
      ].sort((a, b) => (a.id < b.id ? -1 : 1)),
    );
    expect(await eventsOf(`user:${person}`)).toEqual([{ type: 'visit.closed', seq: 1 }]);
  });

  it('keeps nothing when its last statement fails, and reports that statement’s error', async () => {
    const [existing, now, kept] = [newId(), newId(), newId()];
    const person = newId();
    await inTransaction(deps(), async (tx) => {
      await scheduleTimer(tx, { id: existing, kind: KIND, dueAt: tx.now + 60_000 });
      await scheduleTimer(tx, { id: kept, kind: KIND, dueAt: tx.now + 60_000 });
    });

    const failing = inTransaction(deps(), async (tx) => {
      await scheduleTimer(tx, { id: now, kind: KIND, dueAt: tx.now + 60_000 });
      deferCancelTimers(tx, [kept]);
      tx.deferInsert('timers', timerRow(existing, tx.now)); // the same id again: a unique key violation
      tx.emit({ personId: person }, 'visit.closed', { visitId: now });
    });

    // The driver's own unique-violation error, not a generic "transaction aborted".
    await expect(failing).rejects.toThrow(/unique|UNIQUE/);
    expect(await timers([now, kept])).toEqual([{ id: kept, status: 'pending' }]);
    expect(await eventsOf(`user:${person}`)).toEqual([]);
  });

  it('keeps nothing a use case wrote before it failed, and every connection is usable after', async () => {
    const ids = Array.from({ length: 30 }, () => newId());
    const outcomes = await Promise.allSettled(
      ids.map((id, i) =>
        inTransaction(deps(), async (tx) => {
          await scheduleTimer(tx, { id, kind: KIND, dueAt: tx.now + 60_000 });
          if (i % 2 === 0) throw new Error('refused on purpose');
          await cancelTimers(tx, [id]);
        }),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'rejected')).toHaveLength(15);
    // The odd ones committed (scheduled, then cancelled in the same transaction); the even ones left nothing.
    const rows = await timers(ids);
    expect(rows.map((r) => r.id).sort()).toEqual(ids.filter((_, i) => i % 2 === 1).sort());
    expect(rows.every((r) => r.status === 'cancelled')).toBe(true);

    // More transactions than the pool has connections, each seeing its own write: none was left
    // inside an aborted or unfinished transaction.
    const after = Array.from({ length: 25 }, () => newId());
    await Promise.all(after.map((id) => inTransaction(deps(), (tx) => scheduleTimer(tx, { id, kind: KIND, dueAt: tx.now + 60_000 }))));
    expect(await timers(after)).toHaveLength(25);
  });

  it('numbers the events of many concurrent use cases on one room without gaps or repeats', async () => {
    const person = newId();
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        inTransaction(deps(), async (tx) => {
          tx.deferInsert('timers', timerRow(newId(), tx.now));
          tx.emit({ personId: person }, 'visit.closed', { visitId: String(i) });
        }),
      ),
    );
    const seqs = (await eventsOf(`user:${person}`)).map((e) => Number(e.seq)).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it('records a counted event only when the count the write reads reaches its threshold, numbered after the write’s others', async () => {
    const kind = `test.counted.${newId()}`;
    const [person, other] = [newId(), newId()];
    const published: RealtimeEvent[] = [];
    const capturing: Deps = { ...deps(), events: { ...deps().events, publish: async (events: RealtimeEvent[]) => void published.push(...events) } };
    const pendingOfKind = () =>
      t.testDb.database.db
        .selectFrom('timers')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('kind', '=', kind);
    const logOf = async (room: string) =>
      (await t.testDb.database.db.selectFrom('events').select(['type', 'seq', 'payload']).where('room', '=', room).orderBy('seq').execute()).map(
        (e) => ({ type: e.type, seq: Number(e.seq), payload: JSON.parse(e.payload) as unknown }),
      );
    const timer = (now: number) => ({ ...timerRow(newId(), now), kind });
    const counted = { count: pendingOfKind(), add: 1, atLeast: 2, into: 'occupied' as const };

    // Both ways a use case writes; the count is read before the write's own row (hence `add`).
    const write = (n: number, useTransaction: boolean) => {
      const record = (tx: WriteBatch) => {
        tx.emit({ personId: person }, 'visit.closed', { visitId: `before ${n}` });
        tx.emitWhenCount({ personId: person }, 'carpark.full', counted, { capacity: 2 });
        tx.deferInsert('timers', timer(tx.now));
        tx.emit({ personId: person }, 'visit.closed', { visitId: `after ${n}` });
        tx.emit({ personId: other }, 'visit.closed', { visitId: `other ${n}` });
      };
      return useTransaction ? inTransaction(capturing, async (tx) => record(tx)) : inWriteBatch(capturing, record);
    };

    await write(1, false); // 0 + 1 < 2: not recorded
    await write(2, true); // 1 + 1 = 2: recorded, with the count
    await write(3, false); // 2 + 1 = 3
    const full = (occupied: number) => ({ type: 'carpark.full', payload: { capacity: 2, occupied } });
    const closed = (visitId: string) => ({ type: 'visit.closed', payload: { visitId } });
    const expected = [
      closed('before 1'),
      closed('after 1'),
      closed('before 2'),
      closed('after 2'),
      full(2),
      closed('before 3'),
      closed('after 3'),
      full(3),
    ].map((e, i) => ({ ...e, seq: i + 1 }));
    // In the log, without gaps, and as published: the same events under the same numbers.
    expect(await logOf(`user:${person}`)).toEqual(expected);
    const publishedToPerson = published.filter((e) => e.room === `user:${person}`);
    expect(publishedToPerson.map((e) => ({ type: e.type, seq: e.seq, payload: e.payload }))).toEqual(expected);
    expect((await logOf(`user:${other}`)).map((e) => e.seq)).toEqual([1, 2, 3]);

    // A counted event alone in its room: nothing written (and no number taken) until it is reached.
    const alone = newId();
    const aloneWrite = () =>
      inWriteBatch(capturing, (batch) => {
        batch.emitWhenCount({ personId: alone }, 'carpark.full', { ...counted, atLeast: 5 }, { capacity: 5 });
        batch.deferInsert('timers', timer(batch.now));
      });
    await aloneWrite(); // 3 + 1
    expect(await logOf(`user:${alone}`)).toEqual([]);
    await aloneWrite(); // 4 + 1
    expect(await logOf(`user:${alone}`)).toEqual([{ seq: 1, ...full(5), payload: { capacity: 5, occupied: 5 } }]);
  });
});
