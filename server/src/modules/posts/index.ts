export { registerPostRoutes } from './posts.routes.js';
export { countPostsInZone, countPostsOfSite, findPostRow, findPostsByIds, listPostIdsOfSite, listPostsOfSite } from './posts.repository.js';
