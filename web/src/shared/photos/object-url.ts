import { useEffect, useState } from 'react';

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
