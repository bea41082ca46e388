import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { DecideRequisitionBody } from '@anchang/contracts';
import { requisitionKeys, requisitionsApi } from './forms-api';

export const REQUISITION_FILTERS = ['pending', 'approved', 'rejected', 'all'] as const;
export type RequisitionFilter = (typeof REQUISITION_FILTERS)[number];

/** 物资领用申请, newest first, one page per "load more". */
export function useRequisitions(siteId: string, filter: RequisitionFilter) {
  return useInfiniteQuery({
    queryKey: requisitionKeys.list(siteId, filter),
    queryFn: ({ pageParam }) => requisitionsApi.list(siteId, { cursor: pageParam, limit: 30, ...(filter === 'all' ? {} : { status: filter }) }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useDecideRequisition(siteId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: DecideRequisitionBody }) => requisitionsApi.decide(siteId, id, input),
    // Also after a failure: REQUISITION_ALREADY_DECIDED means another manager got there first.
    onSettled: () => queryClient.invalidateQueries({ queryKey: requisitionKeys.root(siteId) }),
  });
}
