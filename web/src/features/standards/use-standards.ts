import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AdoptLibraryUpdateBody, PostKind, StandardSettings, UpdateStandardBody } from '@anchang/contracts';
import { standardKeys, standardsApi } from './standards-api';

/** The site's standards, one per post kind (empty until the site adopts the library). */
export function useStandards(siteId: string) {
  return useQuery({ queryKey: standardKeys.all(siteId), queryFn: () => standardsApi.list(siteId) });
}

export function useAdoptStandards(siteId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => standardsApi.adopt(siteId),
    onSuccess: (summaries) => {
      queryClient.setQueryData(standardKeys.all(siteId), summaries);
      void queryClient.invalidateQueries({ queryKey: standardKeys.settings(siteId) });
    },
  });
}

/** Takes the library's newest version into the site's copy (only the posts still on an older one change). */
export function useAdoptLibraryUpdate(siteId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AdoptLibraryUpdateBody) => standardsApi.adoptUpdate(siteId, input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: standardKeys.all(siteId) }),
  });
}

export function useStandard(siteId: string, postKind: PostKind) {
  return useQuery({ queryKey: standardKeys.one(siteId, postKind), queryFn: () => standardsApi.get(siteId, postKind) });
}

/** Under the standard's key, so a `standard.changed` event refreshes the history too. */
export function useStandardVersions(siteId: string, postKind: PostKind) {
  return useQuery({ queryKey: [...standardKeys.one(siteId, postKind), 'versions'], queryFn: () => standardsApi.versions(siteId, postKind) });
}

export function useSaveStandard(siteId: string, postKind: PostKind) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateStandardBody) => standardsApi.save(siteId, postKind, input),
    onSuccess: (saved) => {
      queryClient.setQueryData(standardKeys.one(siteId, postKind), saved);
      void queryClient.invalidateQueries({ queryKey: standardKeys.all(siteId) });
    },
  });
}

export function useStandardSettings(siteId: string) {
  return useQuery({ queryKey: standardKeys.settings(siteId), queryFn: () => standardsApi.settings(siteId) });
}

export function useSaveStandardSettings(siteId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: StandardSettings) => standardsApi.saveSettings(siteId, input),
    onSuccess: (saved) => queryClient.setQueryData(standardKeys.settings(siteId), saved),
  });
}
