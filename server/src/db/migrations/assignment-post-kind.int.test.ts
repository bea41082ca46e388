/**
 * The migration that copies each post's kind onto its assignments, run on assignments written
 * under the old schema: every one gets its own post's kind, and none is lost.
 */
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, type Database } from '../create-db.js';
import { newId } from '../../platform/ids.js';
import { openScratchDatabase } from '../../test/scratch-database.js';
import { testDialect } from '../../test/test-db.js';

const BEFORE = '2026-12-07-500-consultant-away';
const T = Date.UTC(2026, 11, 1);

describe(`migration: post kind on the assignment (${testDialect()})`, () => {
  let database: Database;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ database, cleanup } = await openScratchDatabase(BEFORE));
  });
  afterAll(() => cleanup());

  it('gives every assignment its post’s kind', async () => {
    const db = database.db as unknown as Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const [companyId, siteId, bar, shuttle, alice, bob] = [newId(), newId(), newId(), newId(), newId(), newId()];
    await db.insertInto('companies').values({ id: companyId, name: '物业公司', created_at: T }).execute();
    await db
      .insertInto('sites')
      .values({
        id: siteId,
        company_id: companyId,
        name: '售楼处',
        address: '',
        time_zone: 'Asia/Shanghai',
        opening_hours: '{}',
        created_at: T,
        updated_at: T,
      })
      .execute();
    await db
      .insertInto('posts')
      .values([
        { id: bar, site_id: siteId, kind: 'BAR', name: '水吧岗', zone_id: null, created_at: T, updated_at: T },
        { id: shuttle, site_id: siteId, kind: 'SHUTTLE', name: '电瓶车岗', zone_id: null, created_at: T, updated_at: T },
      ])
      .execute();
    const person = (id: string, login: string) => ({
      id,
      company_id: companyId,
      login,
      name: login,
      phone: null,
      password_hash: 'x',
      locale: 'zh-CN',
      is_company_admin: 0,
      is_active: 1,
      created_at: T,
      updated_at: T,
    });
    await db
      .insertInto('people')
      .values([person(alice, 'alice'), person(bob, 'bob')])
      .execute();
    await db
      .insertInto('post_assignments')
      .values([
        { post_id: bar, person_id: alice, site_id: siteId, created_at: T },
        { post_id: shuttle, person_id: alice, site_id: siteId, created_at: T },
        { post_id: shuttle, person_id: bob, site_id: siteId, created_at: T },
      ])
      .execute();

    await migrateToLatest(database.db);

    const rows = await database.db.selectFrom('post_assignments').select(['post_id', 'person_id', 'post_kind']).execute();
    const byPair = new Map(rows.map((r) => [`${r.person_id}/${r.post_id}`, r.post_kind]));
    expect(byPair).toEqual(
      new Map([
        [`${alice}/${bar}`, 'BAR'],
        [`${alice}/${shuttle}`, 'SHUTTLE'],
        [`${bob}/${shuttle}`, 'SHUTTLE'],
      ]),
    );
  });
});
