/**
 * The customer feedback forms and the daily customer summary through the API. Every query lives
 * under ['site', id, 'feedback-forms' | 'customer-summary'], which the realtime
 * `feedback_form.created` and `opinion.created` events invalidate.
 */
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DailyCustomerSummary, FeedbackForm, FeedbackFormKind, ModelRoomFeedbackBody, PageOf, ParkingFeedbackBody } from '@anchang/contracts';
import { http } from '../../shared/api/client';
import { onSite, type FeatureInvalidations } from '../../shared/realtime/invalidation-rules';

const site = (siteId: string) => `/sites/${encodeURIComponent(siteId)}`;

export interface FormFilter {
  kind?: FeedbackFormKind;
  postId?: string;
  from?: string;
  to?: string;
}

export const feedbackKeys = {
  root: (siteId: string) => ['site', siteId, 'feedback-forms'] as const,
  list: (siteId: string, filter: FormFilter) => ['site', siteId, 'feedback-forms', 'list', filter] as const,
  detail: (siteId: string, formId: string) => ['site', siteId, 'feedback-forms', 'detail', formId] as const,
  summaryRoot: (siteId: string) => ['site', siteId, 'customer-summary'] as const,
  summary: (siteId: string, date: string) => ['site', siteId, 'customer-summary', date] as const,
};

export const feedbackApi = {
  list: (siteId: string, filter: FormFilter & { cursor?: string | null; limit?: number }) =>
    http.get<PageOf<FeedbackForm>>(`${site(siteId)}/feedback-forms`, {
      kind: filter.kind,
      postId: filter.postId,
      from: filter.from,
      to: filter.to,
      cursor: filter.cursor ?? undefined,
      limit: filter.limit,
    }),
  get: (siteId: string, formId: string) => http.get<FeedbackForm>(`${site(siteId)}/feedback-forms/${encodeURIComponent(formId)}`),
  fileModelRoom: (siteId: string, body: ModelRoomFeedbackBody) => http.post<FeedbackForm>(`${site(siteId)}/feedback-forms/model-room`, body),
  fileParking: (siteId: string, body: ParkingFeedbackBody) => http.post<FeedbackForm>(`${site(siteId)}/feedback-forms/parking`, body),
  summary: (siteId: string, date: string) => http.get<DailyCustomerSummary>(`${site(siteId)}/customer-summary`, { date }),
};

export const PAGE_SIZE = 20;

export function useFeedbackForms(siteId: string, filter: FormFilter, limit = PAGE_SIZE) {
  return useInfiniteQuery({
    queryKey: feedbackKeys.list(siteId, filter),
    queryFn: ({ pageParam }) => feedbackApi.list(siteId, { ...filter, cursor: pageParam, limit }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

export function useDailyCustomerSummary(siteId: string, date: string) {
  return useQuery({
    queryKey: feedbackKeys.summary(siteId, date),
    queryFn: () => feedbackApi.summary(siteId, date),
    placeholderData: keepPreviousData,
  });
}

/** Files a form; its id was chosen when the form was opened, so a retry after a lost answer is stored once. */
export function useFileForm<TBody>(siteId: string, send: (siteId: string, body: TBody) => Promise<FeedbackForm>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TBody) => send(siteId, body),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: feedbackKeys.root(siteId) });
      void client.invalidateQueries({ queryKey: feedbackKeys.summaryRoot(siteId) });
    },
  });
}

export const feedbackInvalidations: FeatureInvalidations = {
  // The day's customer summary counts opinions and feedback forms.
  'opinion.created': onSite((siteId) => [feedbackKeys.summaryRoot(siteId)]),
  'feedback_form.created': onSite((siteId) => [feedbackKeys.root(siteId), feedbackKeys.summaryRoot(siteId)]),
};
