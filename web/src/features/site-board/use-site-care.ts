import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../shared/api/query-keys';
import { siteCareApi } from '../../shared/api/site-care-endpoints';

/** The hall, the bar queue, the shuttle trips and the open incidents; realtime events refetch them. */
export function useSiteCare(siteId: string) {
  const hall = useQuery({ queryKey: queryKeys.hall(siteId), queryFn: () => siteCareApi.hall(siteId) });
  const barQueue = useQuery({ queryKey: queryKeys.barQueue(siteId), queryFn: () => siteCareApi.barQueue(siteId) });
  const shuttleTrips = useQuery({
    queryKey: [...queryKeys.shuttleTrips(siteId), 20],
    queryFn: async () => (await siteCareApi.shuttleTrips(siteId, { limit: 20 })).items,
  });
  const incidents = useQuery({
    queryKey: [...queryKeys.incidents(siteId), 'open', 20],
    queryFn: async () => (await siteCareApi.incidents(siteId, { status: 'open', limit: 20 })).items,
  });
  return { hall, barQueue, shuttleTrips, incidents };
}
