/**
 * Every paginated list that grows with a site's history reads its page through an index that holds
 * both its filter and its order, whatever the site's size: the first page and a page after a
 * cursor, with and without the filters the console and the phones use. A list that sorted the
 * site's rows answered 1,011 req/s with 1,200 visits and 130 with 43,000 (bench: `npm run bench -- lists`).
 *
 * Each list's query is built by its own repository function (compiled without running, by a Kysely
 * on a dummy driver) and then EXPLAINed on a real database holding a site with a few thousand rows
 * per list beside other sites' rows. SQLite: the plan searches the expected index and has no `USE TEMP B-TREE FOR ORDER BY`.
 * PostgreSQL: an Index Scan / Index Only Scan / Bitmap Index Scan on the expected index and no Sort.
 */
import {
  CompiledQuery,
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  sql,
  type Transaction,
} from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from './schema.js';
import type { PageRequest } from '../platform/http/pagination.js';
import { listVisitRows } from '../modules/visits/visits.repository.js';
import { listAuditEntries } from '../modules/audit/audit.repository.js';
import { listAnomalyRows } from '../modules/anomalies/anomalies.repository.js';
import { listWorkOrderRows } from '../modules/repairs/repairs.repository.js';
import { listRoundRows } from '../modules/patrols/patrols.repository.js';
import { listIncidentRows } from '../modules/incidents/incidents.repository.js';
import { listVisibleNotificationRows } from '../modules/notifications/notifications.repository.js';
import { listMovementRows } from '../modules/supplies/supplies.repository.js';
import { createCompanyWithSite, createPerson } from '../test/factories.js';
import { createListSite, seedListRows, type ListSite } from '../test/list-rows.js';
import { createTestDatabase, testDialect, type TestDatabase } from '../test/test-db.js';
import { TEST_NOW } from '../test/test-time.js';

const dialect = testDialect();
const ROWS = 2_000;
/** Other sites' rows: most of each table, as with many sites (a planner may walk the whole table for a site that fills it). */
const OTHER_ROWS = 8_000;
const DAY = 86_400_000;

/** Compiles a repository's query without running it: the dummy driver answers no rows, the log keeps the SQL. */
function compileOnly(): { db: Kysely<DB>; take: () => CompiledQuery } {
  let last: CompiledQuery | null = null;
  const pg = dialect === 'postgres';
  const db = new Kysely<DB>({
    dialect: {
      createAdapter: () => (pg ? new PostgresAdapter() : new SqliteAdapter()),
      createDriver: () => new DummyDriver(),
      createIntrospector: (k) => (pg ? new PostgresIntrospector(k) : new SqliteIntrospector(k)),
      createQueryCompiler: () => (pg ? new PostgresQueryCompiler() : new SqliteQueryCompiler()),
    },
    log: (event) => {
      last = event.query;
    },
  });
  return {
    db,
    take: () => {
      if (!last) throw new Error('the repository ran no query');
      const q = last;
      last = null;
      return q;
    },
  };
}

interface PlanCase {
  list: string;
  filter: string;
  /**
   * The index that must answer the filter and the order; a second one where walking it is as good
   * (resolved anomalies are nearly all of a site's: walking the site's id order finds them at once).
   */
  index: string | [string, string];
  /**
   * Filters on a time window (`arrivedSince`: today's visits): every index walk must be bounded by
   * the window (its smallest id, or the arrival time, in the index condition), so it never reads the
   * site's history below it. PostgreSQL reads the window by arrival and sorts it: a day's rows.
   */
  window?: boolean;
  run: (db: Kysely<DB>, page: PageRequest) => Promise<unknown>;
}

describe(`list query plans (${dialect})`, () => {
  let testDb: TestDatabase;
  let site: ListSite;
  let readerId: string;
  let cursorId: string;
  const today = new Date(TEST_NOW + 8 * 3_600_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    testDb = await createTestDatabase();
    const { db } = testDb.database;
    const home = await createCompanyWithSite(db);
    const reader = await createPerson(db, home, 'site_manager');
    const other = await createPerson(db, home, 'staff');
    readerId = reader.id;
    site = await createListSite(db, { companyId: home.companyId, member: reader, name: '大站', now: TEST_NOW - 400 * DAY });
    await seedListRows(db, site, { rows: ROWS, endMs: TEST_NOW, companyId: home.companyId, person: reader, other });
    // Another site's history in the same tables, as in production.
    const others = await createListSite(db, { companyId: home.companyId, member: reader, name: '他站', now: TEST_NOW - 400 * DAY });
    await seedListRows(db, others, { rows: OTHER_ROWS, endMs: TEST_NOW, companyId: home.companyId, person: reader, other });
    // A cursor well inside the history: the id of the visit ROWS / 2 steps back (any list's middle works as well).
    const middle = await db
      .selectFrom('visits')
      .select('id')
      .where('site_id', '=', site.siteId)
      .orderBy('id', 'desc')
      .offset(ROWS / 2)
      .limit(1)
      .executeTakeFirstOrThrow();
    cursorId = middle.id;
    // PostgreSQL plans from statistics; autovacuum would gather them soon after such a load.
    if (dialect === 'postgres') await sql`ANALYZE`.execute(db);
  });
  afterAll(async () => {
    await testDb.drop();
  });

  const cases: PlanCase[] = [
    { list: 'visits', filter: 'none', index: 'visits_site_id_idx', run: (db, p) => listVisitRows(db, site.siteId, p, {}) },
    { list: 'visits', filter: 'status=open', index: 'visits_site_status_idx', run: (db, p) => listVisitRows(db, site.siteId, p, { status: 'open' }) },
    {
      list: 'visits',
      filter: 'status=open&stage=hall&consultant=none',
      index: 'visits_site_status_idx',
      run: (db, p) => listVisitRows(db, site.siteId, p, { status: 'open', stage: 'hall', consultantId: null }),
    },
    {
      list: 'visits',
      filter: 'status=closed&arrivedSince=today',
      index: 'visits_site_status_idx',
      window: true,
      run: (db, p) => listVisitRows(db, site.siteId, p, { status: 'closed', arrivedSince: TEST_NOW - DAY / 2 }),
    },
    {
      list: 'visits',
      filter: 'consultant=mine&arrivedSince=today',
      index: 'visits_site_id_idx',
      window: true,
      run: (db, p) => listVisitRows(db, site.siteId, p, { consultantId: readerId, arrivedSince: TEST_NOW - DAY / 2 }),
    },
    { list: 'audit', filter: 'none', index: 'audit_log_site_idx', run: (db, p) => listAuditEntries(db, site.siteId, p, undefined) },
    { list: 'audit', filter: 'action', index: 'audit_log_site_action_idx', run: (db, p) => listAuditEntries(db, site.siteId, p, 'visit.handoff') },
    { list: 'anomalies', filter: 'none', index: 'anomalies_site_id_idx', run: (db, p) => listAnomalyRows(db, site.siteId, p, {}) },
    {
      list: 'anomalies',
      filter: 'status=unresolved',
      index: 'anomalies_site_unresolved_idx',
      run: (db, p) => listAnomalyRows(db, site.siteId, p, { status: 'unresolved' }),
    },
    {
      list: 'anomalies',
      filter: 'status=resolved',
      index: ['anomalies_site_status_idx', 'anomalies_site_id_idx'],
      run: (db, p) => listAnomalyRows(db, site.siteId, p, { status: 'resolved' }),
    },
    { list: 'work orders', filter: 'none', index: 'work_orders_site_idx', run: (db, p) => listWorkOrderRows(db, site.siteId, p, {}) },
    {
      list: 'work orders',
      filter: 'status=open',
      index: 'work_orders_site_open_idx',
      run: (db, p) => listWorkOrderRows(db, site.siteId, p, { status: 'open' }),
    },
    {
      list: 'work orders',
      filter: 'status=open&breached',
      index: 'work_orders_site_open_idx',
      run: (db, p) => listWorkOrderRows(db, site.siteId, p, { status: 'open', breachedAt: TEST_NOW }),
    },
    { list: 'patrol rounds', filter: 'date', index: 'patrol_rounds_site_date_idx', run: (db, p) => listRoundRows(db, site.siteId, today, p) },
    {
      list: 'patrol rounds',
      filter: 'date&mine',
      index: 'patrol_rounds_site_date_idx',
      run: (db, p) => listRoundRows(db, site.siteId, today, p, { personId: readerId, postKinds: ['SECURITY'] }),
    },
    { list: 'incidents', filter: 'none', index: 'incidents_site_id_idx', run: (db, p) => listIncidentRows(db, site.siteId, p, undefined) },
    { list: 'incidents', filter: 'status=open', index: 'incidents_site_idx', run: (db, p) => listIncidentRows(db, site.siteId, p, 'open') },
    {
      list: 'notifications',
      filter: 'visible to me',
      index: 'notifications_site_idx',
      run: (db, p) => listVisibleNotificationRows(db, site.siteId, readerId, p),
    },
    { list: 'supply movements', filter: 'none', index: 'supply_movements_site_idx', run: (db, p) => listMovementRows(db, site.siteId, p, {}) },
    {
      list: 'supply movements',
      filter: 'storeId',
      index: 'supply_movements_site_store_idx',
      run: (db, p) => listMovementRows(db, site.siteId, p, { storeId: site.storeIds[1] }),
    },
    {
      list: 'supply movements',
      filter: 'kind',
      index: 'supply_movements_site_kind_id_idx',
      run: (db, p) => listMovementRows(db, site.siteId, p, { kind: 'issue' }),
    },
    {
      list: 'supply movements',
      filter: 'itemId',
      index: 'supply_movements_site_item_idx',
      run: (db, p) => listMovementRows(db, site.siteId, p, { itemId: site.itemIds[1] }),
    },
  ];

  /** The list's compiled query for the first page or the page after `cursorId`, in the list's own direction. */
  async function compiled(c: PlanCase, cursor: boolean): Promise<CompiledQuery> {
    const { db, take } = compileOnly();
    // Patrol rounds page forward (oldest slot first); every other list here pages newest first.
    const direction = c.list === 'patrol rounds' ? 'asc' : 'desc';
    await c.run(db, { limit: 50, afterId: cursor ? cursorId : null, direction });
    return take();
  }

  for (const c of cases) {
    for (const cursor of [false, true]) {
      it(`${c.list} (${c.filter}), ${cursor ? 'a cursor page' : 'the first page'}: ${[c.index].flat().join(' or ')}${c.window ? ', bounded by the window' : ', no sort'}`, async () => {
        const query = await compiled(c, cursor);
        expect(query.sql.toLowerCase()).toContain('order by');
        expect(query.sql.toLowerCase()).not.toContain('offset');
        if (dialect === 'sqlite') {
          const plan = await testDb.database.db.executeQuery<{ detail: string }>(
            CompiledQuery.raw(`EXPLAIN QUERY PLAN ${query.sql}`, [...query.parameters]),
          );
          const details = plan.rows.map((r) => r.detail);
          // The list's own table is the first SEARCH; a window's bound adds a scalar subquery after it.
          const scan = details.find((d) => /^(SEARCH|SCAN) /.test(d));
          expect(scan, details.join('\n')).toMatch(new RegExp(`^SEARCH \\S+ USING (COVERING )?INDEX (${[c.index].flat().join('|')}) \\(site_id=\\?`));
          if (c.window) expect(scan, details.join('\n')).toMatch(/(id>\?|arrived_at>\?)/);
          expect(details.join('\n')).not.toContain('USE TEMP B-TREE FOR ORDER BY');
          expect(details.join('\n')).not.toMatch(/^SCAN /m);
        } else {
          const nodes = await testDb.database.db.transaction().execute(async (trx) => {
            // The test's few thousand rows fit in a handful of pages, where reading the whole table can
            // look as cheap as the index to PostgreSQL's planner; production's tables do not. Turning
            // sequential scans off asks the planner which index it would take, which is the question.
            await sql`SET LOCAL enable_seqscan = off`.execute(trx);
            return explainPostgres(trx, query);
          });
          const indexNodes = nodes.filter((n) => /^(Index Scan|Index Only Scan|Bitmap Index Scan)$/.test(n['Node Type']));
          const summary = nodes.map((n) => `${n['Node Type']}${n['Index Name'] ? ` on ${n['Index Name']} (${n['Index Cond']})` : ''}`).join(' > ');
          expect(
            nodes.filter((n) => n['Node Type'] === 'Seq Scan'),
            summary,
          ).toEqual([]);
          if (c.window) {
            expect(indexNodes.length, summary).toBeGreaterThan(0);
            for (const n of indexNodes) expect(n['Index Cond'] ?? '', summary).toMatch(/arrived_at >=|id >=/);
          } else {
            expect(
              indexNodes.map((n) => n['Index Name']),
              summary,
            ).toContainEqual(expect.toBeOneOf([c.index].flat()));
            expect(
              nodes.filter((n) => /Sort$/.test(n['Node Type'])),
              summary,
            ).toEqual([]);
          }
        }
      });
    }
  }
});

interface PgPlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Index Cond'?: string;
  Plans?: PgPlanNode[];
}

async function explainPostgres(trx: Transaction<DB>, query: CompiledQuery): Promise<PgPlanNode[]> {
  const res = await trx.executeQuery<{ 'QUERY PLAN': [{ Plan: PgPlanNode }] }>(
    CompiledQuery.raw(`EXPLAIN (FORMAT JSON) ${query.sql}`, [...query.parameters]),
  );
  const root = res.rows[0]!['QUERY PLAN'][0].Plan;
  const out: PgPlanNode[] = [];
  const walk = (n: PgPlanNode) => {
    out.push(n);
    for (const child of n.Plans ?? []) walk(child);
  };
  walk(root);
  return out;
}
