export { registerHallRoutes } from './hall.routes.js';
export { registerHallTimers } from './hall.service.js';
