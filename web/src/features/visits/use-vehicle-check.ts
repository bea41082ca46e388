/** The vehicle-body check of a visit: read (null when none yet) and save. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { VehicleCheck, VehicleCheckBody } from '@anchang/contracts';
import { http, isApiError } from '../../shared/api/client';

const path = (siteId: string, visitId: string) => `/sites/${encodeURIComponent(siteId)}/visits/${encodeURIComponent(visitId)}/vehicle-check`;

/**
 * Kept outside the visits key on purpose: every visit event invalidates that one, and a car park
 * full of rows would each refetch their check for someone else's hand-off.
 */
export const vehicleCheckKey = (siteId: string, visitId: string) => ['site', siteId, 'vehicle-check', visitId] as const;

/** Read only when opened: the visit list says whether a car has its check (`hasVehicleCheck`). */
export function useVehicleCheck(siteId: string, visitId: string, enabled = true) {
  return useQuery({
    enabled,
    queryKey: vehicleCheckKey(siteId, visitId),
    queryFn: async (): Promise<VehicleCheck | null> => {
      try {
        return await http.get<VehicleCheck>(path(siteId, visitId));
      } catch (error) {
        // The server answers a visit without a check as not found: that is "not checked yet".
        if (isApiError(error, 'VISIT_NOT_FOUND')) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

export function useSaveVehicleCheck(siteId: string, visitId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: VehicleCheckBody) => http.put<VehicleCheck>(path(siteId, visitId), body),
    onSuccess: (saved) => queryClient.setQueryData(vehicleCheckKey(siteId, visitId), saved),
  });
}
