/**
 * Rules the server enforces and the web app shows before sending: one definition for both.
 */
import type { Role, ZoneKind } from './domain.js';

/** Who may do what on a site. The server's policies check these; the UI hides what they refuse. */
export const ROLE_GROUPS: Readonly<Record<'siteManagers' | 'auditReaders' | 'overseers' | 'noticeSenders', readonly Role[]>> = {
  /** Settings, zones, posts, people, standards, rosters. */
  siteManagers: ['company_admin', 'site_manager'],
  /** The audit log. */
  auditReaders: ['company_admin', 'site_manager'],
  /** Who works on the site; rosters; the day board; anomalies of the whole site. */
  overseers: ['company_admin', 'site_manager', 'supervisor'],
  /** Notices to the site's phones. */
  noticeSenders: ['company_admin', 'site_manager', 'supervisor'],
};

export const hasRole = (group: readonly Role[], role: Role | null | undefined): boolean => !!role && group.includes(role);

/** Zone kinds whose capacity must be given (hall seats, parking spaces). */
export const ZONE_CAPACITY_REQUIRED: readonly ZoneKind[] = ['SALES_HALL', 'CAR_PARK'];

/** Passwords: 8+ characters with a letter and a digit, what staff can remember and type on a phone. */
export const PASSWORD_MIN_LENGTH = 8;
export const isStrongPassword = (password: string): boolean =>
  password.length >= PASSWORD_MIN_LENGTH && /[A-Za-z]/.test(password) && /[0-9]/.test(password);
