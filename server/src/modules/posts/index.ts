export { registerPostRoutes } from './posts.routes.js';
export { countPostsInZone, findPostKindsOfSite, findPostRow, findPostsByIds, listPostIdsOfSite, listPostsOfSite } from './posts.repository.js';
