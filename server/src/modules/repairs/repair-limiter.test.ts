import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../platform/clock.js';
import { RepairReportLimiter } from './repair-limiter.js';

describe('RepairReportLimiter', () => {
  it('allows max reports per key in the window, then answers how long to wait', () => {
    const clock = new ManualClock(1_000_000);
    const limiter = new RepairReportLimiter(clock, 2, 600_000);
    limiter.record(['ip:a', 'asset:1']);
    clock.advance(60_000);
    limiter.record(['ip:a', 'asset:1']);
    expect(limiter.retryAfterSeconds(['ip:a', 'asset:2'])).toBe(540);
    expect(limiter.retryAfterSeconds(['ip:b', 'asset:1'])).toBe(540);
    expect(limiter.retryAfterSeconds(['ip:b', 'asset:2'])).toBe(0);
    clock.advance(539_000);
    expect(limiter.retryAfterSeconds(['ip:a'])).toBe(1);
    // The first report leaves the window: one more is allowed, then the second one's window counts.
    clock.advance(1_000);
    expect(limiter.retryAfterSeconds(['ip:a', 'asset:1'])).toBe(0);
    limiter.record(['ip:a']);
    expect(limiter.retryAfterSeconds(['ip:a'])).toBe(60);
  });
});
