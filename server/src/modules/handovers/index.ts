export { registerHandoverRoutes } from './handovers.routes.js';
export { registerHandoverTimers } from './handovers.service.js';
