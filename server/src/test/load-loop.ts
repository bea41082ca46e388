/**
 * A bounded request loop for reliability tests: a few workers send requests back to back and
 * record what each client saw (status, error code, Retry-After, how long it took, or the
 * connection error), so a test can count outcomes per phase.
 */
import WebSocket from 'ws';
import { rawDataToText } from '../platform/realtime/raw-data.js';

export interface Outcome {
  startedAt: number;
  endedAt: number;
  /** HTTP status; null when the connection failed. */
  status: number | null;
  code: string | null;
  retryAfter: string | null;
  /** The connection error (ECONNREFUSED, ECONNRESET, ...) when there was no response. */
  error: string | null;
}

export interface LoadLoop {
  outcomes: Outcome[];
  /** Resolves once the first outcome matching `pred` is recorded. */
  waitFor(pred: (o: Outcome) => boolean, timeoutMs: number): Promise<Outcome>;
  stop(): Promise<Outcome[]>;
}

function connectionError(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
}

/** Sends `request(i)` from `workers` loops until stopped, each pausing `pauseMs` between requests. */
export function startLoad(opts: {
  workers: number;
  request: (i: number) => Promise<Response>;
  pauseMs?: number;
  stopOn?: (o: Outcome) => boolean;
}): LoadLoop {
  const outcomes: Outcome[] = [];
  const waiters: { pred: (o: Outcome) => boolean; resolve: (o: Outcome) => void }[] = [];
  let running = true;
  let n = 0;
  const record = (o: Outcome) => {
    outcomes.push(o);
    for (const w of [...waiters]) {
      if (!w.pred(o)) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(o);
    }
    if (opts.stopOn?.(o)) running = false;
  };
  const worker = async () => {
    while (running) {
      const startedAt = Date.now();
      try {
        const res = await opts.request(n++);
        const text = await res.text();
        let code: string | null = null;
        try {
          code = (JSON.parse(text) as { error?: { code?: string } }).error?.code ?? null;
        } catch {
          // not JSON
        }
        record({ startedAt, endedAt: Date.now(), status: res.status, code, retryAfter: res.headers.get('retry-after'), error: null });
      } catch (err) {
        record({ startedAt, endedAt: Date.now(), status: null, code: null, retryAfter: null, error: connectionError(err) });
      }
      if (opts.pauseMs) await new Promise((r) => setTimeout(r, opts.pauseMs));
    }
  };
  const done = Promise.all(Array.from({ length: opts.workers }, worker));
  return {
    outcomes,
    waitFor: (pred, timeoutMs) => {
      const seen = outcomes.find(pred);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching outcome in ${timeoutMs} ms`)), timeoutMs);
        waiters.push({ pred, resolve: (o) => (clearTimeout(timer), resolve(o)) });
      });
    },
    stop: async () => {
      running = false;
      await done;
      return outcomes;
    },
  };
}

/** Percentile of a list of numbers (nearest rank). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** A realtime socket whose close code the test can await. */
export async function openRealtimeSocket(
  baseUrl: string,
  cookie: string,
): Promise<{ ws: WebSocket; messages: unknown[]; closed: Promise<{ code: number; reason: string }> }> {
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api/realtime`, { headers: { cookie } });
  const messages: unknown[] = [];
  ws.on('message', (data) => messages.push(JSON.parse(rawDataToText(data))));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, messages, closed };
}
