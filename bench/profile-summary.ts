/**
 * Where the server's CPU went: reads a V8 .cpuprofile (from `BENCH_CPU_PROF=1 npm run bench`)
 * and prints self and inclusive time by function and self time by package, optionally only for
 * a measured window taken from a results JSON.
 *
 *   npx tsx bench/profile-summary.ts <profile.cpuprofile> [results.json <dialect> <real|bare|visits:journey|visits:real|visits:bare>]
 * PROFILE_TOP=<n> lengthens the inclusive list (default 60).
 */
import fs from 'node:fs';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Package or area a frame belongs to. */
function category(url: string, name: string): string {
  if (url === '') return name.startsWith('(') ? name : '(native)';
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1]!;
  const own = /\/(server|contracts|bench)\/src\/(.*)$|\/(bench)\/([^/]+)$/.exec(url);
  if (own) return `${own[1] ?? own[3]}/${(own[2] ?? own[4])!.split('/').slice(0, 2).join('/')}`;
  if (url.startsWith('node:')) return url.split('/').slice(0, 2).join('/');
  return url;
}

function main(): void {
  const [profilePath, resultsPath, dialect, endpoint] = process.argv.slice(2);
  if (!profilePath) {
    console.error(
      'usage: tsx bench/profile-summary.ts <profile.cpuprofile> [results.json <dialect> <real|bare|visits:journey|visits:real|visits:bare>]',
    );
    process.exit(2);
  }
  const profile = JSON.parse(fs.readFileSync(profilePath, 'utf8')) as CpuProfile;
  let window: { startUs: number; endUs: number } | null = null;
  let requests = 0;
  if (resultsPath && dialect && endpoint) {
    type Windowed = { dialect: string; windows?: Record<string, { startUs: number; endUs: number }> } & Record<string, unknown>;
    const results = JSON.parse(fs.readFileSync(resultsPath, 'utf8')) as {
      results: Windowed[];
      visits?: (Windowed & { requests: Record<string, number> })[];
    };
    // `visits:journey`, `visits:real`, `visits:bare`: the visits scenario's windows.
    const visits = endpoint.startsWith('visits:');
    const name = visits ? endpoint.slice('visits:'.length) : endpoint;
    const result = (visits ? (results.visits ?? []) : results.results).find((r) => r.dialect === dialect);
    window = result?.windows?.[name] ?? null;
    if (!window) throw new Error(`no ${dialect}/${endpoint} window in ${resultsPath}`);
    requests = visits
      ? ((result as { requests?: Record<string, number> }).requests?.[name] ?? 0)
      : ((result?.[name] as { requestsTotal?: number } | undefined)?.requestsTotal ?? 0);
  }

  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const key = (f: CallFrame) =>
    `${f.functionName || '(anonymous)'}  ${f.url.replace(/^.*\/(node_modules|server|contracts|bench)\//, '$1/')}:${f.lineNumber + 1}`;

  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const cats = new Map<string, number>();
  let total = 0;
  let idle = 0;
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i] ?? 0;
    t += dt;
    if (window && (t < window.startUs || t > window.endUs)) continue;
    const node = byId.get(profile.samples[i]!)!;
    const name = node.callFrame.functionName;
    if (name === '(idle)') {
      idle += dt;
      continue;
    }
    total += dt;
    self.set(key(node.callFrame), (self.get(key(node.callFrame)) ?? 0) + dt);
    const cat = category(node.callFrame.url, name);
    cats.set(cat, (cats.get(cat) ?? 0) + dt);
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const k = key(byId.get(id)!.callFrame);
      if (seen.has(k)) continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + dt);
    }
  }

  const pct = (v: number) =>
    `${((100 * v) / total).toFixed(1).padStart(5)}%` + (requests > 0 ? `  ${(v / requests).toFixed(1).padStart(6)} µs/req` : '');
  const top = (m: Map<string, number>, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `  ${pct(v)}  ${(v / 1000).toFixed(0).padStart(7)} ms  ${k}`)
      .join('\n');
  const span = window ? (window.endUs - window.startUs) / 1e6 : (profile.endTime - profile.startTime) / 1e6;
  console.log(
    `${profilePath}${window ? ` — ${dialect}/${endpoint} window` : ''}: ${span.toFixed(1)} s, busy ${(total / 1e6).toFixed(1)} s, idle ${(idle / 1e6).toFixed(1)} s (main thread)${requests > 0 ? `, ${requests} requests, ${(total / requests).toFixed(0)} µs busy per request` : ''}\n`,
  );
  console.log('Self time by package/area:');
  console.log(top(cats, 25));
  console.log('\nSelf time by function:');
  console.log(top(self, 30));
  console.log('\nInclusive time by function:');
  console.log(top(inclusive, Number(process.env.PROFILE_TOP || 60)));
}

main();
