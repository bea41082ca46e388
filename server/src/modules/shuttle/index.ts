export { registerShuttleRoutes } from './shuttle.routes.js';
export { registerShuttleCallTimers, SHUTTLE_CALL_TIMER, DEFAULT_SHUTTLE_CALL_LIMIT_SECONDS } from './shuttle-calls.service.js';
export { listShuttleCallsBetween } from './shuttle.repository.js';
