/**
 * Request validation. Bodies are JSON and must match their schema exactly: no type coercion
 * ("12" is not 12) and no silently dropped unknown fields. Query strings, params and headers
 * arrive as text, so those are coerced to the schema's types.
 */
import { Ajv, type Options, type ValidateFunction } from 'ajv';
import type { FastifySchemaCompiler } from 'fastify';

const common: Options = { allErrors: true, useDefaults: true, removeAdditional: false, strict: false };
const strictAjv = new Ajv({ ...common, coerceTypes: false });
const coercingAjv = new Ajv({ ...common, coerceTypes: 'array' });

export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) =>
  (httpPart === 'body' ? strictAjv : coercingAjv).compile(schema as object);

/** Compiles a schema once, with the same rules as request bodies (for socket messages, timer payloads). */
export function compileStrict<T>(schema: object): ValidateFunction<T> {
  return strictAjv.compile<T>(schema);
}
