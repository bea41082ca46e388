import { Type } from '@sinclair/typebox';
import { Photo, PhotoParams } from '@anchang/contracts';
import type { App } from '../../platform/http/types.js';
import type { Deps } from '../../platform/tx.js';
import { PHOTO_MAX_BYTES, readPhoto, uploadPhoto } from './photos.service.js';

export function registerPhotoRoutes(app: App, deps: Deps): void {
  const tags = ['photos'];
  // Raw image bodies. The parser takes a little more than the limit so an oversize photo gets
  // the specific PHOTO_TOO_LARGE answer rather than a generic one.
  app.addContentTypeParser(
    ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: PHOTO_MAX_BYTES * 2 },
    (_req, body, done) => done(null, body),
  );
  app.put(
    '/sites/:siteId/photos/:photoId',
    {
      bodyLimit: PHOTO_MAX_BYTES * 2,
      schema: { tags, summary: 'Upload a photo under an id the phone chose (retry-safe)', params: PhotoParams, response: { 200: Photo, 201: Photo } },
    },
    async (req, reply) => {
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const { photo, created } = await uploadPhoto(deps, req.actor, req.params.siteId, req.params.photoId, body);
      return reply.status(created ? 201 : 200).send(photo);
    },
  );
  app.get(
    '/sites/:siteId/photos/:photoId',
    { schema: { summary: 'Download a photo', tags, params: PhotoParams, response: { 200: Type.Unsafe({ type: 'string', format: 'binary' }) } } },
    async (req, reply) => {
      const photo = await readPhoto(deps, req.actor, req.params.siteId, req.params.photoId);
      return reply.type(photo.contentType).header('cache-control', 'private, max-age=86400, immutable').send(photo.bytes);
    },
  );
}
