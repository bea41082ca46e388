/** What this installation is: still waiting for its first-run setup, or holding the demo. */
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/endpoints';
import { queryKeys } from '../api/query-keys';

export function useInstance() {
  return useQuery({
    queryKey: queryKeys.instance,
    queryFn: ({ signal }) => api.instance.get(signal),
    // It changes once in an installation's life (the setup), which refreshes it itself.
    staleTime: 10 * 60_000,
  });
}
