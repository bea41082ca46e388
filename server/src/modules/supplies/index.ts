export { registerSuppliesRoutes } from './supplies.routes.js';
export { assertSupplyItemsOnSite } from './supplies.service.js';
