/**
 * The outbox: every write the staff phone makes (clock-in, checklist results, photos, hand-offs,
 * trips, scans, incidents, checks…) is written here, on the phone, BEFORE it is sent. A single
 * sender then sends the waiting writes in the order they were made, whenever there is a network,
 * and removes each one only once the server has answered that it is stored.
 *
 * Exactly once, as the server sees it: each write carries an id chosen when the person acted
 * (and the time they acted), so a write resent after a lost answer, a reload or a second tab is
 * recognised and stored once. Nothing is dropped silently: an answer that retrying cannot change
 * (a 4xx such as NOT_ROSTERED) marks the write as failed, with the server's code, for the person
 * to see and to retry or discard.
 *
 * The engine is plain TypeScript with its storage, sending and timers passed in, so its rules
 * are unit-tested; `outbox-client.ts` wires it to IndexedDB and the API. What each kind of write
 * is (its key, its tap time, how it is sent) lives in the registry (`outbox-registry.ts`).
 */
import { ApiError } from '../api/client';
import { requireKind, type OutboxOp } from './outbox-registry';

export type { OutboxOp } from './outbox-registry';

export interface OutboxError {
  status: number;
  code: string;
  message: string;
  params: Record<string, unknown>;
}

export interface OutboxItem {
  /** The write's own id (the shift, result, photo, form id); a clock-out gets one of its own. */
  key: string;
  /** Order of making: the sender goes by it. */
  seq: number;
  /** Whose write it is: only sent while that person is signed in on this phone. */
  personId: string;
  createdAt: number;
  op: OutboxOp;
  state: 'waiting' | 'failed';
  attempts: number;
  error: OutboxError | null;
  /** The server refused the phone's clock: send without `at` (the op keeps it for the screen). */
  omitTime?: boolean;
}

export interface OutboxStore {
  load(): Promise<OutboxItem[]>;
  put(items: readonly OutboxItem[]): Promise<void>;
  remove(keys: readonly string[]): Promise<void>;
}

export interface OutboxDeps {
  store: OutboxStore;
  /** Sends one write; resolves with the server's answer, rejects with ApiError. */
  send(op: OutboxOp): Promise<unknown>;
  isOnline(): boolean;
  now(): number;
  random(): number;
  setTimer(fn: () => void, ms: number): () => void;
  /** Runs `fn` while no other tab drains the same outbox (Web Locks where available). */
  withLock<T>(fn: () => Promise<T>): Promise<T>;
  /** Tells other tabs that the stored outbox changed. */
  broadcast?(): void;
  /** Made ready before sending (loads the registered kinds); a rejection means "try later". */
  prepare?(): Promise<unknown>;
}

export type Outcome = { sent: true; response: unknown } | { sent: false; error: OutboxError };
export type SentHandler = (item: OutboxItem, response: unknown) => void;

const BACKOFF_BASE_MS = 1_000;
const BACKOFF_MAX_MS = 30_000;
/** A request with no answer by then is treated as lost; resending it is safe (same id). */
const TIMEOUT_MS = 20_000;
/** The server takes times up to 24 h old; past that, a time must not be silently replaced. */
const MAX_REPLACEABLE_AGE_MS = 23 * 3_600_000;

/** Retry later (no network, timeout, server trouble), resend without `at`, or give up visibly. */
export type FailureKind = 'retry' | 'retryWithoutTime' | 'fail';

export function classifyFailure(error: unknown, item: Pick<OutboxItem, 'op' | 'omitTime'>, now: number): FailureKind {
  if (!(error instanceof ApiError)) return 'retry'; // a timeout or an aborted fetch
  const { status, code } = error;
  if (status === 0 || status >= 500 || status === 408 || status === 429) return 'retry';
  // The session ended: the write waits until this person signs in again.
  if (status === 401) return 'retry';
  if (code === 'CLOCK_TIME_INVALID') {
    // The phone's clock is off (ahead of the server): the server's own time is the best left.
    const at = timeOf(item.op);
    return !item.omitTime && at !== undefined && Math.abs(now - at) < MAX_REPLACEABLE_AGE_MS ? 'retryWithoutTime' : 'fail';
  }
  return 'fail';
}

function timeOf(op: OutboxOp): number | undefined {
  return requireKind(op).tapTime?.(op);
}

/** The op as sent: without its time when the server refused the phone's clock (`omitTime`). */
export function toRequest(item: Pick<OutboxItem, 'op' | 'omitTime'>): OutboxOp {
  const { op } = item;
  if (!item.omitTime) return op;
  return requireKind(op).withoutTime?.(op) ?? op;
}

export function describeFailure(error: unknown): OutboxError {
  if (error instanceof ApiError) return { status: error.status, code: error.code, message: error.message, params: error.params };
  return { status: 0, code: 'UNKNOWN', message: error instanceof Error ? error.message : String(error), params: {} };
}

class TimeoutError extends Error {
  override readonly name = 'TimeoutError';
}

export class Outbox {
  private readonly items = new Map<string, OutboxItem>();
  private snapshot: readonly OutboxItem[] = [];
  private readonly listeners = new Set<() => void>();
  private readonly waiters = new Map<string, ((outcome: Outcome) => void)[]>();
  private personId: string | null = null;
  private onSent: SentHandler | null = null;
  private sendingKey: string | null = null;
  private draining = false;
  private drainAgain = false;
  private backoffAttempt = 0;
  private cancelTimer: (() => void) | null = null;
  private retryAt: number | null = null;
  private seqCounter = 0;
  readonly ready: Promise<void>;

  constructor(private readonly deps: OutboxDeps) {
    this.ready = this.reload().catch((error: unknown) => console.warn('outbox: could not read stored writes', error));
  }

  // ---- reading (React subscribes through these) ----
  getSnapshot = (): readonly OutboxItem[] => this.snapshot;
  getSendingKey = (): string | null => this.sendingKey;
  /** When the next automatic try is due after a failed attempt (null: not waiting on a timer). */
  getRetryAt = (): number | null => this.retryAt;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  // ---- writing ----
  /**
   * Stores the writes (all or none) and only then lets the sender have them. Resolves once they
   * are stored on the phone; rejects if the phone could not store them (nothing was sent).
   */
  async enqueue(personId: string, ops: readonly (OutboxOp & { key?: string })[]): Promise<OutboxItem[]> {
    await this.ready;
    const createdAt = this.deps.now();
    const items: OutboxItem[] = ops.map((op) => ({
      key: op.key ?? keyOf(op),
      seq: createdAt * 1000 + (this.seqCounter++ % 1000),
      personId,
      createdAt,
      op: stripKey(op),
      state: 'waiting',
      attempts: 0,
      error: null,
    }));
    await this.deps.store.put(items);
    for (const item of items) this.items.set(item.key, item);
    this.changed(true);
    this.kick();
    return items;
  }

  /** Removes a write for good (the person chose to discard a failed one). */
  async discard(key: string): Promise<void> {
    await this.deps.store.remove([key]);
    this.items.delete(key);
    this.changed(true);
  }

  /** Sends a failed write again (after the person fixed what was wrong elsewhere). */
  async retry(key: string): Promise<void> {
    const item = this.items.get(key);
    if (!item) return;
    const next: OutboxItem = { ...item, state: 'waiting', attempts: 0, error: null };
    await this.deps.store.put([next]);
    this.items.set(key, next);
    this.changed(true);
    this.retryNow();
  }

  /** Resolves when the write is stored by the server or has failed for good. */
  waitForOutcome(key: string): Promise<Outcome> {
    const item = this.items.get(key);
    if (!item) return Promise.resolve({ sent: true, response: undefined }); // already sent (or never made)
    if (item.state === 'failed' && item.error) return Promise.resolve({ sent: false, error: item.error });
    return new Promise((resolve) => this.waiters.set(key, [...(this.waiters.get(key) ?? []), resolve]));
  }

  // ---- the sender ----
  /** Starts sending the writes of the signed-in person; `onSent` sees each server answer. */
  start(personId: string, onSent: SentHandler): void {
    this.personId = personId;
    this.onSent = onSent;
    this.retryNow();
  }

  stop(): void {
    this.personId = null;
    this.onSent = null;
    this.clearTimer();
  }

  /** The network is back (or the person asked): try now rather than waiting out the backoff. */
  retryNow(): void {
    this.backoffAttempt = 0;
    this.clearTimer();
    this.kick();
  }

  /**
   * More kinds are registered (their chunks loaded after a reload): the lists redraw with their
   * names and counts. Offline too, where no send would otherwise make them redraw.
   */
  kindsLoaded(): void {
    this.changed(false);
  }

  /** Another tab changed the stored outbox. */
  async refresh(): Promise<void> {
    await this.reload();
    this.kick();
  }

  private kick(): void {
    if (this.retryAt !== null) return; // a backoff timer will call
    void this.drain();
  }

  private canSend(): boolean {
    return this.personId !== null && this.deps.isOnline();
  }

  private async drain(): Promise<void> {
    if (this.draining) {
      this.drainAgain = true;
      return;
    }
    this.draining = true;
    try {
      do {
        this.drainAgain = false;
        if (!this.canSend()) return;
        await this.deps.withLock(() => this.drainOnce());
        // A write made while a send failed waits for the backoff like the rest.
      } while (this.drainAgain && this.retryAt === null);
    } catch (error) {
      console.warn('outbox: sending stopped', error);
      this.scheduleRetry();
    } finally {
      this.draining = false;
    }
  }

  private async drainOnce(): Promise<void> {
    // Under the lock the stored outbox is the truth: another tab may have sent some writes.
    await this.reload();
    await this.deps.prepare?.();
    for (;;) {
      if (!this.canSend()) return;
      const next = this.snapshot.find((i) => i.personId === this.personId && i.state === 'waiting');
      if (!next) return;
      this.setSending(next.key);
      try {
        const response = await this.sendWithTimeout(next);
        // The screen takes the server's answer before the waiting copy disappears: no flicker.
        try {
          this.onSent?.(next, response);
        } catch (error) {
          console.warn('outbox: handling an answer failed', error);
        }
        await this.deps.store.remove([next.key]);
        this.items.delete(next.key);
        this.backoffAttempt = 0;
        this.changed(true);
        this.settle(next.key, { sent: true, response });
      } catch (error) {
        const kind = classifyFailure(error, next, this.deps.now());
        if (kind === 'retry') {
          const waiting: OutboxItem = { ...next, attempts: next.attempts + 1, error: describeFailure(error) };
          await this.deps.store.put([waiting]);
          this.items.set(next.key, waiting);
          this.changed(true);
          this.scheduleRetry();
          return;
        }
        const updated: OutboxItem =
          kind === 'retryWithoutTime'
            ? { ...next, omitTime: true, attempts: next.attempts + 1 }
            : { ...next, state: 'failed', attempts: next.attempts + 1, error: describeFailure(error) };
        await this.deps.store.put([updated]);
        this.items.set(next.key, updated);
        this.changed(true);
        if (updated.state === 'failed' && updated.error) this.settle(next.key, { sent: false, error: updated.error });
      } finally {
        this.setSending(null);
      }
    }
  }

  private sendWithTimeout(item: OutboxItem): Promise<unknown> {
    const ms = requireKind(item.op).timeoutMs ?? TIMEOUT_MS;
    return new Promise((resolve, reject) => {
      const cancel = this.deps.setTimer(() => reject(new TimeoutError(`no answer in ${ms} ms`)), ms);
      this.deps.send(toRequest(item)).then(
        (value) => {
          cancel();
          resolve(value);
        },
        (error: unknown) => {
          cancel();
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  }

  private scheduleRetry(): void {
    this.clearTimer();
    const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** this.backoffAttempt);
    this.backoffAttempt += 1;
    const delay = ceiling / 2 + this.deps.random() * (ceiling / 2);
    this.retryAt = this.deps.now() + delay;
    this.cancelTimer = this.deps.setTimer(() => {
      this.cancelTimer = null;
      this.retryAt = null;
      this.notify();
      void this.drain();
    }, delay);
    this.notify();
  }

  private clearTimer(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
    if (this.retryAt !== null) {
      this.retryAt = null;
      this.notify();
    }
  }

  private async reload(): Promise<void> {
    const stored = await this.deps.store.load();
    const keys = new Set(stored.map((i) => i.key));
    let changed = false;
    for (const item of stored) {
      const current = this.items.get(item.key);
      if (!current || current.state !== item.state || current.attempts !== item.attempts) {
        this.items.set(item.key, item);
        changed = true;
      }
    }
    for (const key of [...this.items.keys()]) {
      if (!keys.has(key)) {
        this.items.delete(key);
        changed = true;
        this.settle(key, { sent: true, response: undefined }); // sent by another tab
      }
    }
    if (changed || this.snapshot.length !== this.items.size) this.changed(false);
  }

  private settle(key: string, outcome: Outcome): void {
    const resolvers = this.waiters.get(key);
    if (!resolvers) return;
    this.waiters.delete(key);
    for (const resolve of resolvers) resolve(outcome);
  }

  private setSending(key: string | null): void {
    this.sendingKey = key;
    this.notify();
  }

  private changed(stored: boolean): void {
    this.snapshot = [...this.items.values()].sort((a, b) => a.seq - b.seq || a.key.localeCompare(b.key));
    this.notify();
    if (stored) this.deps.broadcast?.();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}

function keyOf(op: OutboxOp): string {
  return requireKind(op).key(op);
}

function stripKey(op: OutboxOp & { key?: string }): OutboxOp {
  const { key: _key, ...rest } = op;
  return rest;
}
