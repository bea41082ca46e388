export { registerRealtimeRoutes } from './realtime.routes.js';
