export { registerRosterRoutes } from './rosters.routes.js';
export { listEntriesOfPersonBetween, listEntriesBetween } from './rosters.repository.js';
export { toRosterEntry } from './rosters.service.js';
