export { registerRosterRoutes } from './rosters.routes.js';
export { listEntriesOfPersonOn, listEntriesBetween } from './rosters.repository.js';
export { toRosterEntry } from './rosters.service.js';
