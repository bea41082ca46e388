/**
 * `npm run fuzz -- [--seed N] [--runs N] [--db sqlite|postgres] [--op TEXT] [--role ROLE] [--max-ms N]`
 *
 * The long fuzz run: every operation of the OpenAPI document as every role, `--runs` cases each
 * (default 25), on a fresh database with a seeded site. Prints the seed first (a run is replayed
 * by passing it back), the operations covered, the cases run, the 5xx count, and each failing
 * case as fast-check minimised it with the request that reproduces it. Exits 1 on any failure.
 * `--op "METHOD /path"` runs that operation alone (other text: every operation containing it);
 * `--role` runs one role. A case replayed alone meets a world the earlier operations did not
 * change, so the report also prints the minimised request itself.
 */
import { parseArgs } from 'node:util';
import { openDatabase } from '../../db/create-db.js';
import { buildTestApp } from '../build-test-app.js';
import { databaseUrlFor, dropTemplate, prepareTemplate, type TestDatabase } from '../test-db.js';
import { operationsOf, type OpenApiDocument } from './fuzz-requests.js';
import { formatReport, runFuzz, serverErrorLog } from './fuzz-runner.js';
import { FUZZ_ROLES, seedFuzzWorld, type FuzzRole } from './fuzz-world.js';

const { values } = parseArgs({
  options: {
    seed: { type: 'string' },
    runs: { type: 'string', default: '25' },
    db: { type: 'string', default: 'sqlite' },
    op: { type: 'string' },
    role: { type: 'string' },
    'max-ms': { type: 'string', default: '5000' },
  },
});

function wholeNumber(name: string, raw: string, min: number, max: number): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
  return n;
}

const seed = values.seed === undefined ? Date.now() % 2 ** 31 : wholeNumber('seed', values.seed, -(2 ** 31), 2 ** 31 - 1);
const runs = wholeNumber('runs', values.runs, 1, 100_000);
const maxResponseMs = wholeNumber('max-ms', values['max-ms'], 1, 600_000);
if (values.db !== 'sqlite' && values.db !== 'postgres') throw new Error(`--db must be sqlite or postgres (got "${values.db}")`);
if (values.role !== undefined && !FUZZ_ROLES.includes(values.role as FuzzRole)) throw new Error(`--role must be one of ${FUZZ_ROLES.join(', ')}`);
const roles = values.role ? [values.role as FuzzRole] : FUZZ_ROLES;

/** PostgreSQL outside vitest: a database of its own, migrated, dropped at the end. */
async function scratchPostgres(): Promise<TestDatabase> {
  const name = `anchang_fuzz_${Date.now().toString(36)}_${process.pid}`;
  await prepareTemplate(name);
  const databaseUrl = databaseUrlFor(name);
  const database = await openDatabase({ databaseUrl, sqliteFile: '' });
  return {
    database,
    location: { databaseUrl, sqliteFile: '' },
    drop: async () => {
      await database.close();
      await dropTemplate(name);
    },
  };
}

console.log(`fuzz seed ${seed} (replay with --seed ${seed}), ${runs} cases per operation per role, ${values.db}`);
const errors = serverErrorLog();
const t = await buildTestApp({
  dialect: values.db,
  logger: errors.logger,
  ...(values.db === 'postgres' ? { testDb: await scratchPostgres() } : {}),
});
const report = await (async () => {
  try {
    const world = await seedFuzzWorld(t.app, t.testDb.database.db, t.clock);
    const all = operationsOf((await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<OpenApiDocument>());
    // A whole "METHOD /path" picks that operation alone; other text, every operation containing it.
    const operations = values.op ? all.filter((o) => (all.some((x) => x.key === values.op) ? o.key === values.op : o.key.includes(values.op!))) : all;
    if (operations.length === 0) throw new Error(`no operation matches --op "${values.op}"`);
    console.log(`operations covered (${operations.length}):\n  ${operations.map((o) => o.key).join('\n  ')}`);
    return await runFuzz(t.app, world, operations, { seed, runs, roles, maxResponseMs, serverErrorFor: errors.errorFor, log: (l) => console.log(l) });
  } finally {
    await t.close();
  }
})();
console.log(`\n${formatReport(report)}`);
process.exit(report.failures.length > 0 || report.serverErrors > 0 ? 1 : 0);
