import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, fetchAllPages, type CreatePostInput, type UpdatePostInput } from '../../shared/api/endpoints';
import { queryKeys } from '../../shared/api/query-keys';

export function usePosts(siteId: string) {
  return useQuery({ queryKey: queryKeys.posts(siteId), queryFn: () => fetchAllPages((p) => api.posts.list(siteId, p)) });
}

export type SavePost = { postId: null; input: CreatePostInput } | { postId: string; input: UpdatePostInput };

export function useSavePost(siteId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (save: SavePost) => (save.postId === null ? api.posts.create(siteId, save.input) : api.posts.update(siteId, save.postId, save.input)),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.posts(siteId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.zones(siteId) }); // post counts per zone
    },
  });
}

export function useDeletePost(siteId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (postId: string) => api.posts.remove(siteId, postId),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.posts(siteId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.people(siteId) }); // people lose the post
    },
  });
}
