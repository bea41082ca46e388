export { registerNotificationRoutes } from './notifications.routes.js';
export { insertNotificationRow } from './notifications.repository.js';
