import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../shared/api/endpoints';
import { queryKeys } from '../../shared/api/query-keys';

/** The audit log, newest first, one page per "load more". */
export function useAuditLog(siteId: string, action: string | undefined, options: { limit?: number; enabled?: boolean } = {}) {
  return useInfiniteQuery({
    queryKey: [...queryKeys.audit(siteId, action), options.limit ?? 50],
    queryFn: ({ pageParam }) => api.audit.list(siteId, { cursor: pageParam, action, limit: options.limit ?? 50 }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: options.enabled ?? true,
  });
}

/** The company-level log (no site): company admins only. */
export function useCompanyAuditLog(action: string | undefined, options: { enabled?: boolean } = {}) {
  return useInfiniteQuery({
    queryKey: queryKeys.companyAudit(action),
    queryFn: ({ pageParam }) => api.audit.company({ cursor: pageParam, action, limit: 50 }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: options.enabled ?? true,
  });
}
