export { registerPatrolRoutes } from './patrols.routes.js';
export { registerPatrolTimers, provePatrolCheck, patrolProofOfScan } from './patrols.service.js';
export { listFinishedPatrolRoundsOfPeriod } from './patrols.repository.js';
