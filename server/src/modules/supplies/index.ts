export { registerSuppliesRoutes } from './supplies.routes.js';
export { assertSupplyItemsOnSite } from './supply-catalogue.service.js';
export { listIssuedOfPeriod } from './supplies.repository.js';
