/**
 * Factories: each test makes its own company, site and people; nothing is shared between tests.
 * Rows are stamped at TEST_NOW (where the test clock starts) unless a test passes its own instant.
 */
import type { Role } from '@anchang/contracts';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { hashPassword } from '../platform/auth/password.js';
import { newId } from '../platform/ids.js';
import type { App } from '../platform/http/types.js';
import { TEST_NOW } from './test-time.js';

export const TEST_PASSWORD = 'Passw0rd-test';
let hashed: Promise<string> | null = null;
const passwordHash = () => (hashed ??= hashPassword(TEST_PASSWORD));

let counter = 0;
const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 5)}`;

export interface TestSite {
  companyId: string;
  siteId: string;
  zoneId: string;
  postId: string;
}

export async function createCompanyWithSite(db: Kysely<DB>, now = TEST_NOW): Promise<TestSite> {
  const companyId = newId();
  await db
    .insertInto('companies')
    .values({ id: companyId, name: unique('公司'), created_at: now })
    .execute();
  const { siteId, zoneId, postId } = await createSite(db, companyId, now);
  return { companyId, siteId, zoneId, postId };
}

export async function createSite(db: Kysely<DB>, companyId: string, now = TEST_NOW): Promise<Omit<TestSite, 'companyId'>> {
  const siteId = newId();
  await db
    .insertInto('sites')
    .values({
      id: siteId,
      company_id: companyId,
      name: unique('售楼处'),
      address: '测试路 1 号',
      time_zone: 'Asia/Shanghai',
      opening_hours: JSON.stringify({ open: '08:30', close: '18:00', closedWeekdays: [] }),
      created_at: now,
      updated_at: now,
    })
    .execute();
  const zoneId = newId();
  await db
    .insertInto('zones')
    .values({ id: zoneId, site_id: siteId, kind: 'SALES_HALL', name: '销售大厅', capacity: 30, created_at: now, updated_at: now })
    .execute();
  const postId = newId();
  await db
    .insertInto('posts')
    .values({ id: postId, site_id: siteId, kind: 'HALL', name: '大厅服务岗', zone_id: zoneId, created_at: now, updated_at: now })
    .execute();
  return { siteId, zoneId, postId };
}

export interface TestPerson {
  id: string;
  login: string;
  name: string;
}

export async function createPerson(
  db: Kysely<DB>,
  site: { companyId: string; siteId: string },
  role: Role,
  opts: { postIds?: string[]; now?: number } = {},
): Promise<TestPerson> {
  const now = opts.now ?? TEST_NOW;
  const id = newId();
  const login = unique('u');
  const name = `${role}-${login}`;
  await db
    .insertInto('people')
    .values({
      id,
      company_id: site.companyId,
      login,
      name,
      phone: '13812345678',
      password_hash: await passwordHash(),
      locale: 'zh-CN',
      is_company_admin: role === 'company_admin' ? 1 : 0,
      is_active: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
  if (role !== 'company_admin') {
    await db.insertInto('site_members').values({ site_id: site.siteId, person_id: id, role: role, created_at: now }).execute();
  }
  for (const postId of opts.postIds ?? []) {
    const { kind } = await db.selectFrom('posts').select('kind').where('id', '=', postId).executeTakeFirstOrThrow();
    await db
      .insertInto('post_assignments')
      .values({ post_id: postId, post_kind: kind, person_id: id, site_id: site.siteId, created_at: now })
      .execute();
  }
  return { id, login, name };
}

/** Logs in through the API and returns the Cookie header to send with later requests. */
export async function loginAs(app: App, login: string, password = TEST_PASSWORD): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login, password } });
  if (res.statusCode !== 200) throw new Error(`login ${login} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'anchang_sid');
  if (!cookie) throw new Error('no session cookie');
  return `anchang_sid=${cookie.value}`;
}
