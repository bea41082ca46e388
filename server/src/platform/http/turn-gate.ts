/**
 * Bounds the requests one turn of the event loop starts, so a saturated server still accepts new
 * connections promptly.
 *
 * Node (libuv) accepts one waiting connection per turn of the loop, and a turn first serves every
 * socket that has data. On SQLite each statement runs on the loop, so a request is served whole
 * within its turn: with 200 phones' requests in flight a turn lasted up to a second, and a phone
 * opening a new connection (a reconnect in the car park, the first write after sign-in) sat in the
 * kernel's accept queue for a turn per connection ahead of it: up to 15 s, measured with `ss` and
 * `strace` (bench/README.md).
 *
 * Here a turn starts at most `perTurn` requests; the rest wait, first come first served, and start
 * in the turns after. Each turn then stays short, the accept comes round often, and a new
 * connection's request joins the same line as everyone else's instead of waiting outside it.
 * Unloaded, a request never waits: fewer than `perTurn` arrive in a turn.
 */
import type { FastifyInstance } from 'fastify';

export class TurnGate {
  private startedThisTurn = 0;
  private readonly waiting: (() => void)[] = [];
  private turnQueued = false;

  constructor(
    private readonly perTurn: number,
    private readonly onError: (err: unknown) => void,
  ) {
    if (!Number.isInteger(perTurn) || perTurn < 1) throw new Error(`TurnGate: perTurn must be a positive integer, got ${perTurn}`);
  }

  /** Calls `start` now, or in a later turn when this one has started its share. */
  enter(start: () => void): void {
    this.queueNextTurn();
    if (this.waiting.length === 0 && this.startedThisTurn < this.perTurn) {
      this.startedThisTurn++;
      start();
    } else {
      this.waiting.push(start);
    }
  }

  /** Requests waiting for a turn. */
  get queued(): number {
    return this.waiting.length;
  }

  private queueNextTurn(): void {
    if (this.turnQueued) return;
    this.turnQueued = true;
    // setImmediate runs after this turn's I/O (where requests arrive), once per turn.
    setImmediate(() => this.nextTurn());
  }

  private nextTurn(): void {
    this.turnQueued = false;
    this.startedThisTurn = 0;
    const starting = this.waiting.splice(0, this.perTurn);
    this.startedThisTurn = starting.length;
    if (this.waiting.length > 0 || starting.length > 0) this.queueNextTurn();
    // Each start runs its request up to its first wait; one that throws must not strand the others.
    for (const start of starting) {
      try {
        start();
      } catch (err) {
        this.onError(err);
      }
    }
  }
}

/** The first onRequest hook: everything after it (context, session, handler) runs in the request's turn. */
export function registerTurnGate(app: FastifyInstance, perTurn: number): TurnGate {
  const gate = new TurnGate(perTurn, (err) => app.log.error({ err }, 'starting a request failed'));
  app.addHook('onRequest', (_req, _reply, done) => gate.enter(() => done()));
  return gate;
}
