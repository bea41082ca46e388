export { registerPostRoutes } from './posts.routes.js';
export { countPostsOfSite } from './posts.repository.js';
