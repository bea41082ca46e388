export { registerAuthRoutes, registerPublicAuthRoutes } from './auth.routes.js';
export { LoginLimiter } from './login-limiter.js';
export type { AuthDeps } from './auth.service.js';
