import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchAllPages } from '../../shared/api/endpoints';
import { zoneKeys } from '../zones/zones-api';
import { type CreatePostInput, postKeys, postsApi, type UpdatePostInput } from './posts-api';
import { peopleKeys } from '../people/people-api';

export function usePosts(siteId: string) {
  return useQuery({ queryKey: postKeys.all(siteId), queryFn: () => fetchAllPages((p) => postsApi.list(siteId, p)) });
}

export type SavePost = { postId: null; input: CreatePostInput } | { postId: string; input: UpdatePostInput };

export function useSavePost(siteId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (save: SavePost) => (save.postId === null ? postsApi.create(siteId, save.input) : postsApi.update(siteId, save.postId, save.input)),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: postKeys.all(siteId) });
      void queryClient.invalidateQueries({ queryKey: zoneKeys.all(siteId) }); // post counts per zone
    },
  });
}

export function useDeletePost(siteId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (postId: string) => postsApi.remove(siteId, postId),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: postKeys.all(siteId) });
      void queryClient.invalidateQueries({ queryKey: peopleKeys.all(siteId) }); // people lose the post
    },
  });
}
