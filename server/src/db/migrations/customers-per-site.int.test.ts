/**
 * The migration that keeps customers per site, run on data written under the old schema: one
 * company-wide customer who visited two sites becomes one customer per site, each with that
 * site's own visits, and nothing is lost.
 */
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, type Database } from '../create-db.js';
import { newId } from '../../platform/ids.js';
import { openScratchDatabase } from '../../test/scratch-database.js';
import { testDialect } from '../../test/test-db.js';

const BEFORE = '2026-11-28-012-visits-parked-index';
const T = Date.UTC(2026, 10, 1);

describe(`migration: customers per site (${testDialect()})`, () => {
  let database: Database;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ database, cleanup } = await openScratchDatabase(BEFORE));
  });
  afterAll(() => cleanup());

  it('splits a company-wide customer into one per site visited, with that site’s counts, and keeps every visit', async () => {
    // The old schema's rows, written as the old code wrote them.
    const db = database.db as unknown as Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const companyId = newId();
    const [older, newer] = [newId(), newId()];
    await db.insertInto('companies').values({ id: companyId, name: '物业公司', created_at: T }).execute();
    for (const [id, at] of [
      [older, T],
      [newer, T + 1000],
    ] as const)
      await db
        .insertInto('sites')
        .values({
          id,
          company_id: companyId,
          name: `售楼处${at}`,
          address: '',
          time_zone: 'Asia/Shanghai',
          opening_hours: '{}',
          created_at: at,
          updated_at: at,
        })
        .execute();
    const shared = newId();
    const orphan = newId();
    await db
      .insertInto('customers')
      .values([
        {
          id: shared,
          company_id: companyId,
          phone: '13600000001',
          name: '林先生',
          consent_at: T,
          first_seen_at: T,
          last_visit_at: T + 5 * 3_600_000,
          visit_count: 3,
        },
        { id: orphan, company_id: companyId, phone: '13600000002', name: null, consent_at: T, first_seen_at: T, last_visit_at: T, visit_count: 0 },
      ])
      .execute();
    const visit = (siteId: string, at: number) => ({
      id: newId(),
      site_id: siteId,
      party_size: 2,
      arrival_mode: 'car',
      plate: '浙A12345',
      is_new_energy: 0,
      customer_id: shared,
      consultant_id: null,
      stage: 'departed',
      stage_since: at,
      stage_log: '[]',
      status: 'closed',
      registered_by: newId(),
      arrived_at: at,
      closed_at: at + 1,
      updated_at: at,
    });
    // Two visits at the newer site first, then one at the older site.
    const visits = [visit(newer, T + 3_600_000), visit(newer, T + 2 * 3_600_000), visit(older, T + 5 * 3_600_000)];
    await db.insertInto('visits').values(visits).execute();

    await migrateToLatest(database.db);

    const customers = await database.db.selectFrom('customers').selectAll().orderBy('phone').orderBy('site_id').execute();
    const ofShared = customers.filter((c) => c.phone === '13600000001');
    expect(
      ofShared.map((c) => ({ site: c.site_id, name: c.name, visits: c.visit_count, first: Number(c.first_seen_at), last: Number(c.last_visit_at) })),
    ).toEqual(
      [
        { site: older, name: '林先生', visits: 1, first: T + 5 * 3_600_000, last: T + 5 * 3_600_000 },
        { site: newer, name: '林先生', visits: 2, first: T + 3_600_000, last: T + 2 * 3_600_000 },
      ].sort((a, b) => (a.site < b.site ? -1 : 1)),
    );
    // The site the customer came to first keeps the id; the visits point at their own site's row.
    expect(ofShared.find((c) => c.site_id === newer)!.id).toBe(shared);
    const after = await database.db.selectFrom('visits').select(['id', 'site_id', 'customer_id']).execute();
    expect(after).toHaveLength(3);
    for (const v of after) expect(ofShared.find((c) => c.id === v.customer_id)!.site_id).toBe(v.site_id);
    // A customer with no visit goes to the company's oldest site rather than being lost.
    expect(customers.find((c) => c.phone === '13600000002')).toMatchObject({ id: orphan, site_id: older, consent_withdrawn_at: null });
    // The same number may now be a customer at two sites, but only once per site.
    await expect(
      database.db
        .insertInto('customers')
        .values({ ...ofShared[0]!, id: newId() })
        .execute(),
    ).rejects.toThrow();
    expect(
      (await database.db.selectFrom('sites').select('customer_retention_days').where('id', '=', older).executeTakeFirstOrThrow())
        .customer_retention_days,
    ).toBe(180);
  });
});
