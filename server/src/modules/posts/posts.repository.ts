import type { Kysely, Transaction } from 'kysely';
import type { DB, PostsTable } from '../../db/schema.js';
import type { PageRequest } from '../../platform/http/pagination.js';

type Q = Kysely<DB> | Transaction<DB>;

export const findPostRow = (db: Q, siteId: string, postId: string) =>
  db.selectFrom('posts').selectAll().where('site_id', '=', siteId).where('id', '=', postId).executeTakeFirst();

export function listPostRows(db: Q, siteId: string, page: PageRequest) {
  let q = db.selectFrom('posts').selectAll().where('site_id', '=', siteId);
  if (page.afterId) q = q.where('id', '>', page.afterId);
  return q
    .orderBy('id')
    .limit(page.limit + 1)
    .execute();
}

export async function countPostsOfSite(db: Q, siteId: string, postIds: string[]): Promise<number> {
  if (postIds.length === 0) return 0;
  const r = await db
    .selectFrom('posts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('site_id', '=', siteId)
    .where('id', 'in', postIds)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function updatePostRow(db: Q, postId: string, patch: Partial<PostsTable>): Promise<void> {
  await db.updateTable('posts').set(patch).where('id', '=', postId).execute();
}

export async function deletePostRow(db: Q, postId: string): Promise<void> {
  await db.deleteFrom('posts').where('id', '=', postId).execute();
}

export const listPostIdsOfSite = async (db: Q, siteId: string) =>
  (await db.selectFrom('posts').select('id').where('site_id', '=', siteId).orderBy('id').execute()).map((r) => r.id);

export async function findPostsByIds(db: Q, postIds: string[]) {
  if (postIds.length === 0) return [];
  return db
    .selectFrom('posts')
    .selectAll()
    .where('id', 'in', [...new Set(postIds)])
    .execute();
}

export const listPostsOfSite = (db: Q, siteId: string) => db.selectFrom('posts').selectAll().where('site_id', '=', siteId).orderBy('id').execute();

/** How many posts sit in a zone: a zone with posts may not be deleted. */
export async function countPostsInZone(db: Q, zoneId: string): Promise<number> {
  const r = await db
    .selectFrom('posts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('zone_id', '=', zoneId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
