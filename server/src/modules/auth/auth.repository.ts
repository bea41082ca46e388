import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

type Q = Kysely<DB> | Transaction<DB>;

export const findPersonByLogin = (db: Q, login: string) =>
  db.selectFrom('people').selectAll().where('login', '=', login.toLowerCase()).executeTakeFirst();
export const findPersonById = (db: Q, id: string) => db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
export const findCompanyName = async (db: Q, id: string) =>
  (await db.selectFrom('companies').select('name').where('id', '=', id).executeTakeFirst())?.name ?? '';

export async function updatePasswordHash(db: Q, personId: string, hash: string, now: number): Promise<void> {
  await db.updateTable('people').set({ password_hash: hash, updated_at: now }).where('id', '=', personId).execute();
}

export function listSitesByIds(db: Q, siteIds: string[]) {
  if (siteIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('sites').select(['id', 'name', 'time_zone']).where('id', 'in', siteIds).orderBy('id').execute();
}

export function listAssignedPosts(db: Q, personId: string) {
  return db
    .selectFrom('post_assignments as a')
    .innerJoin('posts as p', 'p.id', 'a.post_id')
    .select(['p.id', 'p.name', 'p.kind', 'p.site_id'])
    .where('a.person_id', '=', personId)
    .orderBy('p.id')
    .execute();
}
