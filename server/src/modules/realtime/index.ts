export { registerRealtimeRoutes, type RealtimeDeps } from './realtime.routes.js';
export type { ClientSocket } from './realtime.socket.js';
