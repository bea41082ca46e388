import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type CreateSiteInput, type UpdateSiteInput } from '../../shared/api/endpoints';
import { queryKeys } from '../../shared/api/query-keys';

export function useSite(siteId: string) {
  return useQuery({ queryKey: queryKeys.site(siteId), queryFn: () => api.sites.get(siteId) });
}

export function useUpdateSite(siteId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateSiteInput) => api.sites.update(siteId, input),
    onSuccess: (site) => {
      queryClient.setQueryData(queryKeys.site(siteId), site);
      void queryClient.invalidateQueries({ queryKey: queryKeys.me }); // name and time zone show in me.sites
    },
  });
}

export function useCreateSite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateSiteInput) => api.sites.create(input),
    // The new site must be in me.sites before we navigate to it.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.me }),
  });
}
