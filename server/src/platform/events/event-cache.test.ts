import type { RealtimeEvent } from '@anchang/contracts';
import { describe, expect, it } from 'vitest';
import type { EventBus, EventListener } from './bus.js';
import { EventCache, eventCache, type EventCacheSpec } from './event-cache.js';

const BY_SITE: EventCacheSpec = {
  staleKeys: (event) => (event.type === 'site.changed' && event.siteId ? [event.siteId] : []),
  maxAgeMs: 1_000,
};

const siteChanged = (siteId: string): RealtimeEvent => ({ type: 'site.changed', room: `site:${siteId}`, siteId, payload: { siteId }, at: 0, seq: 1 });

/** A bus that only hands this test's events to its listeners. */
function fakeBus() {
  const listeners: EventListener[] = [];
  const resumed: (() => void)[] = [];
  const bus = {
    subscribe: (l: EventListener) => (listeners.push(l), () => undefined),
    onResume: (l: () => void) => (resumed.push(l), () => undefined),
    onSkip: () => () => undefined,
  } as unknown as EventBus;
  return { bus, deliver: (e: RealtimeEvent) => listeners.forEach((l) => l(e)), resume: () => resumed.forEach((l) => l()) };
}

function counter(value: (n: number) => string) {
  let reads = 0;
  return { load: async () => value(++reads), reads: () => reads };
}

describe('EventCache', () => {
  it('reads a key once, and again after the event that changes it', async () => {
    const cache = new EventCache<string>(BY_SITE);
    const db = counter((n) => `v${n}`);
    expect(await cache.get('s1', db.load)).toBe('v1');
    expect(await cache.get('s1', db.load)).toBe('v1');
    expect(db.reads()).toBe(1);
    cache.heard(siteChanged('s2'));
    expect(await cache.get('s1', db.load)).toBe('v1');
    cache.heard(siteChanged('s1'));
    expect(await cache.get('s1', db.load)).toBe('v2');
    expect(db.reads()).toBe(2);
  });

  it('does not keep a value read while the change was being announced', async () => {
    const cache = new EventCache<string>(BY_SITE);
    let release!: (v: string) => void;
    const first = cache.get('s1', () => new Promise<string>((r) => (release = r)));
    cache.heard(siteChanged('s1'));
    release('old');
    expect(await first).toBe('old');
    expect(await cache.get('s1', async () => 'new')).toBe('new');
  });

  it('shares one read between callers that miss the same key together', async () => {
    const cache = new EventCache<string>(BY_SITE);
    const db = counter((n) => `v${n}`);
    const all = await Promise.all([cache.get('s1', db.load), cache.get('s1', db.load), cache.get('s1', db.load)]);
    expect(all).toEqual(['v1', 'v1', 'v1']);
    expect(db.reads()).toBe(1);
  });

  it('does not keep a failed read', async () => {
    const cache = new EventCache<string>(BY_SITE);
    await expect(cache.get('s1', () => Promise.reject(new Error('database down')))).rejects.toThrow('database down');
    expect(await cache.get('s1', async () => 'v')).toBe('v');
  });

  it('reads an entry again once it is older than its age limit, event or not', async () => {
    let now = 0;
    const cache = new EventCache<string>(BY_SITE, () => now);
    const db = counter((n) => `v${n}`);
    await cache.get('s1', db.load);
    now = 999;
    expect(await cache.get('s1', db.load)).toBe('v1');
    now = 1_000;
    expect(await cache.get('s1', db.load)).toBe('v2');
  });

  it('reads only the missing keys of a batch, and forgets a changed one', async () => {
    const cache = new EventCache<string>(BY_SITE);
    const asked: string[][] = [];
    const loadMany = async (keys: string[]) => (asked.push(keys), new Map(keys.map((k) => [k, k.toUpperCase()])));
    expect(await cache.getMany(['a', 'b'], loadMany)).toEqual(
      new Map([
        ['a', 'A'],
        ['b', 'B'],
      ]),
    );
    expect(await cache.getMany(['b', 'c', 'c'], loadMany)).toEqual(
      new Map([
        ['b', 'B'],
        ['c', 'C'],
      ]),
    );
    cache.heard(siteChanged('a'));
    await cache.getMany(['a', 'b', 'c'], loadMany);
    expect(asked).toEqual([['a', 'b'], ['c'], ['a']]);
  });
});

describe('eventCache', () => {
  it('keeps one cache per bus, emptied by its events and when its listener resumes after a gap', async () => {
    const one = fakeBus();
    const two = fakeBus();
    expect(eventCache(one.bus, BY_SITE)).toBe(eventCache(one.bus, BY_SITE));
    expect(eventCache(one.bus, BY_SITE)).not.toBe(eventCache(two.bus, BY_SITE));

    const db = counter((n) => `v${n}`);
    await eventCache<string>(one.bus, BY_SITE).get('s1', db.load);
    await eventCache<string>(two.bus, BY_SITE).get('s1', db.load);
    expect(db.reads()).toBe(2);
    // An event on one app's bus leaves the other app's entries alone.
    one.deliver(siteChanged('s1'));
    expect(await eventCache<string>(two.bus, BY_SITE).get('s1', db.load)).toBe('v2');
    expect(await eventCache<string>(one.bus, BY_SITE).get('s1', db.load)).toBe('v3');
    two.resume();
    expect(await eventCache<string>(two.bus, BY_SITE).get('s1', db.load)).toBe('v4');
  });

  it('starts over instead of throwing when an event cannot be read', async () => {
    const { bus, deliver } = fakeBus();
    const picky: EventCacheSpec = {
      staleKeys: (event) => [(event.payload as { personId: { length: number } }).personId.length.toString()],
    };
    const db = counter((n) => `v${n}`);
    await eventCache<string>(bus, picky).get('k', db.load);
    expect(() => deliver(siteChanged('s1'))).not.toThrow();
    expect(await eventCache<string>(bus, picky).get('k', db.load)).toBe('v2');
  });
});
