/**
 * Bounds the API writes in progress at once; more wait, first come first served, before their
 * handler starts.
 *
 * On PostgreSQL a write's handler soon needs one of the pool's connections. Flat out, hundreds of
 * writes were started and waiting for the pool's ten, so a write waited half a second after it
 * began (the time its events carry) for the database. Past a couple of writes per connection,
 * starting more only lengthens that wait: here they wait before they begin, and a write that
 * begins is answered promptly. The phone's own wait is the same: a saturated server queues
 * somewhere.
 *
 * A write that waited longer than `maxWaitMs` (the pool's own wait, DATABASE_WAIT_MS) is not
 * started: it answers 503 DATABASE_BUSY, as it would have after waiting that long for a connection.
 *
 * A write counts from its handler's start (its body is in: a client trickling its body holds no
 * place) to its answer, or to its client leaving. Reads, sign-in (its own gate bounds the
 * password hashing), health checks, static files and sockets are not counted.
 */
import { AsyncResource } from 'node:async_hooks';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export class WriteGate {
  private inProgress = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly max: number) {
    if (!Number.isInteger(max) || max < 1) throw new Error(`WriteGate: max must be a positive integer, got ${max}`);
  }

  /** Calls `start` now, or once a write in progress finishes. Each start is paired with one `finished`. */
  enter(start: () => void): void {
    if (this.inProgress < this.max && this.waiting.length === 0) {
      this.inProgress++;
      start();
    } else {
      // It starts from another request's answer: in its own async context (the request id a
      // crash report names), not that one's. runInAsyncScope rather than AsyncResource.bind, which
      // also builds two deprecation wrappers per call (its `asyncResource` property), on every
      // write that waits.
      const context = new AsyncResource('WriteGate');
      this.waiting.push(() => context.runInAsyncScope(start));
    }
  }

  finished(): void {
    const next = this.waiting.shift();
    if (next) {
      // Its place passes on: `inProgress` stays.
      next();
      return;
    }
    this.inProgress = Math.max(0, this.inProgress - 1);
  }

  /** Writes started and not yet finished. */
  get running(): number {
    return this.inProgress;
  }

  /** Writes waiting to start. */
  get queued(): number {
    return this.waiting.length;
  }
}

/** A write that waited too long for its turn; answered as the database being busy. */
export class WriteWaitTimeout extends Error {
  constructor(waitedMs: number) {
    super(`write waited ${waitedMs} ms for its turn`);
    this.name = 'WriteWaitTimeout';
  }
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function isCountedWrite(req: FastifyRequest): boolean {
  return WRITE_METHODS.has(req.method) && req.url.startsWith('/api/') && !req.url.startsWith('/api/auth/');
}

export function registerWriteGate(app: FastifyInstance, max: number, maxWaitMs: number): WriteGate {
  const gate = new WriteGate(max);
  const counted = new WeakSet<FastifyRequest>();
  const finish = (req: FastifyRequest) => {
    if (counted.delete(req)) gate.finished();
  };
  const start = (req: FastifyRequest, reply: FastifyReply, done: () => void) => {
    // The place is held until the answer or the client leaving, whichever comes first.
    counted.add(req);
    reply.raw.once('close', () => finish(req));
    // A client that left while its write waited: its 'close' has passed. (The socket, not
    // `req.raw.destroyed`: a request stream may be destroyed once its body is read, its
    // connection still open.)
    if (req.raw.socket?.destroyed || reply.raw.destroyed) finish(req);
    done();
  };
  app.addHook('preHandler', (req, reply, done) => {
    if (!isCountedWrite(req)) return done();
    const since = Date.now();
    gate.enter(() => {
      const waited = Date.now() - since;
      if (waited > maxWaitMs) {
        gate.finished();
        done(new WriteWaitTimeout(waited));
        return;
      }
      try {
        start(req, reply, done);
      } catch (err) {
        // Before its `done`: the request goes on as an error, its place freed.
        finish(req);
        done(err as Error);
      }
    });
  });
  app.addHook('onResponse', (req, _reply, done) => {
    finish(req);
    done();
  });
  app.addHook('onRequestAbort', (req, done) => {
    finish(req);
    done();
  });
  return gate;
}
