/**
 * A semaphore with a bounded queue, for work that must not run unbounded in parallel (password
 * hashing: each argon2 run takes ~20 MiB and a core for tens of milliseconds). Up to
 * `concurrency` jobs run; up to `maxQueued` more wait their turn; beyond that a job is refused at
 * once, so a flood is answered quickly instead of piling up behind the cores.
 */
export class WorkLimiterFullError extends Error {
  constructor() {
    super('work limiter queue is full');
  }
}

export class WorkLimiter {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly maxQueued: number,
  ) {}

  /** Runs `job` when a slot is free; rejects with WorkLimiterFullError when the queue is full. */
  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.maxQueued) throw new WorkLimiterFullError();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return await job();
    } finally {
      // Hand the slot straight to the next waiter (running stays the same), or free it.
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }

  get load(): { running: number; queued: number } {
    return { running: this.running, queued: this.waiting.length };
  }
}
