/**
 * A site's photos: uploaded under an id the phone makes (so the outbox resends one safely) and
 * shown by URL. Shifts, anomalies, incidents, repairs, handovers and most phone forms share them.
 */
import type { Photo } from '@anchang/contracts';
import { request } from './client';
import { sitePath } from './endpoints';

export const photosApi = {
  upload: (siteId: string, photoId: string, file: Blob) => request<Photo>('PUT', `${sitePath(siteId)}/photos/${photoId}`, { rawBody: file }),
  url: (siteId: string, photoId: string) => `/api${sitePath(siteId)}/photos/${photoId}`,
};
