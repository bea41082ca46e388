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

/**
 * Deletes the site's photos among `photoIds` (a customer's vehicle-check photos being erased);
 * returns how many went. A photo also proving a checklist item or an anomaly is that record's
 * evidence and stays: those tables hold a foreign key to it.
 */
export async function deletePhotoRows(db: Kysely<DB>, siteId: string, photoIds: readonly string[]): Promise<number> {
  if (photoIds.length === 0) return 0;
  const r = await db
    .deleteFrom('photos')
    .where('site_id', '=', siteId)
    .where('id', 'in', [...new Set(photoIds)])
    .where((eb) => eb.not(eb.exists(eb.selectFrom('checklist_results').select('id').whereRef('checklist_results.photo_id', '=', 'photos.id'))))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('anomalies').select('id').whereRef('anomalies.photo_id', '=', 'photos.id'))))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
