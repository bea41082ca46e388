import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchAllPages } from '../../shared/api/endpoints';
import { queryKeys } from '../../shared/api/query-keys';
import { newId } from '../../shared/offline/new-id';
import { type CheckpointInput, checkpointKeys, checkpointsApi } from './checkpoints-api';

/** Every checkpoint of the site, revoked ones included: tens per site, paged on the client. */
export function useCheckpoints(siteId: string) {
  return useQuery({
    queryKey: checkpointKeys.all(siteId),
    queryFn: () => fetchAllPages((p) => checkpointsApi.list(siteId, { ...p, includeRevoked: true })),
  });
}

export type CheckpointAction = { kind: 'save'; id: string | null; input: CheckpointInput } | { kind: 'revoke' | 'reissue' | 'delete'; id: string };

export function useCheckpointAction(siteId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (action: CheckpointAction) => {
      switch (action.kind) {
        case 'save':
          return action.id === null
            ? checkpointsApi.create(siteId, { id: newId(), ...action.input })
            : checkpointsApi.update(siteId, action.id, action.input);
        case 'revoke':
          return checkpointsApi.revoke(siteId, action.id);
        case 'reissue':
          return checkpointsApi.reissue(siteId, action.id);
        case 'delete':
          return checkpointsApi.remove(siteId, action.id);
      }
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.siteRoot(siteId) }),
  });
}
