/**
 * Due-time timers kept in the database, so they survive restarts and fire once.
 *
 * - A timer's id is deterministic per slot (`round:<taskId>:<slotISO>`): scheduling the same
 *   slot twice is a no-op.
 * - Firing claims one due row and runs its handler in the same transaction that marks it done,
 *   so a crash rolls both back and the timer fires again later; never twice. On PostgreSQL the
 *   claim uses FOR UPDATE SKIP LOCKED, so several instances share the work without overlap.
 * - Time comes from the injected clock: tests move the clock and call `runDue()`.
 */
import { lockForClaim } from '../../db/create-db.js';
import { inTransaction, type Deps, type Tx } from '../tx.js';

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
export async function scheduleTimer(tx: Tx, input: ScheduleInput): Promise<boolean> {
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
  await tx.trx.updateTable('timers').set({ status: 'cancelled' }).where('id', '=', id).where('status', '=', 'pending').execute();
}

const MAX_ATTEMPTS = 5;
const RETRY_DELAY_MS = 30_000;

export class TimerRunner {
  private readonly handlers = new Map<string, TimerHandler>();
  private interval: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly deps: Deps,
    private readonly instanceId: string,
  ) {}

  register(kind: string, handler: TimerHandler): void {
    if (this.handlers.has(kind)) throw new Error(`timer handler for ${kind} already registered`);
    this.handlers.set(kind, handler);
  }

  /** Fires every timer due at the clock's now (up to `limit`); returns how many fired. */
  async runDue(limit = 500): Promise<number> {
    let fired = 0;
    while (fired < limit) {
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
      await this.deps.db
        .updateTable('timers')
        .set({
          attempts: failed.attempts + 1,
          last_error: String(err instanceof Error ? err.message : err).slice(0, 500),
          status: failed.attempts + 1 >= MAX_ATTEMPTS ? 'failed' : 'pending',
          due_at: now + RETRY_DELAY_MS,
        })
        .where('id', '=', failed.id)
        .where('status', '=', 'pending')
        .execute();
      return 'failed';
    }
  }

  /** Polls for due timers; a tick never overlaps the previous one. */
  start(intervalMs: number): void {
    if (this.interval) return;
    this.interval = setInterval(() => {
      if (this.running) return;
      this.running = this.runDue().finally(() => {
        this.running = null;
      });
      this.running.catch((err: unknown) => this.deps.log.error({ err }, 'timer tick failed'));
    }, intervalMs);
    this.interval.unref();
  }

  async stop(): Promise<void> {
    if (this.interval) clearInterval(this.interval);
    this.interval = null;
    await this.running?.catch(() => undefined);
  }
}
