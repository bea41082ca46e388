/**
 * Photos from the phone's camera are often 4000 px and several MB; on a weak signal that is a
 * long upload. Larger ones are drawn into a canvas at most 1600 px on the long edge and sent as
 * JPEG; small ones go as they are. The server takes JPEG, PNG, WebP and HEIC up to 5 MB.
 */
export const MAX_EDGE_PX = 1600;
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
/** Below this, a photo in a format the server takes goes as it is. */
const KEEP_AS_IS_BYTES = 1.5 * 1024 * 1024;
const SERVER_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp']);
const JPEG_QUALITY = 0.82;

export class PhotoError extends Error {
  constructor(readonly reason: 'unreadable' | 'tooLarge') {
    super(reason);
  }
}

/** The size to draw at: the long edge at most `maxEdge`, never enlarged. */
export function fitWithin(width: number, height: number, maxEdge: number = MAX_EDGE_PX): { width: number; height: number } {
  const scale = Math.min(1, maxEdge / Math.max(width, height, 1));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

export async function preparePhoto(file: Blob): Promise<Blob> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    // This browser cannot decode it (HEIC on most Androids): send it as it is if the server can.
    if ((file.type === 'image/heic' || SERVER_TYPES.has(file.type)) && file.size <= MAX_UPLOAD_BYTES) return file;
    throw new PhotoError('unreadable');
  }
  try {
    const size = fitWithin(bitmap.width, bitmap.height);
    const isSmall = size.width === bitmap.width && size.height === bitmap.height && file.size <= KEEP_AS_IS_BYTES;
    if (isSmall && SERVER_TYPES.has(file.type)) return file;
    const canvas = document.createElement('canvas');
    canvas.width = size.width;
    canvas.height = size.height;
    const context = canvas.getContext('2d');
    if (!context) throw new PhotoError('unreadable');
    context.fillStyle = '#fff'; // a transparent PNG becomes white, not black, as JPEG
    context.fillRect(0, 0, size.width, size.height);
    context.drawImage(bitmap, 0, 0, size.width, size.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', JPEG_QUALITY));
    if (!blob) throw new PhotoError('unreadable');
    if (blob.size > MAX_UPLOAD_BYTES) throw new PhotoError('tooLarge');
    return blob;
  } finally {
    bitmap.close();
  }
}
