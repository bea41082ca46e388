export { registerZoneRoutes } from './zones.routes.js';
export { findZoneRow } from './zones.repository.js';
