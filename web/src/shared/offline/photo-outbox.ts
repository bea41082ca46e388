/**
 * Photos (and other images) kept on the phone until there is a signal: the bytes wait in
 * IndexedDB as their own write, made just before the write that uses them, so the sender
 * uploads them first. The photo's id is made on the phone, so a resend is the same photo.
 */
import type { OutboxOp } from './outbox';
import { registerOutboxKind } from './outbox-registry';
import { photosApi } from '../api/photos';

export interface PhotoOp {
  kind: 'photo';
  siteId: string;
  photoId: string;
  /** The image bytes (ArrayBuffer rather than Blob: every engine stores those in IndexedDB). */
  bytes: ArrayBuffer;
  contentType: string;
}

declare module './outbox-registry' {
  interface OutboxOpsByKind {
    photo: PhotoOp;
  }
}

registerOutboxKind('photo', {
  key: (op) => op.photoId,
  send: (op) => photosApi.upload(op.siteId, op.photoId, new Blob([op.bytes], { type: op.contentType })),
  describe: (_op, t) => t('shiftPhone.outbox.kinds.photo'),
  group: 'shiftPhone.outbox.groups.photo',
  timeoutMs: 60_000,
});

/** The photos as outbox writes (read into bytes now: a Blob from a file input may not outlive the page). */
export async function photoOps(siteId: string, photos: readonly { id: string; blob: Blob }[]): Promise<OutboxOp[]> {
  return Promise.all(
    photos.map(async (p): Promise<PhotoOp> => ({
      kind: 'photo',
      siteId,
      photoId: p.id,
      bytes: await p.blob.arrayBuffer(),
      contentType: p.blob.type || 'image/jpeg',
    })),
  );
}
