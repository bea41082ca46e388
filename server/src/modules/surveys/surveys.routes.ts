import {
  CreatePosterBody,
  Page,
  PosterListQuery,
  PosterParams,
  PublicComplaintBody,
  PublicComplaintReceipt,
  PublicSurvey,
  SiteParams,
  SurveyAnswer,
  SurveyAnswerBody,
  SurveyAnswerQuery,
  SurveyAnswerReceipt,
  SurveyPoster,
  SurveySummary,
  SurveySummaryQuery,
  SurveyTokenParams,
  VisitSurveyParams,
  VisitSurveyToken,
} from '@anchang/contracts';
import type { App } from '../../platform/http/types.js';
import type { Deps } from '../../platform/tx.js';
import {
  answerSurvey,
  complainFromSurvey,
  createPoster,
  ensureVisitSurveyToken,
  listAnswers,
  listPosters,
  publicSurvey,
  revokePoster,
  surveySummary,
} from './surveys.service.js';

/** The survey page's API, for anyone holding a token: no session. */
export function registerPublicSurveyRoutes(app: App, deps: Deps): void {
  const tags = ['surveys'];
  app.get(
    '/public/surveys/:token',
    {
      schema: {
        tags,
        summary: 'What a survey QR asks about: the site and post names, nothing about people or the visitor',
        security: [],
        params: SurveyTokenParams,
        response: { 200: PublicSurvey },
      },
    },
    (req) => publicSurvey(deps, req.params.token),
  );
  app.post(
    '/public/surveys/:token/answers',
    {
      schema: {
        tags,
        summary: 'Answer a survey, no login: once per visit, limited per address and per device (counted in the database)',
        security: [],
        params: SurveyTokenParams,
        body: SurveyAnswerBody,
        response: { 201: SurveyAnswerReceipt },
      },
    },
    async (req, reply) => reply.status(201).send(await answerSurvey(deps, req.params.token, req.body, { address: req.ip })),
  );
  app.post(
    '/public/surveys/:token/complaints',
    {
      schema: {
        tags,
        summary: 'File a complaint from the QR page, no login: limited per address and per device; the reply is a reference number and a deadline',
        security: [],
        params: SurveyTokenParams,
        body: PublicComplaintBody,
        response: { 201: PublicComplaintReceipt },
      },
    },
    async (req, reply) => reply.status(201).send(await complainFromSurvey(deps, req.params.token, req.body, { address: req.ip })),
  );
}

export function registerSurveyRoutes(app: App, deps: Deps): void {
  const tags = ['surveys'];
  app.put(
    '/sites/:siteId/visits/:visitId/survey-token',
    {
      schema: {
        tags,
        summary: "The visit's farewell QR (made on first asking, the same afterwards)",
        params: VisitSurveyParams,
        response: { 200: VisitSurveyToken },
      },
    },
    (req) => ensureVisitSurveyToken(deps, req.actor, req.params.siteId, req.params.visitId),
  );
  app.get(
    '/sites/:siteId/survey-posters',
    {
      schema: { tags, summary: 'QR posters, newest first', params: SiteParams, querystring: PosterListQuery, response: { 200: Page(SurveyPoster) } },
    },
    (req) => listPosters(deps, req.actor, req.params.siteId, req.query),
  );
  app.post(
    '/sites/:siteId/survey-posters',
    {
      schema: {
        tags,
        summary: 'A QR poster for the site, a zone or a post',
        params: SiteParams,
        body: CreatePosterBody,
        response: { 201: SurveyPoster },
      },
    },
    async (req, reply) => reply.status(201).send(await createPoster(deps, req.actor, req.params.siteId, req.body)),
  );
  app.post(
    '/sites/:siteId/survey-posters/:posterId/revoke',
    { schema: { tags, summary: 'Stop a poster: its QR answers 410 from now on', params: PosterParams, response: { 200: SurveyPoster } } },
    (req) => revokePoster(deps, req.actor, req.params.siteId, req.params.posterId),
  );
  app.get(
    '/sites/:siteId/survey-answers',
    {
      schema: {
        tags,
        summary: 'Answers, newest first, with the people credited (phones masked)',
        params: SiteParams,
        querystring: SurveyAnswerQuery,
        response: { 200: Page(SurveyAnswer) },
      },
    },
    (req) => listAnswers(deps, req.actor, req.params.siteId, req.query),
  );
  app.get(
    '/sites/:siteId/survey-summary',
    {
      schema: {
        tags,
        summary: 'Averages per post and per person, NPS, and the trend by day (the client viewer: without people)',
        params: SiteParams,
        querystring: SurveySummaryQuery,
        response: { 200: SurveySummary },
      },
    },
    (req) => surveySummary(deps, req.actor, req.params.siteId, req.query),
  );
}
