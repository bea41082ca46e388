import { useQuery } from '@tanstack/react-query';
import { questionKeys, questionsApi } from './questions-api';

/** Enough for a day's questions at one site; older ones are not what a phone is for. */
const LIST_LIMIT = 100;

/** Questions sent to me (or to every consultant) still waiting for an answer, oldest first. */
export function useMyOpenQuestions(siteId: string) {
  return useQuery({
    queryKey: [...questionKeys.root(siteId), 'to-me', 'open'] as const,
    queryFn: async () => [...(await questionsApi.list(siteId, { to: 'me', status: 'open', limit: LIST_LIMIT })).items].reverse(),
  });
}

/** The site's questions since `since`, for the visit cards to show what was asked and answered. */
export function useQuestionsSince(siteId: string, since: number) {
  return useQuery({
    queryKey: [...questionKeys.root(siteId), 'since', since] as const,
    queryFn: async () => (await questionsApi.list(siteId, { askedSince: since, limit: LIST_LIMIT })).items,
  });
}
