export { registerShuttleRoutes } from './shuttle.routes.js';
