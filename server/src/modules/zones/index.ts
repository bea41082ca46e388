export { registerZoneRoutes } from './zones.routes.js';
export { carParkCapacity, findZoneNames, findZoneOfKind, findZoneRow, listZoneIdsOfKind, listZonesOfKind } from './zones.repository.js';
