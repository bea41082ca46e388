export { registerIntegrationRoutes } from './integrations.routes.js';
export { notifyGroups, queueSms, type GroupNotice, type IntegrationDeps } from './integrations.service.js';
export { DeliveryRunner, type DeliverySettings } from './delivery-runner.js';
export { LogSmsProvider, TencentSmsProvider, type SmsMessage, type SmsProvider } from './sms-provider.js';
