import type { QueryKey } from '@tanstack/react-query';

/**
 * Query keys of the session as a whole. Each feature keeps its own keys in its api file; all of a
 * site's live under ['site', siteId, …], so a site switch or a reconnect can invalidate them with
 * one prefix.
 */
export const queryKeys = {
  me: ['me'] as const,
  /** What the installation is: still to be set up, or holding the demo (GET /api/instance). */
  instance: ['instance'] as const,
  sites: ['sites'] as const,
  siteRoot: (siteId: string) => ['site', siteId] as const,
};

/**
 * Whether a query's answer belongs to whoever is signed in, and goes when they sign in or out:
 * everything but `me` itself (set directly) and `instance` (the installation's, nobody's).
 */
export const isPersonalQuery = (queryKey: QueryKey): boolean => queryKey[0] !== queryKeys.me[0] && queryKey[0] !== queryKeys.instance[0];
