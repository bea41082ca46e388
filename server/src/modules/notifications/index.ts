export { registerNotificationRoutes } from './notifications.routes.js';
