/**
 * What the code running now works for: an HTTP request or a realtime socket, and the person
 * behind it. AsyncLocalStorage carries it through awaits, timers and listeners, so a crash far
 * from any handler still names where it came from.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface WorkContext {
  /** The HTTP request (also the upgrade request of a socket). */
  reqId?: string;
  /** The realtime socket. */
  socketId?: string;
  /** Who is behind it, once known. */
  personId?: string;
}

const storage = new AsyncLocalStorage<WorkContext>();

/** Runs `fn`, and everything it starts, inside `context`. */
export function runInContext<T>(context: WorkContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** The context of the code running now, if any. Mutable: the auth hook adds the person. */
export function currentContext(): WorkContext | undefined {
  return storage.getStore();
}
