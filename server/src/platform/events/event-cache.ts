/**
 * Rows a busy write reads every time and that almost never change (a site's hand-off limits,
 * a person's name), kept in memory and dropped when the event that announces their change is
 * heard on the bus. The bus hears every instance's commits, so an instance never keeps a value
 * changed elsewhere for longer than the event takes to arrive (a few milliseconds); when
 * events may have been missed (the LISTEN connection was down, or a room's events were pruned
 * before delivery) the whole cache is dropped, and an entry older than `maxAgeMs` is read again
 * anyway.
 *
 * One cache per bus, that is per running app: two apps in one process (the tests' two
 * instances) do not share entries.
 */
import type { RealtimeEvent } from '@anchang/contracts';
import type { EventBus } from './bus.js';

export interface EventCacheSpec {
  /** The keys this event makes stale (an empty list for none). */
  staleKeys(event: RealtimeEvent): readonly string[];
  /** The longest an entry is trusted without an event (default 60 s). */
  readonly maxAgeMs?: number;
}

/** Entries kept at most per cache; the oldest goes first. */
const MAX_ENTRIES = 10_000;

interface Entry<V> {
  value: V;
  readAt: number;
}

export class EventCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  /** Reads under way, shared by the callers that miss the same key meanwhile. */
  private readonly loading = new Map<string, Promise<V>>();
  /**
   * Bumped by every invalidation: a read that started before one may have read the old row,
   * so its value is returned to its callers but not kept.
   */
  private generation = 0;

  constructor(
    private readonly spec: EventCacheSpec,
    private readonly now: () => number = () => performance.now(),
  ) {}

  async get(key: string, load: () => Promise<V>): Promise<V> {
    const entry = this.freshEntry(key, this.now());
    if (entry) return entry.value;
    const pending = this.loading.get(key);
    if (pending) return pending;
    const generation = this.generation;
    const readAt = this.now();
    const read = load().then(
      (value) => {
        if (this.loading.get(key) === read) this.loading.delete(key);
        if (generation === this.generation) this.keep(key, { value, readAt });
        return value;
      },
      (err: unknown) => {
        if (this.loading.get(key) === read) this.loading.delete(key);
        throw err;
      },
    );
    this.loading.set(key, read);
    return read;
  }

  /** Keys already in memory, and the missing ones read together by `loadMany`. */
  async getMany(keys: readonly string[], loadMany: (missing: string[]) => Promise<Map<string, V>>): Promise<Map<string, V>> {
    const found = new Map<string, V>();
    const missing: string[] = [];
    const now = this.now();
    for (const key of new Set(keys)) {
      const entry = this.freshEntry(key, now);
      if (entry) found.set(key, entry.value);
      else missing.push(key);
    }
    if (missing.length === 0) return found;
    const generation = this.generation;
    const loaded = await loadMany(missing);
    for (const [key, value] of loaded) {
      found.set(key, value);
      if (generation === this.generation) this.keep(key, { value, readAt: now });
    }
    return found;
  }

  /** Called for every event the bus delivers. */
  heard(event: RealtimeEvent): void {
    const stale = this.spec.staleKeys(event);
    if (stale.length === 0) return;
    this.generation++;
    for (const key of stale) {
      this.entries.delete(key);
      this.loading.delete(key);
    }
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
    this.loading.clear();
  }

  private freshEntry(key: string, now: number): Entry<V> | undefined {
    const entry = this.entries.get(key);
    return entry && now - entry.readAt < (this.spec.maxAgeMs ?? 60_000) ? entry : undefined;
  }

  private keep(key: string, entry: Entry<V>): void {
    if (!this.entries.has(key) && this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, entry);
  }
}

const cachesOfBus = new WeakMap<EventBus, Map<EventCacheSpec, EventCache<unknown>>>();

/** The cache `spec` describes for the app this bus belongs to, listening from its first use. */
export function eventCache<V>(bus: EventBus, spec: EventCacheSpec): EventCache<V> {
  let caches = cachesOfBus.get(bus);
  if (!caches) {
    const created = new Map<EventCacheSpec, EventCache<unknown>>();
    const clearAll = () => {
      for (const cache of created.values()) cache.clear();
    };
    bus.subscribe((event) => {
      // A listener may not throw: an event a cache cannot read makes it start over.
      try {
        for (const cache of created.values()) cache.heard(event);
      } catch {
        clearAll();
      }
    });
    bus.onResume(clearAll);
    bus.onSkip(clearAll);
    cachesOfBus.set(bus, created);
    caches = created;
  }
  let cache = caches.get(spec);
  if (!cache) {
    cache = new EventCache<unknown>(spec);
    caches.set(spec, cache);
  }
  return cache as EventCache<V>;
}
