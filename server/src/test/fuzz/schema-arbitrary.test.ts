/**
 * The translator's own promise: "valid" values pass the schema as the server's validator reads
 * it (so they reach handlers), and "invalid" ones are, with rare exceptions, refused.
 */
import { Ajv } from 'ajv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { invalidArbitrary, validArbitrary, type JsonSchema } from './schema-arbitrary.js';

const ID = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';

// The shapes @fastify/swagger emits from our TypeBox schemas.
const schemas: Record<string, JsonSchema> = {
  zone: {
    type: 'object',
    additionalProperties: false,
    required: ['kind', 'name'],
    properties: {
      kind: { type: 'string', enum: ['SALES_HALL', 'OFFICE'] },
      name: { type: 'string', minLength: 1, maxLength: 60 },
      capacity: { type: 'integer', minimum: 1, maximum: 100000, nullable: true },
    },
  },
  patch: {
    type: 'object',
    additionalProperties: false,
    minProperties: 1,
    properties: { zoneId: { type: 'string', pattern: ID, nullable: true }, name: { type: 'string', minLength: 1, maxLength: 60 } },
  },
  signature: {
    type: 'object',
    additionalProperties: false,
    required: ['strokes'],
    properties: {
      strokes: {
        type: 'array',
        minItems: 1,
        maxItems: 50,
        items: {
          type: 'array',
          maxItems: 500,
          items: {
            type: 'array',
            items: [
              { type: 'number', minimum: 0, maximum: 1 },
              { type: 'number', minimum: 0, maximum: 1 },
            ],
            additionalItems: false,
            minItems: 2,
            maxItems: 2,
          },
        },
      },
    },
  },
  union: {
    anyOf: [
      {
        type: 'object',
        additionalProperties: false,
        required: ['action', 'decision'],
        properties: {
          action: { type: 'string', enum: ['decide'] },
          decision: {
            anyOf: [
              { type: 'string', enum: ['call'] },
              { type: 'string', enum: ['no_call'] },
            ],
          },
        },
      },
      { type: 'object', additionalProperties: false, required: ['action'], properties: { action: { type: 'string', enum: ['close'] } } },
    ],
  },
  record: {
    type: 'object',
    additionalProperties: false,
    properties: {
      ids: { type: 'array', uniqueItems: true, maxItems: 5, items: { type: 'string', pattern: ID } },
      parameters: { type: 'object', additionalProperties: { anyOf: [{ type: 'string' }, { type: 'number' }] } },
      date: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
      ratio: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
    },
  },
};

const ajv = new Ajv({ strict: false, allErrors: true });

describe('JSON Schema → fast-check', () => {
  for (const [name, schema] of Object.entries(schemas)) {
    const validate = ajv.compile(schema);

    it(`${name}: every valid value passes the schema`, () => {
      fc.assert(
        fc.property(validArbitrary(schema), (value) => {
          expect(validate(JSON.parse(JSON.stringify(value))), JSON.stringify(validate.errors)).toBe(true);
        }),
        { seed: 42, numRuns: 300 },
      );
    });

    it(`${name}: invalid values are refused (nearly all)`, () => {
      const values = fc.sample(invalidArbitrary(schema), { seed: 42, numRuns: 300 });
      const accepted = values.filter((v) => validate(JSON.parse(JSON.stringify(v))));
      expect(accepted.length / values.length).toBeLessThan(0.1);
    });
  }
});
