/** Time is a dependency: every rule in minutes reads `clock.now()`, so tests drive time instead of sleeping. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/**
 * The machine's time shifted by a fixed amount: it runs at the real pace from another instant.
 * For the browser tests (CLOCK_OFFSET_MS), which run a real server process at a fixed date and
 * hour and give the browser the same clock.
 */
export function offsetClock(offsetMs: number): Clock {
  return offsetMs === 0 ? systemClock : { now: () => Date.now() + offsetMs };
}

/** A clock that only moves when told to. */
export class ManualClock implements Clock {
  constructor(private current: number = Date.UTC(2026, 10, 28, 1, 0, 0)) {}
  now(): number {
    return this.current;
  }
  set(ms: number): void {
    this.current = ms;
  }
  advance(ms: number): void {
    this.current += ms;
  }
}
