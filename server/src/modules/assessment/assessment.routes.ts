import {
  AdjustLineBody,
  AppealBody,
  AppealDecisionBody,
  Assessment,
  AssessmentExportQuery,
  AssessmentMonthQuery,
  AssessmentMonthView,
  AssessmentParams,
  AssessmentScheme,
  ComputeMonthBody,
  ComputeMonthResult,
  DismissalRecommendation,
  RecommendationDecisionBody,
  SaveSchemeBody,
  SiteParams,
} from '@anchang/contracts';
import { Type } from '@sinclair/typebox';
import { readerLocale } from '../../platform/http/reader-locale.js';
import type { App } from '../../platform/http/types.js';
import { sendWorkbook } from '../../platform/http/workbook-reply.js';
import type { Deps } from '../../platform/tx.js';
import { exportMonthWorkbook } from './assessment.export.js';
import {
  adjustLine,
  appealAssessment,
  computeMonth,
  decideAppeal,
  decideRecommendation,
  getAssessment,
  getScheme,
  listMonth,
  listMyAssessments,
  listRecommendations,
  saveScheme,
  signAssessment,
} from './assessment.service.js';

const RecommendationParams = Type.Object({ siteId: SiteParams.properties.siteId, recommendationId: SiteParams.properties.siteId });
const ExportQuery = Type.Object(
  { ...AssessmentExportQuery.properties, scope: Type.Optional(Type.Union([Type.Literal('site'), Type.Literal('company')])) },
  { additionalProperties: false },
);

export function registerAssessmentRoutes(app: App, deps: Deps): void {
  const tags = ['assessment'];
  // One line per person of the site in the month: bounded by the site's people, not paged.
  app.get(
    '/sites/:siteId/assessments',
    {
      schema: {
        tags,
        summary: "The month's assessments of the site (default: the current month so far)",
        params: SiteParams,
        querystring: AssessmentMonthQuery,
        response: { 200: AssessmentMonthView },
      },
    },
    (req) => listMonth(deps, req.actor, req.params.siteId, req.query.month),
  );
  app.post(
    '/sites/:siteId/assessments/compute',
    {
      schema: {
        tags,
        summary: 'Compute (or recompute) the month from the records; signed months stay',
        params: SiteParams,
        body: ComputeMonthBody,
        response: { 200: ComputeMonthResult },
      },
    },
    (req) => computeMonth(deps, req.actor, req.params.siteId, req.body.month),
  );
  app.get(
    '/sites/:siteId/assessments/export',
    {
      schema: {
        tags,
        summary: 'The month as .xlsx: one sheet per site (scope=company: every site, for a company admin)',
        params: SiteParams,
        querystring: ExportQuery,
        response: { 200: Type.Unsafe({ type: 'string', format: 'binary' }) },
      },
    },
    async (req, reply) => {
      const workbook = await exportMonthWorkbook(
        deps,
        req.actor,
        req.params.siteId,
        req.query.month,
        readerLocale(req.query.lang, req.headers['accept-language']),
        req.query.scope === 'company',
      );
      return sendWorkbook(reply, `assessment-${req.query.month}.xlsx`, workbook);
    },
  );
  app.get(
    '/sites/:siteId/my-assessments',
    {
      schema: {
        tags,
        summary: "The caller's own months at the site, newest first (a year)",
        params: SiteParams,
        response: { 200: Type.Array(Assessment) },
      },
    },
    (req) => listMyAssessments(deps, req.actor, req.params.siteId),
  );
  app.get(
    '/sites/:siteId/assessments/:assessmentId',
    {
      schema: {
        tags,
        summary: "One person's month with its lines and figures (the person's own, or any for an overseer)",
        params: AssessmentParams,
        response: { 200: Assessment },
      },
    },
    (req) => getAssessment(deps, req.actor, req.params.siteId, req.params.assessmentId),
  );
  app.post(
    '/sites/:siteId/assessments/:assessmentId/adjust',
    {
      schema: {
        tags,
        summary: 'Adjust a line, with a reason (audited)',
        params: AssessmentParams,
        body: AdjustLineBody,
        response: { 200: Assessment },
      },
    },
    (req) => adjustLine(deps, req.actor, req.params.siteId, req.params.assessmentId, req.body),
  );
  app.post(
    '/sites/:siteId/assessments/:assessmentId/sign',
    { schema: { tags, summary: 'Sign the month: final, once', params: AssessmentParams, response: { 200: Assessment } } },
    (req) => signAssessment(deps, req.actor, req.params.siteId, req.params.assessmentId),
  );
  app.post(
    '/sites/:siteId/assessments/:assessmentId/appeal',
    {
      schema: {
        tags,
        summary: 'The person appeals their signed month (申诉), once',
        params: AssessmentParams,
        body: AppealBody,
        response: { 200: Assessment },
      },
    },
    (req) => appealAssessment(deps, req.actor, req.params.siteId, req.params.assessmentId, req.body.text),
  );
  app.post(
    '/sites/:siteId/assessments/:assessmentId/appeal-decision',
    {
      schema: {
        tags,
        summary: 'Decide the appeal: upheld (with the line changed) or rejected, with a reason',
        params: AssessmentParams,
        body: AppealDecisionBody,
        response: { 200: Assessment },
      },
    },
    (req) => decideAppeal(deps, req.actor, req.params.siteId, req.params.assessmentId, req.body),
  );
  app.get(
    '/sites/:siteId/assessment-scheme',
    {
      schema: {
        tags,
        summary: "The company's current assessment scheme (weights per post, pass mark)",
        params: SiteParams,
        response: { 200: AssessmentScheme },
      },
    },
    (req) => getScheme(deps, req.actor, req.params.siteId),
  );
  app.put(
    '/sites/:siteId/assessment-scheme',
    {
      schema: {
        tags,
        summary: 'A new version of the scheme (company admin); computed months keep theirs',
        params: SiteParams,
        body: SaveSchemeBody,
        response: { 200: AssessmentScheme },
      },
    },
    (req) => saveScheme(deps, req.actor, req.params.siteId, req.body),
  );
  // At most the latest hundred: a site has few.
  app.get(
    '/sites/:siteId/assessment-recommendations',
    {
      schema: {
        tags,
        summary: 'Dismissal recommendations after two failing months, with both months (company admin)',
        params: SiteParams,
        response: { 200: Type.Array(DismissalRecommendation) },
      },
    },
    (req) => listRecommendations(deps, req.actor, req.params.siteId),
  );
  app.post(
    '/sites/:siteId/assessment-recommendations/:recommendationId/decision',
    {
      schema: {
        tags,
        summary: 'A person decides: dismiss or keep, with a reason (recorded; no account changes)',
        params: RecommendationParams,
        body: RecommendationDecisionBody,
        response: { 200: DismissalRecommendation },
      },
    },
    (req) => decideRecommendation(deps, req.actor, req.params.siteId, req.params.recommendationId, req.body),
  );
}
