/**
 * Site-scoped authorisation. A person sees a site only through a role on it (company admins:
 * every site of their company). A site they have no role on answers 404, never 403, so ids
 * of other sites leak nothing. Features declare which roles may do what in their own
 * `<feature>.policy.ts` and check through these helpers.
 */
import type { Role } from '@anchang/contracts';
import { AppError, forbidden } from '../errors.js';
import type { Actor } from './actor.js';

export function roleOn(actor: Actor, siteId: string): Role | null {
  return actor.siteRoles.get(siteId) ?? null;
}

/** Throws SITE_NOT_FOUND unless the actor has any role on the site; returns that role. */
export function requireSiteMember(actor: Actor, siteId: string): Role {
  const role = roleOn(actor, siteId);
  if (!role) throw new AppError('SITE_NOT_FOUND', { message: 'Site not found', params: { siteId } });
  return role;
}

/** Throws unless the actor holds one of `allowed` on the site. */
export function requireSiteRole(actor: Actor, siteId: string, allowed: readonly Role[]): Role {
  const role = requireSiteMember(actor, siteId);
  if (!allowed.includes(role)) throw forbidden({ role, allowed });
  return role;
}

export function requireCompanyAdmin(actor: Actor): void {
  if (!actor.isCompanyAdmin) throw forbidden({ allowed: ['company_admin'] });
}
