/**
 * Runs every operation as every role with fast-check and checks what any client may count on:
 * no 5xx; every 4xx is `{ error: { code } }` with a code of the contract; no answer slower than
 * a bound. A failing case is minimised by fast-check and reported with the request to replay it.
 */
import { Writable } from 'node:stream';
import fc from 'fast-check';
import { ERROR_CODES } from '@anchang/contracts';
import type { App } from '../../platform/http/types.js';
import { FUZZ_ROLES, type FuzzRole, type FuzzWorld } from './fuzz-world.js';
import { requestArbitrary, type FuzzRequest, type Operation } from './fuzz-requests.js';

export interface FuzzOptions {
  seed: number;
  /** Cases per operation per role. */
  runs: number;
  roles?: readonly FuzzRole[];
  /** The longest an answer may take. */
  maxResponseMs: number;
  /** A line of progress (the CLI prints them; the test stays quiet). */
  log?: (line: string) => void;
}

export interface FuzzFailure {
  operation: string;
  role: FuzzRole;
  /** The seed of this operation and role's property, and fast-check's path to the minimised case. */
  seed: number;
  counterexamplePath: string | null;
  request: FuzzRequest | null;
  reason: string;
}

export interface FuzzReport {
  seed: number;
  operations: string[];
  roles: readonly FuzzRole[];
  /** Generated cases (shrinking replays not counted) and requests sent (counted). */
  cases: number;
  requests: number;
  statusCounts: Record<string, number>;
  /** Error codes of the 4xx answers, by how often they came. */
  codeCounts: Record<string, number>;
  /** Operations that answered at least one case with a 2xx: the run reached their handlers' end. */
  succeeded: string[];
  serverErrors: number;
  failures: FuzzFailure[];
  slowest: { operation: string; role: FuzzRole; ms: number }[];
  durationMs: number;
}

const KNOWN_CODES = new Set<string>(ERROR_CODES);

/** A pino destination that keeps what the app logs about server errors, by request id. */
export function serverErrorLog(): { logger: { level: string; stream: Writable }; errorFor(requestId: string): string | undefined } {
  const byRequest = new Map<string, string>();
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line) continue;
        try {
          const entry = JSON.parse(line) as { reqId?: string; err?: { type?: string; message?: string; stack?: string } };
          if (entry.reqId && entry.err) byRequest.set(entry.reqId, entry.err.stack ?? `${entry.err.type}: ${entry.err.message}`);
        } catch {
          // not a JSON line: nothing to keep
        }
      }
      done();
    },
  });
  return { logger: { level: 'error', stream }, errorFor: (id) => byRequest.get(id) };
}

/** One 32-bit seed per operation and role, so each property replays alone with the run's seed. */
export function propertySeed(seed: number, operation: string, role: FuzzRole): number {
  let h = 0x811c9dc5 ^ seed;
  for (const ch of `${operation} ${role}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
  return h | 0;
}

/** What is wrong with an answer, or null. */
export function judgeResponse(res: { statusCode: number; body: string }, ms: number, maxResponseMs: number): string | null {
  if (res.statusCode >= 500) return `${res.statusCode} ${res.body.slice(0, 300)}`;
  if (res.statusCode >= 400) {
    let code: unknown;
    try {
      code = (JSON.parse(res.body) as { error?: { code?: unknown } }).error?.code;
    } catch {
      return `${res.statusCode} without a JSON error body: ${res.body.slice(0, 200)}`;
    }
    if (typeof code !== 'string' || !KNOWN_CODES.has(code))
      return `${res.statusCode} with code ${String(code)}, not one of the contract's ERROR_CODES`;
  }
  if (ms > maxResponseMs) return `answered in ${Math.round(ms)} ms (bound ${maxResponseMs} ms)`;
  return null;
}

export async function runFuzz(
  app: App,
  world: FuzzWorld,
  operations: Operation[],
  opts: FuzzOptions & { serverErrorFor?: (requestId: string) => string | undefined },
): Promise<FuzzReport> {
  const roles = opts.roles ?? FUZZ_ROLES;
  const started = performance.now();
  const report: FuzzReport = {
    seed: opts.seed,
    operations: operations.map((o) => o.key),
    roles,
    cases: 0,
    requests: 0,
    statusCounts: {},
    codeCounts: {},
    succeeded: [],
    serverErrors: 0,
    failures: [],
    slowest: [],
    durationMs: 0,
  };

  const succeeded = new Set<string>();
  for (const op of operations) {
    const arbitrary = requestArbitrary(op, world);
    for (const role of roles) {
      const seed = propertySeed(opts.seed, op.key, role);
      const property = fc.asyncProperty(arbitrary, async (req) => {
        const cookie = world.cookies[role];
        const t0 = performance.now();
        const res = await app.inject({
          method: req.method as 'GET',
          url: req.url,
          headers: { ...(cookie ? { cookie } : {}), ...(req.contentType ? { 'content-type': req.contentType } : {}), ...req.headers },
          ...(req.payload !== undefined ? { payload: req.payload } : {}),
        });
        const ms = performance.now() - t0;
        report.requests += 1;
        report.statusCounts[res.statusCode] = (report.statusCounts[res.statusCode] ?? 0) + 1;
        if (res.statusCode >= 500) report.serverErrors += 1;
        if (res.statusCode < 300) succeeded.add(op.key);
        const code = /"code":"([A-Z_]+)"/.exec(res.body)?.[1];
        if (res.statusCode >= 400 && code) report.codeCounts[code] = (report.codeCounts[code] ?? 0) + 1;
        noteSlow(report, op.key, role, ms);
        await keepSession(world, role, op, req, res);
        const problem = judgeResponse(res, ms, opts.maxResponseMs);
        if (problem) {
          const detail = res.statusCode >= 500 ? opts.serverErrorFor?.(String(res.headers['x-request-id'])) : undefined;
          throw new Error(detail ? `${problem}\n${detail}` : problem);
        }
      });
      const details = await fc.check(property, { seed, numRuns: opts.runs });
      report.cases += details.numRuns;
      if (details.failed) {
        report.failures.push({
          operation: op.key,
          role,
          seed,
          counterexamplePath: details.counterexamplePath,
          request: details.counterexample?.[0] ?? null,
          reason: details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance),
        });
        opts.log?.(`  FAIL ${op.key} as ${role}: ${report.failures.at(-1)!.reason.split('\n')[0]}`);
      }
    }
    opts.log?.(`${op.key}: ${roles.length} roles × ${opts.runs} cases`);
  }
  report.succeeded = operations.map((o) => o.key).filter((k) => succeeded.has(k));
  report.durationMs = performance.now() - started;
  return report;
}

function noteSlow(report: FuzzReport, operation: string, role: FuzzRole, ms: number): void {
  report.slowest.push({ operation, role, ms: Math.round(ms) });
  report.slowest.sort((a, b) => b.ms - a.ms);
  report.slowest.length = Math.min(report.slowest.length, 5);
}

/**
 * Keeps each role signed in: a case may log out, or change the password (then the next login
 * uses the new one); the role's next case runs with a fresh session.
 */
async function keepSession(
  world: FuzzWorld,
  role: FuzzRole,
  op: Operation,
  req: FuzzRequest,
  res: { statusCode: number; body: string },
): Promise<void> {
  if (role === 'anonymous') return;
  if (op.path === '/api/auth/password' && res.statusCode < 300 && typeof req.payload === 'string') {
    world.passwordChanged(role, (JSON.parse(req.payload) as { newPassword: string }).newPassword);
  }
  // A case that sent a forged cookie of its own lost nothing.
  const lostSession = !req.headers?.cookie && res.statusCode === 401 && /"(UNAUTHENTICATED|SESSION_EXPIRED)"/.test(res.body);
  if (lostSession || (op.path === '/api/auth/logout' && res.statusCode < 300) || (op.path === '/api/auth/password' && res.statusCode < 300)) {
    await world.relogin(role);
  }
}

/** The report as the CLI prints it: totals, then each failure with its minimised request. */
export function formatReport(report: FuzzReport): string {
  const lines = [
    `seed ${report.seed}`,
    `operations ${report.operations.length} × roles ${report.roles.length} (${report.roles.join(', ')})`,
    `cases ${report.cases}, requests ${report.requests} (with shrinking), in ${(report.durationMs / 1000).toFixed(1)} s`,
    `statuses ${Object.entries(report.statusCounts)
      .map(([s, n]) => `${s}:${n}`)
      .join(' ')}`,
    `codes ${Object.entries(report.codeCounts)
      .sort((a, b) => b[1] - a[1])
      .map(([c, n]) => `${c}:${n}`)
      .join(' ')}`,
    `operations answered with a 2xx at least once: ${report.succeeded.length} of ${report.operations.length}`,
    `  never: ${report.operations.filter((o) => !report.succeeded.includes(o)).join(', ')}`,
    `5xx ${report.serverErrors}`,
    `slowest ${report.slowest.map((s) => `${s.operation} as ${s.role} ${s.ms} ms`).join('; ')}`,
    `failures ${report.failures.length}`,
  ];
  for (const f of report.failures) {
    lines.push('', `✗ ${f.operation} as ${f.role}`, `  ${f.reason.split('\n').join('\n  ')}`);
    if (f.request) {
      const r = f.request;
      const payload =
        typeof r.payload === 'string' ? (r.payload.length > 500 ? `${r.payload.slice(0, 500)}… (${r.payload.length} chars)` : r.payload) : r.payload;
      lines.push(
        `  request (${r.variant}): ${r.method} ${r.url.length > 300 ? `${r.url.slice(0, 300)}…` : r.url}`,
        ...(r.contentType ? [`  content-type: ${r.contentType}`] : []),
        ...(r.headers ? [`  headers: ${JSON.stringify(r.headers)}`] : []),
        ...(payload !== undefined ? [`  body: ${Buffer.isBuffer(payload) ? `<${payload.length} bytes>` : payload}`] : []),
      );
    }
    lines.push(
      `  replay: npm run fuzz -- --seed ${report.seed} --op "${f.operation}" --role ${f.role}   (property seed ${f.seed}, path ${f.counterexamplePath})`,
    );
  }
  return lines.join('\n');
}
