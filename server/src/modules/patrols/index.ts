export { registerPatrolRoutes } from './patrols.routes.js';
export { registerPatrolTimers } from './patrols.jobs.js';
export { provePatrolCheck, patrolProofOfScan } from './patrol-scans.service.js';
export { listFinishedPatrolRoundsOfPeriod } from './patrols.repository.js';
export { isCheckpointOnAnyPatrol, isCheckpointOnScheduledPatrol, plannedGapMinutes } from './patrols.repository.js';
