import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

export const findPhotoMeta = (db: Kysely<DB>, siteId: string, photoId: string) =>
  db
    .selectFrom('photos')
    .select(['id', 'site_id', 'content_type', 'size', 'uploaded_by', 'created_at'])
    .where('site_id', '=', siteId)
    .where('id', '=', photoId)
    .executeTakeFirst();

export const findPhotoBytes = (db: Kysely<DB>, siteId: string, photoId: string) =>
  db.selectFrom('photos').select(['content_type', 'bytes']).where('site_id', '=', siteId).where('id', '=', photoId).executeTakeFirst();
