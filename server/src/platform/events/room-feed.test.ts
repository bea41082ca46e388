import { afterEach, describe, expect, it } from 'vitest';
import type { RealtimeEvent } from '@anchang/contracts';
import type { SeqRange } from './event-store.js';
import { RoomFeed, type FeedSource } from './room-feed.js';
import type { Logger } from '../logger.js';

const quiet = { error: () => undefined, warn: () => undefined } as unknown as Logger;

const ev = (room: string, seq: number): RealtimeEvent => ({
  type: 'zone.changed',
  room,
  siteId: null,
  payload: { zoneId: `z${seq}`, action: 'updated' },
  at: seq,
  seq,
});

/** An event log in memory: what other instances (or crashed writers) committed. */
function memoryLog(heads: Record<string, number> = {}) {
  const rows: RealtimeEvent[] = [];
  const reads: SeqRange[][] = [];
  const source: FeedSource = {
    readHeads: () => {
      const h = new Map(Object.entries(heads));
      for (const r of rows) h.set(r.room, Math.max(h.get(r.room) ?? 0, r.seq));
      return Promise.resolve(h);
    },
    readRanges: (ranges, limit) => {
      reads.push([...ranges]);
      const found = rows
        .filter((r) => ranges.some((g) => g.room === r.room && r.seq > g.after && r.seq <= g.upTo))
        .sort((a, b) => (a.room === b.room ? a.seq - b.seq : a.room < b.room ? -1 : 1));
      return Promise.resolve(found.slice(0, limit));
    },
  };
  return { rows, reads, source };
}

function collector() {
  const delivered: string[] = [];
  const skipped: string[] = [];
  let wake: (() => void) | null = null;
  return {
    delivered,
    skipped,
    out: {
      deliver: (e: RealtimeEvent) => {
        delivered.push(`${e.room}#${e.seq}`);
        wake?.();
      },
      skipped: (room: string) => skipped.push(room),
    },
    /** Resolves once `n` events have been delivered. */
    until: (n: number) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (delivered.length >= n) resolve();
        };
        wake = check;
        check();
      }),
  };
}

const timing = { gapWaitMs: 5, retryMs: 5, readLimit: 3 };
let feeds: RoomFeed[] = [];
afterEach(async () => {
  await Promise.all(feeds.map((f) => f.close()));
  feeds = [];
});
const feedOf = (source: FeedSource, out: ReturnType<typeof collector>['out']) => {
  const feed = new RoomFeed(source, out, quiet, timing);
  feeds.push(feed);
  return feed;
};

describe('RoomFeed', () => {
  it('delivers local commits that finish out of order in seq order, once each', async () => {
    const log = memoryLog();
    const c = collector();
    const feed = feedOf(log.source, c.out);
    await feed.start();
    feed.offer([ev('site:a', 2), ev('site:a', 3)]);
    expect(c.delivered).toEqual([]); // 1 is not here yet
    feed.offer([ev('site:a', 1)]);
    feed.offer([ev('site:a', 2)]);
    expect(c.delivered).toEqual(['site:a#1', 'site:a#2', 'site:a#3']);
  });

  it('reads from the log what another instance committed, when told of it or when a later local event leaves a gap', async () => {
    const log = memoryLog();
    const c = collector();
    const feed = feedOf(log.source, c.out);
    await feed.start();
    log.rows.push(ev('site:a', 1), ev('site:a', 2));
    feed.announce('site:a', 2);
    await c.until(2);
    log.rows.push(ev('site:a', 3)); // its writer died before telling anyone
    feed.offer([ev('site:a', 4)]);
    await c.until(4);
    expect(c.delivered).toEqual(['site:a#1', 'site:a#2', 'site:a#3', 'site:a#4']);
  });

  it('treats what was in the log at boot as history, and catches up on the rest', async () => {
    const log = memoryLog({ 'site:old': 7 });
    const c = collector();
    const feed = feedOf(log.source, c.out);
    await feed.start();
    log.rows.push(ev('site:old', 8), ev('user:new', 1), ev('user:new', 2), ev('user:new', 3), ev('user:new', 4));
    await feed.catchUp();
    await c.until(5); // more rows than one read takes
    expect(c.delivered).toEqual(['site:old#8', 'user:new#1', 'user:new#2', 'user:new#3', 'user:new#4']);
  });

  it('skips rows that were pruned before it delivered them, and says so', async () => {
    const log = memoryLog({ 'site:a': 2 });
    const c = collector();
    const feed = feedOf(log.source, c.out);
    await feed.start();
    log.rows.push(ev('site:a', 5)); // 3 and 4 are gone
    feed.announce('site:a', 5);
    await c.until(1);
    expect(c.delivered).toEqual(['site:a#5']);
    expect(c.skipped).toEqual(['site:a']);
    feed.offer([ev('site:a', 6)]);
    expect(c.delivered).toEqual(['site:a#5', 'site:a#6']);
  });
});

describe('RoomFeed reading more than one read takes', () => {
  it('gets past rows pruned in the middle of a long backlog', async () => {
    const log = memoryLog({ 'site:a': 0 });
    const c = collector();
    const feed = feedOf(log.source, c.out);
    await feed.start();
    // 1 and 2 pruned, then more rows than one read returns.
    log.rows.push(...[3, 4, 5, 6, 7, 8].map((seq) => ev('site:a', seq)));
    feed.announce('site:a', 8);
    await c.until(6);
    expect(c.delivered).toEqual([3, 4, 5, 6, 7, 8].map((seq) => `site:a#${seq}`));
    expect(c.skipped).toEqual(['site:a']);
  });
});

describe('RoomFeed catching up on many rooms', () => {
  it('reads them a hundred at a time until every one is delivered', async () => {
    const log = memoryLog();
    const c = collector();
    const feed = feedOf(log.source, c.out);
    await feed.start();
    const rooms = Array.from({ length: 250 }, (_, i) => `user:${String(i).padStart(3, '0')}`);
    for (const room of rooms) log.rows.push(ev(room, 1));
    await feed.catchUp();
    await c.until(250);
    expect(c.delivered.sort()).toEqual(rooms.map((r) => `${r}#1`));
    expect(Math.max(...log.reads.map((r) => r.length))).toBe(100);
  });
});
