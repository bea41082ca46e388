/**
 * The visits scenario's sales centers, written straight through Kysely into the bench server's
 * database after the demo seed: site i gets a car park (capacity 500) and a sales hall, the posts
 * PARK, HALL and MODEL, and one staff account on each post, `park-i`, `hall-i`, `model-i`, all with
 * the password VISIT_STAFF_PASSWORD (hashed once, the hash reused).
 */
import type { Kysely } from 'kysely';
import type { PostKind } from '@anchang/contracts';
import type { DB } from '../server/src/db/schema.js';
import { hashPassword } from '../server/src/platform/auth/password.js';
import { newId } from '../server/src/platform/ids.js';

export const VISIT_STAFF_PASSWORD = 'anchang123';
export const VISIT_POSTS = ['park', 'hall', 'model'] as const;
export type VisitPost = (typeof VISIT_POSTS)[number];

export const visitLogin = (post: VisitPost, site: number) => `${post}-${site}`;

export interface VisitSite {
  siteId: string;
  parkPersonId: string;
}

const POST_OF: Record<VisitPost, { kind: PostKind; name: string; zone: 'CAR_PARK' | 'SALES_HALL' | null; person: string }> = {
  park: { kind: 'PARK', name: '车场服务岗', zone: 'CAR_PARK', person: '车场' },
  hall: { kind: 'HALL', name: '销售大厅服务岗', zone: 'SALES_HALL', person: '大厅' },
  model: { kind: 'MODEL', name: '样板房讲解岗', zone: null, person: '样板房' },
};

export async function seedVisitSites(db: Kysely<DB>, count: number, now: number): Promise<VisitSite[]> {
  const company = await db.selectFrom('companies').select('id').orderBy('created_at').executeTakeFirstOrThrow();
  const passwordHash = await hashPassword(VISIT_STAFF_PASSWORD);
  const out: VisitSite[] = [];
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < count; i++) {
      const siteId = newId();
      await trx
        .insertInto('sites')
        .values({
          id: siteId,
          company_id: company.id,
          name: `压测售楼处 ${i}`,
          address: `杭州市压测路 ${i} 号`,
          time_zone: 'Asia/Shanghai',
          opening_hours: JSON.stringify({ open: '08:30', close: '18:00', closedWeekdays: [] }),
          created_at: now,
          updated_at: now,
        })
        .execute();
      const carPark = newId();
      const hall = newId();
      await trx
        .insertInto('zones')
        .values([
          { id: carPark, site_id: siteId, kind: 'CAR_PARK', name: '访客停车场', capacity: 500, created_at: now, updated_at: now },
          { id: hall, site_id: siteId, kind: 'SALES_HALL', name: '销售大厅', capacity: 40, created_at: now, updated_at: now },
        ])
        .execute();
      let parkPersonId = '';
      for (const post of VISIT_POSTS) {
        const p = POST_OF[post];
        const postId = newId();
        const personId = newId();
        if (post === 'park') parkPersonId = personId;
        const zoneId = p.zone === 'CAR_PARK' ? carPark : p.zone === 'SALES_HALL' ? hall : null;
        await trx
          .insertInto('posts')
          .values({ id: postId, site_id: siteId, kind: p.kind, name: p.name, zone_id: zoneId, created_at: now, updated_at: now })
          .execute();
        await trx
          .insertInto('people')
          .values({
            id: personId,
            company_id: company.id,
            login: visitLogin(post, i),
            name: `${p.person} ${i}`,
            phone: `139${String(i * 3 + VISIT_POSTS.indexOf(post)).padStart(8, '0')}`,
            password_hash: passwordHash,
            locale: 'zh-CN',
            is_company_admin: 0,
            is_active: 1,
            created_at: now,
            updated_at: now,
          })
          .execute();
        await trx.insertInto('site_members').values({ site_id: siteId, person_id: personId, role: 'staff', created_at: now }).execute();
        await trx
          .insertInto('post_assignments')
          .values({ post_id: postId, post_kind: p.kind, person_id: personId, site_id: siteId, created_at: now })
          .execute();
      }
      out.push({ siteId, parkPersonId });
    }
  });
  return out;
}

/** The sites another bench instance seeded on this database, in the same order (site i has `park-i`). */
export async function findVisitSites(db: Kysely<DB>, count: number): Promise<VisitSite[]> {
  const rows = await db
    .selectFrom('people as p')
    .innerJoin('site_members as m', 'm.person_id', 'p.id')
    .select(['p.id', 'p.login', 'm.site_id'])
    .where('p.login', 'like', 'park-%')
    .execute();
  const byIndex = new Map(rows.map((r) => [r.login, { siteId: r.site_id, parkPersonId: r.id }]));
  return Array.from({ length: count }, (_, i) => {
    const site = byIndex.get(visitLogin('park', i));
    if (!site) throw new Error(`no bench site ${i} on this database: the first instance seeds them`);
    return site;
  });
}
