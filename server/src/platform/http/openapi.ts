/**
 * The API document as a contract others can build on: @fastify/swagger writes it from the route
 * schemas, and this completes it once per process (swagger's `transformObject`), so every route,
 * including one added tomorrow, gets what a generated client or an outside validator needs:
 *  - an `operationId` from the method and the path (stable: it changes only when the route does);
 *  - a tag, declared at the top with a description;
 *  - a summary (the route's own `summary`; a generated one, marked `x-summary-generated`, only as
 *    a safety net: the document's test counts them);
 *  - schemas in OpenAPI 3.0's dialect: the validator reads JSON Schema draft 7 (numeric
 *    `exclusiveMinimum`, tuples as `items: [...]`), which 3.0 words differently; the rewrite keeps
 *    every constraint, so the document never accepts what the server refuses.
 */

type Json = Record<string, unknown>;

/** What each tag covers, as the document's readers see it. A tag missing here still gets a plain description. */
export const TAG_DESCRIPTIONS: Record<string, string> = {
  health: 'Liveness, readiness and version, for load balancers and monitoring.',
  instance: 'First-run setup of an instance and its company.',
  auth: 'Signing in and out, the session, passwords.',
  sites: 'Sales centers (sites): their settings, opening hours and time zone.',
  zones: 'Areas of a site (hall, model rooms, parking…).',
  posts: 'Staffed posts of a site and their duties.',
  people: 'Staff and their roles on a site.',
  audit: 'The audit log of who changed what.',
  notifications: 'Notifications addressed to the signed-in person.',
  standards: 'The service standards a site adopts, per post, with their versions and settings.',
  training: 'Fact sheets, courses, training sessions and quizzes, certificates.',
  rosters: 'Who works which post when.',
  photos: 'Photos attached as evidence.',
  shifts: 'Clocking in and out, shift checklists.',
  visits: 'Customer visits and their stages through the sales center.',
  customers: 'Customers known to a site, and their data export.',
  questions: 'Questions customers ask, and their answers.',
  'lost-and-found': 'Lost property, logged and returned before witnesses.',
  incidents: 'Incidents reported on site.',
  hall: 'The reception hall: tables, drinks, the bar.',
  shuttle: 'The shuttle car between sites and its trips.',
  checkpoints: 'Patrol checkpoints and their QR codes, and scans of them.',
  patrols: 'Patrol routes, schedules and rounds.',
  supplies: 'Supplies: items, stores, stock movements and requisitions.',
  'model-rooms': 'Model-room inventory and its checks.',
  equipment: 'Assets and their maintenance schedules.',
  repairs: 'Repair work orders, from report to verification.',
  rounds: 'Timed service rounds of a post and their slots.',
  assessment: 'Monthly staff assessment, appeals and recommendations.',
  surveys: 'Visitor satisfaction surveys and their posters.',
  weather: 'Weather warnings and the site’s response to them.',
  anomalies: 'Anomalies found by the system or staff, until resolved.',
  forms: 'Shift forms: handovers and requisitions.',
  'day-board': 'The day at a glance for a site.',
  meetings: 'Daily meetings, attendance and action items.',
  'customer-feedback': 'Customer feedback forms and their answers.',
  inspections: 'Inspections, deductions and rectifications.',
  'client-reports': 'Monthly reports for the developer (the client).',
  figures: 'Figures and dashboards of a site or the company.',
  complaints: 'Complaints from visitors, handled to a result.',
  integrations: 'Group robots, webhooks and SMS channels, and their deliveries.',
};

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

const pascal = (s: string) =>
  s
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');

const segmentsOf = (path: string) => path.split('/').filter((s) => s && s !== 'api');
const isParam = (s: string) => s.startsWith('{') && s.endsWith('}');

/**
 * `GET /api/sites/{siteId}/zones/{zoneId}` → `getSitesZonesByZoneId`: the method, the fixed
 * segments, and the last segment's parameter (the ones before it are implied by what follows
 * them). `full` names every parameter, for the rare two routes the short form cannot tell apart.
 */
export function operationIdFor(method: string, path: string, full = false): string {
  const segments = segmentsOf(path);
  const words = segments.map((s, i) => {
    if (!isParam(s)) return pascal(s);
    return full || i === segments.length - 1 ? `By${pascal(s.slice(1, -1))}` : '';
  });
  return method.toLowerCase() + words.join('');
}

/** The tag of a route that declares none: its module's URL segment (the one after the site). */
export function tagFor(path: string): string {
  const fixed = segmentsOf(path).filter((s) => !isParam(s));
  return (fixed[0] === 'sites' && fixed.length > 1 ? fixed[1] : fixed[0]) ?? 'api';
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Draft 7's numeric exclusive bound as 3.0's boolean one, keeping the stricter bound. */
function rewriteBound(schema: Json, exclusive: 'exclusiveMinimum' | 'exclusiveMaximum', inclusive: 'minimum' | 'maximum'): void {
  const bound = schema[exclusive];
  if (typeof bound !== 'number') return;
  const other = schema[inclusive];
  const exclusiveIsStricter = typeof other !== 'number' || (inclusive === 'minimum' ? bound >= other : bound <= other);
  if (exclusiveIsStricter) {
    schema[inclusive] = bound;
    schema[exclusive] = true;
  } else delete schema[exclusive];
}

/**
 * A tuple (`items: [a, a]`) as 3.0 words it: `items: a` with as many items as the tuple. Only a
 * tuple of one item schema has an exact equivalent; any other is left as it is, for the
 * document's test to refuse (say it in the schema differently).
 */
function rewriteTuple(schema: Json): void {
  const items = schema.items;
  if (!Array.isArray(items) || items.length === 0) return;
  const first = JSON.stringify(items[0]);
  if (!items.every((i) => JSON.stringify(i) === first)) return;
  schema.items = items[0];
  const minItems = typeof schema.minItems === 'number' ? schema.minItems : 0;
  schema.minItems = Math.max(minItems, items.length);
  if (schema.additionalItems === false) {
    schema.maxItems = typeof schema.maxItems === 'number' ? Math.min(schema.maxItems, items.length) : items.length;
  }
  delete schema.additionalItems;
}

const VALUE_KEYS = new Set(['enum', 'const', 'default', 'example', 'examples']);

function rewriteSchemas(node: unknown): void {
  if (Array.isArray(node)) {
    for (const n of node) rewriteSchemas(n);
    return;
  }
  if (!isObject(node)) return;
  rewriteBound(node, 'exclusiveMinimum', 'minimum');
  rewriteBound(node, 'exclusiveMaximum', 'maximum');
  rewriteTuple(node);
  // Values (an enum, an example) are data, not schemas: never rewritten.
  for (const [k, v] of Object.entries(node)) if (!VALUE_KEYS.has(k)) rewriteSchemas(v);
}

interface Operation extends Json {
  operationId?: string;
  summary?: string;
  tags?: string[];
}

/** Completes the document @fastify/swagger wrote (see the top of this file). */
export function completeOpenApiDocument<T extends object>(written: T): T {
  const doc = structuredClone(written) as T & { paths?: Record<string, Json>; tags?: Json[] };
  const operations: { method: string; path: string; op: Operation }[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (isObject(op)) operations.push({ method, path, op });
    }
  }

  // Ids: the short form, or the full one for routes whose short forms collide.
  const short = new Map<string, number>();
  for (const { method, path } of operations) {
    const id = operationIdFor(method, path);
    short.set(id, (short.get(id) ?? 0) + 1);
  }
  const used = new Set<string>();
  for (const { method, path, op } of operations) {
    if (!op.operationId) {
      const id = operationIdFor(method, path);
      op.operationId = short.get(id)! > 1 ? operationIdFor(method, path, true) : id;
    }
    if (used.has(op.operationId)) throw new Error(`Two operations have the id ${op.operationId}: give one an operationId in its schema`);
    used.add(op.operationId);
    if (!op.tags?.length) op.tags = [tagFor(path)];
    if (!op.summary) {
      op.summary = `${method.toUpperCase()} ${path}`;
      op['x-summary-generated'] = true;
    }
  }

  const declared = new Map((doc.tags ?? []).map((t) => [String(t.name), t]));
  for (const name of new Set(operations.flatMap(({ op }) => op.tags ?? []))) {
    if (declared.has(name)) continue;
    const description = TAG_DESCRIPTIONS[name];
    declared.set(
      name,
      description ? { name, description } : { name, description: `Operations on ${name.replace(/-/g, ' ')}.`, 'x-description-generated': true },
    );
  }
  doc.tags = [...declared.values()].sort((a, b) => String(a.name).localeCompare(String(b.name)));

  rewriteSchemas((doc as Json).paths);
  rewriteSchemas((doc as Json).components);
  return doc;
}
