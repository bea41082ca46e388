import { ROLE_GROUPS } from '@anchang/contracts';
import type { Actor } from '../../platform/auth/actor.js';
import { requireCompanyAdmin, requireSiteRole } from '../../platform/auth/policy.js';
import { AppError } from '../../platform/errors.js';

/** A site's figures: its overseers and the developer client's viewer; nobody of another site (404). */
export const requireFigureReader = (actor: Actor, siteId: string) => requireSiteRole(actor, siteId, ROLE_GROUPS.figureReaders);

/** The company dashboard: the company's admin only. Another company's id answers 404, like another site's. */
export function requireDashboardReader(actor: Actor, companyId: string): void {
  if (actor.companyId !== companyId) throw new AppError('COMPANY_NOT_FOUND', { message: 'Company not found', params: { companyId } });
  requireCompanyAdmin(actor);
}
