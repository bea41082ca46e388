import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, fetchAllPages, type CreatePersonInput, type UpdatePersonInput } from '../../shared/api/endpoints';
import { queryKeys } from '../../shared/api/query-keys';

export function usePeople(siteId: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.people(siteId),
    queryFn: () => fetchAllPages((p) => api.people.list(siteId, p)),
    enabled: options.enabled ?? true,
  });
}

export type SavePerson = { personId: null; input: CreatePersonInput } | { personId: string; input: UpdatePersonInput };

export function useSavePerson(siteId: string, myId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (save: SavePerson) =>
      save.personId === null ? api.people.create(siteId, save.input) : api.people.update(siteId, save.personId, save.input),
    onSuccess: (_person, save) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.people(siteId) });
      if (save.personId === myId) void queryClient.invalidateQueries({ queryKey: queryKeys.me });
    },
  });
}

export function useRemovePerson(siteId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (personId: string) => api.people.remove(siteId, personId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.people(siteId) }),
  });
}
