/**
 * Domain vocabulary shared by server and web: roles, zone kinds and post kinds of the
 * sales-center service standards (see the domain reference, posts A and B).
 */

export const ROLES = ['company_admin', 'site_manager', 'supervisor', 'staff', 'sales_consultant', 'client_viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that can be granted on a site (company_admin is company-wide, not per site). */
export type SiteRole = Exclude<Role, 'company_admin'>;
export const SITE_ROLES: readonly SiteRole[] = ROLES.filter((r): r is SiteRole => r !== 'company_admin');

export const ZONE_KINDS = ['SALES_HALL', 'BAR', 'CAR_PARK', 'SHOW_AREA', 'MODEL_ROOM', 'SHUTTLE_ROUTE', 'WASHROOM', 'PERIPHERY', 'OFFICE'] as const;
export type ZoneKind = (typeof ZONE_KINDS)[number];

/** Zone kinds where a capacity means something, and what it counts. */
export const ZONE_CAPACITY_UNIT: Partial<Record<ZoneKind, 'seats' | 'spaces' | 'people'>> = {
  SALES_HALL: 'seats',
  CAR_PARK: 'spaces',
  MODEL_ROOM: 'people',
  SHOW_AREA: 'people',
};

export const POST_KINDS = ['HALL', 'BAR', 'PARK', 'GUARD', 'SHUTTLE', 'MODEL', 'MODELSVC', 'SECURITY', 'CLEAN', 'GREEN', 'TECH', 'MANAGER'] as const;
export type PostKind = (typeof POST_KINDS)[number];

/** Where each post normally works: used to suggest a zone when a post is created. */
export const POST_DEFAULT_ZONE: Record<PostKind, ZoneKind | null> = {
  HALL: 'SALES_HALL',
  BAR: 'BAR',
  PARK: 'CAR_PARK',
  GUARD: 'SHOW_AREA',
  SHUTTLE: 'SHUTTLE_ROUTE',
  MODEL: 'MODEL_ROOM',
  MODELSVC: 'MODEL_ROOM',
  SECURITY: 'PERIPHERY',
  CLEAN: 'WASHROOM',
  GREEN: 'PERIPHERY',
  TECH: 'OFFICE',
  MANAGER: 'OFFICE',
};

export const LOCALES = ['zh-CN', 'en-US'] as const;
export type Locale = (typeof LOCALES)[number];
