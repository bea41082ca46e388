/** What a role may do, mirrored from the server's policies so the UI hides what would be refused. */
import { hasRole, ROLE_GROUPS, type Me, type MeSite, type Role } from '@anchang/contracts';

type SiteRoleOrAdmin = MeSite['role'];

/** Settings, zones, posts and people (server: SITE_MANAGERS). */
export const canManageSite = (role: SiteRoleOrAdmin | Role | null): boolean => hasRole(ROLE_GROUPS.siteManagers, role);

/** The audit log (server: AUDIT_READERS). */
export const canReadAudit = (role: SiteRoleOrAdmin | Role | null): boolean => hasRole(ROLE_GROUPS.auditReaders, role);

/** Who works on the site (server: PEOPLE_READERS). */
export const canReadPeople = (role: SiteRoleOrAdmin | Role | null): boolean => hasRole(ROLE_GROUPS.overseers, role);

/** The whole site's rosters, day board, anomalies and post-shift forms (server: ROLE_GROUPS.overseers). */
export const canOverseeShifts = (role: SiteRoleOrAdmin | Role | null): boolean => hasRole(ROLE_GROUPS.overseers, role);

/** Sending notices to staff (server: NOTICE_SENDERS). */
export const canSendNotices = (role: SiteRoleOrAdmin | Role | null): boolean => hasRole(ROLE_GROUPS.noticeSenders, role);

/** Front-line roles work on the phone app; the console has nothing for them. */
export const usesConsole = (role: SiteRoleOrAdmin | Role): boolean => role !== 'staff' && role !== 'sales_consultant';

export const consoleSites = (me: Me): MeSite[] => me.sites.filter((s) => usesConsole(s.role));
