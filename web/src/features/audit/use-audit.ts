import { useInfiniteQuery } from '@tanstack/react-query';
import { auditApi, auditKeys } from './audit-api';

/** The audit log, newest first, one page per "load more". */
export function useAuditLog(siteId: string, action: string | undefined, options: { limit?: number; enabled?: boolean } = {}) {
  return useInfiniteQuery({
    queryKey: [...auditKeys.list(siteId, action), options.limit ?? 50],
    queryFn: ({ pageParam }) => auditApi.list(siteId, { cursor: pageParam, action, limit: options.limit ?? 50 }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: options.enabled ?? true,
  });
}

/** The company-level log (no site): company admins only. */
export function useCompanyAuditLog(action: string | undefined, options: { enabled?: boolean } = {}) {
  return useInfiniteQuery({
    queryKey: auditKeys.company(action),
    queryFn: ({ pageParam }) => auditApi.company({ cursor: pageParam, action, limit: 50 }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: options.enabled ?? true,
  });
}
