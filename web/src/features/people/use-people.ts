import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchAllPages } from '../../shared/api/endpoints';
import { queryKeys } from '../../shared/api/query-keys';
import { type CreatePersonInput, peopleApi, peopleKeys, type UpdatePersonInput } from './people-api';

export function usePeople(siteId: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: peopleKeys.all(siteId),
    queryFn: () => fetchAllPages((p) => peopleApi.list(siteId, p)),
    enabled: options.enabled ?? true,
  });
}

export type SavePerson = { personId: null; input: CreatePersonInput } | { personId: string; input: UpdatePersonInput };

export function useSavePerson(siteId: string, myId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (save: SavePerson) =>
      save.personId === null ? peopleApi.create(siteId, save.input) : peopleApi.update(siteId, save.personId, save.input),
    onSuccess: (_person, save) => {
      void queryClient.invalidateQueries({ queryKey: peopleKeys.all(siteId) });
      if (save.personId === myId) void queryClient.invalidateQueries({ queryKey: queryKeys.me });
    },
  });
}

export function useRemovePerson(siteId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (personId: string) => peopleApi.remove(siteId, personId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: peopleKeys.all(siteId) }),
  });
}
