import type { Clock } from '../../platform/clock.js';

/**
 * Requests per IP in a fixed window, in memory: enough to keep a script from walking the
 * public checkpoint page for codes (which are 144-bit random anyway) without a shared store.
 */
export class PublicRateLimiter {
  private readonly windows = new Map<string, { count: number; since: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly maxRequests: number,
    private readonly windowMs: number,
  ) {}

  /** Counts the request; returns the seconds to wait when over the limit, else 0. */
  hit(key: string): number {
    const now = this.clock.now();
    const entry = this.windows.get(key);
    if (!entry || now - entry.since >= this.windowMs) {
      if (this.windows.size > 50_000) this.prune(now);
      this.windows.set(key, { count: 1, since: now });
      return 0;
    }
    entry.count += 1;
    return entry.count > this.maxRequests ? Math.ceil((this.windowMs - (now - entry.since)) / 1000) : 0;
  }

  private prune(now: number): void {
    for (const [key, entry] of this.windows) if (now - entry.since >= this.windowMs) this.windows.delete(key);
  }
}
