export { registerPatrolRoutes } from './patrols.routes.js';
export { registerPatrolTimers, provePatrolCheck, patrolProofOfScan } from './patrols.service.js';
