import { useInfiniteQuery, useMutation, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import type { Notification, PageOf } from '@anchang/contracts';
import { type CreateNotificationInput, noticeKeys, noticesApi } from './notices-api';

type NotificationPages = InfiniteData<PageOf<Notification>, string | null>;

/** Notices this person may see at the site, newest first. */
export function useNotifications(siteId: string, options: { limit?: number; enabled?: boolean } = {}) {
  return useInfiniteQuery({
    queryKey: noticeKeys.all(siteId),
    queryFn: ({ pageParam }) => noticesApi.list(siteId, { cursor: pageParam, limit: options.limit ?? 20 }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: options.enabled ?? true,
  });
}

export function useSendNotification(siteId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateNotificationInput) => noticesApi.create(siteId, input),
    onSuccess: (created) => {
      prependNotification(queryClient, siteId, created);
      void queryClient.invalidateQueries({ queryKey: noticeKeys.all(siteId) });
    },
  });
}

/**
 * Puts a notice at the top of the cached list at once (from a realtime event or our own send);
 * the refetch that follows replaces it with the server's copy.
 */
export function prependNotification(queryClient: ReturnType<typeof useQueryClient>, siteId: string, notification: Notification): void {
  queryClient.setQueryData<NotificationPages>(noticeKeys.all(siteId), (data) => {
    if (!data) return data;
    if (data.pages.some((p) => p.items.some((n) => n.id === notification.id))) return data;
    const [first, ...rest] = data.pages;
    if (!first) return data;
    return { ...data, pages: [{ ...first, items: [notification, ...first.items] }, ...rest] };
  });
}

export const flattenPages = <T>(data: InfiniteData<PageOf<T>, unknown> | undefined): T[] => data?.pages.flatMap((p) => p.items) ?? [];
