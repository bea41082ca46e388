import { useMemo } from 'react';
import { useObjectUrl } from '../../shared/photos/object-url';
import type { OutboxItem } from '../../shared/offline/outbox';
import { photosApi } from '../../shared/api/photos';

/**
 * Where to show a record's photo from: the bytes still in the outbox while it waits (no signal
 * needed), else the server's copy.
 */
export function usePhotoUrl(siteId: string, photoId: string | null, outbox: readonly OutboxItem[]): string | null {
  const waiting = useMemo(() => {
    if (!photoId) return null;
    const item = outbox.find((i) => i.op.kind === 'photo' && i.op.photoId === photoId);
    return item?.op.kind === 'photo' ? item.op : null;
  }, [outbox, photoId]);
  const local = useObjectUrl(waiting ? new Blob([waiting.bytes], { type: waiting.contentType }) : null, waiting?.photoId ?? null);
  if (!photoId) return null;
  return local ?? photosApi.url(siteId, photoId);
}
