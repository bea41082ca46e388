import { describe, expect, it } from 'vitest';
import { completeOpenApiDocument, operationIdFor, tagFor } from './openapi.js';

const docWith = (schema: object) => ({
  openapi: '3.0.3',
  paths: { '/api/sites/{siteId}/things': { post: { requestBody: { content: { 'application/json': { schema } } }, responses: {} } } },
});
const schemaOf = (doc: ReturnType<typeof docWith>) => doc.paths['/api/sites/{siteId}/things'].post.requestBody.content['application/json'].schema;

describe('the API document completion', () => {
  it('names operations from the method and the path', () => {
    expect(operationIdFor('get', '/api/sites/{siteId}/zones/{zoneId}')).toBe('getSitesZonesByZoneId');
    expect(operationIdFor('post', '/api/sites/{siteId}/work-orders/{workOrderId}/accept')).toBe('postSitesWorkOrdersAccept');
    expect(operationIdFor('post', '/api/sites/{siteId}/work-orders/{workOrderId}/accept', true)).toBe(
      'postSitesBySiteIdWorkOrdersByWorkOrderIdAccept',
    );
    expect(tagFor('/api/sites/{siteId}/lost-items/{id}')).toBe('lost-items');
    expect(tagFor('/api/health/ready')).toBe('health');
  });

  it('names every parameter when two routes would otherwise share an id', () => {
    const doc = completeOpenApiDocument({
      paths: { '/api/a/{x}/b': { get: { responses: {} } }, '/api/a/b': { get: { responses: {} } } },
    }) as unknown as { paths: Record<string, { get: { operationId: string; summary: string; tags: string[] } }> };
    expect(doc.paths['/api/a/{x}/b']!.get.operationId).toBe('getAByXB');
    expect(doc.paths['/api/a/b']!.get.operationId).toBe('getAB');
    expect(doc.paths['/api/a/b']!.get.summary).toBe('GET /api/a/b');
    expect(doc.paths['/api/a/b']!.get.tags).toEqual(['a']);
  });

  it('words a tuple of one item schema as items with a fixed count, and leaves any other tuple', () => {
    const point = { type: 'number', minimum: 0, maximum: 1 };
    const fixed = completeOpenApiDocument(docWith({ type: 'array', items: [point, point], additionalItems: false, minItems: 2, maxItems: 2 }));
    expect(schemaOf(fixed)).toEqual({ type: 'array', items: point, minItems: 2, maxItems: 2 });
    const mixed = { type: 'array', items: [point, { type: 'string' }], additionalItems: false };
    expect(schemaOf(completeOpenApiDocument(docWith(mixed)))).toEqual(mixed);
  });

  it('words draft 7 exclusive bounds as OpenAPI 3.0 does, keeping the stricter bound', () => {
    expect(schemaOf(completeOpenApiDocument(docWith({ type: 'number', exclusiveMinimum: 0, maximum: 10 })))).toEqual({
      type: 'number',
      minimum: 0,
      exclusiveMinimum: true,
      maximum: 10,
    });
    expect(schemaOf(completeOpenApiDocument(docWith({ type: 'number', minimum: 5, exclusiveMinimum: 0 })))).toEqual({ type: 'number', minimum: 5 });
    expect(schemaOf(completeOpenApiDocument(docWith({ type: 'number', exclusiveMaximum: 1 })))).toEqual({
      type: 'number',
      maximum: 1,
      exclusiveMaximum: true,
    });
    // Values are data: an enum or an example that looks like a schema stays as written.
    expect(schemaOf(completeOpenApiDocument(docWith({ type: 'object', example: { items: [1, 2] } })))).toEqual({
      type: 'object',
      example: { items: [1, 2] },
    });
  });
});
