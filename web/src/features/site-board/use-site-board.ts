import { useQuery } from '@tanstack/react-query';
import { visitKeys, visitsApi } from '../visits/visits-api';

/**
 * Open visits, today's last closed ones (for recent hand-offs) and the counts; events refetch them.
 * `dayStart` (the site's midnight) keeps yesterday's visits off the live board: a walk-in's
 * farewell is never received by anyone, and would read as still waiting the next morning.
 */
export function useSiteBoard(siteId: string, dayStart?: number) {
  const open = useQuery({
    queryKey: [...visitKeys.root(siteId), 'open'],
    queryFn: async () => (await visitsApi.list(siteId, { status: 'open', limit: 200 })).items,
  });
  const closed = useQuery({
    queryKey: [...visitKeys.root(siteId), 'closed', 20, dayStart ?? null],
    queryFn: async () => (await visitsApi.list(siteId, { status: 'closed', limit: 20, arrivedSince: dayStart })).items,
  });
  const counts = useQuery({ queryKey: visitKeys.counts(siteId), queryFn: () => visitsApi.counts(siteId) });
  return { open, closed, counts };
}
