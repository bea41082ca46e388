/**
 * Failed-login throttle per client address and login name: after `maxFailures` failures within
 * the window, further attempts are refused until the window passes. Kept in memory: each
 * instance throttles what it sees, which bounds guessing at instances × maxFailures per window.
 */
import type { Clock } from '../../platform/clock.js';

export class LoginLimiter {
  private readonly failures = new Map<string, { count: number; since: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly maxFailures: number,
    private readonly windowMs: number,
  ) {}

  /** Seconds to wait before another attempt, or 0 when one is allowed. */
  retryAfterSeconds(key: string): number {
    const entry = this.failures.get(key);
    if (!entry) return 0;
    const elapsed = this.clock.now() - entry.since;
    if (elapsed >= this.windowMs) {
      this.failures.delete(key);
      return 0;
    }
    return entry.count >= this.maxFailures ? Math.ceil((this.windowMs - elapsed) / 1000) : 0;
  }

  recordFailure(key: string): void {
    const now = this.clock.now();
    const entry = this.failures.get(key);
    if (!entry || now - entry.since >= this.windowMs) this.failures.set(key, { count: 1, since: now });
    else entry.count += 1;
    if (this.failures.size > 100_000) this.prune(now);
  }

  recordSuccess(key: string): void {
    this.failures.delete(key);
  }

  private prune(now: number): void {
    for (const [k, v] of this.failures) if (now - v.since >= this.windowMs) this.failures.delete(k);
  }
}
