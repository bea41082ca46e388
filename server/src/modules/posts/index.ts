export { registerPostRoutes } from './posts.routes.js';
export { countPostsOfSite, findPostRow, findPostsByIds, listPostIdsOfSite, listPostsOfSite } from './posts.repository.js';
