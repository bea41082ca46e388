/**
 * Supplies (物资) through the API: items, stores, on-hand, the ledger, receipts, issues,
 * counts, approved requisitions to issue and the weekly consumption. Everything is cached under
 * ['site', siteId, 'supplies', …], which the realtime `supplies.*` events invalidate.
 */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ItemConsumption,
  MovementKind,
  PageOf,
  RequisitionToIssue,
  StockBatch,
  StockBatchBody,
  StockCountBody,
  StockLevel,
  StockMovement,
  SupplyItem,
  SupplyItemBody,
  SupplyStore,
  UpdateSupplyItemBody,
} from '@anchang/contracts';
import { hasRole, ROLE_GROUPS, type MeSite } from '@anchang/contracts';
import { http } from '../../shared/api/client';

const base = (siteId: string) => `/sites/${encodeURIComponent(siteId)}/supplies`;
export const suppliesKey = (siteId: string) => ['site', siteId, 'supplies'] as const;

/** Receive, issue, count and keep the item list (server: STOCK_KEEPERS = overseers). */
export const canKeepStock = (role: MeSite['role'] | null | undefined): boolean => hasRole(ROLE_GROUPS.overseers, role ?? null);

type Page = { cursor?: string | null; limit?: number };
const page = (p: Page) => ({ cursor: p.cursor ?? undefined, limit: p.limit });

export const suppliesApi = {
  items: (siteId: string, p: Page) => http.get<PageOf<SupplyItem>>(`${base(siteId)}/items`, page(p)),
  createItem: (siteId: string, input: SupplyItemBody) => http.post<SupplyItem>(`${base(siteId)}/items`, input),
  updateItem: (siteId: string, id: string, input: UpdateSupplyItemBody) => http.patch<SupplyItem>(`${base(siteId)}/items/${id}`, input),
  archiveItem: (siteId: string, id: string) => http.delete(`${base(siteId)}/items/${id}`),
  stores: (siteId: string) => http.get<PageOf<SupplyStore>>(`${base(siteId)}/stores`, { limit: 200 }),
  createStore: (siteId: string, name: string) => http.post<SupplyStore>(`${base(siteId)}/stores`, { name }),
  stock: (siteId: string, p: Page & { storeId?: string; lowOnly?: boolean }) =>
    http.get<PageOf<StockLevel>>(`${base(siteId)}/stock`, { ...page(p), storeId: p.storeId, lowOnly: p.lowOnly ? 'true' : undefined }),
  movements: (siteId: string, p: Page & { storeId?: string; kind?: MovementKind }) =>
    http.get<PageOf<StockMovement>>(`${base(siteId)}/movements`, { ...page(p), storeId: p.storeId, kind: p.kind }),
  batches: (siteId: string, p: Page & { kind?: MovementKind }) =>
    http.get<PageOf<StockBatch>>(`${base(siteId)}/batches`, { ...page(p), kind: p.kind }),
  receive: (siteId: string, input: StockBatchBody) => http.post<StockBatch>(`${base(siteId)}/receipts`, input),
  issue: (siteId: string, input: StockBatchBody) => http.post<StockBatch>(`${base(siteId)}/issues`, input),
  count: (siteId: string, input: StockCountBody) => http.post<StockBatch>(`${base(siteId)}/counts`, input),
  requisitions: (siteId: string, p: Page & { issued: boolean }) =>
    http.get<PageOf<RequisitionToIssue>>(`${base(siteId)}/requisitions`, { ...page(p), issued: String(p.issued) }),
  issueRequisition: (siteId: string, requisitionId: string, storeId: string) =>
    http.post<StockBatch>(`${base(siteId)}/requisitions/${requisitionId}/issue`, { storeId }),
  consumption: (siteId: string, p: Page & { from: string; to: string }) =>
    http.get<PageOf<ItemConsumption>>(`${base(siteId)}/consumption`, { ...page(p), from: p.from, to: p.to }),
};

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
