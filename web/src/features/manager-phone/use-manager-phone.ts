/**
 * What the manager's phone reads, through the hooks the console already uses (same query keys,
 * so the realtime events that refresh the console refresh the phone too). The one query of its
 * own, the overdue repairs, lives under the work orders' key for the same reason.
 */
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { PageOf, WorkOrder } from '@anchang/contracts';
import { http } from '../../shared/api/client';
import { repairKeys } from '../repairs/repairs-api';
import { visitKeys, visitsApi } from '../visits/visits-api';

/** "12", or "30+" when the first page is not the whole list. */
export function pageCount(page: { items: unknown[]; nextCursor: string | null } | undefined): string | null {
  if (!page) return null;
  return `${page.items.length}${page.nextCursor ? '+' : ''}`;
}

/** Today's visitor totals: the same query the site board's header reads. */
export function useVisitorCounts(siteId: string) {
  return useQuery({ queryKey: visitKeys.counts(siteId), queryFn: () => visitsApi.counts(siteId) });
}

/**
 * Work orders past their arrival limit that are not finished yet: the technician missed the time
 * and the repair still stands. (The list's `breached` filter alone also returns the ones closed long ago.)
 */
export function useOverdueRepairs(siteId: string) {
  return useInfiniteQuery({
    queryKey: [...repairKeys.root(siteId), 'overdue-open'],
    queryFn: ({ pageParam }) =>
      http.get<PageOf<WorkOrder>>(`/sites/${encodeURIComponent(siteId)}/work-orders`, {
        status: 'open',
        breached: true,
        limit: 30,
        cursor: pageParam ?? undefined,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    // `open` is "not yet verified": a repair marked done waits only for its check, nothing overdue.
    select: (data) => ({ ...data, pages: data.pages.map((p) => ({ ...p, items: p.items.filter((o) => o.status !== 'done') })) }),
  });
}
