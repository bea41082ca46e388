import { CreatePostBody, Page, PageQuery, Post, PostParams, SiteParams, UpdatePostBody } from '@anchang/contracts';
import type { App } from '../../platform/http/types.js';
import type { Deps } from '../../platform/tx.js';
import { createPost, deletePost, getPost, listPosts, updatePost } from './posts.service.js';

export function registerPostRoutes(app: App, deps: Deps): void {
  const tags = ['posts'];
  app.get(
    '/sites/:siteId/posts',
    { schema: { summary: 'List a site’s posts', tags, params: SiteParams, querystring: PageQuery, response: { 200: Page(Post) } } },
    (req) => listPosts(deps, req.actor, req.params.siteId, req.query),
  );
  app.post(
    '/sites/:siteId/posts',
    { schema: { summary: 'Create a post', tags, params: SiteParams, body: CreatePostBody, response: { 201: Post } } },
    async (req, reply) => reply.status(201).send(await createPost(deps, req.actor, req.params.siteId, req.body)),
  );
  app.get('/sites/:siteId/posts/:postId', { schema: { summary: 'Read a post', tags, params: PostParams, response: { 200: Post } } }, (req) =>
    getPost(deps, req.actor, req.params.siteId, req.params.postId),
  );
  app.patch(
    '/sites/:siteId/posts/:postId',
    { schema: { summary: 'Change a post', tags, params: PostParams, body: UpdatePostBody, response: { 200: Post } } },
    (req) => updatePost(deps, req.actor, req.params.siteId, req.params.postId, req.body),
  );
  app.delete(
    '/sites/:siteId/posts/:postId',
    { schema: { summary: 'Delete an unused post', tags, params: PostParams, response: { 204: { type: 'null' } } } },
    async (req, reply) => {
      await deletePost(deps, req.actor, req.params.siteId, req.params.postId);
      return reply.status(204).send();
    },
  );
}
