import type { Kysely, Transaction } from 'kysely';
import type { DB, StandardVersionsTable } from '../../db/schema.js';

type Q = Kysely<DB> | Transaction<DB>;

/** The newest version of every post's standard on a site. */
export async function listCurrentVersions(db: Q, siteId: string): Promise<StandardVersionsTable[]> {
  const rows = await db
    .selectFrom('standard_versions')
    .selectAll()
    .where('site_id', '=', siteId)
    .orderBy('post_kind')
    .orderBy('version', 'desc')
    .execute();
  const seen = new Set<string>();
  return rows.filter((r) => (seen.has(r.post_kind) ? false : (seen.add(r.post_kind), true)));
}

export const findCurrentVersion = (db: Q, siteId: string, postKind: string) =>
  db
    .selectFrom('standard_versions')
    .selectAll()
    .where('site_id', '=', siteId)
    .where('post_kind', '=', postKind)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();

export const findVersionById = (db: Q, id: string) => db.selectFrom('standard_versions').selectAll().where('id', '=', id).executeTakeFirst();

export function listVersionsOfPost(db: Q, siteId: string, postKind: string) {
  return db
    .selectFrom('standard_versions')
    .select(['id', 'version', 'change_note', 'created_at', 'created_by'])
    .where('site_id', '=', siteId)
    .where('post_kind', '=', postKind)
    .orderBy('version', 'desc')
    .limit(100)
    .execute();
}

export async function insertVersion(db: Q, row: StandardVersionsTable): Promise<void> {
  await db.insertInto('standard_versions').values(row).execute();
}

export const findSettingsRow = (db: Q, siteId: string) =>
  db.selectFrom('site_standard_settings').selectAll().where('site_id', '=', siteId).executeTakeFirst();

export async function upsertSettingsRow(db: Q, siteId: string, settings: string, now: number): Promise<void> {
  await db
    .insertInto('site_standard_settings')
    .values({ site_id: siteId, settings, updated_at: now })
    .onConflict((oc) => oc.column('site_id').doUpdateSet({ settings, updated_at: now }))
    .execute();
}

export function findVersionsByIds(db: Q, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('standard_versions').selectAll().where('id', 'in', ids).execute();
}
