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

/** The kind of each of these posts that is on the site, by post id: a post missing from the map is not on it. */
export async function findPostKindsOfSite(db: Q, siteId: string, postIds: readonly string[]): Promise<Map<string, string>> {
  if (postIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('posts')
    .select(['id', 'kind'])
    .where('site_id', '=', siteId)
    .where('id', 'in', [...new Set(postIds)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.kind]));
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
