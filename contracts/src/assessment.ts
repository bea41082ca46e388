/**
 * The monthly assessment (考核, sop-library C): each person's month at a site, computed from what
 * was recorded on the floor, against a scheme of weights per post that the company keeps.
 * Every line is worth up to its weight in points; the total is out of 100 and passes at the
 * scheme's pass mark. Two consecutive failing (signed) months produce a dismissal recommendation
 * for a person to decide: Anchang never dismisses anyone by itself.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Id, Instant, PostKindSchema } from './api.js';
import { POST_KINDS, type PostKind } from './domain.js';

const literalUnion = <T extends readonly string[]>(values: T) => Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });

export const ASSESSMENT_LINES = ['checklist', 'punctuality', 'rounds', 'repairs', 'inspections', 'opinions', 'training', 'satisfaction'] as const;
export type AssessmentLineKey = (typeof ASSESSMENT_LINES)[number];
export const AssessmentLineKeySchema = literalUnion(ASSESSMENT_LINES);

export const ASSESSMENT_STATUSES = ['draft', 'reviewed', 'signed'] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];
/** no_duty: neither rostered nor clocked in that month, so neither pass nor fail. */
export const ASSESSMENT_OUTCOMES = ['pass', 'fail', 'no_duty'] as const;
export type AssessmentOutcome = (typeof ASSESSMENT_OUTCOMES)[number];
export const APPEAL_STATUSES = ['none', 'open', 'upheld', 'rejected'] as const;
export type AppealStatus = (typeof APPEAL_STATUSES)[number];
export const RECOMMENDATION_STATUSES = ['open', 'dismiss', 'keep', 'withdrawn'] as const;
export type RecommendationStatus = (typeof RECOMMENDATION_STATUSES)[number];

const Weight = Type.Integer({ minimum: 0, maximum: 100 });
export const LineWeights = Type.Object(
  {
    checklist: Weight,
    punctuality: Weight,
    rounds: Weight,
    repairs: Weight,
    inspections: Weight,
    opinions: Weight,
    training: Weight,
    satisfaction: Weight,
  },
  { additionalProperties: false },
);
export type LineWeights = Static<typeof LineWeights>;

/** How events turn into points where a line deducts per event rather than by a share. */
export const SchemeRules = Type.Object(
  {
    /** Points off the punctuality line per late clock-in. */
    latePoints: Type.Number({ minimum: 0, maximum: 100 }),
    /** Points off the punctuality line per rostered line never clocked in (no-show). */
    absencePoints: Type.Number({ minimum: 0, maximum: 100 }),
    /** Customer opinions a person should collect in a month for the line's full collection share. */
    opinionTarget: Type.Integer({ minimum: 0, maximum: 100 }),
    /** Points off the opinions line per customer problem (complaint) recorded on the person's shifts. */
    complaintPoints: Type.Number({ minimum: 0, maximum: 100 }),
    /** Points off the inspections line per rectification left overdue. */
    overdueRectificationPoints: Type.Number({ minimum: 0, maximum: 100 }),
  },
  { additionalProperties: false },
);
export type SchemeRules = Static<typeof SchemeRules>;

/** Every post's weights must add up to 100: the total is out of 100 whatever the post. */
export const SchemeContent = Type.Object(
  {
    passMark: Type.Integer({ minimum: 1, maximum: 100 }),
    weights: Type.Object(Object.fromEntries(POST_KINDS.map((k) => [k, LineWeights])) as Record<PostKind, typeof LineWeights>, {
      additionalProperties: false,
    }),
    rules: SchemeRules,
  },
  { additionalProperties: false },
);
export type SchemeContent = Static<typeof SchemeContent>;

export const AssessmentScheme = Type.Object({
  id: Id,
  version: Type.Integer(),
  content: SchemeContent,
  changeNote: Type.String(),
  createdByName: Type.Union([Type.String(), Type.Null()]),
  createdAt: Instant,
});
export type AssessmentScheme = Static<typeof AssessmentScheme>;

export const SaveSchemeBody = Type.Object(
  { content: SchemeContent, changeNote: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);
export type SaveSchemeBody = Static<typeof SaveSchemeBody>;

/** The posts whose default weights include the visitors' satisfaction. */
export const VISITOR_FACING_ASSESSED: readonly PostKind[] = ['HALL', 'BAR', 'PARK', 'GUARD', 'SHUTTLE', 'MODEL'];

/** The defaults every company starts with (the company admin edits them). */
export function defaultSchemeContent(): SchemeContent {
  const service: LineWeights = {
    checklist: 25,
    punctuality: 20,
    rounds: 10,
    repairs: 0,
    inspections: 20,
    opinions: 10,
    training: 15,
    satisfaction: 0,
  };
  // The posts a visitor meets are also judged by the visitors' ratings (满意度调查), taken from the
  // checklist and the rounds, which weigh less at a post whose work is the guests.
  const facing: LineWeights = { ...service, checklist: 20, rounds: 5, satisfaction: 10 };
  const rounds: LineWeights = { checklist: 20, punctuality: 20, rounds: 30, repairs: 0, inspections: 15, opinions: 0, training: 15, satisfaction: 0 };
  const tech: LineWeights = { checklist: 20, punctuality: 15, rounds: 10, repairs: 25, inspections: 15, opinions: 0, training: 15, satisfaction: 0 };
  const manager: LineWeights = {
    checklist: 20,
    punctuality: 20,
    rounds: 0,
    repairs: 0,
    inspections: 25,
    opinions: 15,
    training: 20,
    satisfaction: 0,
  };
  const weights = Object.fromEntries(
    POST_KINDS.map((kind) => {
      if (kind === 'TECH') return [kind, tech];
      if (kind === 'MANAGER') return [kind, manager];
      if (kind === 'SECURITY' || kind === 'CLEAN' || kind === 'GREEN') return [kind, rounds];
      if (VISITOR_FACING_ASSESSED.includes(kind)) return [kind, facing];
      return [kind, service];
    }),
  ) as Record<PostKind, LineWeights>;
  return { passMark: 80, weights, rules: { latePoints: 2, absencePoints: 10, opinionTarget: 4, complaintPoints: 5, overdueRectificationPoints: 2 } };
}

/** The first post whose weights do not add up to 100, or null. */
export function schemeWeightProblem(content: SchemeContent): PostKind | null {
  for (const kind of POST_KINDS) {
    const sum = ASSESSMENT_LINES.reduce((n, line) => n + content.weights[kind][line], 0);
    if (sum !== 100) return kind;
  }
  return null;
}

/** What the month's records say about one person (the evidence every line is computed from). */
export const AssessmentFigures = Type.Object({
  rostered: Type.Integer(),
  shifts: Type.Integer(),
  lateClockIns: Type.Integer(),
  noShows: Type.Integer(),
  checklistExpected: Type.Integer(),
  checklistDone: Type.Integer(),
  roundsDue: Type.Integer(),
  roundsMet: Type.Integer(),
  roundsLate: Type.Integer(),
  repairsDue: Type.Integer(),
  repairsOnTime: Type.Integer(),
  inspections: Type.Integer(),
  inspectionDeductions: Type.Number(),
  rectificationsOverdue: Type.Integer(),
  opinionsCollected: Type.Integer(),
  complaints: Type.Integer(),
  onJobTrainings: Type.Integer(),
  quizzesTaken: Type.Integer(),
  quizzesPassed: Type.Integer(),
  quizAverage: Type.Union([Type.Number(), Type.Null()]),
  satisfaction: Type.Union([Type.Number(), Type.Null()]),
});
export type AssessmentFigures = Static<typeof AssessmentFigures>;

export const AssessmentLine = Type.Object({
  key: AssessmentLineKeySchema,
  weight: Type.Number(),
  /** As computed from the figures. */
  computedPoints: Type.Number(),
  /** What counts: the adjustment's points when the manager adjusted the line. */
  points: Type.Number(),
  adjustment: Type.Union([
    Type.Null(),
    Type.Object({
      points: Type.Number(),
      reason: Type.String(),
      byName: Type.String(),
      at: Instant,
      source: literalUnion(['review', 'appeal'] as const),
    }),
  ]),
});
export type AssessmentLine = Static<typeof AssessmentLine>;

export const Assessment = Type.Object({
  id: Id,
  siteId: Id,
  personId: Id,
  personName: Type.String(),
  month: Type.String(),
  postKind: PostKindSchema,
  schemeVersion: Type.Integer(),
  passMark: Type.Integer(),
  status: literalUnion(ASSESSMENT_STATUSES),
  outcome: literalUnion(ASSESSMENT_OUTCOMES),
  total: Type.Number(),
  figures: AssessmentFigures,
  lines: Type.Array(AssessmentLine),
  computedAt: Instant,
  signedAt: Type.Union([Instant, Type.Null()]),
  signedByName: Type.Union([Type.String(), Type.Null()]),
  appeal: Type.Object({
    status: literalUnion(APPEAL_STATUSES),
    text: Type.Union([Type.String(), Type.Null()]),
    at: Type.Union([Instant, Type.Null()]),
    reason: Type.Union([Type.String(), Type.Null()]),
    decidedAt: Type.Union([Instant, Type.Null()]),
  }),
});
export type Assessment = Static<typeof Assessment>;

export const AssessmentMonth = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM on the site calendar' });
export const AssessmentMonthQuery = Type.Object({ month: Type.Optional(AssessmentMonth) }, { additionalProperties: false });
export const AssessmentExportQuery = Type.Object(
  { month: AssessmentMonth, lang: Type.Optional(literalUnion(['zh-CN', 'en-US'] as const)) },
  { additionalProperties: false },
);
export const AssessmentParams = Type.Object({ siteId: Id, assessmentId: Id });

export const AssessmentMonthView = Type.Object({
  month: Type.String(),
  /** True once the monthly close (or the console) computed the month. */
  items: Type.Array(Assessment),
});
export type AssessmentMonthView = Static<typeof AssessmentMonthView>;

export const ComputeMonthBody = Type.Object({ month: AssessmentMonth }, { additionalProperties: false });
export const ComputeMonthResult = Type.Object({ month: Type.String(), computed: Type.Integer(), skippedSigned: Type.Integer() });

const Reason = Type.String({ minLength: 1, maxLength: 500 });
export const AdjustLineBody = Type.Object(
  { line: AssessmentLineKeySchema, points: Type.Number({ minimum: 0, maximum: 100 }), reason: Type.String({ maxLength: 500 }) },
  { additionalProperties: false },
);
export type AdjustLineBody = Static<typeof AdjustLineBody>;
export const AppealBody = Type.Object({ text: Reason }, { additionalProperties: false });
export const AppealDecisionBody = Type.Object(
  {
    decision: literalUnion(['upheld', 'rejected'] as const),
    reason: Type.String({ maxLength: 500 }),
    /** Upheld: the line changed and its new points. */
    line: Type.Optional(AssessmentLineKeySchema),
    points: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
  },
  { additionalProperties: false },
);
export type AppealDecisionBody = Static<typeof AppealDecisionBody>;

export const DismissalRecommendation = Type.Object({
  id: Id,
  siteId: Id,
  siteName: Type.String(),
  personId: Id,
  personName: Type.String(),
  status: literalUnion(RECOMMENDATION_STATUSES),
  months: Type.Array(Assessment),
  reason: Type.Union([Type.String(), Type.Null()]),
  decidedAt: Type.Union([Instant, Type.Null()]),
  createdAt: Instant,
});
export type DismissalRecommendation = Static<typeof DismissalRecommendation>;
export const RecommendationParams = Type.Object({ recommendationId: Id });
export const RecommendationDecisionBody = Type.Object(
  { decision: literalUnion(['dismiss', 'keep'] as const), reason: Type.String({ maxLength: 500 }) },
  { additionalProperties: false },
);
export type RecommendationDecisionBody = Static<typeof RecommendationDecisionBody>;
