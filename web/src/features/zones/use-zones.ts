import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchAllPages } from '../../shared/api/endpoints';
import { type CreateZoneInput, type UpdateZoneInput, zoneKeys, zonesApi } from './zones-api';

/** All zones of the site: a site has tens of zones, so the table pages on the client. */
export function useZones(siteId: string) {
  return useQuery({ queryKey: zoneKeys.all(siteId), queryFn: () => fetchAllPages((p) => zonesApi.list(siteId, p)) });
}

export type SaveZone = { zoneId: null; input: CreateZoneInput } | { zoneId: string; input: UpdateZoneInput };

export function useSaveZone(siteId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (save: SaveZone) => (save.zoneId === null ? zonesApi.create(siteId, save.input) : zonesApi.update(siteId, save.zoneId, save.input)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: zoneKeys.all(siteId) }),
  });
}

export function useDeleteZone(siteId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (zoneId: string) => zonesApi.remove(siteId, zoneId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: zoneKeys.all(siteId) }),
  });
}
