/**
 * The visits scenario, "a busy Saturday for N sales centers at once". The bench server seeds
 * BENCH_SITES sites (bench/visit-sites.ts), each with a car-park, a hall and a model-room phone.
 * Before the measured window every phone logs in (argon2, so a few at a time) and opens its
 * realtime socket, subscribed to its site. Then every site runs its visits one after another,
 * all sites at once:
 *
 *   park registers (POST …/visits) → hall socket gets `visit.handoff` → hall acks → hall hands to
 *   model_room → model socket gets it → model acks → model hands to departure → park socket gets
 *   it → park acks.
 *
 * Hand-off latency, the gated figure: from the sending phone's request leaving (the bench's own
 * clock) to the moment the receiving phone's socket gets the event: what the person waiting at
 * the next post feels, HTTP parsing, session, validation, commit and fan-out included. It relies on
 * nothing the server reports about itself. Printed beside it, as diagnostics only: from the write
 * being accepted (the event's `at`, the server's own clock reading inside the use case: it leaves
 * out everything before it) and from the response arriving (the server publishes after the commit
 * and before it answers, so the event usually beats the response and that figure is negative).
 *
 * Then, in the same server, `POST /api/sites/:siteId/visits` (register: the write every visit starts
 * with and the heaviest of the three: idempotency lookup, plate check, visit + hand-off + audit rows,
 * car-park count, two events) against `POST /bench/bare-visit` (the visits row alone) with autocannon.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import { WebSocket } from 'ws';
import { drive, monotonicUs, type LoadFigures, type LoadOptions, type Target } from './load.js';
import type { CpuFigures } from './report.js';
import type { ServerProcess } from './server-process.js';
import { VISIT_POSTS, VISIT_STAFF_PASSWORD, visitLogin, type VisitPost } from './visit-sites.js';

export const VISIT_TARGETS = {
  maxHandoffP99Ms: 100,
  minThroughputRatio: 0.5,
  maxPeakRssMb: 400,
} as const;

export interface VisitOptions {
  sites: number;
  visitsPerSite: number;
  /** No visit starts after this many seconds of the measured window. */
  maxSeconds: number;
  /** Pause between one visit's end and the next one's start at a site. */
  gapMs: number;
  loginConcurrency: number;
  /** How long a phone waits for a hand-off event before the visit is counted as lost. */
  eventTimeoutMs: number;
}

interface Phone {
  site: number;
  siteId: string;
  post: VisitPost;
  cookie: string;
  socket?: WebSocket;
}

export interface Percentiles {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  min: number;
}

export interface VisitsResult {
  dialect: 'sqlite' | 'postgres';
  options: VisitOptions;
  setup: { loginS: number; socketsS: number; phones: number; sockets: number };
  journey: {
    wallS: number;
    visitsStarted: number;
    visitsCompleted: number;
    writes: number;
    writesPerSec: number;
    failedWrites: number;
    lostEvents: number;
    errors: string[];
    /** The gate: from the write being sent to the receiving socket's event, ms, all three hand-offs. */
    handoffFromSendMs: Percentiles;
    /** Same, per hand-off. */
    byTarget: Record<string, Percentiles>;
    /** Diagnostic: from the server's own `event.at` to the receiving socket's event, ms. */
    handoffFromAcceptedMs: Percentiles;
    /** Diagnostic: from the write's response to the receiving socket's event, ms (negative: the event came first). */
    handoffFromResponseMs: Percentiles;
    /** Share of hand-offs whose event arrived before the write's response. */
    eventBeforeResponseShare: number;
    /** Write round trips seen by the phones, ms. */
    writeLatencyMs: Percentiles;
    cpu: CpuFigures;
    peakRssMb: number;
  };
  ratio: { real: LoadFigures; bare: LoadFigures; throughputRatio: number; cpu: { real: CpuFigures; bare: CpuFigures }; peakRssMb: number };
  memory: { idleRssMb: number; afterSetupRssMb: number; peakRssMb: number };
  checks: { name: string; pass: boolean; detail: string }[];
  /** Measured windows in monotonic µs (V8 profile clock) and the requests in each, for bench/profile-summary.ts. */
  windows: Record<'journey' | 'real' | 'bare', { startUs: number; endUs: number }>;
  requests: Record<'journey' | 'real' | 'bare', number>;
}

export type Meter = (pid: number) => { edge: (edge: 'start' | 'end') => void; figures: (requests: number) => CpuFigures };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const PLATE_CHARS = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
const plate = () => `浙A${Array.from({ length: 5 }, () => PLATE_CHARS[crypto.randomInt(PLATE_CHARS.length)]).join('')}`;
const registerBody = () => JSON.stringify({ id: crypto.randomUUID(), partySize: 1 + crypto.randomInt(4), arrivalMode: 'car', plate: plate() });

function percentiles(values: number[]): Percentiles {
  if (values.length === 0) return { count: 0, p50: NaN, p90: NaN, p99: NaN, max: NaN, min: NaN };
  const s = [...values].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
  return { count: s.length, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: s[s.length - 1]!, min: s[0]! };
}

/** Runs `fn` over `items`, at most `limit` at a time. */
async function pool<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

const SESSION_COOKIE = 'anchang_sid';

async function logInAs(baseUrl: string, login: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password: VISIT_STAFF_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${login} failed: HTTP ${res.status} ${await res.text()}`);
  const token = res.headers
    .getSetCookie()
    .map((c) => new RegExp(`^${SESSION_COOKIE}=([^;]+)`).exec(c)?.[1])
    .find((v) => v !== undefined);
  if (!token) throw new Error(`login ${login} set no session cookie`);
  return `${SESSION_COOKIE}=${token}`;
}

/** The hand-off events the phones received, by `<visitId>:<to>`, and who waits for them. */
interface Delivery {
  /** performance.now() at receipt. */
  at: number;
  /** Wall-clock ms from the server accepting the write (event.at) to receipt. */
  sinceAcceptedMs: number;
  handoffId: string;
}

class Mailbox {
  private readonly arrived = new Map<string, Delivery>();
  private readonly waiting = new Map<string, (v: Delivery) => void>();

  deliver(key: string, value: Delivery): void {
    const w = this.waiting.get(key);
    if (w) {
      this.waiting.delete(key);
      w(value);
    } else this.arrived.set(key, value);
  }

  wait(key: string, timeoutMs: number): Promise<Delivery | null> {
    const got = this.arrived.get(key);
    if (got) {
      this.arrived.delete(key);
      return Promise.resolve(got);
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(key);
        resolve(null);
      }, timeoutMs);
      this.waiting.set(key, (v) => {
        clearTimeout(timer);
        resolve(v);
      });
    });
  }
}

/** Which hand-off target each phone receives. */
const RECEIVES: Record<VisitPost, string> = { hall: 'hall', model: 'model_room', park: 'departure' };

function connect(baseUrl: string, phone: Phone, mailbox: Mailbox): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api/realtime`, { headers: { cookie: phone.cookie }, perMessageDeflate: false });
    phone.socket = socket;
    const timer = setTimeout(() => reject(new Error(`socket for ${visitLogin(phone.post, phone.site)}: no "subscribed" within 15 s`)), 15_000);
    socket.on('open', () => socket.send(JSON.stringify({ type: 'subscribe', siteId: phone.siteId })));
    socket.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    socket.on('message', (data: Buffer) => {
      const at = performance.now();
      const wallAt = Date.now();
      const msg = JSON.parse(data.toString('utf8')) as {
        type: string;
        event?: { type: string; at: number; payload: { visitId?: string; handoffId?: string; to?: string } };
      };
      if (msg.type === 'subscribed') {
        clearTimeout(timer);
        resolve();
      } else if (msg.type === 'event' && msg.event?.type === 'visit.handoff') {
        const p = msg.event.payload;
        if (p.to === RECEIVES[phone.post] && p.visitId && p.handoffId)
          mailbox.deliver(`${p.visitId}:${p.to}`, { at, sinceAcceptedMs: wallAt - msg.event.at, handoffId: p.handoffId });
      }
    });
  });
}

/** A small keep-alive HTTP client: lighter on the load generator than fetch, so more of the CPU is the server's. */
const agent = new http.Agent({ keepAlive: true, maxSockets: 1024 });
function post(baseUrl: string, path: string, cookie: string, body: unknown): Promise<{ status: number; text: string }> {
  const payload = body === undefined ? '' : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${baseUrl}${path}`,
      {
        method: 'POST',
        agent,
        headers: {
          cookie,
          ...(body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.setTimeout(15_000, () => req.destroy(new Error(`POST ${path}: no answer in 15 s`)));
    req.on('error', reject);
    req.end(payload);
  });
}

export async function benchVisits(opts: {
  dialect: 'sqlite' | 'postgres';
  server: ServerProcess;
  baseUrl: string;
  visit: VisitOptions;
  load: LoadOptions;
  meter: Meter;
}): Promise<VisitsResult> {
  const { server, baseUrl, visit, load } = opts;
  const siteIds = server.ready.visitSiteIds ?? [];
  if (siteIds.length !== visit.sites) throw new Error(`the server seeded ${siteIds.length} visit sites, expected ${visit.sites}`);
  const idleRssMb = server.memory.read().rssMb;

  // Phones: log in (argon2: a few at a time), then one socket each.
  const phones: Phone[] = siteIds.flatMap((siteId, site) => VISIT_POSTS.map((post) => ({ site, siteId, post, cookie: '' })));
  let t0 = performance.now();
  await pool(phones, visit.loginConcurrency, async (p) => {
    p.cookie = await logInAs(baseUrl, visitLogin(p.post, p.site));
  });
  const loginS = (performance.now() - t0) / 1000;
  console.log(`  ${phones.length} phones logged in in ${loginS.toFixed(1)} s (${visit.loginConcurrency} at a time)`);
  const mailbox = new Mailbox();
  t0 = performance.now();
  await pool(phones, 50, (p) => connect(baseUrl, p, mailbox));
  const socketsS = (performance.now() - t0) / 1000;
  console.log(`  ${phones.length} sockets subscribed in ${socketsS.toFixed(1)} s`);
  const afterSetupRssMb = server.memory.read().rssMb;

  // The measured window.
  const fromAccepted: number[] = [];
  const fromResponse: number[] = [];
  const fromSend: number[] = [];
  const byTarget: Record<string, number[]> = { hall: [], model_room: [], departure: [] };
  const writeLatency: number[] = [];
  const errors: string[] = [];
  let writes = 0;
  let failedWrites = 0;
  let lostEvents = 0;
  let visitsStarted = 0;
  let visitsCompleted = 0;

  const write = async (path: string, cookie: string, body: unknown): Promise<{ sentAt: number; doneAt: number; text: string } | null> => {
    const sentAt = performance.now();
    try {
      const res = await post(baseUrl, path, cookie, body);
      const doneAt = performance.now();
      writeLatency.push(doneAt - sentAt);
      if (res.status < 200 || res.status >= 300) {
        failedWrites++;
        if (errors.length < 10) errors.push(`POST ${path}: HTTP ${res.status} ${res.text.slice(0, 200)}`);
        return null;
      }
      writes++;
      return { sentAt, doneAt, text: res.text };
    } catch (err) {
      failedWrites++;
      if (errors.length < 10) errors.push(`POST ${path}: ${String(err)}`);
      return null;
    }
  };
  /** The receiving phone's event for a write that made a hand-off; null when it never came. */
  const received = async (visitId: string, to: string, w: { sentAt: number; doneAt: number }) => {
    const got = await mailbox.wait(`${visitId}:${to}`, visit.eventTimeoutMs);
    if (!got) {
      lostEvents++;
      if (errors.length < 10) errors.push(`no ${to} hand-off event for visit ${visitId} within ${visit.eventTimeoutMs} ms`);
      return null;
    }
    fromAccepted.push(got.sinceAcceptedMs);
    fromResponse.push(got.at - w.doneAt);
    fromSend.push(got.at - w.sentAt);
    byTarget[to]!.push(got.at - w.sentAt);
    return got.handoffId;
  };

  const phoneOf = (site: number, post: VisitPost) => phones[site * VISIT_POSTS.length + VISIT_POSTS.indexOf(post)]!;
  const runSite = async (site: number, deadline: number) => {
    const siteId = siteIds[site]!;
    const [park, hall, model] = [phoneOf(site, 'park'), phoneOf(site, 'hall'), phoneOf(site, 'model')];
    const base = `/api/sites/${siteId}/visits`;
    // Paced runs: sites start at random offsets and the pause varies ±50 %, so sites do not arrive in lockstep.
    if (visit.gapMs > 0) await sleep(Math.random() * visit.gapMs);
    for (let v = 0; v < visit.visitsPerSite && performance.now() < deadline; v++) {
      visitsStarted++;
      const visitId = crypto.randomUUID();
      const reg = await write(base, park.cookie, { id: visitId, partySize: 1 + crypto.randomInt(4), arrivalMode: 'car', plate: plate() });
      if (!reg) continue;
      const toHall = await received(visitId, 'hall', reg);
      if (!toHall) continue;
      if (!(await write(`${base}/${visitId}/handoffs/${toHall}/ack`, hall.cookie, undefined))) continue;
      const toModelId = crypto.randomUUID();
      const toModel = await write(`${base}/${visitId}/handoffs`, hall.cookie, { id: toModelId, to: 'model_room' });
      if (!toModel || !(await received(visitId, 'model_room', toModel))) continue;
      if (!(await write(`${base}/${visitId}/handoffs/${toModelId}/ack`, model.cookie, undefined))) continue;
      const outId = crypto.randomUUID();
      const out = await write(`${base}/${visitId}/handoffs`, model.cookie, { id: outId, to: 'departure' });
      if (!out || !(await received(visitId, 'departure', out))) continue;
      if (!(await write(`${base}/${visitId}/handoffs/${outId}/ack`, park.cookie, undefined))) continue;
      visitsCompleted++;
      if (visit.gapMs > 0) await sleep(visit.gapMs * (0.5 + Math.random()));
    }
  };

  console.log(
    `  journey: ${visit.sites} sites × up to ${visit.visitsPerSite} visits (6 writes, 3 hand-offs each), new visits for at most ${visit.maxSeconds} s…`,
  );
  server.memory.startWindow();
  const cpu = opts.meter(server.pid);
  cpu.edge('start');
  const journeyStartUs = monotonicUs();
  const start = performance.now();
  const deadline = start + visit.maxSeconds * 1000;
  await Promise.all(siteIds.map((_, site) => runSite(site, deadline)));
  const wallS = (performance.now() - start) / 1000;
  const journeyEndUs = monotonicUs();
  cpu.edge('end');
  const journeyPeakRssMb = server.memory.endWindow();
  console.log(`  ${visitsCompleted} visits, ${writes} writes in ${wallS.toFixed(1)} s`);

  // Register against the bare insert, with a fresh visit id each time, spread over every site's car-park phone.
  let nextSite = 0;
  const real: Target = {
    name: 'real',
    url: `${baseUrl}/api/sites/${siteIds[0]}/visits`,
    headers: { cookie: phoneOf(0, 'park').cookie },
    body: registerBody(),
    vary: () => {
      const site = nextSite++ % siteIds.length;
      return { path: `/api/sites/${siteIds[site]}/visits`, headers: { cookie: phoneOf(site, 'park').cookie }, body: registerBody() };
    },
  };
  const bare: Target = {
    name: 'bare',
    url: `${baseUrl}/bench/bare-visit`,
    headers: {},
    body: registerBody(),
    vary: () => ({ body: registerBody() }),
  };
  server.memory.startWindow();
  console.log(`  register endpoint: ${load.warmupS} s warm-up + ${load.durationS} s…`);
  const realCpu = opts.meter(server.pid);
  const { figures: realFigures, window: realWindow } = await drive(real, load, realCpu.edge);
  console.log(`  bare visit route: ${load.warmupS} s warm-up + ${load.durationS} s…`);
  const bareCpu = opts.meter(server.pid);
  const { figures: bareFigures, window: bareWindow } = await drive(bare, load, bareCpu.edge);
  const ratioPeakRssMb = server.memory.endWindow();
  const throughputRatio = bareFigures.requestsPerSec > 0 ? realFigures.requestsPerSec / bareFigures.requestsPerSec : 0;

  for (const p of phones) p.socket?.terminate();
  const peakRssMb = server.memory.read().hwmMb;

  const handoff = percentiles(fromSend);
  const clean = (f: LoadFigures) => f.non2xx === 0 && f.errors === 0 && f.timeouts === 0 && f.requestsTotal > 0;
  const checks = [
    {
      name: 'journey: every write 2xx, every hand-off delivered',
      pass: failedWrites === 0 && lostEvents === 0 && visitsCompleted > 0,
      detail: `${writes} writes ok, ${failedWrites} failed, ${lostEvents} events lost, ${visitsCompleted}/${visitsStarted} visits completed`,
    },
    {
      name: `hand-off p99 < ${VISIT_TARGETS.maxHandoffP99Ms} ms, request sent → socket (${phones.length} sockets)`,
      pass: handoff.p99 < VISIT_TARGETS.maxHandoffP99Ms,
      detail: `p50 ${fmt(handoff.p50, 1)} ms, p99 ${fmt(handoff.p99, 1)} ms over ${handoff.count} hand-offs`,
    },
    {
      name: 'register / bare: every response 2xx',
      pass: clean(realFigures) && clean(bareFigures),
      detail: `non-2xx ${realFigures.non2xx}/${bareFigures.non2xx}, errors ${realFigures.errors + realFigures.timeouts}/${bareFigures.errors + bareFigures.timeouts}`,
    },
    {
      name: `throughput register/bare >= ${VISIT_TARGETS.minThroughputRatio}`,
      pass: throughputRatio >= VISIT_TARGETS.minThroughputRatio,
      detail: `${fmt(realFigures.requestsPerSec, 0)} / ${fmt(bareFigures.requestsPerSec, 0)} = ${fmt(throughputRatio, 2)}`,
    },
    {
      name: `server peak RSS < ${VISIT_TARGETS.maxPeakRssMb} MB`,
      pass: peakRssMb < VISIT_TARGETS.maxPeakRssMb,
      detail: `VmHWM ${fmt(peakRssMb, 1)} MB`,
    },
  ];
  const byTargetP: Record<string, Percentiles> = {};
  for (const [k, v] of Object.entries(byTarget)) byTargetP[k] = percentiles(v);
  return {
    dialect: opts.dialect,
    options: visit,
    setup: { loginS, socketsS, phones: phones.length, sockets: phones.filter((p) => p.socket).length },
    journey: {
      wallS,
      visitsStarted,
      visitsCompleted,
      writes,
      writesPerSec: writes / wallS,
      failedWrites,
      lostEvents,
      errors,
      handoffFromSendMs: handoff,
      byTarget: byTargetP,
      handoffFromAcceptedMs: percentiles(fromAccepted),
      handoffFromResponseMs: percentiles(fromResponse),
      eventBeforeResponseShare: fromResponse.length ? fromResponse.filter((x) => x < 0).length / fromResponse.length : NaN,
      writeLatencyMs: percentiles(writeLatency),
      cpu: cpu.figures(writes),
      peakRssMb: journeyPeakRssMb,
    },
    ratio: {
      real: realFigures,
      bare: bareFigures,
      throughputRatio,
      cpu: { real: realCpu.figures(realFigures.requestsTotal), bare: bareCpu.figures(bareFigures.requestsTotal) },
      peakRssMb: ratioPeakRssMb,
    },
    memory: { idleRssMb, afterSetupRssMb, peakRssMb },
    checks,
    windows: { journey: { startUs: journeyStartUs, endUs: journeyEndUs }, real: realWindow, bare: bareWindow },
    requests: { journey: writes, real: realFigures.requestsTotal, bare: bareFigures.requestsTotal },
  };
}

const fmt = (n: number, digits: number) => (Number.isFinite(n) ? n.toFixed(digits) : String(n));
const pct = (p: Percentiles) =>
  `p50 ${fmt(p.p50, 1)}  p90 ${fmt(p.p90, 1)}  p99 ${fmt(p.p99, 1)}  max ${fmt(p.max, 1)}  min ${fmt(p.min, 1)}  (n ${p.count})`;

export function renderVisitsReport(results: VisitsResult[], load: LoadOptions): string {
  const out: string[] = [];
  for (const r of results) {
    const j = r.journey;
    const o = r.options;
    out.push(
      `\nvisits on ${r.dialect}: ${o.sites} sites, ${r.setup.sockets} sockets, up to ${o.visitsPerSite} visits per site` +
        ` (new visits for at most ${o.maxSeconds} s, ${o.gapMs} ms between visits)`,
    );
    out.push(`  setup: ${r.setup.phones} logins in ${fmt(r.setup.loginS, 1)} s, sockets in ${fmt(r.setup.socketsS, 1)} s`);
    out.push(
      `  journey: ${j.visitsCompleted}/${j.visitsStarted} visits, ${j.writes} writes in ${fmt(j.wallS, 1)} s = ${fmt(j.writesPerSec, 0)} visit-stage writes/s` +
        `; server ${fmt(j.cpu.serverCores, 2)} cores, ${fmt(j.cpu.serverUsPerRequest, 0)} µs/write`,
    );
    out.push(`  write round trip ms:                  ${pct(j.writeLatencyMs)}`);
    out.push(`  hand-off ms, request sent → socket:   ${pct(j.handoffFromSendMs)}   (gated)`);
    for (const [to, p] of Object.entries(j.byTarget)) out.push(`    to ${to.padEnd(10)}                        ${pct(p)}`);
    out.push(`  hand-off ms, event.at → socket:       ${pct(j.handoffFromAcceptedMs)}   (server's own clock, diagnostic)`);
    out.push(`  hand-off ms, response → socket:       ${pct(j.handoffFromResponseMs)}   (diagnostic)`);
    out.push(`  event before the response: ${fmt(j.eventBeforeResponseShare * 100, 1)} % of hand-offs`);
    for (const e of j.errors) out.push(`  ! ${e}`);
    out.push(
      `  register vs bare (${load.connections} connections, ${load.warmupS} s warm-up + ${load.durationS} s):` +
        ` POST /api/sites/:siteId/visits ${fmt(r.ratio.real.requestsPerSec, 0)} req/s (p99 ${fmt(r.ratio.real.latencyP99Ms, 1)} ms, ${fmt(r.ratio.cpu.real.serverUsPerRequest, 0)} srv µs/req)` +
        `, POST /bench/bare-visit ${fmt(r.ratio.bare.requestsPerSec, 0)} req/s (p99 ${fmt(r.ratio.bare.latencyP99Ms, 1)} ms, ${fmt(r.ratio.cpu.bare.serverUsPerRequest, 0)} srv µs/req)`,
    );
    out.push(
      `  server RSS: idle ${fmt(r.memory.idleRssMb, 1)} MB, after logins + sockets ${fmt(r.memory.afterSetupRssMb, 1)} MB, journey peak ${fmt(j.peakRssMb, 1)} MB, ratio peak ${fmt(r.ratio.peakRssMb, 1)} MB, VmHWM ${fmt(r.memory.peakRssMb, 1)} MB`,
    );
    for (const c of r.checks) out.push(`  ${c.pass ? 'PASS' : 'FAIL'}  ${c.name.padEnd(52)} ${c.detail}`);
  }
  return out.join('\n');
}
