export { recordAudit, recordAuditNow, type AuditInput } from './audit.service.js';
export { registerAuditRoutes } from './audit.routes.js';
