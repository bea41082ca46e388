import { describe, expect, it } from 'vitest';
import { WorkLimiter, WorkLimiterFullError } from './work-limiter.js';

/** A job that finishes when told to. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, job: () => opened };
}

describe('WorkLimiter', () => {
  it('runs at most `concurrency` jobs, queues up to `maxQueued`, refuses the rest at once', async () => {
    const limiter = new WorkLimiter(2, 1);
    const gates = [gate(), gate(), gate()];
    const runs = gates.map((g) => limiter.run(g.job));
    expect(limiter.load).toEqual({ running: 2, queued: 1, admitted: 3 });
    await expect(limiter.run(() => Promise.resolve('late'))).rejects.toBeInstanceOf(WorkLimiterFullError);

    gates[0]!.open();
    await runs[0];
    // The freed slot went to the queued job.
    expect(limiter.load).toEqual({ running: 2, queued: 0, admitted: 2 });
    gates[1]!.open();
    gates[2]!.open();
    await Promise.all(runs);
    expect(limiter.load).toEqual({ running: 0, queued: 0, admitted: 0 });
    expect(await limiter.run(() => Promise.resolve('again'))).toBe('again');
  });

  it('counts a reservation against the limit before its job is ready, and frees it when given back', async () => {
    const limiter = new WorkLimiter(1, 1);
    const first = limiter.reserve();
    const second = limiter.reserve();
    expect(() => limiter.reserve()).toThrow(WorkLimiterFullError);
    first.release();
    first.release(); // twice is harmless
    const third = limiter.reserve();
    expect(await second.run(() => Promise.resolve(2))).toBe(2);
    second.release(); // after its run: nothing to give back
    expect(await third.run(() => Promise.resolve(3))).toBe(3);
    expect(limiter.load).toEqual({ running: 0, queued: 0, admitted: 0 });
  });

  it('frees the slot when a job fails', async () => {
    const limiter = new WorkLimiter(1, 0);
    await expect(limiter.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await limiter.run(() => Promise.resolve(1))).toBe(1);
  });
});
