/** The audit log through the API: a site's (under the site's key) and the company's (no site). */
import type { AuditEntry, PageOf } from '@anchang/contracts';
import { http } from '../../shared/api/client';
import { pageQuery, sitePath, type PageParams } from '../../shared/api/endpoints';

export const auditKeys = {
  /** Every change at a site writes an entry here: event-invalidations.ts refetches it on every site event. */
  root: (siteId: string) => ['site', siteId, 'audit'] as const,
  list: (siteId: string, action: string | undefined) => ['site', siteId, 'audit', action ?? ''] as const,
  company: (action: string | undefined) => ['company-audit', action ?? ''] as const,
};

export const auditApi = {
  list: (siteId: string, p: PageParams & { action?: string | undefined } = {}) =>
    http.get<PageOf<AuditEntry>>(`${sitePath(siteId)}/audit`, { ...pageQuery(p), action: p.action }),
  /** Entries of the company with no site (sign-ins, refused sign-ins, logouts, passwords): company admins. */
  company: (p: PageParams & { action?: string | undefined } = {}) => http.get<PageOf<AuditEntry>>('/audit', { ...pageQuery(p), action: p.action }),
};
