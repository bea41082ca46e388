/**
 * Supplies (物资) on the console and the phone: the reads, page by page, and the writes. Keys,
 * endpoints and which realtime events refetch them are in supplies-api.ts.
 */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MovementKind, PageOf } from '@anchang/contracts';
import { hasRole, ROLE_GROUPS, type MeSite } from '@anchang/contracts';
import { suppliesApi, suppliesKey } from './supplies-api';

/** Receive, issue, count and keep the item list (server: STOCK_KEEPERS = overseers). */
export const canKeepStock = (role: MeSite['role'] | null | undefined): boolean => hasRole(ROLE_GROUPS.overseers, role ?? null);

const infinite = <T>(key: readonly unknown[], fetch: (cursor: string | null) => Promise<PageOf<T>>, enabled = true) => ({
  queryKey: key,
  queryFn: ({ pageParam }: { pageParam: string | null }) => fetch(pageParam),
  initialPageParam: null as string | null,
  getNextPageParam: (last: PageOf<T>) => last.nextCursor,
  enabled,
});

export const useSupplyItems = (siteId: string) =>
  useInfiniteQuery(infinite([...suppliesKey(siteId), 'items'], (cursor) => suppliesApi.items(siteId, { cursor, limit: 100 })));

export const useSupplyStores = (siteId: string) =>
  useQuery({ queryKey: [...suppliesKey(siteId), 'stores'], queryFn: () => suppliesApi.stores(siteId) });

export const useStock = (siteId: string, filter: { storeId?: string; lowOnly?: boolean }) =>
  useInfiniteQuery(infinite([...suppliesKey(siteId), 'stock', filter], (cursor) => suppliesApi.stock(siteId, { cursor, limit: 100, ...filter })));

export const useMovements = (siteId: string, filter: { storeId?: string; kind?: MovementKind }) =>
  useInfiniteQuery(
    infinite([...suppliesKey(siteId), 'movements', filter], (cursor) => suppliesApi.movements(siteId, { cursor, limit: 50, ...filter })),
  );

export const useCountSheets = (siteId: string) =>
  useInfiniteQuery(
    infinite([...suppliesKey(siteId), 'batches', 'count'], (cursor) => suppliesApi.batches(siteId, { cursor, limit: 20, kind: 'count' })),
  );

export const useRequisitionsToIssue = (siteId: string, issued: boolean) =>
  useInfiniteQuery(
    infinite([...suppliesKey(siteId), 'requisitions', issued], (cursor) => suppliesApi.requisitions(siteId, { cursor, limit: 30, issued })),
  );

export const useConsumption = (siteId: string, from: string, to: string) =>
  useInfiniteQuery(
    infinite([...suppliesKey(siteId), 'consumption', from, to], (cursor) => suppliesApi.consumption(siteId, { cursor, limit: 50, from, to })),
  );

/** Every write refreshes the whole supplies cache: levels, ledger and lists move together. */
export function useSuppliesMutation<A, R>(siteId: string, fn: (args: A) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => queryClient.invalidateQueries({ queryKey: suppliesKey(siteId) }),
  });
}

export function flatten<T>(data: { pages: PageOf<T>[] } | undefined): T[] {
  return data ? data.pages.flatMap((p) => p.items) : [];
}
