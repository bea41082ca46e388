import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../shared/api/query-keys';
import { type CreateSiteInput, siteKeys, sitesApi, type UpdateSiteInput } from './sites-api';

export function useSite(siteId: string) {
  return useQuery({ queryKey: siteKeys.detail(siteId), queryFn: () => sitesApi.get(siteId) });
}

export function useUpdateSite(siteId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateSiteInput) => sitesApi.update(siteId, input),
    onSuccess: (site) => {
      queryClient.setQueryData(siteKeys.detail(siteId), site);
      void queryClient.invalidateQueries({ queryKey: queryKeys.me }); // name and time zone show in me.sites
    },
  });
}

export function useCreateSite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateSiteInput) => sitesApi.create(input),
    // The new site must be in me.sites before we navigate to it.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.me }),
  });
}
