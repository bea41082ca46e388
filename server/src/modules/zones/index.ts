export { registerZoneRoutes } from './zones.routes.js';
export { findZoneNames, findZoneOfKind, findZoneRow, listZoneIdsOfKind, listZonesOfKind } from './zones.repository.js';
export { carParkCapacityOf } from './zones.service.js';
