import { AuditEntry, AuditQuery, Page, SiteParams } from '@anchang/contracts';
import type { App } from '../../platform/http/types.js';
import type { Deps } from '../../platform/tx.js';
import { listCompanyAudit, listSiteAudit } from './audit.service.js';

export function registerAuditRoutes(app: App, deps: Deps): void {
  app.get(
    '/sites/:siteId/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Audit log of a site, newest first',
        params: SiteParams,
        querystring: AuditQuery,
        response: { 200: Page(AuditEntry) },
      },
    },
    (req) => listSiteAudit(deps, req.actor, req.params.siteId, req.query),
  );
  app.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Company-level audit log (sign-ins, refused sign-ins, logouts, password changes), newest first; company admins only',
        querystring: AuditQuery,
        response: { 200: Page(AuditEntry) },
      },
    },
    (req) => listCompanyAudit(deps, req.actor, req.query),
  );
}
