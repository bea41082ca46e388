import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AdoptLibraryUpdateBody, PostKind, StandardSettings, UpdateStandardBody } from '@anchang/contracts';
import { queryKeys } from '../../shared/api/query-keys';
import { shiftsApi } from '../../shared/api/shifts-endpoints';

/** The site's standards, one per post kind (empty until the site adopts the library). */
export function useStandards(siteId: string) {
  return useQuery({ queryKey: queryKeys.standards(siteId), queryFn: () => shiftsApi.standards.list(siteId) });
}

export function useAdoptStandards(siteId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => shiftsApi.standards.adopt(siteId),
    onSuccess: (summaries) => {
      queryClient.setQueryData(queryKeys.standards(siteId), summaries);
      void queryClient.invalidateQueries({ queryKey: queryKeys.standardSettings(siteId) });
    },
  });
}

/** Takes the library's newest version into the site's copy (only the posts still on an older one change). */
export function useAdoptLibraryUpdate(siteId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AdoptLibraryUpdateBody) => shiftsApi.standards.adoptUpdate(siteId, input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.standards(siteId) }),
  });
}

export function useStandard(siteId: string, postKind: PostKind) {
  return useQuery({ queryKey: queryKeys.standard(siteId, postKind), queryFn: () => shiftsApi.standards.get(siteId, postKind) });
}

/** Under the standard's key, so a `standard.changed` event refreshes the history too. */
export function useStandardVersions(siteId: string, postKind: PostKind) {
  return useQuery({ queryKey: [...queryKeys.standard(siteId, postKind), 'versions'], queryFn: () => shiftsApi.standards.versions(siteId, postKind) });
}

export function useSaveStandard(siteId: string, postKind: PostKind) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateStandardBody) => shiftsApi.standards.save(siteId, postKind, input),
    onSuccess: (saved) => {
      queryClient.setQueryData(queryKeys.standard(siteId, postKind), saved);
      void queryClient.invalidateQueries({ queryKey: queryKeys.standards(siteId) });
    },
  });
}

export function useStandardSettings(siteId: string) {
  return useQuery({ queryKey: queryKeys.standardSettings(siteId), queryFn: () => shiftsApi.standards.settings(siteId) });
}

export function useSaveStandardSettings(siteId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: StandardSettings) => shiftsApi.standards.saveSettings(siteId, input),
    onSuccess: (saved) => queryClient.setQueryData(queryKeys.standardSettings(siteId), saved),
  });
}
