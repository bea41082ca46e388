/** Posts of a site through the API: fetched whole (tens per site) and refetched on `post.changed`. */
import type { CreatePostBody, PageOf, Post, UpdatePostBody } from '@anchang/contracts';
import { http } from '../../shared/api/client';
import { pageQuery, sitePath, type PageParams } from '../../shared/api/endpoints';
import { queryKeys } from '../../shared/api/query-keys';
import type { FeatureInvalidations } from '../../shared/realtime/invalidation-rules';

export type CreatePostInput = CreatePostBody;
export type UpdatePostInput = UpdatePostBody;

export const postKeys = {
  all: (siteId: string) => ['site', siteId, 'posts'] as const,
};

export const postsApi = {
  list: (siteId: string, p?: PageParams) => http.get<PageOf<Post>>(`${sitePath(siteId)}/posts`, pageQuery(p)),
  create: (siteId: string, input: CreatePostInput) => http.post<Post>(`${sitePath(siteId)}/posts`, input),
  update: (siteId: string, postId: string, input: UpdatePostInput) => http.patch<Post>(`${sitePath(siteId)}/posts/${postId}`, input),
  remove: (siteId: string, postId: string) => http.delete(`${sitePath(siteId)}/posts/${postId}`),
};

export const postInvalidations: FeatureInvalidations = {
  // me.sites[].posts carries post names.
  'post.changed': ({ siteId }) => (siteId ? [postKeys.all(siteId), queryKeys.me] : [queryKeys.me]),
};
