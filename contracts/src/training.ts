/**
 * Training (sop-library section C, 培训) and the project fact sheet (GUARD-IN-1).
 *
 * - The fact sheet: what every post must be able to tell a guest about the project (unit types,
 *   areas, orientation, prices on sale, the management fee, the selling points). Versioned per
 *   site; staff phones show the current version; quiz questions are drawn from it.
 * - Courses: pre-job (BI norms and the project's basics) and on-job, the seven topics of section C
 *   seeded per company.
 * - Sessions: a dated course with a trainer, material and invited attendees; an attendee confirms
 *   on their own phone, which writes the training record the roster's pre-job rule reads.
 * - Quizzes: single-choice, auto-graded against a pass mark, answered once.
 * - Certificates: the licences some posts need (电工证 / 空调 for the technician, a driving
 *   permit for the shuttle), with an expiry date.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Id, Instant, PostKindSchema } from './api.js';
import type { PostKind } from './domain.js';
import { LocalDate } from './standards.js';

const literalUnion = <T extends readonly string[]>(values: T, opts: { description?: string } = {}) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...opts });

export const TRAINING_KINDS = ['pre_job', 'on_job'] as const;
export type TrainingKind = (typeof TRAINING_KINDS)[number];

/** The seven on-job topics of section C, in the manual's order: seeded per company. */
export const ON_JOB_TOPICS = [
  { key: 'culture', zh: '企业文化', en: 'Company culture' },
  { key: 'service_skills', zh: '客户服务技巧', en: 'Customer service skills' },
  { key: 'customer_psychology', zh: '客户心理', en: 'Customer psychology' },
  { key: 'emergencies', zh: '突发事件处理', en: 'Handling emergencies' },
  { key: 'marketing', zh: '营销知识', en: 'Marketing knowledge' },
  { key: 'occupational_safety', zh: '职业安全', en: 'Occupational safety' },
  { key: 'site_7s', zh: '7S 现场管理', en: '7S workplace management' },
] as const;
/** The pre-job course (岗前培训): BI norms and the project's basics, before the first shift. */
export const PRE_JOB_TOPIC = {
  key: 'pre_job_basics',
  zh: '岗前培训:BI 规范及楼盘基本情况',
  en: "Pre-job: BI norms and the project's basics",
} as const;

/** 在岗培训每月至少一次: from this day of the site-local month, people without on-job training are flagged. */
export const ON_JOB_FLAG_FROM_DAY = 20;

/** What the roster does with a person who has no pre-job training: warn (a conflict) or block (refuse the line). */
export const PRE_JOB_GATES = ['warn', 'block'] as const;
export type PreJobGate = (typeof PRE_JOB_GATES)[number];

export const CERTIFICATE_KINDS = ['ELECTRICIAN', 'HVAC', 'DRIVING'] as const;
export type CertificateKind = (typeof CERTIFICATE_KINDS)[number];
/**
 * Which posts need which certificates (every kind listed is needed): the technician works on
 * live circuits and the air conditioning (电工证, 制冷空调作业证), the shuttle driver drives guests.
 */
export const POST_CERTIFICATES: Readonly<Partial<Record<PostKind, readonly CertificateKind[]>>> = {
  TECH: ['ELECTRICIAN', 'HVAC'],
  SHUTTLE: ['DRIVING'],
};

// ---- fact sheet ----
export const UnitType = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 40 }),
    areaM2: Type.Number({ exclusiveMinimum: 0, maximum: 10000 }),
    rooms: Type.String({ minLength: 1, maxLength: 40, description: 'e.g. 三室两厅两卫' }),
    orientation: Type.String({ minLength: 1, maxLength: 20, description: 'e.g. 南北通透' }),
    /** Total price on sale, in 万元 (10,000 CNY). */
    priceFromWan: Type.Number({ minimum: 0, maximum: 1000000 }),
    priceToWan: Type.Number({ minimum: 0, maximum: 1000000 }),
  },
  { additionalProperties: false },
);
export type UnitType = Static<typeof UnitType>;
export const FactSheetContent = Type.Object(
  {
    unitTypes: Type.Array(UnitType, { maxItems: 30 }),
    /** 物业服务管理费, CNY per m² per month. */
    managementFeePerM2: Type.Union([Type.Number({ minimum: 0, maximum: 1000 }), Type.Null()]),
    sellingPoints: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 30 }),
    notes: Type.String({ maxLength: 4000 }),
  },
  { additionalProperties: false },
);
export type FactSheetContent = Static<typeof FactSheetContent>;
export const FactSheet = Type.Object({
  siteId: Id,
  version: Type.Integer({ minimum: 0, description: '0: nothing published yet' }),
  content: FactSheetContent,
  changeNote: Type.String(),
  publishedAt: Type.Union([Instant, Type.Null()]),
  publishedByName: Type.Union([Type.String(), Type.Null()]),
});
export type FactSheet = Static<typeof FactSheet>;
export const PublishFactSheetBody = Type.Object(
  {
    baseVersion: Type.Integer({ minimum: 0, description: 'The version being edited; a newer one answers 409' }),
    content: FactSheetContent,
    changeNote: Type.String({ maxLength: 200, default: '' }),
  },
  { additionalProperties: false },
);

// ---- courses ----
export const TrainingCourse = Type.Object({
  id: Id,
  kind: literalUnion(TRAINING_KINDS),
  topicKey: Type.Union([Type.String(), Type.Null()]),
  nameZh: Type.String(),
  nameEn: Type.String(),
});
export type TrainingCourse = Static<typeof TrainingCourse>;
export const CreateCourseBody = Type.Object(
  {
    kind: literalUnion(TRAINING_KINDS),
    nameZh: Type.String({ minLength: 1, maxLength: 80 }),
    nameEn: Type.String({ minLength: 1, maxLength: 120 }),
  },
  { additionalProperties: false },
);

// ---- sessions and quizzes ----
export const QUESTION_SOURCES = ['manual', 'fact_sheet', 'standard'] as const;
export type QuestionSource = (typeof QUESTION_SOURCES)[number];
export const QuizQuestionInput = Type.Object(
  {
    prompt: Type.String({ minLength: 1, maxLength: 300 }),
    choices: Type.Array(Type.String({ minLength: 1, maxLength: 120 }), { minItems: 2, maxItems: 6 }),
    correctIndex: Type.Integer({ minimum: 0, maximum: 5 }),
  },
  { additionalProperties: false },
);
export type QuizQuestionInput = Static<typeof QuizQuestionInput>;
/** A question as an attendee sees it: no answer key. */
export const QuizQuestion = Type.Object({
  id: Id,
  position: Type.Integer(),
  source: literalUnion(QUESTION_SOURCES),
  prompt: Type.String(),
  choices: Type.Array(Type.String()),
});
export type QuizQuestion = Static<typeof QuizQuestion>;
/** As the manager sees it, with the key. */
export const QuizQuestionWithKey = Type.Composite([QuizQuestion, Type.Object({ correctIndex: Type.Integer() })]);
export type QuizQuestionWithKey = Static<typeof QuizQuestionWithKey>;

export const CreateSessionBody = Type.Object(
  {
    courseId: Id,
    date: LocalDate,
    trainerName: Type.String({ minLength: 1, maxLength: 60 }),
    material: Type.String({ maxLength: 8000, default: '' }),
    photoIds: Type.Array(Id, { maxItems: 9, default: [] }),
    attendeeIds: Type.Array(Id, { minItems: 1, maxItems: 200 }),
    quiz: Type.Optional(
      Type.Object(
        {
          passMark: Type.Integer({ minimum: 1, maximum: 100, description: 'percent' }),
          questions: Type.Array(QuizQuestionInput, { maxItems: 30, default: [] }),
          /** Add questions drawn from the current fact sheet / the standards' numbers. */
          fromFactSheet: Type.Boolean({ default: false }),
          fromStandards: Type.Boolean({ default: false }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type CreateSessionBody = Static<typeof CreateSessionBody>;

export const SessionParams = Type.Object({ siteId: Id, sessionId: Id });
export const TrainingSessionSummary = Type.Object({
  id: Id,
  siteId: Id,
  courseId: Id,
  kind: literalUnion(TRAINING_KINDS),
  courseNameZh: Type.String(),
  courseNameEn: Type.String(),
  date: LocalDate,
  trainerName: Type.String(),
  invited: Type.Integer(),
  confirmed: Type.Integer(),
  hasQuiz: Type.Boolean(),
  passMark: Type.Union([Type.Integer(), Type.Null()]),
  createdAt: Instant,
});
export type TrainingSessionSummary = Static<typeof TrainingSessionSummary>;
export const SessionAttendee = Type.Object({
  personId: Id,
  name: Type.String(),
  confirmedAt: Type.Union([Instant, Type.Null()]),
  quizScore: Type.Union([Type.Integer(), Type.Null()]),
  quizPassed: Type.Union([Type.Boolean(), Type.Null()]),
});
export type SessionAttendee = Static<typeof SessionAttendee>;
export const TrainingSessionDetail = Type.Composite([
  TrainingSessionSummary,
  Type.Object({
    material: Type.String(),
    photoIds: Type.Array(Id),
    attendees: Type.Array(SessionAttendee),
    questions: Type.Array(QuizQuestionWithKey),
  }),
]);
export type TrainingSessionDetail = Static<typeof TrainingSessionDetail>;

/** A session as its invited attendee sees it on the phone. */
export const MyTrainingSession = Type.Composite([
  TrainingSessionSummary,
  Type.Object({
    material: Type.String(),
    photoIds: Type.Array(Id),
    confirmedAt: Type.Union([Instant, Type.Null()]),
    questions: Type.Array(QuizQuestion),
    result: Type.Union([Type.Null(), Type.Object({ score: Type.Integer(), passed: Type.Boolean(), correct: Type.Integer(), total: Type.Integer() })]),
  }),
]);
export type MyTrainingSession = Static<typeof MyTrainingSession>;

export const SubmitQuizBody = Type.Object(
  { answers: Type.Array(Type.Integer({ minimum: 0, maximum: 5 }), { minItems: 1, maxItems: 30 }) },
  { additionalProperties: false },
);
export const QuizResult = Type.Object({
  score: Type.Integer(),
  passed: Type.Boolean(),
  correct: Type.Integer(),
  total: Type.Integer(),
  passMark: Type.Integer(),
});
export type QuizResult = Static<typeof QuizResult>;
export const ConfirmAttendanceResult = Type.Object({ sessionId: Id, confirmedAt: Instant, alreadyConfirmed: Type.Boolean() });

// ---- the month ----
export const TrainingMonthQuery = Type.Object({ month: Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$' }) }, { additionalProperties: false });
export const TrainingMonthRow = Type.Object({
  personId: Id,
  name: Type.String(),
  onJobCount: Type.Integer(),
  flagged: Type.Boolean({ description: 'No on-job training this month, and the 20th has come (or the month is over)' }),
});
export const TrainingMonth = Type.Object({
  month: Type.String(),
  flagFrom: LocalDate,
  isFlagging: Type.Boolean(),
  people: Type.Array(TrainingMonthRow),
});
export type TrainingMonth = Static<typeof TrainingMonth>;

// ---- settings ----
export const TrainingSettings = Type.Object({ preJobGate: literalUnion(PRE_JOB_GATES) }, { additionalProperties: false });
export type TrainingSettings = Static<typeof TrainingSettings>;

// ---- certificates ----
export const Certificate = Type.Object({
  id: Id,
  personId: Id,
  personName: Type.String(),
  kind: literalUnion(CERTIFICATE_KINDS),
  number: Type.String(),
  expiresOn: LocalDate,
  isExpired: Type.Boolean(),
});
export type Certificate = Static<typeof Certificate>;
export const CreateCertificateBody = Type.Object(
  { personId: Id, kind: literalUnion(CERTIFICATE_KINDS), number: Type.String({ maxLength: 60, default: '' }), expiresOn: LocalDate },
  { additionalProperties: false },
);
export const CertificateParams = Type.Object({ siteId: Id, certificateId: Id });
export const PostCertificateRule = Type.Object({ postKind: PostKindSchema, kinds: Type.Array(literalUnion(CERTIFICATE_KINDS)) });
