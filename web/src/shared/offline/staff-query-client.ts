import type { QueryClient } from '@tanstack/react-query';
import { createQueryClient } from '../../app/query-client';
import { persistQueries } from './persist-queries';

/** The staff app's QueryClient: the shared one, with its last answers kept on the phone. */
export function createStaffQueryClient(): QueryClient {
  const queryClient = createQueryClient();
  persistQueries(queryClient);
  return queryClient;
}
