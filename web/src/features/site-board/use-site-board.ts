import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../shared/api/query-keys';
import { visitsApi } from '../../shared/api/visits-endpoints';

/** Open visits, today's last closed ones (for recent hand-offs) and the counts; events refetch them. */
export function useSiteBoard(siteId: string) {
  const open = useQuery({
    queryKey: [...queryKeys.visitsRoot(siteId), 'open'],
    queryFn: async () => (await visitsApi.list(siteId, { status: 'open', limit: 200 })).items,
  });
  const closed = useQuery({
    queryKey: [...queryKeys.visitsRoot(siteId), 'closed', 20],
    queryFn: async () => (await visitsApi.list(siteId, { status: 'closed', limit: 20 })).items,
  });
  const counts = useQuery({ queryKey: queryKeys.visitorCounts(siteId), queryFn: () => visitsApi.counts(siteId) });
  return { open, closed, counts };
}
