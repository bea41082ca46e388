/**
 * A crash is never silent. An exception nobody caught, or a promise rejection nobody handled,
 * leaves the process in a state nobody reasoned about: it is logged with the request or socket
 * it came from (the work context), and the process exits non-zero for its supervisor to
 * restart it. Listeners catch their own errors (see the realtime module); this is the last net.
 */
import type { Logger } from './logger.js';
import { currentContext, type WorkContext } from './work-context.js';

export type CrashKind = 'uncaughtException' | 'unhandledRejection';

/** Logs one crash at fatal level with its context. */
export function logCrash(log: Logger, kind: CrashKind, error: unknown, context: WorkContext | undefined = currentContext()): void {
  const err = error instanceof Error ? error : new Error(`non-error thrown: ${safeString(error)}`);
  log.fatal({ err, crash: kind, ...context }, `${kind}: exiting`);
}

/** Installs the process handlers; `log` is read at each crash, so main may swap in the app's logger once built. */
export function installCrashHandlers(log: () => Logger, exit: (code: number) => void = (code) => process.exit(code)): void {
  const onCrash = (kind: CrashKind) => (error: unknown) => {
    try {
      logCrash(log(), kind, error);
    } catch {
      console.error(kind, error); // the logger itself failed: still not silent
    } finally {
      exit(1);
    }
  };
  process.on('uncaughtException', onCrash('uncaughtException'));
  process.on('unhandledRejection', onCrash('unhandledRejection'));
}

function safeString(value: unknown): string {
  try {
    return typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    return String(value);
  }
}
