export { registerNotificationRoutes } from './notifications.routes.js';
export { notifyPeople, notifyCompanyAdmins, type SystemNotice } from './notifications.service.js';
export { NOTICE_MESSAGES, renderNotice, type LocalText, type NoticeCode, type NoticeParams } from './messages.js';
