/**
 * Satisfaction surveys through the API: the public page (no session), the farewell QR of a visit,
 * the posters and the results. The console's queries live under ['site', id, 'surveys'], which the
 * realtime `survey.answered` event invalidates, so the results page updates on its own.
 */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreatePosterBody,
  PageOf,
  PublicComplaintBody,
  PublicComplaintReceipt,
  PublicSurvey,
  SurveyAnswer,
  SurveyAnswerBody,
  SurveyPoster,
  SurveySource,
  SurveySummary,
  VisitSurveyToken,
} from '@anchang/contracts';
import { http } from '../../shared/api/client';
import { onSite, type FeatureInvalidations } from '../../shared/realtime/invalidation-rules';

const site = (siteId: string) => `/sites/${encodeURIComponent(siteId)}`;

export interface AnswerFilter {
  from: string;
  to: string;
  postId?: string;
  source?: SurveySource;
}

export const surveysApi = {
  publicSurvey: (token: string) => http.get<PublicSurvey>(`/public/surveys/${encodeURIComponent(token)}`),
  answer: (token: string, body: SurveyAnswerBody) => http.post<{ ok: true }>(`/public/surveys/${encodeURIComponent(token)}/answers`, body),
  complain: (token: string, body: PublicComplaintBody) =>
    http.post<PublicComplaintReceipt>(`/public/surveys/${encodeURIComponent(token)}/complaints`, body),
  visitToken: (siteId: string, visitId: string) =>
    http.put<VisitSurveyToken>(`${site(siteId)}/visits/${encodeURIComponent(visitId)}/survey-token`, {}),
  posters: (siteId: string, cursor?: string | null) =>
    http.get<PageOf<SurveyPoster>>(`${site(siteId)}/survey-posters`, { limit: 50, cursor: cursor ?? undefined }),
  createPoster: (siteId: string, body: CreatePosterBody) => http.post<SurveyPoster>(`${site(siteId)}/survey-posters`, body),
  revokePoster: (siteId: string, posterId: string) => http.post<SurveyPoster>(`${site(siteId)}/survey-posters/${posterId}/revoke`, {}),
  answers: (siteId: string, f: AnswerFilter, cursor?: string | null) =>
    http.get<PageOf<SurveyAnswer>>(`${site(siteId)}/survey-answers`, {
      from: f.from,
      to: f.to,
      postId: f.postId,
      source: f.source,
      limit: 20,
      cursor: cursor ?? undefined,
    }),
  summary: (siteId: string, from: string, to: string) => http.get<SurveySummary>(`${site(siteId)}/survey-summary`, { from, to }),
};

export const surveyKeys = {
  root: (siteId: string) => ['site', siteId, 'surveys'] as const,
};

export const useSurveySummary = (siteId: string, from: string, to: string) =>
  useQuery({ queryKey: [...surveyKeys.root(siteId), 'summary', from, to], queryFn: () => surveysApi.summary(siteId, from, to) });

export const useSurveyAnswers = (siteId: string, filter: AnswerFilter, enabled: boolean) =>
  useInfiniteQuery({
    queryKey: [...surveyKeys.root(siteId), 'answers', filter],
    queryFn: ({ pageParam }) => surveysApi.answers(siteId, filter, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
  });

export const usePosters = (siteId: string, enabled: boolean) =>
  useInfiniteQuery({
    queryKey: [...surveyKeys.root(siteId), 'posters'],
    queryFn: ({ pageParam }) => surveysApi.posters(siteId, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
  });

export function usePosterMutations(siteId: string) {
  const queryClient = useQueryClient();
  const onSettled = () => void queryClient.invalidateQueries({ queryKey: surveyKeys.root(siteId) });
  return {
    create: useMutation({ mutationFn: (body: CreatePosterBody) => surveysApi.createPoster(siteId, body), onSettled }),
    revoke: useMutation({ mutationFn: (posterId: string) => surveysApi.revokePoster(siteId, posterId), onSettled }),
  };
}

/** The absolute address a QR encodes: the page is served by this same origin. */
export const surveyUrl = (path: string) => `${window.location.origin}${path}`;

export const surveyInvalidations: FeatureInvalidations = {
  'survey.answered': onSite((siteId) => [surveyKeys.root(siteId)]),
};
