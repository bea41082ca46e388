export { registerAuthRoutes, registerPublicAuthRoutes } from './auth.routes.js';
export { databaseRateLimitStore, LoginLimits, rateLimitError } from './login-limits.js';
export { startSession, type AuthDeps } from './auth.service.js';
