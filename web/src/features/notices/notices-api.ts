/** Notices (通知) of a site through the API, refetched on `notification.created`. */
import type { CreateNotificationBody, Notification, PageOf } from '@anchang/contracts';
import { http } from '../../shared/api/client';
import { pageQuery, sitePath, type PageParams } from '../../shared/api/endpoints';
import type { FeatureInvalidations } from '../../shared/realtime/invalidation-rules';

// The schema's default body makes it optional for a caller.
export type CreateNotificationInput = Omit<CreateNotificationBody, 'body'> & { body?: string };

export const noticeKeys = {
  all: (siteId: string) => ['site', siteId, 'notifications'] as const,
};

export const noticesApi = {
  list: (siteId: string, p?: PageParams) => http.get<PageOf<Notification>>(`${sitePath(siteId)}/notifications`, pageQuery(p)),
  create: (siteId: string, input: CreateNotificationInput) => http.post<Notification>(`${sitePath(siteId)}/notifications`, input),
};

export const noticeInvalidations: FeatureInvalidations = {
  // A notice to one person travels in their user room, where the event has no siteId: any site's list may hold it.
  'notification.created': ({ siteId }) =>
    siteId ? [noticeKeys.all(siteId)] : [{ matches: (queryKey) => queryKey[0] === 'site' && queryKey[2] === 'notifications' }],
};
