export { registerZoneRoutes } from './zones.routes.js';
export { findZoneNames, findZoneRow, listZoneIdsOfKind } from './zones.repository.js';
