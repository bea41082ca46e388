import { describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { ApiError } from '../api/client';
import { classifyFailure, Outbox, toRequest, type OutboxItem, type OutboxOp } from './outbox';
import { countRecords, summarizeByKind } from './outbox-summary';
import { outboxKind } from './outbox-registry';
// The shift's kinds (checklist results with their photos) are the ones these tests drive.
import '../../features/shift/outbox-kinds';

/** A driven world for the outbox: a store, a network switch, a server that answers from a script. */
function world(answer: (op: OutboxOp) => Promise<unknown> = () => Promise.resolve({ ok: true })) {
  const stored = new Map<string, OutboxItem>();
  const sent: OutboxOp[] = [];
  const timers: { at: number; fn: () => void }[] = [];
  let now = 1_000_000;
  let online = true;
  const outbox = new Outbox({
    store: {
      load: () => Promise.resolve([...stored.values()].map((i) => structuredClone(i))),
      put: (items) => {
        for (const i of items) stored.set(i.key, structuredClone(i));
        return Promise.resolve();
      },
      remove: (keys) => {
        for (const k of keys) stored.delete(k);
        return Promise.resolve();
      },
    },
    send: (op) => {
      sent.push(op);
      return answer(op);
    },
    isOnline: () => online,
    now: () => now,
    random: () => 0.5,
    setTimer: (fn, ms) => {
      const timer = { at: now + ms, fn };
      timers.push(timer);
      return () => timers.splice(timers.indexOf(timer), 1);
    },
    withLock: (fn) => fn(),
  });
  const settle = () => new Promise((r) => setTimeout(r, 0));
  return {
    outbox,
    stored,
    sent,
    setOnline: (value: boolean) => (online = value),
    /** Moves the clock on and fires the timers due (backoff retries, not the send timeouts). */
    advance: async (ms: number) => {
      now += ms;
      for (const timer of timers.filter((t) => t.at <= now)) {
        timers.splice(timers.indexOf(timer), 1);
        timer.fn();
      }
      await settle();
    },
    settle,
  };
}

const result = (id: string, itemId = 'HALL-PRE-1'): OutboxOp & { kind: 'result' } => ({
  kind: 'result',
  siteId: 'site',
  shiftId: 'shift',
  phase: 'PRE',
  itemText: { zh: '自检仪容仪表', en: '' },
  body: { id, itemId, result: 'ok', at: 999_000 },
});
const network = () => new ApiError(0, 'NETWORK_ERROR', {}, 'offline');
const refused = (code: string, status = 400) => new ApiError(status, code, {}, code);

describe('the outbox', () => {
  it('stores a write before sending it, and removes it once the server has it', async () => {
    const w = world();
    w.setOnline(false);
    await w.outbox.enqueue('P1', [result('a')]);
    expect(w.stored.has('a')).toBe(true);
    expect(w.sent).toEqual([]);
    w.setOnline(true);
    w.outbox.start('P1', () => undefined);
    await w.settle();
    expect(w.sent.map((op) => op.kind === 'result' && op.body.id)).toEqual(['a']);
    expect(w.stored.size).toBe(0);
    expect(w.outbox.getSnapshot()).toEqual([]);
  });

  it('sends in the order the person acted, and a photo before the result that uses it', async () => {
    const w = world();
    w.setOnline(false);
    w.outbox.start('P1', () => undefined);
    await w.outbox.enqueue('P1', [
      { kind: 'photo', siteId: 'site', photoId: 'p', bytes: new ArrayBuffer(4), contentType: 'image/jpeg' },
      result('b'),
    ]);
    await w.outbox.enqueue('P1', [result('c', 'HALL-PRE-2')]);
    w.setOnline(true);
    w.outbox.retryNow();
    await w.settle();
    expect(w.sent.map((op) => (op.kind === 'photo' ? op.photoId : op.kind === 'result' ? op.body.id : op.kind))).toEqual(['p', 'b', 'c']);
  });

  it('keeps a write through network errors and retries it with backoff, never twice at once', async () => {
    let fail = 2;
    const w = world(() => (fail-- > 0 ? Promise.reject(network()) : Promise.resolve({})));
    w.outbox.start('P1', () => undefined);
    await w.outbox.enqueue('P1', [result('a')]);
    await w.settle();
    expect(w.sent).toHaveLength(1);
    expect(w.outbox.getSnapshot()[0]).toMatchObject({ state: 'waiting', attempts: 1 });
    expect(w.outbox.getRetryAt()).not.toBeNull();
    await w.advance(1_000);
    expect(w.sent).toHaveLength(2);
    await w.advance(2_000);
    expect(w.sent).toHaveLength(3);
    expect(w.stored.size).toBe(0);
  });

  it('marks a write the server refuses as failed, keeps it for the person, and goes on with the next', async () => {
    const w = world((op) => (op.kind === 'result' && op.body.id === 'a' ? Promise.reject(refused('NOTE_REQUIRED')) : Promise.resolve({})));
    w.outbox.start('P1', () => undefined);
    await w.outbox.enqueue('P1', [result('a'), result('b', 'HALL-PRE-2')]);
    const outcome = w.outbox.waitForOutcome('a');
    await w.settle();
    expect(await outcome).toMatchObject({ sent: false, error: { code: 'NOTE_REQUIRED', status: 400 } });
    expect([...w.stored.values()]).toMatchObject([{ key: 'a', state: 'failed' }]);
    expect(w.sent).toHaveLength(2);
    // Retrying sends it again (once fixed on the server side, it goes).
    await w.outbox.retry('a');
    await w.settle();
    expect(w.sent).toHaveLength(3);
  });

  it('only sends the writes of the person signed in', async () => {
    const w = world();
    w.outbox.start('P2', () => undefined);
    await w.outbox.enqueue('P1', [result('a')]);
    await w.settle();
    expect(w.sent).toEqual([]);
    w.outbox.start('P1', () => undefined);
    await w.settle();
    expect(w.sent).toHaveLength(1);
  });

  it('survives a reload: a new outbox on the same store sends what the last one left', async () => {
    const w = world(() => Promise.reject(network()));
    w.outbox.start('P1', () => undefined);
    await w.outbox.enqueue('P1', [result('a')]);
    await w.settle();
    expect(w.sent).toHaveLength(1); // tried once, no signal: kept
    expect([...w.stored.keys()]).toEqual(['a']);
    // The page reloads with the signal back: a new outbox over the same stored writes.
    const sentAfterReload: OutboxOp[] = [];
    const again = new Outbox({
      store: {
        load: () => Promise.resolve([...w.stored.values()].map((i) => structuredClone(i))),
        put: (items) => {
          for (const i of items) w.stored.set(i.key, structuredClone(i));
          return Promise.resolve();
        },
        remove: (keys) => {
          for (const k of keys) w.stored.delete(k);
          return Promise.resolve();
        },
      },
      send: (op) => {
        sentAfterReload.push(op);
        return Promise.resolve({});
      },
      isOnline: () => true,
      now: () => 2_000_000,
      random: () => 0.5,
      setTimer: () => () => undefined,
      withLock: (fn) => fn(),
    });
    await again.ready;
    expect(again.getSnapshot().map((i) => i.key)).toEqual(['a']);
    again.start('P1', () => undefined);
    await w.settle();
    expect(sentAfterReload).toEqual([result('a')]);
    expect(w.stored.size).toBe(0);
    expect(again.getSnapshot()).toEqual([]);
  });

  it('redraws its lists when more kinds load, without a network (a reload offline names every write)', async () => {
    const w = world();
    w.setOnline(false);
    await w.outbox.enqueue('P1', [result('a')]);
    w.outbox.start('P1', () => undefined);
    // Offline, starting or retrying sends nothing and so changes nothing on screen.
    const before = w.outbox.getSnapshot();
    let redraws = 0;
    w.outbox.subscribe(() => redraws++);
    w.outbox.retryNow();
    await w.settle();
    expect(w.outbox.getSnapshot()).toBe(before);
    // The kinds' chunks came in: the screens get a new snapshot (same writes) to read them by.
    w.outbox.kindsLoaded();
    expect(redraws).toBeGreaterThan(0);
    expect(w.outbox.getSnapshot()).not.toBe(before);
    expect(w.outbox.getSnapshot()).toEqual(before);
    expect(w.sent).toEqual([]);
  });

  it('hands each answer to the screen before the waiting copy goes', async () => {
    const w = world(() => Promise.resolve({ detail: 1 }));
    const seen: { response: unknown; stillWaiting: boolean }[] = [];
    w.outbox.start('P1', (item, response) => seen.push({ response, stillWaiting: w.outbox.getSnapshot().some((i) => i.key === item.key) }));
    await w.outbox.enqueue('P1', [result('a')]);
    await w.settle();
    expect(seen).toEqual([{ response: { detail: 1 }, stillWaiting: true }]);
  });
});

describe('classifyFailure', () => {
  const item = { op: result('a') as OutboxOp };
  it('retries what may pass later: no network, timeouts, server trouble, throttling, a lost session', () => {
    for (const error of [
      network(),
      new Error('timeout'),
      refused('INTERNAL_ERROR', 500),
      refused('SERVICE_UNAVAILABLE', 503),
      refused('RATE', 429),
      refused('SESSION_EXPIRED', 401),
    ]) {
      expect(classifyFailure(error, item, 1_000_000)).toBe('retry');
    }
  });
  it('gives up visibly on what will not pass: bad input, conflicts', () => {
    for (const error of [refused('NOTE_REQUIRED'), refused('NOT_ROSTERED', 409), refused('SHIFT_NOT_FOUND', 404), refused('PHOTO_TOO_LARGE', 413)]) {
      expect(classifyFailure(error, item, 1_000_000)).toBe('fail');
    }
  });
  it('resends without the phone’s time when its clock is off, once, and not for times over a day old', () => {
    expect(classifyFailure(refused('CLOCK_TIME_INVALID'), item, 1_000_000)).toBe('retryWithoutTime');
    expect(classifyFailure(refused('CLOCK_TIME_INVALID'), { ...item, omitTime: true }, 1_000_000)).toBe('fail');
    expect(classifyFailure(refused('CLOCK_TIME_INVALID'), item, 999_000 + 25 * 3_600_000)).toBe('fail');
    expect(toRequest({ ...item, omitTime: true })).toMatchObject({ body: { id: 'a' } });
    expect((toRequest({ ...item, omitTime: true }) as { body: { at?: number } }).body.at).toBeUndefined();
  });
});

describe('the registry', () => {
  it('knows each registered kind by name: its key, its tap time, and how to send without it', () => {
    const op = result('r1');
    const kind = outboxKind('result')!;
    expect(kind.key(op)).toBe('r1');
    expect(kind.tapTime?.(op)).toBe(999_000);
    expect(outboxKind('nothing-registered')).toBeUndefined();
  });

  it('counts a photo with the write that carries it, and names what waits by kind', () => {
    const item = (op: OutboxOp, key: string): OutboxItem => ({
      key,
      seq: 0,
      personId: 'P1',
      createdAt: 0,
      op,
      state: 'waiting',
      attempts: 0,
      error: null,
    });
    const photo: OutboxOp = { kind: 'photo', siteId: 'site', photoId: 'p', bytes: new ArrayBuffer(1), contentType: 'image/jpeg' };
    const withPhoto = result('b');
    if (withPhoto.kind === 'result') withPhoto.body.photoId = 'p';
    const lonePhoto: OutboxOp = { ...photo, photoId: 'q' };
    const items = [item(photo, 'p'), item(withPhoto, 'b'), item(result('c'), 'c'), item(lonePhoto, 'q')];
    expect(countRecords(items)).toBe(3);
    const t = ((key: string, o: { count: number }) => `${key}:${o.count}`) as unknown as TFunction;
    expect(summarizeByKind(items, t)).toEqual(['shiftPhone.outbox.groups.result:2', 'shiftPhone.outbox.groups.photo:1']);
  });

  it('an op of a kind no feature registered waits (retry), it is never dropped', async () => {
    const w = world();
    w.outbox.start('P1', () => undefined);
    const stray = { kind: 'unknownKind', siteId: 'site' } as unknown as OutboxOp;
    await expect(w.outbox.enqueue('P1', [stray])).rejects.toThrow(/no kind/);
    expect(w.stored.size).toBe(0);
  });
});
