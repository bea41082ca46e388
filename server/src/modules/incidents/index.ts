export { registerIncidentRoutes } from './incidents.routes.js';
