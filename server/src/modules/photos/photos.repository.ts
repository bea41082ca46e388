import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

export const findPhotoMeta = (db: Kysely<DB>, siteId: string, photoId: string) =>
  db
    .selectFrom('photos')
    .select(['id', 'site_id', 'content_type', 'size', 'uploaded_by', 'created_at'])
    .where('site_id', '=', siteId)
    .where('id', '=', photoId)
    .executeTakeFirst();

/** Any site's photo with this id: an id is unique across sites, so a clash must be told apart. */
/** The photo under this id on any site: one read, so a copy of an upload racing the first sees it whole or not at all. */
export const findPhotoAnySite = (db: Kysely<DB>, photoId: string) =>
  db.selectFrom('photos').select(['id', 'site_id', 'content_type', 'size', 'uploaded_by', 'created_at']).where('id', '=', photoId).executeTakeFirst();

export const findPhotoBytes = (db: Kysely<DB>, siteId: string, photoId: string) =>
  db.selectFrom('photos').select(['content_type', 'bytes']).where('site_id', '=', siteId).where('id', '=', photoId).executeTakeFirst();

/** Deletes the site's photos among `photoIds`; returns how many went. */
export async function deletePhotoRows(db: Kysely<DB>, siteId: string, photoIds: readonly string[]): Promise<number> {
  if (photoIds.length === 0) return 0;
  const r = await db
    .deleteFrom('photos')
    .where('site_id', '=', siteId)
    .where('id', 'in', [...photoIds])
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
