/**
 * Photos taken on the phone as proof (a checklist item, an anomaly). Stored in the database so
 * every instance serves them, without their metadata (GPS, time, device); the phone chooses the
 * id, so an upload retried after a lost answer is stored once.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { actorRef, type Actor } from '../../platform/auth/actor.js';
import { requireSiteMember } from '../../platform/auth/policy.js';
import { AppError } from '../../platform/errors.js';
import { ID_PATTERN } from '../../platform/ids.js';
import { writeOnce } from '../../platform/idempotent.js';
import { inWriteBatch, type Deps } from '../../platform/tx.js';
import { recordAudit } from '../audit/index.js';
import { detectImageType } from './image-type.js';
import { photosCitedByAnomalies } from '../anomalies/index.js';
import { photosCitedByChecklists } from '../shifts/index.js';
import { deletePhotoRows, findPhotoBytes, findPhotoMeta, findPhotoAnySite } from './photos.repository.js';
import { stripMetadata, UnreadableImageError } from './strip-metadata.js';

export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;

export interface PhotoMeta {
  id: string;
  contentType: string;
  size: number;
  createdAt: number;
}

export async function uploadPhoto(
  deps: Deps,
  actor: Actor,
  siteId: string,
  id: string,
  upload: Buffer,
): Promise<{ photo: PhotoMeta; created: boolean }> {
  requireSiteMember(actor, siteId);
  if (!ID_PATTERN.test(id)) throw new AppError('INVALID_ID', { message: 'The photo id must be a UUID', params: { id } });
  if (upload.length > PHOTO_MAX_BYTES) {
    throw new AppError('PHOTO_TOO_LARGE', {
      message: 'The photo is too large',
      params: { maxBytes: PHOTO_MAX_BYTES, size: upload.length },
    });
  }
  const contentType = detectImageType(upload);
  if (!contentType) throw new AppError('NOT_AN_IMAGE', { message: 'The file is not a JPEG, PNG, WebP or HEIC image' });
  // Where and when it was taken, and on whose phone, is not kept (PIPL): only the picture.
  let bytes: Buffer;
  try {
    bytes = stripMetadata(upload, contentType);
  } catch (err) {
    if (!(err instanceof UnreadableImageError)) throw err;
    throw new AppError('NOT_AN_IMAGE', { message: 'The image file is damaged' });
  }
  const { value, created } = await writeOnce(
    async () => {
      // One read of the id on every site: two reads (this site, then elsewhere) let a racing copy of
      // this very upload land between them and be taken for another photo.
      const stored = await findPhotoAnySite(deps.db, id);
      if (!stored) return undefined;
      // Another site's photo under this id is a clash like any other, and says nothing of that photo.
      if (stored.site_id !== siteId || stored.uploaded_by !== actor.personId || stored.size !== bytes.length)
        throw new AppError('ID_CONFLICT', { message: 'Another photo already has this id' });
      return { id, contentType: stored.content_type, size: stored.size, createdAt: stored.created_at };
    },
    () =>
      inWriteBatch(deps, async (tx) => {
        tx.deferInsert('photos', {
          id,
          site_id: siteId,
          content_type: contentType,
          size: bytes.length,
          bytes,
          uploaded_by: actor.personId,
          created_at: tx.now,
        });
        await recordAudit(tx, actorRef(actor), {
          siteId,
          action: 'photo.upload',
          entityType: 'photo',
          entityId: id,
          detail: { contentType, size: bytes.length },
        });
        return { id, contentType, size: bytes.length, createdAt: tx.now };
      }),
  );
  return { photo: value, created };
}

export async function readPhoto(deps: Deps, actor: Actor, siteId: string, photoId: string): Promise<{ contentType: string; bytes: Buffer }> {
  requireSiteMember(actor, siteId);
  const row = await findPhotoBytes(deps.db, siteId, photoId);
  if (!row) throw new AppError('PHOTO_NOT_FOUND', { params: { photoId } });
  return { contentType: row.content_type, bytes: Buffer.from(row.bytes) };
}

export async function assertPhotoOnSite(deps: Deps, siteId: string, photoId: string): Promise<void> {
  if (!(await findPhotoMeta(deps.db, siteId, photoId)))
    throw new AppError('PHOTO_NOT_FOUND', { message: 'Upload the photo first', params: { photoId } });
}

/**
 * Deletes the site's photos among `photoIds` (a customer's vehicle-check photos being erased),
 * in the caller's transaction; returns how many went. A photo also proving a checklist item or
 * an anomaly is that record's evidence and stays: those tables hold a foreign key to it.
 */
export async function deleteUncitedPhotos(db: Kysely<DB>, siteId: string, photoIds: readonly string[]): Promise<number> {
  const ids = [...new Set(photoIds)];
  if (ids.length === 0) return 0;
  const cited = new Set([...(await photosCitedByChecklists(db, ids)), ...(await photosCitedByAnomalies(db, ids))]);
  return deletePhotoRows(
    db,
    siteId,
    ids.filter((id) => !cited.has(id)),
  );
}
