import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../platform/clock.js';
import { RepairReportLimiter } from './repair-limiter.js';

describe('RepairReportLimiter', () => {
  it('allows each bucket its own number of hits in the window, then answers how long to wait', () => {
    const clock = new ManualClock(1_000_000);
    const limiter = new RepairReportLimiter(clock, 600_000);
    const a1 = [
      { key: 'ip:a', max: 2 },
      { key: 'asset:1', max: 3 },
    ];
    limiter.record(a1);
    clock.advance(60_000);
    limiter.record(a1);
    expect(limiter.retryAfterSeconds([{ key: 'ip:a', max: 2 }])).toBe(540);
    // The asset has room for one more, from another address.
    expect(
      limiter.retryAfterSeconds([
        { key: 'ip:b', max: 2 },
        { key: 'asset:1', max: 3 },
      ]),
    ).toBe(0);
    expect(
      limiter.take([
        { key: 'ip:b', max: 2 },
        { key: 'asset:1', max: 3 },
      ]),
    ).toBe(0);
    expect(
      limiter.take([
        { key: 'ip:c', max: 2 },
        { key: 'asset:1', max: 3 },
      ]),
    ).toBe(540);
    clock.advance(539_000);
    expect(limiter.retryAfterSeconds([{ key: 'ip:a', max: 2 }])).toBe(1);
    // The first hit leaves the window: one more is allowed, then the second one's window counts.
    clock.advance(1_000);
    expect(limiter.take([{ key: 'ip:a', max: 2 }])).toBe(0);
    expect(limiter.retryAfterSeconds([{ key: 'ip:a', max: 2 }])).toBe(60);
  });
});
