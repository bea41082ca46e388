import { Type } from '@sinclair/typebox';
import {
  Certificate,
  CertificateParams,
  ConfirmAttendanceResult,
  CreateCertificateBody,
  CreateCourseBody,
  CreateSessionBody,
  FactSheet,
  Id,
  Instant,
  MyTrainingSession,
  Page,
  PageQuery,
  PersonParams,
  POST_CERTIFICATES,
  PostCertificateRule,
  PublishFactSheetBody,
  QuizResult,
  SessionParams,
  SiteParams,
  SubmitQuizBody,
  TrainingCourse,
  TrainingMonth,
  TrainingMonthQuery,
  TrainingSessionDetail,
  TrainingSessionSummary,
  TrainingSettings,
  type PostKind,
} from '@anchang/contracts';
import type { App } from '../../platform/http/types.js';
import type { Deps } from '../../platform/tx.js';
import {
  confirmAttendance,
  createCourse,
  createSession,
  deleteCertificate,
  getFactSheet,
  getSession,
  getTrainingMonth,
  getTrainingSettings,
  listCertificates,
  listCourses,
  listMySessions,
  listSessions,
  listTraining,
  publishFactSheet,
  recordCertificate,
  recordTraining,
  submitQuiz,
  updateTrainingSettings,
} from './training.service.js';

const Kind = Type.Union([Type.Literal('pre_job'), Type.Literal('on_job')]);
const TrainingRecord = Type.Object({ id: Id, personId: Id, kind: Kind, topic: Type.String(), completedAt: Instant });
const RecordTrainingBody = Type.Object(
  { kind: Kind, topic: Type.String({ minLength: 1, maxLength: 100 }), completedAt: Type.Optional(Instant) },
  { additionalProperties: false },
);
const CertificatesQuery = Type.Composite([PageQuery, Type.Object({ personId: Type.Optional(Id) })], { additionalProperties: false });
const MonthQuery = Type.Partial(TrainingMonthQuery, { additionalProperties: false });

export function registerTrainingRoutes(app: App, deps: Deps): void {
  const tags = ['training'];
  // One person's records: bounded (200 newest), not paged.
  app.get(
    '/sites/:siteId/people/:personId/training',
    { schema: { summary: 'Read a person’s training record', tags, params: PersonParams, response: { 200: Type.Array(TrainingRecord) } } },
    (req) => listTraining(deps, req.actor, req.params.siteId, req.params.personId),
  );
  app.post(
    '/sites/:siteId/people/:personId/training',
    { schema: { tags, summary: 'Record a completed training', params: PersonParams, body: RecordTrainingBody, response: { 201: TrainingRecord } } },
    async (req, reply) => reply.status(201).send(await recordTraining(deps, req.actor, req.params.siteId, req.params.personId, req.body)),
  );

  // The project fact sheet (GUARD-IN-1): every member reads the current version; managers publish the next.
  app.get(
    '/sites/:siteId/fact-sheet',
    { schema: { summary: 'Read the site’s current fact sheet', tags, params: SiteParams, response: { 200: FactSheet } } },
    (req) => getFactSheet(deps, req.actor, req.params.siteId),
  );
  app.post(
    '/sites/:siteId/fact-sheet',
    {
      schema: {
        tags,
        summary: 'Publish a new version of the fact sheet',
        params: SiteParams,
        body: PublishFactSheetBody,
        response: { 201: FactSheet },
      },
    },
    async (req, reply) => reply.status(201).send(await publishFactSheet(deps, req.actor, req.params.siteId, req.body)),
  );

  // Courses: the company's, the seven on-job topics seeded. Bounded, not paged.
  app.get(
    '/sites/:siteId/training/courses',
    { schema: { summary: 'List training courses', tags, params: SiteParams, response: { 200: Type.Array(TrainingCourse) } } },
    (req) => listCourses(deps, req.actor, req.params.siteId),
  );
  app.post(
    '/sites/:siteId/training/courses',
    { schema: { summary: 'Create a training course', tags, params: SiteParams, body: CreateCourseBody, response: { 201: TrainingCourse } } },
    async (req, reply) => reply.status(201).send(await createCourse(deps, req.actor, req.params.siteId, req.body)),
  );

  app.get(
    '/sites/:siteId/training/sessions',
    {
      schema: {
        summary: 'List training sessions',
        tags,
        params: SiteParams,
        querystring: PageQuery,
        response: { 200: Page(TrainingSessionSummary) },
      },
    },
    (req) => listSessions(deps, req.actor, req.params.siteId, req.query),
  );
  app.post(
    '/sites/:siteId/training/sessions',
    {
      schema: { tags, summary: 'Schedule a training session', params: SiteParams, body: CreateSessionBody, response: { 201: TrainingSessionDetail } },
    },
    async (req, reply) => reply.status(201).send(await createSession(deps, req.actor, req.params.siteId, req.body)),
  );
  app.get(
    '/sites/:siteId/training/sessions/:sessionId',
    {
      schema: {
        summary: 'Read a training session with its attendees and quiz',
        tags,
        params: SessionParams,
        response: { 200: TrainingSessionDetail },
      },
    },
    (req) => getSession(deps, req.actor, req.params.siteId, req.params.sessionId),
  );

  // The attendee's phone.
  app.get(
    '/sites/:siteId/training/my-sessions',
    {
      schema: {
        summary: 'List the signed-in person’s training sessions',
        tags,
        params: SiteParams,
        querystring: PageQuery,
        response: { 200: Page(MyTrainingSession) },
      },
    },
    (req) => listMySessions(deps, req.actor, req.params.siteId, req.query),
  );
  app.post(
    '/sites/:siteId/training/sessions/:sessionId/confirm',
    {
      schema: {
        tags,
        summary: 'Confirm attendance (invited attendees only; confirming again answers the first confirmation)',
        params: SessionParams,
        response: { 200: ConfirmAttendanceResult },
      },
    },
    (req) => confirmAttendance(deps, req.actor, req.params.siteId, req.params.sessionId),
  );
  app.post(
    '/sites/:siteId/training/sessions/:sessionId/quiz',
    { schema: { tags, summary: 'Answer the quiz, once', params: SessionParams, body: SubmitQuizBody, response: { 201: QuizResult } } },
    async (req, reply) => reply.status(201).send(await submitQuiz(deps, req.actor, req.params.siteId, req.params.sessionId, req.body.answers)),
  );

  app.get(
    '/sites/:siteId/training/month',
    { schema: { summary: 'Read a month’s training summary', tags, params: SiteParams, querystring: MonthQuery, response: { 200: TrainingMonth } } },
    (req) => getTrainingMonth(deps, req.actor, req.params.siteId, req.query.month),
  );

  app.get(
    '/sites/:siteId/training/settings',
    { schema: { summary: 'Read the site’s training settings', tags, params: SiteParams, response: { 200: TrainingSettings } } },
    (req) => getTrainingSettings(deps, req.actor, req.params.siteId),
  );
  app.put(
    '/sites/:siteId/training/settings',
    {
      schema: {
        summary: 'Replace the site’s training settings',
        tags,
        params: SiteParams,
        body: TrainingSettings,
        response: { 200: TrainingSettings },
      },
    },
    (req) => updateTrainingSettings(deps, req.actor, req.params.siteId, req.body),
  );

  app.get(
    '/sites/:siteId/certificates',
    {
      schema: { summary: 'List staff certificates', tags, params: SiteParams, querystring: CertificatesQuery, response: { 200: Page(Certificate) } },
    },
    (req) => listCertificates(deps, req.actor, req.params.siteId, req.query),
  );
  app.get(
    '/sites/:siteId/certificates/rules',
    { schema: { summary: 'Read which posts need which certificates', tags, params: SiteParams, response: { 200: Type.Array(PostCertificateRule) } } },
    () => Object.entries(POST_CERTIFICATES).map(([postKind, kinds]) => ({ postKind: postKind as PostKind, kinds: [...(kinds ?? [])] })),
  );
  app.post(
    '/sites/:siteId/certificates',
    { schema: { summary: 'Record a certificate', tags, params: SiteParams, body: CreateCertificateBody, response: { 201: Certificate } } },
    async (req, reply) => reply.status(201).send(await recordCertificate(deps, req.actor, req.params.siteId, req.body)),
  );
  app.delete(
    '/sites/:siteId/certificates/:certificateId',
    { schema: { summary: 'Delete a certificate', tags, params: CertificateParams } },
    async (req, reply) => {
      await deleteCertificate(deps, req.actor, req.params.siteId, req.params.certificateId);
      return reply.status(204).send();
    },
  );
}
