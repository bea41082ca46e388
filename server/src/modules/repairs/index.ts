export { registerPublicRepairRoutes, registerRepairRoutes } from './repairs.routes.js';
export { registerRepairTimers, REPAIR_SLA_TIMER } from './repairs.jobs.js';
export { countOpenWorkOrdersAt, countOpenWorkOrdersOfAssets } from './repairs.repository.js';
export { listRepairArrivalsOfPeriod, countWorkOrdersOfPeriod } from './repairs.repository.js';
