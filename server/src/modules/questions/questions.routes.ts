import { AnswerQuestionBody, AskQuestionBody, Page, Question, QuestionListQuery, QuestionParams, SiteParams, VisitParams } from '@anchang/contracts';
import type { App } from '../../platform/http/types.js';
import type { Deps } from '../../platform/tx.js';
import { answerQuestion, askQuestion, listQuestions } from './questions.service.js';

export function registerQuestionRoutes(app: App, deps: Deps): void {
  const tags = ['questions'];
  app.post(
    '/sites/:siteId/visits/:visitId/questions',
    {
      schema: {
        tags,
        summary: "Hand a customer's question to sales (GUARD-IN-7): the visit's consultant, or every consultant when it has none",
        params: VisitParams,
        body: AskQuestionBody,
        response: { 200: Question, 201: Question },
      },
    },
    async (req, reply) => {
      const { question, created } = await askQuestion(deps, req.actor, req.params.siteId, req.params.visitId, req.body);
      return reply.status(created ? 201 : 200).send(question);
    },
  );
  app.get(
    '/sites/:siteId/questions',
    {
      schema: {
        tags,
        summary: 'Questions for sales, newest first',
        params: SiteParams,
        querystring: QuestionListQuery,
        response: { 200: Page(Question) },
      },
    },
    (req) => listQuestions(deps, req.actor, req.params.siteId, req.query),
  );
  app.post(
    '/sites/:siteId/questions/:questionId/answer',
    {
      schema: {
        tags,
        summary: 'A consultant answers; the time from the question is kept',
        params: QuestionParams,
        body: AnswerQuestionBody,
        response: { 200: Question },
      },
    },
    (req) => answerQuestion(deps, req.actor, req.params.siteId, req.params.questionId, req.body),
  );
}
