/**
 * Public asset pages are used by anyone holding a phone in front of an asset: in memory, each
 * bucket (an address, an address on one asset, an asset) allows at most its own number of hits
 * in a sliding window. A restart forgets, which is acceptable for a flood guard.
 */
import type { Clock } from '../../platform/clock.js';

export interface Bucket {
  key: string;
  max: number;
}

export class RepairReportLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly clock: Clock,
    private readonly windowMs: number,
  ) {}

  /** Seconds until every bucket allows another hit, or 0 when they all do. */
  retryAfterSeconds(buckets: readonly Bucket[]): number {
    const now = this.clock.now();
    let wait = 0;
    for (const { key, max } of buckets) {
      const recent = this.recent(key, now);
      if (recent.length >= max) wait = Math.max(wait, Math.ceil((recent[recent.length - max]! + this.windowMs - now) / 1000));
    }
    return wait;
  }

  record(buckets: readonly Bucket[]): void {
    const now = this.clock.now();
    for (const { key } of buckets) {
      const recent = this.recent(key, now);
      recent.push(now);
      this.hits.set(key, recent);
    }
    if (this.hits.size > 50_000) this.prune(now);
  }

  /** Counts the hit when every bucket allows it; otherwise returns the seconds to wait. */
  take(buckets: readonly Bucket[]): number {
    const wait = this.retryAfterSeconds(buckets);
    if (wait === 0) this.record(buckets);
    return wait;
  }

  private recent(key: string, now: number): number[] {
    return (this.hits.get(key) ?? []).filter((t) => now - t < this.windowMs);
  }

  private prune(now: number): void {
    for (const [k, v] of this.hits) if (v.every((t) => now - t >= this.windowMs)) this.hits.delete(k);
  }
}
