/**
 * Request validation. Bodies are JSON and must match their schema exactly: no type coercion
 * ("12" is not 12) and no silently dropped unknown fields. Query strings, params and headers
 * arrive as text, so those are coerced to the schema's types. Names people give go through the
 * one display-name rule of the contracts (refused as NAME_INVALID by the error handler).
 *
 * No text anywhere in a request may hold the NUL character (U+0000): PostgreSQL text cannot
 * store it, so the same request would be saved on SQLite and fail on PostgreSQL. Nobody types
 * it; it is refused at the edge, on both databases alike, naming the field.
 */
import { Ajv, type ErrorObject, type Options, type ValidateFunction } from 'ajv';
import type { FastifySchemaCompiler } from 'fastify';
import { DISPLAY_NAME_FORMAT, isDisplayName } from '@anchang/contracts';

const common: Options = { allErrors: true, useDefaults: true, removeAdditional: false, strict: false };
const strictAjv = new Ajv({ ...common, coerceTypes: false });
const coercingAjv = new Ajv({ ...common, coerceTypes: 'array' });
for (const ajv of [strictAjv, coercingAjv]) ajv.addFormat(DISPLAY_NAME_FORMAT, { type: 'string', validate: isDisplayName });

const pointerSegment = (key: string | number) => `/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;

/** The JSON pointer of the first string (value or key) holding U+0000, or null. */
export function findNulCharacter(value: unknown, at = ''): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? at || '/' : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNulCharacter(value[i], at + pointerSegment(i));
      if (found !== null) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes('\u0000')) return at + pointerSegment(k);
      const found = findNulCharacter(v, at + pointerSegment(k));
      if (found !== null) return found;
    }
  }
  return null;
}

/** The schema's validator, then the NUL check on what it accepted (so its depth is the schema's). */
function refusingNul(validate: ValidateFunction): ValidateFunction {
  const check = ((data: unknown, ctx?: Parameters<ValidateFunction>[1]) => {
    const valid = validate(data, ctx);
    check.errors = validate.errors;
    if (!valid) return false;
    const nulAt = findNulCharacter(data);
    if (nulAt === null) return true;
    const error: ErrorObject = {
      instancePath: nulAt === '/' ? '' : nulAt,
      schemaPath: '#',
      keyword: 'noNulCharacter',
      params: {},
      message: 'must not contain the NUL character (U+0000)',
    };
    check.errors = [error];
    return false;
  }) as ValidateFunction;
  // Fastify hands Ajv's own validators their parent, so defaults and coercion can replace the root value.
  Object.assign(check, { schema: validate.schema, schemaEnv: validate.schemaEnv, errors: null });
  return check;
}

export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) =>
  refusingNul((httpPart === 'body' ? strictAjv : coercingAjv).compile(schema as object));

/** Compiles a schema once, with the same rules as request bodies (for socket messages, timer payloads). */
export function compileStrict<T>(schema: object): ValidateFunction<T> {
  return strictAjv.compile<T>(schema);
}
