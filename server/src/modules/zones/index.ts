export { registerZoneRoutes } from './zones.routes.js';
export { findZoneNames, findZoneRow } from './zones.repository.js';
