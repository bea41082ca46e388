export { registerSuppliesRoutes } from './supplies.routes.js';
export { assertSupplyItemsOnSite } from './supplies.service.js';
export { listIssuedOfPeriod } from './supplies.repository.js';
