/**
 * Satisfaction by QR (满意度): a visitor scans a QR (the farewell screen's, tied to the visit, or a
 * poster's, for a site, a zone or a post), rates the posts that served them 1–5, gives an NPS 0–10,
 * a comment and, if they wish, a phone number for a call back. A visit's answer is credited to the
 * people who held each of its hand-offs; a poster's to the post and whoever was on duty there.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Id, Instant, Phone, PostKindSchema } from './api.js';
import { ComplaintCategorySchema, ComplaintSeveritySchema } from './complaints.js';
import type { PostKind } from './domain.js';
import { LocalDate } from './standards.js';

const literalUnion = <T extends readonly string[]>(values: T) => Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });

/** The posts a visitor meets: a survey rates only these (the back-of-house posts are not asked about). */
export const VISITOR_FACING_POSTS: readonly PostKind[] = ['HALL', 'BAR', 'PARK', 'GUARD', 'SHUTTLE', 'MODEL', 'MODELSVC'];

export const SURVEY_SOURCES = ['visit', 'poster'] as const;
export type SurveySource = (typeof SURVEY_SOURCES)[number];
export const POSTER_SCOPES = ['site', 'zone', 'post'] as const;
export type PosterScope = (typeof POSTER_SCOPES)[number];

/** A token: 32 url-safe characters (192 random bits). Anything else is refused before the database is asked. */
export const SurveyToken = Type.String({ pattern: '^[A-Za-z0-9_-]{32}$' });
export const SurveyTokenParams = Type.Object({ token: SurveyToken });

/** NPS (净推荐值): promoters 9–10, passives 7–8, detractors 0–6. */
export const npsGroup = (score: number): 'promoter' | 'passive' | 'detractor' => (score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor');

/** What the public page shows: post names only, no people, no visitor data. */
export const PublicSurvey = Type.Object({
  source: literalUnion(SURVEY_SOURCES),
  siteName: Type.String(),
  /** The poster's label (a zone's or post's name), or null for a visit. */
  placeName: Type.Union([Type.String(), Type.Null()]),
  posts: Type.Array(Type.Object({ postId: Id, kind: PostKindSchema, name: Type.String() })),
  isAnswered: Type.Boolean(),
});
export type PublicSurvey = Static<typeof PublicSurvey>;

export const SurveyAnswerBody = Type.Object(
  {
    ratings: Type.Array(Type.Object({ postId: Id, rating: Type.Integer() }, { additionalProperties: false }), { maxItems: 20 }),
    nps: Type.Integer(),
    comment: Type.Optional(Type.String({ maxLength: 500 })),
    phone: Type.Optional(Type.String({ maxLength: 20 })),
    phoneConsent: Type.Optional(Type.Boolean()),
    /** The phone's own id, kept in its storage: the per-device limit counts it. */
    deviceId: Type.String({ minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }),
    /** Hidden from people; a bot filling every field fills it. */
    website: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type SurveyAnswerBody = Static<typeof SurveyAnswerBody>;
export const SurveyAnswerReceipt = Type.Object({ ok: Type.Literal(true) });

/** A complaint from the QR page, no login: the visit or poster comes from the token, never the body. */
export const PublicComplaintBody = Type.Object(
  {
    category: ComplaintCategorySchema,
    description: Type.String({ minLength: 1, maxLength: 1000 }),
    /** "It is urgent / about safety": filed 'serious' instead of 'normal' (a shorter deadline). */
    isUrgent: Type.Optional(Type.Boolean()),
    name: Type.Optional(Type.String({ maxLength: 40 })),
    phone: Type.Optional(Phone),
    /** Required (true) with a phone: the visitor agreed to be called back on it. */
    phoneConsent: Type.Optional(Type.Boolean()),
    deviceId: Type.String({ minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }),
    /** Hidden from people; a bot filling every field fills it. */
    website: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type PublicComplaintBody = Static<typeof PublicComplaintBody>;
/** What the visitor is told: a reference and how soon they hear back, nothing they typed. */
export const PublicComplaintReceipt = Type.Object({
  /** The site's complaint number, to quote when calling; null when nothing was filed (the honeypot). */
  number: Type.Union([Type.Integer(), Type.Null()]),
  /** Hours within which the site answers, from its deadline for the severity it was filed with. */
  answerWithinHours: Type.Number(),
  severity: ComplaintSeveritySchema,
});
export type PublicComplaintReceipt = Static<typeof PublicComplaintReceipt>;

/** The farewell QR of a visit (staff and console only). */
export const VisitSurveyToken = Type.Object({ visitId: Id, token: SurveyToken, path: Type.String(), isAnswered: Type.Boolean() });
export type VisitSurveyToken = Static<typeof VisitSurveyToken>;
export const VisitSurveyParams = Type.Object({ siteId: Id, visitId: Id });

export const SurveyPoster = Type.Object({
  id: Id,
  scope: literalUnion(POSTER_SCOPES),
  zoneId: Type.Union([Id, Type.Null()]),
  postId: Type.Union([Id, Type.Null()]),
  placeName: Type.String(),
  token: SurveyToken,
  path: Type.String(),
  createdAt: Instant,
  revokedAt: Type.Union([Instant, Type.Null()]),
  answers: Type.Integer(),
});
export type SurveyPoster = Static<typeof SurveyPoster>;
export const CreatePosterBody = Type.Object(
  { scope: literalUnion(POSTER_SCOPES), zoneId: Type.Optional(Id), postId: Type.Optional(Id) },
  { additionalProperties: false },
);
export type CreatePosterBody = Static<typeof CreatePosterBody>;
export const PosterParams = Type.Object({ siteId: Id, posterId: Id });
export const PosterListQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
});

export const SurveyAnswerQuery = Type.Object({
  from: Type.Optional(LocalDate),
  to: Type.Optional(LocalDate),
  postId: Type.Optional(Id),
  source: Type.Optional(literalUnion(SURVEY_SOURCES)),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
});
export type SurveyAnswerQuery = Static<typeof SurveyAnswerQuery>;

export const SurveyAnswer = Type.Object({
  id: Id,
  source: literalUnion(SURVEY_SOURCES),
  visitId: Type.Union([Id, Type.Null()]),
  placeName: Type.Union([Type.String(), Type.Null()]),
  answeredAt: Instant,
  date: LocalDate,
  nps: Type.Integer(),
  comment: Type.String(),
  /** Masked (139****5678), and only when the visitor consented to a call back. */
  phoneMasked: Type.Union([Type.String(), Type.Null()]),
  ratings: Type.Array(
    Type.Object({
      postId: Id,
      postName: Type.String(),
      rating: Type.Integer(),
      people: Type.Array(Type.Object({ personId: Id, name: Type.String() })),
    }),
  ),
});
export type SurveyAnswer = Static<typeof SurveyAnswer>;

export const SurveySummaryQuery = Type.Object({ from: LocalDate, to: LocalDate });
export type SurveySummaryQuery = Static<typeof SurveySummaryQuery>;

const Average = Type.Union([Type.Number(), Type.Null()]);
export const SurveySummary = Type.Object({
  from: LocalDate,
  to: LocalDate,
  answers: Type.Integer(),
  averageRating: Average,
  /** -100..100, null without answers. */
  nps: Average,
  promoters: Type.Integer(),
  passives: Type.Integer(),
  detractors: Type.Integer(),
  byPost: Type.Array(Type.Object({ postId: Id, postName: Type.String(), ratings: Type.Integer(), average: Type.Number() })),
  byPerson: Type.Array(Type.Object({ personId: Id, name: Type.String(), ratings: Type.Integer(), average: Type.Number() })),
  byDay: Type.Array(Type.Object({ date: LocalDate, answers: Type.Integer(), averageRating: Average, nps: Average })),
});
export type SurveySummary = Static<typeof SurveySummary>;
