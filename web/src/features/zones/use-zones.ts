import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, fetchAllPages, type CreateZoneInput, type UpdateZoneInput } from '../../shared/api/endpoints';
import { queryKeys } from '../../shared/api/query-keys';

/** All zones of the site: a site has tens of zones, so the table pages on the client. */
export function useZones(siteId: string) {
  return useQuery({ queryKey: queryKeys.zones(siteId), queryFn: () => fetchAllPages((p) => api.zones.list(siteId, p)) });
}

export type SaveZone = { zoneId: null; input: CreateZoneInput } | { zoneId: string; input: UpdateZoneInput };

export function useSaveZone(siteId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (save: SaveZone) => (save.zoneId === null ? api.zones.create(siteId, save.input) : api.zones.update(siteId, save.zoneId, save.input)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.zones(siteId) }),
  });
}

export function useDeleteZone(siteId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (zoneId: string) => api.zones.remove(siteId, zoneId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.zones(siteId) }),
  });
}
