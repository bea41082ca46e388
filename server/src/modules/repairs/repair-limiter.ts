/**
 * Public repair reports come from anyone holding a phone in front of an asset: in memory, at
 * most `max` reports per key (an IP, an asset) in a sliding window. A restart forgets, which is
 * acceptable for a flood guard.
 */
import type { Clock } from '../../platform/clock.js';

export class RepairReportLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly clock: Clock,
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Seconds until every key allows another report, or 0 when they all do. */
  retryAfterSeconds(keys: string[]): number {
    const now = this.clock.now();
    let wait = 0;
    for (const key of keys) {
      const recent = this.recent(key, now);
      if (recent.length >= this.max) wait = Math.max(wait, Math.ceil((recent[0]! + this.windowMs - now) / 1000));
    }
    return wait;
  }

  record(keys: string[]): void {
    const now = this.clock.now();
    for (const key of keys) {
      const recent = this.recent(key, now);
      recent.push(now);
      this.hits.set(key, recent);
    }
    if (this.hits.size > 50_000) this.prune(now);
  }

  private recent(key: string, now: number): number[] {
    return (this.hits.get(key) ?? []).filter((t) => now - t < this.windowMs);
  }

  private prune(now: number): void {
    for (const [k, v] of this.hits) if (v.every((t) => now - t >= this.windowMs)) this.hits.delete(k);
  }
}
