export { registerLostFoundRoutes } from './lost-found.routes.js';
