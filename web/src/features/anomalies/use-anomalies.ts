import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { UpdateAnomalyBody } from '@anchang/contracts';
import { dayBoardKeys } from '../day-board/day-board-api';
import { anomaliesApi, anomalyKeys } from './anomalies-api';

export const ANOMALY_FILTERS = ['unresolved', 'resolved', 'all'] as const;
export type AnomalyFilter = (typeof ANOMALY_FILTERS)[number];

/** The site's anomalies, newest first, one page per "load more"; realtime events refetch the loaded pages. */
export function useAnomalies(siteId: string, filter: AnomalyFilter) {
  return useInfiniteQuery({
    queryKey: anomalyKeys.list(siteId, filter),
    queryFn: ({ pageParam }) => anomaliesApi.list(siteId, { cursor: pageParam, limit: 30, ...(filter === 'all' ? {} : { status: filter }) }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useHandleAnomaly(siteId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ anomalyId, input }: { anomalyId: string; input: UpdateAnomalyBody }) => anomaliesApi.handle(siteId, anomalyId, input),
    onSettled: () => {
      // Also after a failure: ANOMALY_ALREADY_RESOLVED means our copy is stale.
      void queryClient.invalidateQueries({ queryKey: anomalyKeys.root(siteId) });
      void queryClient.invalidateQueries({ queryKey: dayBoardKeys.root(siteId) });
    },
  });
}
