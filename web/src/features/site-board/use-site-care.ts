import { useQuery } from '@tanstack/react-query';
import { shuttleApi, shuttleKeys, visitKeys, visitsApi } from '../visits/visits-api';
import { incidentKeys, incidentsApi } from '../incidents/incidents-api';

/** The hall, the bar queue, the shuttle trips and the open incidents; realtime events refetch them. */
export function useSiteCare(siteId: string) {
  const hall = useQuery({ queryKey: visitKeys.hall(siteId), queryFn: () => visitsApi.hall(siteId) });
  const barQueue = useQuery({ queryKey: visitKeys.barQueue(siteId), queryFn: () => visitsApi.barQueue(siteId) });
  const shuttleTrips = useQuery({
    queryKey: [...shuttleKeys.tripsRoot(siteId), 20],
    queryFn: async () => (await shuttleApi.trips(siteId, { limit: 20 })).items,
  });
  const incidents = useQuery({
    queryKey: [...incidentKeys.all(siteId), 'open', 20],
    queryFn: async () => (await incidentsApi.list(siteId, { status: 'open', limit: 20 })).items,
  });
  return { hall, barQueue, shuttleTrips, incidents };
}
