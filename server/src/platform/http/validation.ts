/**
 * Request validation. Bodies are JSON and must match their schema exactly: no type coercion
 * ("12" is not 12) and no silently dropped unknown fields. Query strings, params and headers
 * arrive as text, so those are coerced to the schema's types. Names people give go through the
 * one display-name rule of the contracts (refused as NAME_INVALID by the error handler).
 */
import { Ajv, type Options, type ValidateFunction } from 'ajv';
import type { FastifySchemaCompiler } from 'fastify';
import { DISPLAY_NAME_FORMAT, isDisplayName } from '@anchang/contracts';

const common: Options = { allErrors: true, useDefaults: true, removeAdditional: false, strict: false };
const strictAjv = new Ajv({ ...common, coerceTypes: false });
const coercingAjv = new Ajv({ ...common, coerceTypes: 'array' });
for (const ajv of [strictAjv, coercingAjv]) ajv.addFormat(DISPLAY_NAME_FORMAT, { type: 'string', validate: isDisplayName });

export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) =>
  (httpPart === 'body' ? strictAjv : coercingAjv).compile(schema as object);

/** Compiles a schema once, with the same rules as request bodies (for socket messages, timer payloads). */
export function compileStrict<T>(schema: object): ValidateFunction<T> {
  return strictAjv.compile<T>(schema);
}
