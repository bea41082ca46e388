/**
 * Due-time timers kept in the database, so they survive restarts and fire once.
 *
 * - A timer's id is deterministic per slot (`round:<taskId>:<slotISO>`): scheduling the same
 *   slot twice is a no-op.
 * - Firing claims one due row and runs its handler in the same transaction that marks it done,
 *   so a crash rolls both back and the timer fires again later; never twice. On PostgreSQL the
 *   claim uses FOR UPDATE SKIP LOCKED, so several instances share the work without overlap.
 * - Time comes from the injected clock: tests move the clock and call `runDue()`.
 * - While the database is away, polls fail and nothing is claimed; timers that fell due
 *   meanwhile fire once it is back. The runner reports a failing poll in `health()`.
 * - A timer whose handler fails its last attempt is marked failed (with `failed_at`) and handed
 *   to `onFinalFailure`, so someone hears of it; platform code cannot know who, app.ts wires it.
 */
import { lockForClaim } from '../../db/create-db.js';
import { inTransaction, type Deps, type Tx, type WriteBatch } from '../tx.js';

export interface TimerRow {
  id: string;
  kind: string;
  siteId: string | null;
  dueAt: number;
  payload: unknown;
  attempts: number;
}

export type TimerHandler = (tx: Tx, timer: TimerRow) => Promise<void>;

export interface ScheduleInput {
  id: string;
  kind: string;
  siteId?: string | null;
  dueAt: number;
  payload?: unknown;
}

/** Schedules a timer inside the caller's transaction; returns false if that id already exists. */
export async function scheduleTimer(tx: Pick<Tx, 'trx' | 'now'>, input: ScheduleInput): Promise<boolean> {
  const res = await tx.trx
    .insertInto('timers')
    .values({
      id: input.id,
      kind: input.kind,
      site_id: input.siteId ?? null,
      due_at: input.dueAt,
      payload: JSON.stringify(input.payload ?? null),
      status: 'pending',
      last_error: null,
      fired_at: null,
      fired_by: null,
      created_at: tx.now,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Cancels a pending timer; a fired one stays as history. */
export async function cancelTimer(tx: Tx, id: string): Promise<void> {
  await cancelTimers(tx, [id]);
}

/** Cancels several pending timers in one statement (a hand-off's ring and escalation, a schedule's future slots). */
export async function cancelTimers(tx: Tx, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await cancelQuery(tx, ids).execute();
}

/**
 * Cancels them with the use case's last statement (`tx.deferWrite`): for a use case that does
 * not schedule these same timers, whose insert the cancel would not see.
 */
export function deferCancelTimers(tx: Tx, ids: readonly string[]): void {
  if (ids.length > 0) tx.deferWrite(cancelQuery(tx, ids));
}

const cancelQuery = (tx: Tx, ids: readonly string[]) =>
  tx.trx
    .updateTable('timers')
    .set({ status: 'cancelled' })
    .where('id', 'in', [...ids])
    .where('status', '=', 'pending');

/** Moves a pending timer to another instant (a setting it followed changed); a fired one stays as history. */
export async function rescheduleTimer(tx: Tx, id: string, dueAt: number): Promise<void> {
  await tx.trx.updateTable('timers').set({ due_at: dueAt }).where('id', '=', id).where('status', '=', 'pending').execute();
}

const MAX_ATTEMPTS = 5;
const RETRY_DELAY_MS = 30_000;

/** Told once when a timer used up its attempts; it may not throw (failures are logged). */
export type FinalFailureListener = (timer: TimerRow, error: string) => Promise<void>;

export interface TimerRunnerHealth {
  /** Since when polling for due timers has been failing (epoch ms); null when it works. */
  failingSince: number | null;
  lastError: string | null;
}

const errorText = (err: unknown) => String(err instanceof Error ? err.message : err).slice(0, 500);

export class TimerRunner {
  private readonly handlers = new Map<string, TimerHandler>();
  private interval: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private stopping = false;
  private failingSince: number | null = null;
  private lastError: string | null = null;

  constructor(
    private readonly deps: Deps,
    private readonly instanceId: string,
    private readonly onFinalFailure?: FinalFailureListener,
  ) {}

  register(kind: string, handler: TimerHandler): void {
    if (this.handlers.has(kind)) throw new Error(`timer handler for ${kind} already registered`);
    this.handlers.set(kind, handler);
  }

  /**
   * A runner with the same handlers on other dependencies: the demo history fires the timers
   * its past records scheduled on its own driven clock, with every kind the app handles, so none
   * is left due in the past for the live runner to catch up on.
   */
  withDeps(deps: Deps, instanceId: string): TimerRunner {
    const copy = new TimerRunner(deps, instanceId, this.onFinalFailure);
    for (const [kind, handler] of this.handlers) copy.register(kind, handler);
    return copy;
  }

  /** Fires every timer due at the clock's now (up to `limit`); returns how many fired. */
  async runDue(limit = 500): Promise<number> {
    let fired = 0;
    // Stopping lets the timer in hand finish, then leaves the rest for the next process.
    while (fired < limit && !this.stopping) {
      const outcome = await this.fireOne();
      if (outcome === 'none') break;
      if (outcome === 'fired') fired += 1;
    }
    return fired;
  }

  private async fireOne(): Promise<'fired' | 'failed' | 'none'> {
    const now = this.deps.clock.now();
    let claimed: TimerRow | null = null;
    try {
      return await inTransaction(this.deps, async (tx) => {
        const row = await lockForClaim(
          this.deps.dialect,
          tx.trx
            .selectFrom('timers')
            .select(['id', 'kind', 'site_id', 'due_at', 'payload', 'attempts'])
            .where('status', '=', 'pending')
            .where('due_at', '<=', now)
            .orderBy('due_at')
            .orderBy('id')
            .limit(1),
        ).executeTakeFirst();
        if (!row) return 'none';
        claimed = { id: row.id, kind: row.kind, siteId: row.site_id, dueAt: row.due_at, payload: JSON.parse(row.payload), attempts: row.attempts };
        const handler = this.handlers.get(row.kind);
        if (!handler) throw new Error(`no handler for timer kind ${row.kind}`);
        await handler(tx, claimed);
        await tx.trx
          .updateTable('timers')
          .set({ status: 'done', fired_at: now, fired_by: this.instanceId, attempts: row.attempts + 1 })
          .where('id', '=', row.id)
          .execute();
        return 'fired';
      });
    } catch (err) {
      const failed = claimed as TimerRow | null;
      if (!failed) throw err;
      this.deps.log.error({ err, timerId: failed.id }, 'timer handler failed');
      // The handler's writes rolled back; count the attempt and retry later, up to a limit.
      const isLastAttempt = failed.attempts + 1 >= MAX_ATTEMPTS;
      const lastError = errorText(err);
      const res = await this.deps.db
        .updateTable('timers')
        .set({
          attempts: failed.attempts + 1,
          last_error: lastError,
          status: isLastAttempt ? 'failed' : 'pending',
          due_at: now + RETRY_DELAY_MS,
          failed_at: isLastAttempt ? now : null,
        })
        .where('id', '=', failed.id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      if (isLastAttempt && Number(res.numUpdatedRows) > 0) await this.reportFinalFailure({ ...failed, attempts: failed.attempts + 1 }, lastError);
      return 'failed';
    }
  }

  private async reportFinalFailure(timer: TimerRow, error: string): Promise<void> {
    this.deps.log.error({ timerId: timer.id, kind: timer.kind, siteId: timer.siteId, error }, 'timer failed for good');
    try {
      await this.onFinalFailure?.(timer, error);
    } catch (err) {
      this.deps.log.error({ err, timerId: timer.id }, 'could not report a failed timer');
    }
  }

  /** Whether polling works; a failing poll usually means the database is out of reach. */
  health(): TimerRunnerHealth {
    return { failingSince: this.failingSince, lastError: this.lastError };
  }

  /** One poll: fires what is due and records whether the poll itself worked. */
  async tick(): Promise<number> {
    try {
      const fired = await this.runDue();
      if (this.failingSince !== null) {
        this.deps.log.info({ failingMs: Date.now() - this.failingSince }, 'timer polling works again');
        this.failingSince = null;
        this.lastError = null;
      }
      return fired;
    } catch (err) {
      // Logged once when polling starts failing, not on every tick of an outage.
      if (this.failingSince === null) this.deps.log.error({ err }, 'timer tick failed');
      this.failingSince ??= Date.now();
      this.lastError = errorText(err);
      return 0;
    }
  }

  /** Polls for due timers; a tick never overlaps the previous one. */
  start(intervalMs: number): void {
    if (this.interval) return;
    this.stopping = false;
    this.interval = setInterval(() => {
      if (this.running) return;
      this.running = this.tick().finally(() => {
        this.running = null;
      });
    }, intervalMs);
    this.interval.unref();
  }

  /** Stops polling; resolves once the timer in hand (if any) has finished. */
  async stop(): Promise<void> {
    if (this.interval) clearInterval(this.interval);
    this.interval = null;
    this.stopping = true;
    await this.running?.catch(() => undefined);
  }
}

/** How many timers used up their attempts since `since`: shown by the readiness check. */
/** When the earliest pending timer is due, or null when none is pending. */
export async function nextPendingDueAt(db: Deps['db']): Promise<number | null> {
  const row = await db
    .selectFrom('timers')
    .select((eb) => eb.fn.min('due_at').as('due'))
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return row?.due == null ? null : Number(row.due);
}

export async function countFailedTimersSince(db: Deps['db'], since: number): Promise<number> {
  const row = await db
    .selectFrom('timers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'failed')
    .where('failed_at', '>=', since)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Schedules a timer among a write batch's rows (written at its end, with the use case's other
 * rows). For a fresh id only: a batch insert has no conflict clause, so a repeated id fails the
 * whole write, as the use case's own rows would.
 */
export function deferTimer(batch: WriteBatch, input: ScheduleInput): void {
  batch.deferInsert('timers', {
    id: input.id,
    kind: input.kind,
    site_id: input.siteId ?? null,
    due_at: input.dueAt,
    payload: JSON.stringify(input.payload ?? null),
    status: 'pending',
    last_error: null,
    fired_at: null,
    fired_by: null,
    created_at: batch.now,
    failed_at: null,
  });
}
