/**
 * Lost and found (遗失物品) on the phone: the site's found items, page by page, and the writes.
 * Every write makes the server emit `lost_item.changed`, which refetches these lists on every
 * phone at the site (invalidate.ts), so a pending opening shows up for everyone at once.
 */
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { LostItem, PageOf, Signature } from '@anchang/contracts';
import { http } from '../../shared/api/client';
import { queryKeys } from '../../shared/api/query-keys';

const base = (siteId: string) => `/sites/${encodeURIComponent(siteId)}/lost-items`;
const PAGE_SIZE = 20;

export type LostItemFilter = 'unclaimed' | 'all';

export const lostItemsApi = {
  list: (siteId: string, filter: LostItemFilter, cursor: string | null) =>
    http.get<PageOf<LostItem>>(base(siteId), { limit: PAGE_SIZE, cursor: cursor ?? undefined, unclaimed: filter === 'unclaimed' ? true : undefined }),
  register: (siteId: string, body: { id: string; what: string; whereFound: string; foundAt: number; storagePlace: string }) =>
    http.post<LostItem>(base(siteId), body),
  confirmOpening: (siteId: string, lostItemId: string, body: { contents?: string }) =>
    http.post<LostItem>(`${base(siteId)}/${encodeURIComponent(lostItemId)}/open`, body),
  returnToOwner: (siteId: string, lostItemId: string, body: { ownerName: string; ownerPhone?: string; signature: Signature }) =>
    http.post<LostItem>(`${base(siteId)}/${encodeURIComponent(lostItemId)}/return`, body),
};

export function useLostItems(siteId: string, filter: LostItemFilter) {
  return useInfiniteQuery({
    queryKey: [...queryKeys.lostItems(siteId), filter],
    queryFn: ({ pageParam }) => lostItemsApi.list(siteId, filter, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** The writes; each refreshes the lists here at once (the event does so on the other phones). */
export function useLostItemActions(siteId: string) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.lostItems(siteId) });
  const register = useMutation({
    mutationFn: (body: Parameters<typeof lostItemsApi.register>[1]) => lostItemsApi.register(siteId, body),
    onSuccess: refresh,
  });
  const confirmOpening = useMutation({
    mutationFn: ({ id, contents }: { id: string; contents?: string }) => lostItemsApi.confirmOpening(siteId, id, contents ? { contents } : {}),
    onSettled: refresh, // a refusal (someone else was quicker) is news too
  });
  const returnToOwner = useMutation({
    mutationFn: ({ id, ...body }: { id: string; ownerName: string; ownerPhone?: string; signature: Signature }) =>
      lostItemsApi.returnToOwner(siteId, id, body),
    onSuccess: refresh,
  });
  return { register, confirmOpening, returnToOwner };
}
