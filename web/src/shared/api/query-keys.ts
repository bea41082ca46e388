import type { QueryKey } from '@tanstack/react-query';

/**
 * Query keys in one place. Everything of a site lives under ['site', siteId, …] so a site
 * switch or a reconnect can invalidate it with one prefix.
 */
export const queryKeys = {
  me: ['me'] as const,
  /** What the installation is: still to be set up, or holding the demo (GET /api/instance). */
  instance: ['instance'] as const,
  companyAudit: (action: string | undefined) => ['company-audit', action ?? ''] as const,
  sites: ['sites'] as const,
  siteRoot: (siteId: string) => ['site', siteId] as const,
  site: (siteId: string) => ['site', siteId, 'detail'] as const,
  zones: (siteId: string) => ['site', siteId, 'zones'] as const,
  posts: (siteId: string) => ['site', siteId, 'posts'] as const,
  people: (siteId: string) => ['site', siteId, 'people'] as const,
  auditRoot: (siteId: string) => ['site', siteId, 'audit'] as const,
  audit: (siteId: string, action: string | undefined) => ['site', siteId, 'audit', action ?? ''] as const,
  notifications: (siteId: string) => ['site', siteId, 'notifications'] as const,
  standards: (siteId: string) => ['site', siteId, 'standards'] as const,
  standard: (siteId: string, postKind: string) => ['site', siteId, 'standards', postKind] as const,
  standardSettings: (siteId: string) => ['site', siteId, 'standard-settings'] as const,
  rosterRoot: (siteId: string) => ['site', siteId, 'roster'] as const,
  roster: (siteId: string, weekStart: string) => ['site', siteId, 'roster', weekStart] as const,
  myDay: (siteId: string) => ['site', siteId, 'my-day'] as const,
  shiftRoot: (siteId: string) => ['site', siteId, 'shift'] as const,
  shift: (siteId: string, shiftId: string) => ['site', siteId, 'shift', shiftId] as const,
  dayBoardRoot: (siteId: string) => ['site', siteId, 'day-board'] as const,
  dayBoard: (siteId: string, date: string) => ['site', siteId, 'day-board', date] as const,
  anomaliesRoot: (siteId: string) => ['site', siteId, 'anomalies'] as const,
  anomalies: (siteId: string, filter: string) => ['site', siteId, 'anomalies', filter] as const,
  requisitionsRoot: (siteId: string) => ['site', siteId, 'requisitions'] as const,
  requisitions: (siteId: string, filter: string) => ['site', siteId, 'requisitions', filter] as const,
  opinionsRoot: (siteId: string) => ['site', siteId, 'opinions'] as const,
  opinions: (siteId: string, date: string) => ['site', siteId, 'opinions', date] as const,
  training: (siteId: string, personId: string) => ['site', siteId, 'training', personId] as const,
  visitsRoot: (siteId: string) => ['site', siteId, 'visits'] as const,
  visitorCounts: (siteId: string) => ['site', siteId, 'visitor-counts'] as const,
  consultants: (siteId: string) => ['site', siteId, 'consultants'] as const,
  lostItems: (siteId: string) => ['site', siteId, 'lost-items'] as const,
  incidents: (siteId: string) => ['site', siteId, 'incidents'] as const,
  hall: (siteId: string) => ['site', siteId, 'hall'] as const,
  barQueue: (siteId: string) => ['site', siteId, 'bar-queue'] as const,
  shuttleTrips: (siteId: string) => ['site', siteId, 'shuttle-trips'] as const,
};

/**
 * Whether a query's answer belongs to whoever is signed in, and goes when they sign in or out:
 * everything but `me` itself (set directly) and `instance` (the installation's, nobody's).
 */
export const isPersonalQuery = (queryKey: QueryKey): boolean => queryKey[0] !== queryKeys.me[0] && queryKey[0] !== queryKeys.instance[0];
