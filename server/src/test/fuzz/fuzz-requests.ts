/**
 * Operations of the OpenAPI document, and for each a fast-check arbitrary of requests: valid
 * paths, queries and bodies drawn from the schemas and the world's real ids, and invalid ones
 * (one part broken at a time, so the rest still gets past validation and into the handler).
 */
import fc from 'fast-check';
import { ID_PATTERN } from '../../platform/ids.js';
import { TEST_PASSWORD } from '../factories.js';
import { TINY_PNG } from '../site-activity.js';
import type { FuzzWorld } from './fuzz-world.js';
import { invalidArbitrary, MALFORMED_IDS, textArbitrary, validArbitrary, type JsonSchema, type SchemaHints } from './schema-arbitrary.js';

interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema: JsonSchema;
}

interface OpenApiOperation {
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
}

export interface Operation {
  /** `POST /api/sites/{siteId}/zones` */
  key: string;
  method: string;
  path: string;
  pathParams: Parameter[];
  queryParams: Parameter[];
  body: JsonSchema | null;
}

export interface FuzzRequest {
  method: string;
  url: string;
  /** What the case is: valid, or which part was broken and how. */
  variant: string;
  contentType?: string;
  /** Headers besides the session cookie (the weather webhook's bearer token). */
  headers?: Record<string, string>;
  /** JSON text, raw bytes, or nothing. */
  payload?: string | Buffer;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Reads, then writes, then deletes, then the requests that end sessions: each runs against a world the earlier ones left standing. */
function phase(op: Operation): number {
  if (op.path === '/api/auth/logout' || op.path === '/api/auth/password') return 4;
  if (op.method === 'GET') return 0;
  if (op.method === 'DELETE') return 2;
  // Codes and tokens the world handed out stop working after these: run them late.
  if (['/revoke', '/reissue', '/rotate', '/code'].some((end) => op.path.endsWith(end))) return 3;
  return 1;
}

export function operationsOf(doc: OpenApiDocument): Operation[] {
  const ops: Operation[] = [];
  for (const [path, byMethod] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(byMethod)) {
      if (!METHODS.includes(method)) continue;
      const params = op.parameters ?? [];
      ops.push({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === 'path'),
        queryParams: params.filter((p) => p.in === 'query'),
        body: op.requestBody?.content?.['application/json']?.schema ?? null,
      });
    }
  }
  return ops
    .map((op, i) => ({ op, i }))
    .sort((a, b) => phase(a.op) - phase(b.op) || a.i - b.i)
    .map((x) => x.op);
}

/** Which pool of real ids a field or parameter draws from, by its name. */
const ID_ALIASES: Record<string, string> = {
  toPersonId: 'personId',
  assignedTo: 'personId',
  consultantId: 'personId',
  toDriverId: 'personId',
  postIds: 'postId',
  photoIds: 'photoId',
  afterPhotoId: 'photoId',
  visitIds: 'visitId',
  itemId: 'supplyItemId',
  id: 'new',
};

const DATE_RE = '^\\d{4}-\\d{2}-\\d{2}$';
const TIME_RE = '^([01][0-9]|2[0-3]):[0-5][0-9]$';
const MONTH_RE = '^\\d{4}-(0[1-9]|1[0-2])$';
const STANDARD_ITEM_RE = '^[A-Z][A-Z0-9-]{1,40}$';
const CODE_RE = '^[A-Za-z0-9_-]+$';

const randomId = fc.uuid({ version: 7 });

function shiftDate(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Hints from the world: real ids by field name, today's dates, real codes and standard items. */
export function worldHints(world: FuzzWorld): SchemaHints {
  const idArbitrary = (key: string): fc.Arbitrary<string> => {
    const kind = ID_ALIASES[key] ?? key;
    // A new object's id: mostly fresh, sometimes one that exists (the retry and conflict paths).
    if (kind === 'new') return fc.oneof({ weight: 5, arbitrary: randomId }, { weight: 1, arbitrary: fc.constantFrom(...world.allIds) });
    // The site in the path: the world's own nearly always (else every request stops at the site check).
    if (kind === 'siteId') {
      return fc.oneof(
        { weight: 14, arbitrary: fc.constant(world.site.siteId) },
        { weight: 1, arbitrary: fc.constantFrom(...world.ids.siteId!) },
        { weight: 1, arbitrary: randomId },
      );
    }
    const real = world.ids[kind];
    return fc.oneof(
      ...(real ? [{ weight: 8, arbitrary: fc.constantFrom(...real) }] : []),
      { weight: real ? 1 : 8, arbitrary: fc.constantFrom(...world.allIds) },
      { weight: 1, arbitrary: randomId },
    );
  };
  const dates = [world.date, shiftDate(world.date, -1), shiftDate(world.date, 1), shiftDate(world.date, -7), shiftDate(world.date, 30)];
  return {
    string(key, schema) {
      const pattern = schema.pattern;
      if (pattern === ID_PATTERN.source) return idArbitrary(key);
      if (pattern === DATE_RE)
        return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...dates) }, { weight: 1, arbitrary: fc.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
      if (pattern === MONTH_RE) return fc.oneof(fc.constant(world.date.slice(0, 7)), fc.stringMatching(new RegExp(MONTH_RE)));
      if (pattern === TIME_RE) return fc.oneof(fc.constantFrom('08:30', '12:00', '18:00', '23:59', '00:00'), fc.stringMatching(new RegExp(TIME_RE)));
      if (pattern === STANDARD_ITEM_RE)
        return fc.oneof(
          { weight: 3, arbitrary: fc.constantFrom(...world.standardItemIds) },
          { weight: 1, arbitrary: fc.stringMatching(new RegExp(pattern)) },
        );
      // A checkpoint's or an asset's QR code (the public pages, scans, a technician's arrival).
      if (key === 'code' || (pattern === CODE_RE && (schema.minLength ?? 0) >= 16)) {
        return fc.oneof(fc.constantFrom(...world.codes), fc.stringMatching(/^[A-Za-z0-9_-]{16,64}$/));
      }
      // A cursor is the base64url of the last id of a page: real ones, and others.
      if (key === 'cursor') {
        return fc.oneof(
          { weight: 3, arbitrary: fc.oneof(fc.constantFrom(...world.allIds), randomId).map((id) => Buffer.from(id).toString('base64url')) },
          { weight: 1, arbitrary: textArbitrary(0, schema.maxLength ?? 200) },
        );
      }
      // A checklist item of the adopted standard (no pattern on this field: the standard decides).
      if (key === 'itemId')
        return fc.oneof(
          { weight: 3, arbitrary: fc.constantFrom(...world.standardItemIds) },
          { weight: 1, arbitrary: textArbitrary(1, schema.maxLength ?? 60) },
        );
      if (key === 'login') return fc.oneof(fc.constantFrom(...world.logins), fc.stringMatching(/^[a-zA-Z0-9._-]{3,32}$/));
      if (key === 'timeZone')
        return fc.constantFrom('Asia/Shanghai', 'UTC', 'America/New_York', 'Asia/Kolkata', 'Mars/Olympus', 'asia/shanghai', '+08:00', 'Etc/GMT-14');
      if (key === 'password' || key === 'currentPassword') return fc.oneof(fc.constant(TEST_PASSWORD), textArbitrary(0, 40));
      if (key === 'newPassword') return fc.oneof(fc.constantFrom('Fuzz-pass-2026', 'short', '12345678901'), textArbitrary(0, 60));
      if (key === 'plate') return fc.oneof(fc.constantFrom('浙A12345', '沪AD12345', '京A·F0236', '粤B12345学'), textArbitrary(0, 16));
      if (key === 'vehicle') return fc.oneof(fc.constant('1 号车'), textArbitrary(1, 20));
      return null;
    },
    number(key, schema) {
      // When a phone says something happened (epoch ms): mostly moments ago, sometimes any time the schema allows.
      if (!['at', 'foundAt', 'completedAt'].includes(key)) return null;
      const min = schema.minimum ?? 0;
      return fc.oneof(
        { weight: 3, arbitrary: fc.integer({ min: -3_600_000, max: 60_000 }).map((d) => Math.max(min, world.now + d)) },
        { weight: 1, arbitrary: fc.integer({ min, max: Number.MAX_SAFE_INTEGER }) },
      );
    },
  };
}

/** Text for a path segment or query value, as a client would put it in a URL. */
function urlText(value: unknown): string {
  if (value === undefined) return '';
  return encodeURIComponent(typeof value === 'string' ? value : JSON.stringify(value));
}

function queryString(values: unknown): string {
  // A query made wrong as a whole (null, a list, text) goes as one bare value.
  if (typeof values !== 'object' || values === null || Array.isArray(values)) return `?${urlText(values)}`;
  const parts: string[] = [];
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) for (const item of v) parts.push(`${encodeURIComponent(k)}=${urlText(item)}`);
    else parts.push(`${encodeURIComponent(k)}=${urlText(v)}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

function asObjectSchema(params: Parameter[]): JsonSchema {
  return {
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(params.map((p) => [p.name, p.schema])),
    required: params.filter((p) => p.required || p.in === 'path').map((p) => p.name),
  };
}

/** Bodies no schema describes: broken JSON, other media types, nesting, near and over the size limit. */
const RAW_BODIES: fc.Arbitrary<{ contentType?: string; payload?: string | Buffer; what: string }> = fc.oneof(
  fc.constantFrom(
    { contentType: 'application/json', payload: '', what: 'empty JSON body' },
    { contentType: 'application/json', payload: '{"a":', what: 'truncated JSON' },
    { contentType: 'application/json', payload: 'null', what: 'JSON null' },
    { contentType: 'application/json', payload: '"text"', what: 'JSON string' },
    { contentType: 'application/json', payload: '[]', what: 'JSON array' },
    { contentType: 'application/json', payload: '{"__proto__":{"isAdmin":true}}', what: 'prototype key' },
    { contentType: 'application/json', payload: '{"a":"\\ud800"}', what: 'lone surrogate' },
    { contentType: 'application/json', payload: '\ufeff{}', what: 'BOM before JSON' },
    { contentType: 'application/json; charset=latin1', payload: '{}', what: 'odd charset' },
    { contentType: 'application/json', payload: `${'['.repeat(20_000)}${']'.repeat(20_000)}`, what: 'deep nesting' },
    { contentType: 'application/json', payload: `{"x":"${'a'.repeat(1_100_000)}"}`, what: 'over the body limit' },
    { contentType: 'text/plain', payload: 'hello', what: 'text body' },
    { contentType: 'application/x-www-form-urlencoded', payload: 'a=1&b=2', what: 'form body' },
    { contentType: 'multipart/form-data; boundary=x', payload: '--x\r\n\r\n--x--', what: 'multipart body' },
    { contentType: undefined, payload: '{}', what: 'no content type' },
  ),
  fc.jsonValue({ maxDepth: 3 }).map((v) => ({ contentType: 'application/json', payload: JSON.stringify(v), what: 'random JSON' })),
);

/** Photo upload bodies: an image, bytes that are not one, nothing, a wrong media type. */
const PHOTO_BODIES: fc.Arbitrary<{ contentType?: string; payload?: string | Buffer; what: string }> = fc.oneof(
  fc
    .constantFrom('image/png', 'image/jpeg', 'image/webp', 'application/octet-stream')
    .map((contentType) => ({ contentType, payload: TINY_PNG, what: 'png' })),
  fc.uint8Array({ maxLength: 2048 }).map((bytes) => ({ contentType: 'image/jpeg', payload: Buffer.from(bytes), what: 'random bytes as jpeg' })),
  fc.constantFrom(
    { contentType: 'image/png', payload: Buffer.alloc(0), what: 'empty image' },
    { contentType: 'image/png', payload: TINY_PNG.subarray(0, 20), what: 'truncated png' },
    { contentType: 'application/json', payload: '{}', what: 'JSON to the photo route' },
    { contentType: 'image/gif', payload: TINY_PNG, what: 'unsupported image type' },
  ),
);

/** The requests of one operation. */
export function requestArbitrary(op: Operation, world: FuzzWorld): fc.Arbitrary<FuzzRequest> {
  const hints = worldHints(world);
  const pathSchema = asObjectSchema(op.pathParams);
  const querySchema = asObjectSchema(op.queryParams);
  const validPath = validArbitrary(pathSchema, hints) as fc.Arbitrary<Record<string, unknown>>;
  // A broken path: one parameter malformed (the others real), so the check on each is reached.
  const invalidPath = () =>
    fc.oneof(
      ...op.pathParams.map((p) =>
        fc
          .tuple(validPath, fc.oneof(fc.constantFrom(...MALFORMED_IDS), invalidArbitrary(p.schema, hints, p.name)))
          .map(([path, bad]) => ({ ...path, [p.name]: bad })),
      ),
    );
  const validQuery = validArbitrary(querySchema, hints) as fc.Arbitrary<Record<string, unknown>>;
  const invalidQuery = invalidArbitrary(querySchema, hints);
  const url = (path: Record<string, unknown>, query: unknown) =>
    op.path.replace(/\{(\w+)\}/g, (_, name: string) => urlText(path[name])) + (typeof query === 'string' ? query : queryString(query));

  const isPhotoUpload = op.method === 'PUT' && op.path.endsWith('/photos/{photoId}');
  const validBody: fc.Arbitrary<{ contentType?: string; payload?: string | Buffer; what: string }> = isPhotoUpload
    ? PHOTO_BODIES
    : op.body
      ? validArbitrary(op.body, hints).map((v) => ({ contentType: 'application/json', payload: JSON.stringify(v), what: 'valid' }))
      : fc.constant({ what: 'valid' });

  const request = (variant: string, path: fc.Arbitrary<Record<string, unknown>>, query: fc.Arbitrary<unknown>, body: typeof validBody) =>
    fc.tuple(path, query, body).map(([p, q, b]): FuzzRequest => ({
      method: op.method,
      url: url(p, q),
      variant: b.what === 'valid' ? variant : `${variant}: ${b.what}`,
      ...(b.contentType ? { contentType: b.contentType } : {}),
      ...(b.payload !== undefined ? { payload: b.payload } : {}),
    }));

  const cases: fc.WeightedArbitrary<FuzzRequest>[] = [{ weight: 4, arbitrary: request('valid', validPath, validQuery, validBody) }];
  if (op.pathParams.length) cases.push({ weight: 1, arbitrary: request('invalid path', invalidPath(), validQuery, validBody) });
  if (op.queryParams.length) {
    cases.push({ weight: 1, arbitrary: request('invalid query', validPath, invalidQuery, validBody) });
    cases.push({
      weight: 1,
      arbitrary: request(
        'raw query',
        validPath,
        fc.constantFrom('?%zz=1', '?cursor=%E0%A4%A', '?limit=1&limit=2', '?cursor=' + 'A'.repeat(5000), '?&&=&'),
        validBody,
      ),
    });
  }
  if (op.body) {
    cases.push({
      weight: 4,
      arbitrary: request(
        'invalid body',
        validPath,
        validQuery,
        invalidArbitrary(op.body, hints).map((v) => ({ contentType: 'application/json', payload: JSON.stringify(v), what: 'schema-breaking' })),
      ),
    });
  }
  if (op.method !== 'GET' && !isPhotoUpload) cases.push({ weight: 1, arbitrary: request('raw body', validPath, validQuery, RAW_BODIES) });
  // A session cookie that is not one: made up, cut short, oversized, doubled; it replaces the role's own.
  const forgedCookie = fc.oneof(
    fc.base64String({ maxLength: 64 }).map((t) => `anchang_sid=${t}`),
    fc.constantFrom(
      'anchang_sid=',
      'anchang_sid=%',
      'anchang_sid=%E0%A4%A',
      `anchang_sid=${'A'.repeat(4096)}`,
      'anchang_sid=a; anchang_sid=b',
      '=; ;=;',
    ),
  );
  cases.push({
    weight: 1,
    arbitrary: fc
      .tuple(request('forged session', validPath, validQuery, validBody), forgedCookie)
      .map(([req, cookie]) => ({ ...req, headers: { ...req.headers, cookie } })),
  });
  const requests = fc.oneof(...cases);
  if (!op.path.startsWith('/api/public/weather-webhook/')) return requests;
  // The webhook authenticates by its site's bearer token: the real one mostly, else wrong ones.
  const authorization = fc.oneof(
    { weight: 3, arbitrary: fc.constant(`Bearer ${world.webhookToken}`) },
    { weight: 1, arbitrary: fc.constantFrom('Bearer wrong-token', 'Bearer ', 'Basic YTpi', `bearer ${world.webhookToken}`, '') },
  );
  return fc.tuple(requests, authorization).map(([req, auth]) => ({ ...req, headers: { ...req.headers, authorization: auth } }));
}
