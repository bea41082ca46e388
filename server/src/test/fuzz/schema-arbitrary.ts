/**
 * JSON Schema (the OpenAPI 3.0 subset @fastify/swagger emits from our TypeBox schemas) →
 * fast-check arbitraries: values the schema accepts, and values it should refuse.
 *
 * "Valid" follows the schema to the letter, bounds included: a field without a maximum gets huge
 * numbers, a string without a pattern gets control characters and the whole of Unicode. Those
 * are exactly the requests a schema lets through to a handler, so they are the ones that find a
 * missing bound. Hints (real ids, known patterns) steer valid values toward data that exists, so
 * handlers run deep instead of stopping at "not found".
 */
import fc from 'fast-check';

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  minProperties?: number;
  maxProperties?: number;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  items?: JsonSchema | JsonSchema[];
  additionalItems?: boolean | JsonSchema;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  nullable?: boolean;
}

/** Steers generation: an arbitrary for a field by its name and schema, or null for the default. */
export interface SchemaHints {
  string(key: string, schema: JsonSchema): fc.Arbitrary<string> | null;
  number?(key: string, schema: JsonSchema): fc.Arbitrary<number> | null;
}

export const noHints: SchemaHints = { string: () => null };

/** The longest string a "huge string" case sends: well under the body limit, well over any column. */
const HUGE = 60_000;

/** Characters that have broken text handling somewhere: NUL and other controls, bidi marks, lone BOM, astral. */
const NASTY_CHARS = [
  '\u0000',
  '\u0001',
  '\u001f',
  '\u007f',
  '\u0085',
  '\u200b',
  '\u202e',
  '\ufeff',
  '\uffff',
  '\ud83d\ude00',
  '\u{10ffff}',
  '\\',
  "'",
  '"',
  '%',
  '\n',
  '\r\n',
  '\t',
];

const chineseChar = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c));
const nastyChar = fc.constantFrom(...NASTY_CHARS);
const asciiChar = fc.string({ minLength: 1, maxLength: 1 });

/** Strings of the given length bounds, from plain text through the whole of Unicode and control characters. */
export function textArbitrary(minLength: number, maxLength: number): fc.Arbitrary<string> {
  const shortMax = Math.min(maxLength, Math.max(minLength, 24));
  return fc.oneof(
    { weight: 4, arbitrary: fc.string({ minLength, maxLength: shortMax, unit: fc.oneof(chineseChar, asciiChar) }) },
    // A grapheme may be several code points; the schema counts code points.
    { weight: 2, arbitrary: fc.string({ minLength, maxLength: shortMax, unit: 'grapheme' }).filter((s) => [...s].length <= maxLength) },
    { weight: 2, arbitrary: fc.string({ minLength, maxLength: shortMax, unit: fc.oneof(nastyChar, asciiChar) }) },
    { weight: 1, arbitrary: fc.string({ minLength, maxLength: Math.min(maxLength, 200), unit: 'binary' }) },
    // At the bound exactly: the longest value the schema lets through, in 3-byte characters.
    { weight: 1, arbitrary: fc.constant(maxLength).map((n) => '字'.repeat(Math.min(n, HUGE))) },
  );
}

const typesOf = (schema: JsonSchema): string[] => (Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : []);

function schemaKind(schema: JsonSchema): string | undefined {
  const types = typesOf(schema).filter((t) => t !== 'null');
  if (types[0]) return types[0];
  if (schema.properties || schema.additionalProperties !== undefined) return 'object';
  if (schema.items) return 'array';
  return undefined;
}

const isNullable = (schema: JsonSchema) => schema.nullable === true || typesOf(schema).includes('null');

function lowerBound(schema: JsonSchema): number | undefined {
  if (typeof schema.exclusiveMinimum === 'number') return schema.exclusiveMinimum;
  return schema.minimum;
}
function upperBound(schema: JsonSchema): number | undefined {
  if (typeof schema.exclusiveMaximum === 'number') return schema.exclusiveMaximum;
  return schema.maximum;
}

/** A value the schema accepts. */
export function validArbitrary(schema: JsonSchema, hints: SchemaHints = noHints, key = ''): fc.Arbitrary<unknown> {
  const inner = validNonNull(schema, hints, key);
  return isNullable(schema) ? fc.oneof({ weight: 4, arbitrary: inner }, { weight: 1, arbitrary: fc.constant(null) }) : inner;
}

function validNonNull(schema: JsonSchema, hints: SchemaHints, key: string): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((s) => validArbitrary(s, hints, key)));
  if (schema.allOf) return validArbitrary(Object.assign({}, ...schema.allOf) as JsonSchema, hints, key);
  switch (schemaKind(schema)) {
    case 'object':
      return validObject(schema, hints);
    case 'array':
      return validArray(schema, hints, key);
    case 'integer':
      return hints.number?.(key, schema) ?? validNumber(schema, true);
    case 'number':
      return hints.number?.(key, schema) ?? validNumber(schema, false);
    case 'boolean':
      return fc.boolean();
    case 'string':
      return validString(schema, hints, key);
    case undefined:
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function validString(schema: JsonSchema, hints: SchemaHints, key: string): fc.Arbitrary<string> {
  const hinted = hints.string(key, schema);
  if (hinted) return hinted;
  const minLength = schema.minLength ?? 0;
  const maxLength = schema.maxLength ?? HUGE;
  if (schema.pattern) {
    return fc.stringMatching(new RegExp(schema.pattern), { size: 'small' }).filter((s) => [...s].length >= minLength && [...s].length <= maxLength);
  }
  return textArbitrary(minLength, maxLength);
}

function validNumber(schema: JsonSchema, isInteger: boolean): fc.Arbitrary<number> {
  const exclusiveMin = typeof schema.exclusiveMinimum === 'number' || schema.exclusiveMinimum === true;
  const exclusiveMax = typeof schema.exclusiveMaximum === 'number' || schema.exclusiveMaximum === true;
  const lo = lowerBound(schema);
  const hi = upperBound(schema);
  if (isInteger) {
    const min = lo === undefined ? Number.MIN_SAFE_INTEGER : Math.ceil(exclusiveMin ? lo + 1 : lo);
    const max = hi === undefined ? Number.MAX_SAFE_INTEGER : Math.floor(exclusiveMax ? hi - 1 : hi);
    // Mostly everyday sizes; sometimes anywhere the schema allows, ends included.
    const everydayMin = Math.max(min, Math.min(max, 0));
    const everydayMax = Math.min(max, Math.max(min, 100));
    return fc.oneof(
      { weight: 4, arbitrary: fc.integer({ min: everydayMin, max: everydayMax }) },
      { weight: 2, arbitrary: fc.integer({ min, max }) },
      { weight: 1, arbitrary: fc.constantFrom(min, max) },
    );
  }
  const min = lo ?? -1e300;
  const max = hi ?? 1e300;
  return fc.oneof(
    { weight: 3, arbitrary: fc.double({ min, max, noNaN: true, noDefaultInfinity: true, minExcluded: exclusiveMin, maxExcluded: exclusiveMax }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        ...[min, max, 0].filter((v) => v >= min && v <= max && !(exclusiveMin && v === min) && !(exclusiveMax && v === max)),
      ),
    },
  );
}

function validArray(schema: JsonSchema, hints: SchemaHints, key: string): fc.Arbitrary<unknown[]> {
  if (Array.isArray(schema.items)) return fc.tuple(...schema.items.map((s) => validArbitrary(s, hints, key)));
  const item = schema.items ? validArbitrary(schema.items, hints, key) : fc.jsonValue({ maxDepth: 1 });
  const minLength = schema.minItems ?? 0;
  // Mostly a handful of items; sometimes anything up to as many as the schema allows (a list
  // without a bound gets up to 200), which is where work per item shows.
  const fullMax = Math.min(schema.maxItems ?? 200, 1_000);
  const maxLength = Math.min(fullMax, Math.max(minLength, 4));
  const arrayOf = (max: number, size: fc.SizeForArbitrary) =>
    schema.uniqueItems
      ? fc.uniqueArray(item, { minLength, maxLength: max, size, selector: (v) => JSON.stringify(v) })
      : fc.array(item, { minLength, maxLength: max, size });
  return fc.oneof({ weight: 5, arbitrary: arrayOf(maxLength, 'small') }, { weight: 1, arbitrary: arrayOf(fullMax, 'max') });
}

function validObject(schema: JsonSchema, hints: SchemaHints): fc.Arbitrary<Record<string, unknown>> {
  const props = schema.properties ?? {};
  const required = schema.required ?? [];
  const shape: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [k, s] of Object.entries(props)) shape[k] = validArbitrary(s, hints, k);
  let arb: fc.Arbitrary<Record<string, unknown>> = fc.record(shape, { requiredKeys: required.filter((k) => k in props) });
  if (typeof schema.additionalProperties === 'object') {
    const extra = fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), validArbitrary(schema.additionalProperties, hints), { maxKeys: 4 });
    arb = fc.tuple(arb, extra).map(([known, more]) => ({ ...more, ...known }));
  }
  const minProps = schema.minProperties ?? 0;
  const maxProps = schema.maxProperties ?? Infinity;
  if (minProps > 0 || maxProps < Infinity) {
    arb = arb.filter((o) => Object.keys(o).length >= minProps && Object.keys(o).length <= maxProps);
  }
  return arb;
}

/** Ids and other patterned text that is close to right but not right. */
export const MALFORMED_IDS = [
  '',
  ' ',
  'null',
  'undefined',
  '0',
  '-1',
  '00000000-0000-0000-0000-000000000000',
  'FFFFFFFF-FFFF-7FFF-BFFF-FFFFFFFFFFFF',
  '0190a2b4-5b0e-7002-8341-16fa11c5f86',
  '0190a2b4-5b0e-7002-8341-16fa11c5f86ff',
  '0190a2b45b0e700283416fa11c5f86f0',
  '{0190a2b4-5b0e-7002-8341-16fa11c5f86f}',
  '0190a2b4-5b0e-7002-8341-16fa11c5f86f ',
  '0190a2b4-5b0e-7002-8341-16fa11c5f86f\n',
  '0190a2b4-5b0e-7002-8341-16fa11c5f86f\u0000',
  '0190a2b4-5b0e-7002-8341-16fa11c5f86g',
  "' OR '1'='1",
  '1; DROP TABLE people;--',
  '../../etc/passwd',
  '%00',
  '%',
  '\u202e',
  '𠮷',
  '2026-02-30',
  '2026-13-01',
  '0000-00-00',
  '9999-99-99',
  '24:00',
  '99:99',
];

const huge = (unit: string) => fc.integer({ min: 1_000, max: HUGE }).map((n) => unit.repeat(n));

/** A JSON value of a type the schema does not take. */
function wrongType(schema: JsonSchema): fc.Arbitrary<unknown> {
  const kind = schemaKind(schema);
  const candidates: fc.Arbitrary<unknown>[] = [];
  if (kind !== 'string') candidates.push(fc.constantFrom('', 'x', '12', 'true', '字'));
  if (kind !== 'integer' && kind !== 'number') candidates.push(fc.constantFrom(0, -1, 1.5, 1e21));
  if (kind !== 'boolean') candidates.push(fc.boolean());
  if (kind !== 'object') candidates.push(fc.constantFrom({}, { a: 1 }));
  if (kind !== 'array') candidates.push(fc.constantFrom([], [1, 'a'], [[]]));
  if (!isNullable(schema)) candidates.push(fc.constant(null));
  return fc.oneof(...candidates);
}

/**
 * A value the schema should refuse: wrong type, out of range, too long, missing or extra fields,
 * one field deep inside made wrong while the rest stays valid, or any JSON at all.
 */
export function invalidArbitrary(schema: JsonSchema, hints: SchemaHints = noHints, key = ''): fc.Arbitrary<unknown> {
  const options: fc.Arbitrary<unknown>[] = [wrongType(schema)];
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (schema.enum) {
    options.push(fc.constantFrom('', 'UNKNOWN', ...schema.enum.filter((v): v is string => typeof v === 'string').map((v) => `${v.toUpperCase()} `)));
  } else if (alternatives) {
    options.push(fc.jsonValue({ maxDepth: 2 }));
  } else {
    switch (schemaKind(schema)) {
      case 'object':
        options.push(...invalidObject(schema, hints));
        break;
      case 'array':
        options.push(...invalidArray(schema, hints, key));
        break;
      case 'integer':
      case 'number':
        options.push(invalidNumber(schema, schemaKind(schema) === 'integer'));
        break;
      case 'string':
        options.push(...invalidString(schema));
        break;
      case undefined:
      default:
        break;
    }
  }
  return fc.oneof(...options);
}

function invalidString(schema: JsonSchema): fc.Arbitrary<unknown>[] {
  const out: fc.Arbitrary<unknown>[] = [];
  if (schema.maxLength !== undefined) {
    const over = schema.maxLength + 1;
    out.push(fc.constantFrom('x'.repeat(over), '字'.repeat(over)), huge('长'));
  } else {
    out.push(huge('x'));
  }
  if ((schema.minLength ?? 0) > 0) out.push(fc.constant(''));
  if (schema.pattern) {
    const re = new RegExp(schema.pattern);
    out.push(
      fc.constantFrom(...MALFORMED_IDS),
      textArbitrary(0, 40).filter((s) => !re.test(s)),
    );
  }
  return out;
}

function invalidNumber(schema: JsonSchema, isInteger: boolean): fc.Arbitrary<number> {
  const values = [1e21, -1e21, 2 ** 53 + 2, -(2 ** 63), 1e308, -1e308, 2 ** 31, -(2 ** 31) - 1];
  const lo = lowerBound(schema);
  const hi = upperBound(schema);
  if (lo !== undefined) values.push(lo - 1, lo - 0.5);
  if (hi !== undefined) values.push(hi + 1, hi + 0.5);
  if (isInteger) values.push(0.5, 1.000001, -0.25);
  return fc.constantFrom(...values);
}

function invalidArray(schema: JsonSchema, hints: SchemaHints, key: string): fc.Arbitrary<unknown>[] {
  const out: fc.Arbitrary<unknown>[] = [];
  if (Array.isArray(schema.items)) {
    const tuple = schema.items;
    out.push(fc.tuple(...tuple.map((s) => validArbitrary(s, hints, key)), fc.jsonValue({ maxDepth: 0 })));
    if (tuple.length > 0) out.push(fc.tuple(...tuple.slice(1).map((s) => validArbitrary(s, hints, key))));
    return out;
  }
  const item = schema.items ? validArbitrary(schema.items, hints, key) : fc.jsonValue({ maxDepth: 1 });
  const over = (schema.maxItems ?? 2_000) + 1;
  out.push(fc.array(item, { minLength: over, maxLength: over, size: 'max' }));
  if ((schema.minItems ?? 0) > 0) out.push(fc.constant([]));
  if (schema.items) {
    out.push(fc.tuple(fc.array(item, { maxLength: 3 }), invalidArbitrary(schema.items, hints, key)).map(([items, bad]) => [...items, bad]));
  }
  if (schema.uniqueItems) out.push(item.map((v) => [v, v]));
  return out;
}

function invalidObject(schema: JsonSchema, hints: SchemaHints): fc.Arbitrary<unknown>[] {
  const props = schema.properties ?? {};
  const valid = validObject(schema, hints);
  const out: fc.Arbitrary<unknown>[] = [];
  for (const req of schema.required ?? []) {
    out.push(
      valid.map((o) => {
        const copy = { ...o };
        delete copy[req];
        return copy;
      }),
    );
  }
  if (schema.additionalProperties === false) {
    out.push(fc.tuple(valid, fc.constantFrom('extra', '__proto__', 'constructor', 'siteId', 'id ')).map(([o, extra]) => ({ ...o, [extra]: 1 })));
  }
  for (const [k, s] of Object.entries(props)) {
    out.push(fc.tuple(valid, invalidArbitrary(s, hints, k)).map(([o, bad]) => ({ ...o, [k]: bad })));
  }
  if ((schema.minProperties ?? 0) > 0) out.push(fc.constant({}));
  return out;
}
