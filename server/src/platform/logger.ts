import { once } from 'node:events';
import type { FastifyBaseLogger } from 'fastify';
import { pino } from 'pino';

export type Logger = FastifyBaseLogger;

/** The process's log stream: stdout, written off the event loop so a log line never holds up a request. */
export type LogDestination = ReturnType<typeof pino.destination>;

export function stdoutLogDestination(): LogDestination {
  return pino.destination({ dest: 1, sync: false });
}

/**
 * Writes out what the log still holds, in order, before the process exits on purpose. pino's own
 * exit hook writes the buffered lines synchronously while an earlier line may still be on its way
 * to the file descriptor, so the last lines of a shutdown could land ahead of the one before them.
 * Ending the stream instead waits for the write in flight and then writes the rest after it.
 * Bounded: a log reader that stopped reading must not keep a stopping process alive. Call it once,
 * last: a line logged after the stream closed would throw.
 */
export async function endLog(destination: LogDestination, timeoutMs = 1000): Promise<void> {
  const closed = once(destination, 'close');
  destination.end();
  const timer = new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref());
  await Promise.race([closed.then(() => undefined), timer]);
}
