import { useEffect, useMemo, useState } from 'react';
import { shiftsApi } from '../../shared/api/shifts-endpoints';
import type { OutboxItem } from './outbox';

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
  return local ?? shiftsApi.photos.url(siteId, photoId);
}

/** An object URL for `blob`, revoked when the blob (identified by `id`) changes or on unmount. */
export function useObjectUrl(blob: Blob | null, id: string | null): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!blob) {
      setUrl(null);
      return;
    }
    const next = URL.createObjectURL(blob);
    setUrl(next);
    return () => URL.revokeObjectURL(next);
    // The blob is rebuilt on each render from the same bytes: `id` says when it really changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);
  return url;
}
