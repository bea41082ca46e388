import { QueryClient } from '@tanstack/react-query';
import { isApiError, setUnauthenticatedHandler } from '../shared/api/client';
import { isPersonalQuery, queryKeys } from '../shared/api/query-keys';

/**
 * One QueryClient per app. Client errors (4xx) are answers, not glitches: retrying them only
 * delays the message. When the session ends mid-use, cached data is dropped and `me` becomes
 * null, which sends the auth gate to the login page.
 */
export function createQueryClient(): QueryClient {
  const queryClient = new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: (failureCount, error) => !(isApiError(error) && error.status >= 400 && error.status < 500) && failureCount < 2,
      },
      mutations: { retry: false },
    },
  });
  setUnauthenticatedHandler(() => {
    queryClient.removeQueries({ predicate: (q) => isPersonalQuery(q.queryKey) });
    queryClient.setQueryData(queryKeys.me, null);
  });
  return queryClient;
}
