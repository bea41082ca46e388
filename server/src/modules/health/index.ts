export { registerHealthRoutes, APP_VERSION } from './health.routes.js';
export type { ReadinessProbes } from './readiness.js';
