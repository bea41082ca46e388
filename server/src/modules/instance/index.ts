export { registerInstanceRoutes } from './instance.routes.js';
export { getInstanceInfo, runFirstSetup, type FirstSetupResult } from './instance.service.js';
export { findCompanyName } from './instance.repository.js';
