/**
 * The API document is a contract others build on: it validates as OpenAPI (swagger-parser, and
 * Spectral's `oas` rules with no error), and every operation has a unique operationId, a summary
 * and a tag declared at the top. New routes get these by themselves (openapi.ts); this says so.
 */
import SwaggerParser from '@apidevtools/swagger-parser';
import { Document, Spectral } from '@stoplight/spectral-core';
import { Json } from '@stoplight/spectral-parsers';
import { oas } from '@stoplight/spectral-rulesets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/build-test-app.js';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
interface Operation {
  operationId?: string;
  summary?: string;
  tags?: string[];
  'x-summary-generated'?: boolean;
}
interface ApiDocument {
  paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>;
  tags?: { name: string; description?: string; 'x-description-generated'?: boolean }[];
}

describe(`the API document (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestApp;
  let text: string;
  let doc: ApiDocument;
  let operations: { key: string; op: Operation }[];

  beforeAll(async () => {
    t = await buildTestApp();
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    text = res.body;
    doc = JSON.parse(text) as ApiDocument;
    operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      METHODS.flatMap((m) => {
        const op = item[m];
        return op ? [{ key: `${m.toUpperCase()} ${path}`, op }] : [];
      }),
    );
  }, 120_000);
  afterAll(() => t.close());

  it('validates as OpenAPI 3.0 (swagger-parser)', async () => {
    // The parser dereferences in place: it gets its own copy.
    await expect(SwaggerParser.validate(JSON.parse(text) as never)).resolves.toBeTruthy();
  });

  it("has no error under Spectral's oas rules", { timeout: 60_000 }, async () => {
    const spectral = new Spectral();
    spectral.setRuleset({ extends: [[oas as never, 'all']] });
    const results = await spectral.run(new Document(text, Json));
    // Severity 0 is an error (then warn, info, hint); warnings (no descriptions yet) are allowed.
    const errors = results.filter((r) => Number(r.severity) === 0).map((r) => `${r.code} ${r.message} at ${r.path.join('.')}`);
    expect(errors).toEqual([]);
  });

  it('gives every operation a unique operationId, a summary and a declared, described tag', () => {
    expect(operations.length).toBeGreaterThanOrEqual(150);
    const ids = operations.map(({ op }) => op.operationId);
    expect(operations.filter(({ op }) => !op.operationId).map((o) => o.key)).toEqual([]);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(operations.filter(({ op }) => !op.summary?.trim()).map((o) => o.key)).toEqual([]);
    const declared = new Map((doc.tags ?? []).map((tag) => [tag.name, tag]));
    const undeclared = operations.filter(({ op }) => !op.tags?.length || op.tags.some((tag) => !declared.has(tag)));
    expect(undeclared.map((o) => o.key)).toEqual([]);
    expect([...declared.values()].filter((tag) => !tag.description?.trim())).toEqual([]);

    // Generated summaries and tag descriptions are a safety net for new routes, not the rule:
    // they are listed here, for whoever adds the route to write a real one.
    const generated = operations.filter(({ op }) => op['x-summary-generated']).map((o) => o.key);
    const generatedTags = (doc.tags ?? []).filter((tag) => tag['x-description-generated']);
    if (generated.length || generatedTags.length) {
      console.warn(
        `API document: ${generated.length} generated summaries (${generated.join(', ')}); ` +
          `${generatedTags.length} generated tag descriptions (${generatedTags.map((tag) => tag.name).join(', ')}): add real ones`,
      );
    }
    expect(generated.length).toBeLessThanOrEqual(20);
  });

  it('names operations from their route, the same way every time', () => {
    const byKey = new Map(operations.map(({ key, op }) => [key, op.operationId]));
    expect(byKey.get('GET /api/sites/{siteId}/visits')).toBe('getSitesVisits');
    expect(byKey.get('POST /api/sites/{siteId}/visits')).toBe('postSitesVisits');
    expect(byKey.get('PATCH /api/sites/{siteId}/zones/{zoneId}')).toBe('patchSitesZonesByZoneId');
  });
});
