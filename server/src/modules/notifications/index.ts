export { registerNotificationRoutes } from './notifications.routes.js';
export { notifyPeople, notifyCompanyAdmins, type SystemNotice } from './notifications.service.js';
