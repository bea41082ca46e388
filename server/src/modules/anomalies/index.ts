export { registerAnomalyRoutes } from './anomalies.routes.js';
export { raiseAnomaly, type AnomalyCategory } from './anomalies.service.js';
export { photosCitedByAnomalies } from './anomalies.repository.js';
export { findAnomalyRow, findOpenAnomalyOfItem, listAnomaliesOn, countUnresolvedByPost } from './anomalies.repository.js';
