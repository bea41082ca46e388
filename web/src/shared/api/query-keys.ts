/**
 * Query keys in one place. Everything of a site lives under ['site', siteId, …] so a site
 * switch or a reconnect can invalidate it with one prefix.
 */
export const queryKeys = {
  me: ['me'] as const,
  sites: ['sites'] as const,
  siteRoot: (siteId: string) => ['site', siteId] as const,
  site: (siteId: string) => ['site', siteId, 'detail'] as const,
  zones: (siteId: string) => ['site', siteId, 'zones'] as const,
  posts: (siteId: string) => ['site', siteId, 'posts'] as const,
  people: (siteId: string) => ['site', siteId, 'people'] as const,
  auditRoot: (siteId: string) => ['site', siteId, 'audit'] as const,
  audit: (siteId: string, action: string | undefined) => ['site', siteId, 'audit', action ?? ''] as const,
  notifications: (siteId: string) => ['site', siteId, 'notifications'] as const,
};
