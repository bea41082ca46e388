/**
 * A semaphore with a bounded queue, for work that must not run unbounded in parallel (password
 * hashing: each argon2 run takes ~20 MiB and a core for tens of milliseconds). Up to
 * `concurrency` jobs run; up to `maxQueued` more wait their turn; beyond that a job is refused at
 * once, so a flood is answered quickly instead of piling up behind the cores.
 *
 * A place can be reserved before the job is ready (`reserve`), so a request that will be refused
 * anyway is refused before it costs anything else (database writes, say).
 */
export class WorkLimiterFullError extends Error {
  constructor() {
    super('work limiter queue is full');
  }
}

/** A place in the limiter: run one job in it, or give it back unused. */
export interface Reservation {
  run<T>(job: () => Promise<T>): Promise<T>;
  /** Frees the place if `run` was never called; harmless otherwise. */
  release(): void;
}

export class WorkLimiter {
  /** Places taken: reserved, waiting or running. */
  private admitted = 0;
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly maxQueued: number,
  ) {}

  /** Takes a place now, or throws WorkLimiterFullError when every slot and queue place is taken. */
  reserve(): Reservation {
    if (this.admitted >= this.concurrency + this.maxQueued) throw new WorkLimiterFullError();
    this.admitted += 1;
    let state: 'reserved' | 'used' | 'released' = 'reserved';
    return {
      run: async <T>(job: () => Promise<T>): Promise<T> => {
        if (state !== 'reserved') throw new Error('a reservation runs one job');
        state = 'used';
        try {
          if (this.running >= this.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
          else this.running += 1;
          try {
            return await job();
          } finally {
            // Hand the slot straight to the next waiter (running stays the same), or free it.
            const next = this.waiting.shift();
            if (next) next();
            else this.running -= 1;
          }
        } finally {
          this.admitted -= 1;
        }
      },
      release: () => {
        if (state !== 'reserved') return;
        state = 'released';
        this.admitted -= 1;
      },
    };
  }

  /** Runs `job` when a slot is free; rejects with WorkLimiterFullError when the queue is full. */
  async run<T>(job: () => Promise<T>): Promise<T> {
    return this.reserve().run(job);
  }

  get load(): { running: number; queued: number; admitted: number } {
    return { running: this.running, queued: this.waiting.length, admitted: this.admitted };
  }
}
