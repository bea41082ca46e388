/**
 * Training and the fact sheet on the console and the phone. Keys, endpoints and which realtime
 * events refetch them are in training-api.ts.
 */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PageOf } from '@anchang/contracts';
import { trainingApi, trainingKeys } from './training-api';
import { rosterKeys } from '../roster/roster-api';

export const useFactSheet = (siteId: string) => useQuery({ queryKey: trainingKeys.factSheet(siteId), queryFn: () => trainingApi.factSheet(siteId) });
export const useCourses = (siteId: string) => useQuery({ queryKey: trainingKeys.courses(siteId), queryFn: () => trainingApi.courses(siteId) });
export const useTrainingMonth = (siteId: string, month: string | null) =>
  useQuery({ queryKey: trainingKeys.month(siteId, month), queryFn: () => trainingApi.month(siteId, month) });
export const useTrainingSettings = (siteId: string) =>
  useQuery({ queryKey: trainingKeys.settings(siteId), queryFn: () => trainingApi.settings(siteId) });
export const useSession = (siteId: string, id: string | null) =>
  useQuery({ queryKey: trainingKeys.session(siteId, id ?? ''), queryFn: () => trainingApi.session(siteId, id!), enabled: !!id });

const paged = <T>(key: readonly unknown[], fetch: (cursor: string | null) => Promise<PageOf<T>>) => ({
  queryKey: key,
  queryFn: ({ pageParam }: { pageParam: string | null }) => fetch(pageParam),
  initialPageParam: null as string | null,
  getNextPageParam: (last: PageOf<T>) => last.nextCursor,
});

export const useSessions = (siteId: string) => useInfiniteQuery(paged(trainingKeys.sessions(siteId), (c) => trainingApi.sessions(siteId, c)));
export const useMySessions = (siteId: string) => useInfiniteQuery(paged(trainingKeys.mine(siteId), (c) => trainingApi.mine(siteId, c)));
export const useCertificates = (siteId: string) =>
  useInfiniteQuery(paged(trainingKeys.certificates(siteId), (c) => trainingApi.certificates(siteId, c)));

/** Every mutation refreshes the module's reads; certificates and the gate also change the roster's conflicts. */
export function useTrainingMutation<I, O>(siteId: string, fn: (input: I) => Promise<O>, alsoRoster = false) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: trainingKeys.root(siteId) });
      void queryClient.invalidateQueries({ queryKey: trainingKeys.factSheet(siteId) });
      if (alsoRoster) void queryClient.invalidateQueries({ queryKey: rosterKeys.root(siteId) });
    },
  });
}

/**
 * A question drawn from the fact sheet or the standards is written "中文 / English" (the server
 * generates both); the phone and the console show the reader's half. A manager's own question is
 * shown as written.
 */
export function promptIn(q: { prompt: string; source: string }, locale: string): string {
  if (q.source === 'manual') return q.prompt;
  const at = q.prompt.indexOf(' / ');
  if (at < 0) return q.prompt;
  return locale === 'en-US' ? q.prompt.slice(at + 3) : q.prompt.slice(0, at);
}
