import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../platform/clock.js';
import { LoginLimiter } from './login-limiter.js';

describe('LoginLimiter', () => {
  it('blocks after the allowed failures until the window passes', () => {
    const clock = new ManualClock(0);
    const limiter = new LoginLimiter(clock, 3, 60_000);
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfterSeconds('ip|a')).toBe(0);
      limiter.recordFailure('ip|a');
    }
    expect(limiter.retryAfterSeconds('ip|a')).toBe(60);
    expect(limiter.retryAfterSeconds('ip|b')).toBe(0);
    clock.advance(59_001);
    expect(limiter.retryAfterSeconds('ip|a')).toBe(1);
    clock.advance(999);
    expect(limiter.retryAfterSeconds('ip|a')).toBe(0);
  });

  it('forgets failures after a success', () => {
    const limiter = new LoginLimiter(new ManualClock(0), 2, 60_000);
    limiter.recordFailure('k');
    limiter.recordSuccess('k');
    limiter.recordFailure('k');
    expect(limiter.retryAfterSeconds('k')).toBe(0);
  });
});
