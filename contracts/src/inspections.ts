/**
 * Supervisor inspections (服务监督 / 品质核查), section C of the manual: a superior walks a post's
 * standard and the behaviour norms with their numbers, passes or fails each item with a deduction,
 * and every failed item becomes a rectification the person fixes and the inspector re-checks.
 * A daily plan (设立服务监控岗位,每日巡查) says how many times each post must be inspected.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Id, Instant, PostKindSchema } from './api.js';
import type { PostKind } from './domain.js';
import { LocalDate, Text } from './standards.js';

const literalUnion = <T extends readonly string[]>(values: T) => Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });

/**
 * A behaviour norm the inspector watches for, with the number the manual gives (the distance, the
 * angle). Kept as data so a site's form, the quiz writers and the assessment read one list.
 */
export interface BehaviourNorm {
  id: string;
  /** The standard items the norm measures (for reference on the form). */
  sourceItemIds: readonly string[];
  postKinds: readonly PostKind[];
  text: Text;
  points: number;
}

const FRONT_OF_HOUSE: readonly PostKind[] = ['HALL', 'BAR', 'PARK', 'GUARD', 'SHUTTLE', 'MODEL', 'MODELSVC', 'SECURITY', 'CLEAN', 'GREEN', 'TECH'];

export const BEHAVIOUR_NORMS: readonly BehaviourNorm[] = [
  {
    id: 'NORM-BI-APPEARANCE',
    sourceItemIds: ['HALL-PRE-1', 'PARK-IN-1'],
    postKinds: FRONT_OF_HOUSE,
    text: { zh: '仪容仪表符合 BI 规范,精神饱满', en: 'Appearance to the BI standard, alert and tidy' },
    points: 2,
  },
  {
    id: 'NORM-STANCE-SMILE',
    sourceItemIds: ['BAR-IN-1', 'MODEL-IN-2'],
    postKinds: ['HALL', 'BAR', 'MODEL', 'MODELSVC', 'GUARD', 'PARK'],
    text: { zh: '标准站姿,面带微笑', en: 'Standard stance, smiling' },
    points: 2,
  },
  {
    id: 'NORM-GREET-3M',
    sourceItemIds: ['HALL-IN-1'],
    postKinds: ['HALL', 'MODELSVC'],
    text: { zh: '客人距 3 米时主动迎宾', en: 'Greets the guest first when they are 3 m away' },
    points: 3,
  },
  {
    id: 'NORM-BOW-15',
    sourceItemIds: ['HALL-IN-1'],
    postKinds: ['HALL', 'MODELSVC'],
    text: { zh: '15° 鞠躬微笑:“您好!欢迎光临!”', en: '15° bow with a smile: “Hello, welcome!”' },
    points: 3,
  },
  {
    id: 'NORM-LEAD-1-2M',
    sourceItemIds: ['HALL-IN-2'],
    postKinds: ['HALL', 'MODELSVC'],
    text: { zh: '在客人前方 1–2 米领位至休息区', en: 'Leads the guest to the seats from 1–2 m in front' },
    points: 2,
  },
  {
    id: 'NORM-SALUTE-1_5M',
    sourceItemIds: ['GUARD-IN-3'],
    postKinds: ['GUARD'],
    text: { zh: '客户行进至 1.5 米时敬礼问好并手势指引', en: 'Salutes and greets at 1.5 m, pointing the way' },
    points: 3,
  },
  {
    id: 'NORM-PARK-SALUTE-DOOR',
    sourceItemIds: ['PARK-IN-2'],
    postKinds: ['PARK'],
    text: { zh: '车辆停稳后敬礼、开车门、问好', en: 'Once the car stops: salutes, opens the door, greets' },
    points: 3,
  },
  {
    id: 'NORM-BOW-30',
    sourceItemIds: ['MODEL-IN-3'],
    postKinds: ['MODEL'],
    text: { zh: '顾客出现时 30° 鞠躬:“欢迎光顾 XX 样板房”', en: '30° bow when the guest appears: “Welcome to the model home”' },
    points: 3,
  },
  {
    id: 'NORM-SEE-OFF',
    sourceItemIds: ['PARK-IN-2', 'GUARD-IN-3', 'MODEL-IN-11'],
    postKinds: ['PARK', 'GUARD', 'MODEL', 'SHUTTLE'],
    text: { zh: '客人离开时敬礼或鞠躬并目送', en: 'Salutes or bows and watches the guest leave' },
    points: 2,
  },
  {
    id: 'NORM-7S',
    sourceItemIds: [],
    postKinds: FRONT_OF_HOUSE,
    text: { zh: '岗位区域 7S:整洁、物品定位', en: '7S at the post: tidy, everything in its place' },
    points: 2,
  },
];

export const normsForPostKind = (kind: PostKind): BehaviourNorm[] => BEHAVIOUR_NORMS.filter((n) => n.postKinds.includes(kind));

// ---- settings ----

export const DEFAULT_RECTIFY_HOURS = 24;
export const DEFAULT_STANDARD_ITEM_POINTS = 2;

export const InspectionPlanLine = Type.Object(
  { postId: Id, timesPerDay: Type.Integer({ minimum: 1, maximum: 12 }) },
  { additionalProperties: false },
);
export type InspectionPlanLine = Static<typeof InspectionPlanLine>;

export const InspectionSettings = Type.Object(
  {
    /** Hours a person has to fix a failed item (and again after a second rectification). */
    rectifyHours: Type.Integer({ minimum: 1, maximum: 720 }),
    /**
     * When a re-check finds the item fixed (整改完成), is the deduction waived? Default no: the
     * failure was seen, the fix does not undo it; a site that rewards a prompt fix turns it on.
     */
    waiveDeductionWhenDone: Type.Boolean(),
    /** Points of a standard item on the form (the norms carry their own). */
    standardItemPoints: Type.Integer({ minimum: 1, maximum: 20 }),
    /** The monitoring role's daily plan: which posts, how many inspections a day. */
    plan: Type.Array(InspectionPlanLine, { maxItems: 100 }),
  },
  { additionalProperties: false },
);
export type InspectionSettings = Static<typeof InspectionSettings>;

export const DEFAULT_INSPECTION_SETTINGS: InspectionSettings = {
  rectifyHours: DEFAULT_RECTIFY_HOURS,
  waiveDeductionWhenDone: false,
  standardItemPoints: DEFAULT_STANDARD_ITEM_POINTS,
  plan: [],
};

// ---- the form ----

export const INSPECTION_ITEM_SOURCES = ['standard', 'norm'] as const;
export const InspectionFormItem = Type.Object({
  itemId: Type.String(),
  source: literalUnion(INSPECTION_ITEM_SOURCES),
  text: Text,
  points: Type.Integer(),
});
export type InspectionFormItem = Static<typeof InspectionFormItem>;

export const OnDutyPerson = Type.Object({ personId: Id, name: Type.String(), onShift: Type.Boolean() });
export type OnDutyPerson = Static<typeof OnDutyPerson>;

export const InspectionForm = Type.Object({
  postId: Id,
  postKind: PostKindSchema,
  postName: Type.String(),
  standardVersionId: Id,
  items: Type.Array(InspectionFormItem),
  onDuty: Type.Array(OnDutyPerson),
});
export type InspectionForm = Static<typeof InspectionForm>;
export const InspectionFormQuery = Type.Object({ postId: Id }, { additionalProperties: false });

export const SubmitInspectionItem = Type.Object(
  {
    itemId: Type.String({ minLength: 1, maxLength: 60 }),
    passed: Type.Boolean(),
    /** Points deducted for a failed item: more than 0 and at most the item's points. */
    deduction: Type.Optional(Type.Integer()),
    note: Type.Optional(Type.String({ maxLength: 500 })),
    photoId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type SubmitInspectionItem = Static<typeof SubmitInspectionItem>;

export const SubmitInspectionBody = Type.Object(
  {
    /** Generated on the phone: the same submission sent again is recorded once. */
    id: Id,
    postId: Id,
    personId: Id,
    /** 实地测评: a visit by someone the post does not know; the inspector's name is not shown to the person. */
    isMystery: Type.Optional(Type.Boolean()),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
    items: Type.Array(SubmitInspectionItem, { minItems: 1, maxItems: 200 }),
  },
  { additionalProperties: false },
);
export type SubmitInspectionBody = Static<typeof SubmitInspectionBody>;

// ---- rectifications ----

/** 待整改 · 待复查 · 整改完成 · 二次整改 · 扣分关闭 */
export const RECTIFICATION_STATUSES = ['to_rectify', 'to_recheck', 'done', 'second_rectify', 'closed_deducted'] as const;
export type RectificationStatus = (typeof RECTIFICATION_STATUSES)[number];
export const RectificationStatusSchema = literalUnion(RECTIFICATION_STATUSES);
export const RECTIFICATION_ACTIONS = ['fix', 'pass', 'redo', 'close'] as const;
export type RectificationAction = (typeof RECTIFICATION_ACTIONS)[number];

/** Who moves a rectification: the person fixes; the inspector (or a superior) decides. */
export const RECTIFICATION_MOVES: Readonly<
  Record<RectificationAction, { from: readonly RectificationStatus[]; to: RectificationStatus; by: 'person' | 'inspector' }>
> = {
  fix: { from: ['to_rectify', 'second_rectify'], to: 'to_recheck', by: 'person' },
  pass: { from: ['to_recheck'], to: 'done', by: 'inspector' },
  redo: { from: ['to_recheck'], to: 'second_rectify', by: 'inspector' },
  // Closing keeps the deduction: after a failed re-check, or when the person never fixed it.
  close: { from: ['to_rectify', 'second_rectify', 'to_recheck'], to: 'closed_deducted', by: 'inspector' },
};
export const OPEN_RECTIFICATION_STATUSES: readonly RectificationStatus[] = ['to_rectify', 'to_recheck', 'second_rectify'];
/** Waiting on the person's fix: the deadline runs. */
export const AWAITING_FIX: readonly RectificationStatus[] = ['to_rectify', 'second_rectify'];

export const RectificationEvent = Type.Object({
  status: RectificationStatusSchema,
  byName: Type.Union([Type.String(), Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]),
  photoId: Type.Union([Id, Type.Null()]),
  at: Instant,
});

export const Rectification = Type.Object({
  id: Id,
  siteId: Id,
  inspectionId: Id,
  itemId: Type.String(),
  itemText: Text,
  postId: Id,
  postName: Type.String(),
  personId: Id,
  personName: Type.String(),
  /** Null for the inspected person on a mystery visit. */
  inspectorId: Type.Union([Id, Type.Null()]),
  inspectorName: Type.Union([Type.String(), Type.Null()]),
  isMystery: Type.Boolean(),
  status: RectificationStatusSchema,
  /** 1, or 2 after a second rectification. */
  round: Type.Integer(),
  deduction: Type.Integer(),
  deductionWaived: Type.Boolean(),
  failNote: Type.Union([Type.String(), Type.Null()]),
  failPhotoId: Type.Union([Id, Type.Null()]),
  deadlineAt: Instant,
  isOverdue: Type.Boolean(),
  fixNote: Type.Union([Type.String(), Type.Null()]),
  fixPhotoId: Type.Union([Id, Type.Null()]),
  createdAt: Instant,
  events: Type.Array(RectificationEvent),
});
export type Rectification = Static<typeof Rectification>;
export const RectificationParams = Type.Object({ siteId: Id, rectificationId: Id });
export const RECTIFICATION_SCOPES = ['mine', 'to_recheck', 'all'] as const;
export const RectificationListQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    /** mine: to fix, as the inspected person; to_recheck: waiting on me as the inspector; all: the site's (overseers). */
    scope: Type.Optional(literalUnion(RECTIFICATION_SCOPES)),
    status: Type.Optional(Type.Union([Type.Literal('open'), RectificationStatusSchema])),
  },
  { additionalProperties: false },
);
export const RectificationFixBody = Type.Object(
  { note: Type.String({ minLength: 1, maxLength: 500 }), photoId: Type.Optional(Id) },
  { additionalProperties: false },
);
export const RectificationDecisionBody = Type.Object({ note: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false });

// ---- the inspection as read ----

export const InspectionItemResult = Type.Object({
  itemId: Type.String(),
  source: literalUnion(INSPECTION_ITEM_SOURCES),
  text: Text,
  points: Type.Integer(),
  passed: Type.Boolean(),
  deduction: Type.Integer(),
  note: Type.Union([Type.String(), Type.Null()]),
  photoId: Type.Union([Id, Type.Null()]),
});
export type InspectionItemResult = Static<typeof InspectionItemResult>;

export const InspectionSummary = Type.Object({
  id: Id,
  siteId: Id,
  date: LocalDate,
  postId: Id,
  postKind: PostKindSchema,
  postName: Type.String(),
  personId: Id,
  personName: Type.String(),
  inspectorId: Type.Union([Id, Type.Null()]),
  inspectorName: Type.Union([Type.String(), Type.Null()]),
  isMystery: Type.Boolean(),
  itemCount: Type.Integer(),
  failedCount: Type.Integer(),
  deductionPoints: Type.Integer(),
  inspectedAt: Instant,
});
export type InspectionSummary = Static<typeof InspectionSummary>;

export const Inspection = Type.Composite([
  InspectionSummary,
  Type.Object({ note: Type.Union([Type.String(), Type.Null()]), items: Type.Array(InspectionItemResult), rectifications: Type.Array(Rectification) }),
]);
export type Inspection = Static<typeof Inspection>;
export const InspectionParams = Type.Object({ siteId: Id, inspectionId: Id });
export const InspectionListQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    postId: Type.Optional(Id),
    personId: Type.Optional(Id),
    from: Type.Optional(LocalDate),
    to: Type.Optional(LocalDate),
    mystery: Type.Optional(Type.Boolean()),
    failed: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

// ---- the daily plan ----

export const InspectionPlanPost = Type.Object({
  postId: Id,
  postKind: PostKindSchema,
  postName: Type.String(),
  timesPerDay: Type.Integer(),
  done: Type.Integer(),
  due: Type.Integer(),
  missed: Type.Integer(),
  /** Still to do today (0 once the day is over: what was not done is missed). */
  remaining: Type.Integer(),
  onDuty: Type.Array(OnDutyPerson),
});
export type InspectionPlanPost = Static<typeof InspectionPlanPost>;
export const InspectionPlanDay = Type.Object({
  date: LocalDate,
  isOver: Type.Boolean(),
  isOpen: Type.Boolean(),
  done: Type.Integer(),
  due: Type.Integer(),
  missed: Type.Integer(),
  posts: Type.Array(InspectionPlanPost),
});
export type InspectionPlanDay = Static<typeof InspectionPlanDay>;
export const InspectionPlanDayQuery = Type.Object({ date: Type.Optional(LocalDate) }, { additionalProperties: false });

export const InspectionComplianceDay = Type.Object({ date: LocalDate, done: Type.Integer(), due: Type.Integer(), missed: Type.Integer() });
export const InspectionCompliance = Type.Object({
  from: LocalDate,
  to: LocalDate,
  done: Type.Integer(),
  due: Type.Integer(),
  missed: Type.Integer(),
  days: Type.Array(InspectionComplianceDay),
});
export type InspectionCompliance = Static<typeof InspectionCompliance>;
export const InspectionComplianceQuery = Type.Object({ from: LocalDate, to: LocalDate }, { additionalProperties: false });

/**
 * One planned post on one day, measured like a round: `due` inspections on an open day, `done`
 * counted up to `due`; once the day is over whatever was not done is missed.
 */
export function planDayFigures(input: { timesPerDay: number; inspections: number; isOpenDay: boolean; isOver: boolean }): {
  due: number;
  done: number;
  missed: number;
  remaining: number;
} {
  const due = input.isOpenDay ? input.timesPerDay : 0;
  const done = Math.min(input.inspections, due);
  const left = due - done;
  return { due, done, missed: input.isOver ? left : 0, remaining: input.isOver ? 0 : left };
}

/** Where a rectification may go from here, and who may take it there. */
export const canMoveRectification = (status: RectificationStatus, action: RectificationAction): boolean =>
  RECTIFICATION_MOVES[action].from.includes(status);
