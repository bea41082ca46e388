/**
 * Load generation: log in as the demo site manager, then drive one endpoint with autocannon
 * (programmatic API) on loopback: a warm-up whose figures are discarded, then the measured run.
 */
import autocannon from 'autocannon';

export const DEMO_LOGIN = { login: 'manager', password: 'anchang123' };
const SESSION_COOKIE = 'anchang_sid';

export interface Session {
  cookie: string;
  siteId: string;
}

/** Logs in through the real endpoint and reads the site from /api/auth/me. */
export async function logIn(baseUrl: string): Promise<Session> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(DEMO_LOGIN),
  });
  if (res.status !== 200) throw new Error(`login failed: HTTP ${res.status} ${await res.text()}`);
  const token = res.headers
    .getSetCookie()
    .map((c) => new RegExp(`^${SESSION_COOKIE}=([^;]+)`).exec(c)?.[1])
    .find((v) => v !== undefined);
  if (!token) throw new Error('login set no session cookie');
  const cookie = `${SESSION_COOKIE}=${token}`;

  const me = await fetch(`${baseUrl}/api/auth/me`, { headers: { cookie } });
  if (me.status !== 200) throw new Error(`GET /api/auth/me failed: HTTP ${me.status}`);
  const body = (await me.json()) as { sites: { id: string; role: string }[] };
  const site = body.sites.find((s) => s.role === 'site_manager') ?? body.sites[0];
  if (!site) throw new Error('the demo manager has no site');
  return { cookie, siteId: site.id };
}

export interface Target {
  name: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  /** POST unless said (a GET sends no body). */
  method?: 'GET' | 'POST';
  /** Per request instead of `body` (and optionally another path and headers), e.g. a fresh id on every write. */
  vary?: () => { path?: string; headers?: Record<string, string>; body: string };
}

export interface LoadOptions {
  durationS: number;
  warmupS: number;
  connections: number;
}

export interface LoadFigures {
  requestsPerSec: number;
  requestsTotal: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMaxMs: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
}

/** Monotonic microseconds: the clock V8 CPU profiles use, so a measured window can be cut out of one. */
export const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

/** Warm-up, then the measured run; `onMeasured` is called as the measured run starts and as it ends. */
export async function drive(
  target: Target,
  opts: LoadOptions,
  onMeasured: (edge: 'start' | 'end') => void = () => undefined,
): Promise<{ figures: LoadFigures; window: { startUs: number; endUs: number } }> {
  if (opts.warmupS > 0) await fire(target, opts.warmupS, opts.connections);
  onMeasured('start');
  const startUs = monotonicUs();
  const r = await fire(target, opts.durationS, opts.connections);
  const endUs = monotonicUs();
  onMeasured('end');
  const statusCodes: Record<string, number> = {};
  for (const [code, s] of Object.entries(r.statusCodeStats ?? {})) statusCodes[code] = s.count ?? 0;
  const figures: LoadFigures = {
    requestsPerSec: r.requests.average,
    requestsTotal: r.requests.total,
    latencyP50Ms: r.latency.p50,
    latencyP99Ms: r.latency.p99,
    latencyMaxMs: r.latency.max,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    statusCodes,
  };
  return { figures, window: { startUs, endUs } };
}

function fire(target: Target, durationS: number, connections: number) {
  const method = target.method ?? 'POST';
  return autocannon({
    url: target.url,
    method,
    headers: method === 'POST' ? { 'content-type': 'application/json', ...target.headers } : target.headers,
    ...(method === 'POST' ? { body: target.body } : {}),
    ...(target.vary
      ? {
          requests: [
            {
              setupRequest: (req: autocannon.Request) => {
                const v = target.vary!();
                return { ...req, ...(v.path ? { path: v.path } : {}), headers: { ...req.headers, ...v.headers }, body: v.body };
              },
            },
          ],
        }
      : {}),
    connections,
    duration: durationS,
    timeout: 10,
  });
}
