export { registerAnomalyRoutes } from './anomalies.routes.js';
export { raiseAnomaly, type AnomalyCategory } from './anomalies.service.js';
export { findOpenAnomalyOfItem, listAnomaliesOn, countUnresolvedByPost } from './anomalies.repository.js';
