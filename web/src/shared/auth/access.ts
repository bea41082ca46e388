/**
 * What a role may do, read from the groups the server's policies check (contracts: ROLE_GROUPS,
 * and access.ts for the menus), so the UI hides what would be refused.
 */
import {
  CONSOLE_ROLES,
  GREETING_POST_KINDS,
  hasRole,
  PHONE_HOME,
  PHONE_TABS,
  phoneOffers,
  ROLE_GROUPS,
  type Me,
  type MeSite,
  type Role,
} from '@anchang/contracts';

type SiteRoleOrAdmin = MeSite['role'];

/** Settings, zones, posts and people (server: SITE_MANAGERS). */
export const canManageSite = (role: SiteRoleOrAdmin | Role | null): boolean => hasRole(ROLE_GROUPS.siteManagers, role);

/** The audit log and the overview's activity feed (server: AUDIT_READERS). */
export const canReadAudit = (role: SiteRoleOrAdmin | Role | null): boolean => hasRole(ROLE_GROUPS.auditReaders, role);

/** Who works on the site (server: PEOPLE_READERS). */
export const canReadPeople = (role: SiteRoleOrAdmin | Role | null): boolean => hasRole(ROLE_GROUPS.peopleReaders, role);

/** The whole site's rosters, day board, anomalies and post-shift forms (server: ROLE_GROUPS.overseers). */
export const canOverseeShifts = (role: SiteRoleOrAdmin | Role | null): boolean => hasRole(ROLE_GROUPS.overseers, role);

/** Sending notices to staff (server: NOTICE_SENDERS). */
export const canSendNotices = (role: SiteRoleOrAdmin | Role | null): boolean => hasRole(ROLE_GROUPS.noticeSenders, role);

/** Front-line roles work on the phone app; the console has nothing for them. */
export const usesConsole = (role: SiteRoleOrAdmin | Role): boolean => CONSOLE_ROLES.includes(role);

export const consoleSites = (me: Me): MeSite[] => me.sites.filter((s) => usesConsole(s.role));

/** Whether the phone offers this person a tab or home entry on this site (contracts: PHONE_TABS, PHONE_HOME). */
export const phoneOffersOn = (site: MeSite, path: string): boolean => {
  const entry = [...PHONE_TABS, ...PHONE_HOME].find((e) => e.path === path);
  return (
    !!entry &&
    phoneOffers(
      entry,
      site.role,
      site.posts.map((p) => p.kind),
    )
  );
};

/** The time-of-day greeting is for the posts whose standard greets guests by it (HALL-IN-5). */
export const greetsGuests = (site: MeSite): boolean => site.posts.some((p) => GREETING_POST_KINDS.includes(p.kind));
