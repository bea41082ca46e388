export { registerHealthRoutes, APP_VERSION } from './health.routes.js';
