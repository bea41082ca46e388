/**
 * Questions for sales (GUARD-IN-7) through the API: asked on a visit from any staff phone,
 * answered by a consultant. The question's id is made on the phone, so a resent question is asked once.
 */
import type { AnswerQuestionBody, AskQuestionBody, PageOf, Question, QuestionListQuery } from '@anchang/contracts';
import { http } from '../../shared/api/client';
import { sitePath } from '../../shared/api/endpoints';
import { onSite, type FeatureInvalidations } from '../../shared/realtime/invalidation-rules';

export const questionsApi = {
  list: (siteId: string, q: QuestionListQuery = {}) =>
    http.get<PageOf<Question>>(`${sitePath(siteId)}/questions`, {
      limit: q.limit,
      cursor: q.cursor,
      status: q.status,
      to: q.to,
      visitId: q.visitId,
      askedSince: q.askedSince,
    }),
  ask: (siteId: string, visitId: string, body: AskQuestionBody) =>
    http.post<Question>(`${sitePath(siteId)}/visits/${encodeURIComponent(visitId)}/questions`, body),
  answer: (siteId: string, questionId: string, body: AnswerQuestionBody) =>
    http.post<Question>(`${sitePath(siteId)}/questions/${encodeURIComponent(questionId)}/answer`, body),
};

/** Everything about questions sits under one key, refetched by the `question.*` events. */
export const questionKeys = {
  root: (siteId: string) => ['site', siteId, 'questions'] as const,
};

const questionsChanged = onSite((siteId) => [questionKeys.root(siteId)]);

export const questionInvalidations: FeatureInvalidations = {
  'question.asked': questionsChanged,
  'question.answered': questionsChanged,
};
