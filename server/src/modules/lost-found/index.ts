export { registerLostFoundRoutes } from './lost-found.routes.js';
export { eraseReturnOwners, listReturnsToPhone, purgeReturnDetailsBefore } from './lost-found.repository.js';
