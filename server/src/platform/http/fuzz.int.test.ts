/**
 * Every operation of the OpenAPI document, as every role and anonymously, with requests drawn
 * from its schemas (valid, and broken one part at a time): no 5xx, every 4xx a contract code,
 * no slow answer. A bounded run with a fixed seed; `npm run fuzz` runs longer ones.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/build-test-app.js';
import { operationsOf, type OpenApiDocument, type Operation } from '../../test/fuzz/fuzz-requests.js';
import { formatReport, runFuzz, serverErrorLog } from '../../test/fuzz/fuzz-runner.js';
import { seedFuzzWorld, type FuzzWorld } from '../../test/fuzz/fuzz-world.js';

const SEED = 20261203;
const CASES_PER_ROLE = 2;

describe(`fuzz every operation (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestApp;
  let world: FuzzWorld;
  let operations: Operation[];
  const errors = serverErrorLog();

  beforeAll(async () => {
    t = await buildTestApp({ logger: errors.logger });
    world = await seedFuzzWorld(t.app, t.testDb.database.db, t.clock);
    operations = operationsOf((await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<OpenApiDocument>());
  }, 120_000);
  afterAll(() => t.close());

  it('finds every route of the document', () => {
    expect(operations.length).toBeGreaterThanOrEqual(150);
    expect(operations.map((o) => o.key)).toContain('POST /api/sites/{siteId}/visits');
  });

  it('answers every generated request without a 5xx, with a contract code on each 4xx, in bounded time', { timeout: 240_000 }, async () => {
    const report = await runFuzz(t.app, world, operations, {
      seed: SEED,
      runs: CASES_PER_ROLE,
      maxResponseMs: 10_000,
      serverErrorFor: errors.errorFor,
    });
    expect(report.failures, formatReport(report)).toEqual([]);
    expect(report.serverErrors).toBe(0);
    // The run went deep: most operations carried some request through to a success.
    expect(report.succeeded.length, formatReport(report)).toBeGreaterThan(operations.length * 0.6);
  });
});
