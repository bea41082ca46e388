export { registerIncidentRoutes } from './incidents.routes.js';
export { raiseIncident } from './incidents.service.js';
export { countIncidentsOfPeriod } from './incidents.repository.js';
