/**
 * Schemas of the service standards (岗位标准), rosters, shifts and their checklists,
 * anomalies (异常登记) and post-shift forms.
 */
import { DisplayName } from './names.js';
import { Type, type Static } from '@sinclair/typebox';
import { HHMM, Id, Instant, PostKindSchema } from './api.js';
import { HandoffAckFigures } from './visits.js';

export const LocalDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD in the site time zone' });
export const Text = Type.Object(
  { zh: Type.String({ minLength: 1, maxLength: 500 }), en: Type.String({ maxLength: 500 }) },
  { additionalProperties: false },
);
export type Text = Static<typeof Text>;

export const PHASES = ['PRE', 'IN', 'POST'] as const;
export type Phase = (typeof PHASES)[number];
export const PhaseSchema = Type.Unsafe<Phase>({ type: 'string', enum: [...PHASES] });
export const ITEM_GROUPS = ['check', 'requirement', 'drink', 'task'] as const;
export const ItemGroupSchema = Type.Unsafe<(typeof ITEM_GROUPS)[number]>({ type: 'string', enum: [...ITEM_GROUPS] });

export const StandardItem = Type.Object(
  {
    id: Type.String({ pattern: '^[A-Z][A-Z0-9-]{1,40}$', description: "The library's stable id, or SITE-… for the site's own items" }),
    phase: PhaseSchema,
    group: ItemGroupSchema,
    text: Text,
    requiresPhoto: Type.Boolean(),
    requiresNote: Type.Boolean(),
    parameters: Type.Optional(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]))),
  },
  { additionalProperties: false },
);
export type StandardItem = Static<typeof StandardItem>;

export const PostStandard = Type.Object({
  versionId: Id,
  postKind: PostKindSchema,
  version: Type.Integer(),
  libraryVersion: Type.String(),
  title: Text,
  duties: Type.Array(Text),
  flow: Type.Array(Text),
  norms: Type.Array(Text),
  items: Type.Array(StandardItem),
  changeNote: Type.String(),
  createdAt: Instant,
  createdBy: Type.Union([Type.String(), Type.Null()]),
});
export type PostStandard = Static<typeof PostStandard>;

export const StandardSummary = Type.Object({
  postKind: PostKindSchema,
  title: Text,
  version: Type.Integer(),
  versionId: Id,
  itemCount: Type.Integer(),
  createdAt: Instant,
  /** The built-in library version this site's copy of the post follows. */
  libraryVersion: Type.Optional(Type.String()),
});
export type StandardSummary = Static<typeof StandardSummary>;

export const PostKindParams = Type.Object({ siteId: Id, postKind: PostKindSchema });

/** The built-in library's newest version (the server's library carries the same; a unit test holds them equal). */
export const STANDARDS_LIBRARY_VERSION = '2026-12';

/**
 * Takes the built-in library's newest version into the site's own copy: every post whose copy
 * follows an older library gets a new version with the library's new items added (the site's own
 * edits kept) and this note. Shifts already running keep the version they started on.
 */
export const AdoptLibraryUpdateBody = Type.Object({ changeNote: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });
export type AdoptLibraryUpdateBody = Static<typeof AdoptLibraryUpdateBody>;
export const UpdateStandardBody = Type.Object(
  {
    baseVersion: Type.Integer({ minimum: 1, description: 'The version being edited; a newer one answers 409' }),
    items: Type.Array(StandardItem, { maxItems: 200 }),
    changeNote: Type.String({ maxLength: 200, default: '' }),
  },
  { additionalProperties: false },
);

export const GreetingWindow = Type.Object(
  { from: HHMM, to: HHMM, zh: Type.String({ minLength: 1, maxLength: 20 }), en: Type.String({ minLength: 1, maxLength: 40 }) },
  { additionalProperties: false },
);
export type GreetingWindow = Static<typeof GreetingWindow>;
/** Minutes after serving before the hall is prompted to ask about a refill, when the site has not set its own. */
export const DEFAULT_REFILL_PROMPT_MINUTES = 15;

export const StandardSettings = Type.Object(
  {
    /** HALL-DRINK-4: ask about a refill when the cup is down to this fraction (the sources say 1/3 and 1/2). */
    refillFraction: Type.Union([Type.Literal('1/3'), Type.Literal('1/2'), Type.Literal('1/4')]),
    /** Minutes after a drink is served before the hall is prompted to ask about a refill. */
    refillPromptMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 120 })),
    /** HALL-IN-5: greeting by time of day, in the site's time zone. */
    greetingWindows: Type.Array(GreetingWindow, { minItems: 1, maxItems: 8 }),
    /** A clock-in later than the rostered start by more than this is late. */
    lateGraceMinutes: Type.Integer({ minimum: 0, maximum: 120 }),
    /** How early before the rostered start a clock-in is accepted. */
    clockInEarlyMinutes: Type.Integer({ minimum: 0, maximum: 240 }),
    /** TECH-3: a repair must be reached within this many minutes of the report (5 when unset). */
    repairArrivalMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 120 })),
    /** GUARD-IN-9: a shuttle call no driver took within this many seconds prompts the concierge's apology (180 when unset). */
    shuttleCallLimitSeconds: Type.Optional(Type.Integer({ minimum: 30, maximum: 1800 })),
  },
  { additionalProperties: false },
);
export type StandardSettings = Static<typeof StandardSettings>;

// ---- rosters ----
export const RosterEntry = Type.Object({
  id: Id,
  siteId: Id,
  postId: Id,
  personId: Id,
  date: LocalDate,
  start: HHMM,
  end: HHMM,
});
export type RosterEntry = Static<typeof RosterEntry>;
export const RosterConflict = Type.Object({
  kind: Type.Union([
    Type.Literal('PERSON_DOUBLE_BOOKED'),
    Type.Literal('POST_UNCOVERED'),
    Type.Literal('NO_PRE_JOB_TRAINING'),
    /** The line's post needs a certificate (POST_CERTIFICATES) the person lacks or has let expire: `certificateKinds`. */
    Type.Literal('CERTIFICATE_MISSING'),
  ]),
  date: LocalDate,
  personId: Type.Optional(Id),
  postId: Type.Optional(Id),
  entryIds: Type.Array(Id),
  from: Type.Optional(HHMM),
  to: Type.Optional(HHMM),
  certificateKinds: Type.Optional(Type.Array(Type.String())),
});
export type RosterConflict = Static<typeof RosterConflict>;
export const RosterWeek = Type.Object({
  weekStart: LocalDate,
  days: Type.Array(LocalDate),
  entries: Type.Array(RosterEntry),
  conflicts: Type.Array(RosterConflict),
});
export type RosterWeek = Static<typeof RosterWeek>;
export const RosterWeekQuery = Type.Object({ week: LocalDate }, { additionalProperties: false });
export const CreateRosterEntryBody = Type.Object(
  { postId: Id, personId: Id, date: LocalDate, start: HHMM, end: HHMM },
  { additionalProperties: false },
);
export const RosterEntryParams = Type.Object({ siteId: Id, entryId: Id });
export const CopyWeekBody = Type.Object({ fromWeek: LocalDate, toWeek: LocalDate }, { additionalProperties: false });

// ---- shifts ----
export const GeoPoint = Type.Object(
  {
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    lng: Type.Number({ minimum: -180, maximum: 180 }),
    accuracyM: Type.Optional(Type.Number({ minimum: 0 })),
  },
  { additionalProperties: false },
);
export const ChecklistResultValue = Type.Unsafe<'ok' | 'anomaly' | 'na'>({ type: 'string', enum: ['ok', 'anomaly', 'na'] });
export const ChecklistResult = Type.Object({
  id: Id,
  itemId: Type.String(),
  phase: PhaseSchema,
  result: ChecklistResultValue,
  note: Type.Union([Type.String(), Type.Null()]),
  photoId: Type.Union([Id, Type.Null()]),
  recordedAt: Instant,
});
export type ChecklistResult = Static<typeof ChecklistResult>;

export const Shift = Type.Object({
  id: Id,
  siteId: Id,
  postId: Id,
  postName: Type.String(),
  postKind: PostKindSchema,
  personId: Id,
  personName: Type.String(),
  date: LocalDate,
  status: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
  plannedStart: HHMM,
  plannedEnd: HHMM,
  clockInAt: Instant,
  clockOutAt: Type.Union([Instant, Type.Null()]),
  isLate: Type.Boolean(),
  leftWithGuests: Type.Boolean(),
  leaveReason: Type.Union([Type.String(), Type.Null()]),
  debriefAttended: Type.Union([Type.Boolean(), Type.Null()]),
  standardVersionId: Id,
  standardVersion: Type.Integer(),
});
export type Shift = Static<typeof Shift>;

export const ShiftDetail = Type.Object({
  shift: Shift,
  standard: PostStandard,
  results: Type.Array(ChecklistResult),
  greeting: Type.Union([GreetingWindow, Type.Null()]),
  guestsOnSite: Type.Integer(),
});
export type ShiftDetail = Static<typeof ShiftDetail>;

export const ClockInBody = Type.Object(
  {
    id: Id,
    postId: Id,
    at: Type.Optional(Instant),
    location: Type.Optional(GeoPoint),
  },
  { additionalProperties: false, description: 'id is generated by the phone so a retried clock-in is recorded once' },
);
export const ShiftParams = Type.Object({ siteId: Id, shiftId: Id });
export const RecordResultBody = Type.Object(
  {
    id: Id,
    itemId: Type.String({ minLength: 1, maxLength: 60 }),
    result: ChecklistResultValue,
    note: Type.Optional(Type.String({ maxLength: 1000 })),
    photoId: Type.Optional(Id),
    category: Type.Optional(Type.Union([Type.Literal('equipment'), Type.Literal('supplies'), Type.Literal('environment'), Type.Literal('other')])),
    at: Type.Optional(Instant),
  },
  { additionalProperties: false },
);
export const ClockOutBody = Type.Object(
  {
    at: Type.Optional(Instant),
    leaveReason: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    debriefAttended: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export const MyShiftsQuery = Type.Object(
  { status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('closed')])) },
  { additionalProperties: false },
);
export const MyDay = Type.Object({
  date: LocalDate,
  roster: Type.Array(
    Type.Object({
      entry: RosterEntry,
      /** The line's real start and end: a night line's end is the next morning. */
      startsAt: Instant,
      endsAt: Instant,
      postName: Type.String(),
      postKind: PostKindSchema,
      shiftId: Type.Union([Id, Type.Null()]),
    }),
  ),
  openShift: Type.Union([Shift, Type.Null()]),
  greeting: Type.Union([GreetingWindow, Type.Null()]),
});
export type MyDay = Static<typeof MyDay>;

// ---- photos ----
export const Photo = Type.Object({ id: Id, contentType: Type.String(), size: Type.Integer(), createdAt: Instant });
export const PhotoParams = Type.Object({ siteId: Id, photoId: Id });

// ---- anomalies ----
export const ANOMALY_STATUSES = ['open', 'acknowledged', 'assigned', 'resolved'] as const;
export const AnomalyStatus = Type.Unsafe<(typeof ANOMALY_STATUSES)[number]>({ type: 'string', enum: [...ANOMALY_STATUSES] });
export const AnomalyCategory = Type.Unsafe<'equipment' | 'supplies' | 'environment' | 'other'>({
  type: 'string',
  enum: ['equipment', 'supplies', 'environment', 'other'],
});
export const Anomaly = Type.Object({
  id: Id,
  siteId: Id,
  shiftId: Type.Union([Id, Type.Null()]),
  postId: Type.Union([Id, Type.Null()]),
  postName: Type.Union([Type.String(), Type.Null()]),
  itemId: Type.Union([Type.String(), Type.Null()]),
  itemText: Text,
  category: AnomalyCategory,
  note: Type.String(),
  photoId: Type.Union([Id, Type.Null()]),
  needsRepair: Type.Boolean(),
  status: AnomalyStatus,
  reportedBy: Id,
  reportedByName: Type.String(),
  reportedAt: Instant,
  acknowledgedAt: Type.Union([Instant, Type.Null()]),
  assignedTo: Type.Union([Id, Type.Null()]),
  assignedToName: Type.Union([Type.String(), Type.Null()]),
  resolvedAt: Type.Union([Instant, Type.Null()]),
  resolution: Type.Union([Type.String(), Type.Null()]),
  updatedAt: Instant,
});
export type Anomaly = Static<typeof Anomaly>;
export const AnomalyParams = Type.Object({ siteId: Id, anomalyId: Id });
export const AnomalyListQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    status: Type.Optional(Type.Union([AnomalyStatus, Type.Literal('unresolved')])),
    mine: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export const UpdateAnomalyBody = Type.Object(
  {
    action: Type.Union([Type.Literal('acknowledge'), Type.Literal('assign'), Type.Literal('resolve')]),
    assignedTo: Type.Optional(Id),
    resolution: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
    needsRepair: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

// ---- post-shift forms ----
export const RequisitionLine = Type.Object(
  {
    name: DisplayName(60),
    quantity: Type.Integer({ minimum: 1, maximum: 10000 }),
    unit: Type.String({ minLength: 1, maxLength: 10 }),
    /** The supply item this line asks for, so an approved requisition can be issued from a store. */
    itemId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export const Requisition = Type.Object({
  id: Id,
  siteId: Id,
  shiftId: Type.Union([Id, Type.Null()]),
  postId: Type.Union([Id, Type.Null()]),
  postName: Type.Union([Type.String(), Type.Null()]),
  requestedBy: Id,
  requestedByName: Type.String(),
  lines: Type.Array(RequisitionLine),
  note: Type.String(),
  status: Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected')]),
  decidedAt: Type.Union([Instant, Type.Null()]),
  decisionNote: Type.Union([Type.String(), Type.Null()]),
  createdAt: Instant,
});
export type Requisition = Static<typeof Requisition>;
export const CreateRequisitionBody = Type.Object(
  {
    id: Id,
    shiftId: Type.Optional(Id),
    lines: Type.Array(RequisitionLine, { minItems: 1, maxItems: 30 }),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export const RequisitionParams = Type.Object({ siteId: Id, requisitionId: Id });
export const DecideRequisitionBody = Type.Object(
  { decision: Type.Union([Type.Literal('approved'), Type.Literal('rejected')]), note: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
);
export const RequisitionListQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected')])),
  },
  { additionalProperties: false },
);

export const OPINION_CATEGORIES = ['opinion', 'suggestion', 'problem'] as const;
export const CustomerOpinion = Type.Object({
  id: Id,
  siteId: Id,
  shiftId: Type.Union([Id, Type.Null()]),
  postId: Type.Union([Id, Type.Null()]),
  postName: Type.Union([Type.String(), Type.Null()]),
  personId: Id,
  personName: Type.String(),
  date: LocalDate,
  category: Type.Unsafe<(typeof OPINION_CATEGORIES)[number]>({ type: 'string', enum: [...OPINION_CATEGORIES] }),
  text: Type.String(),
  createdAt: Instant,
});
export type CustomerOpinion = Static<typeof CustomerOpinion>;
export const CreateOpinionBody = Type.Object(
  {
    id: Id,
    shiftId: Type.Optional(Id),
    category: Type.Unsafe<(typeof OPINION_CATEGORIES)[number]>({ type: 'string', enum: [...OPINION_CATEGORIES] }),
    text: Type.String({ minLength: 1, maxLength: 1000 }),
  },
  { additionalProperties: false },
);
export const DateQuery = Type.Object({ date: LocalDate }, { additionalProperties: false });
export const OpinionDaySummary = Type.Object({
  date: LocalDate,
  total: Type.Integer(),
  byPost: Type.Array(
    Type.Object({ postId: Type.Union([Id, Type.Null()]), postName: Type.String(), count: Type.Integer(), opinions: Type.Array(CustomerOpinion) }),
  ),
});
export type OpinionDaySummary = Static<typeof OpinionDaySummary>;

// ---- the manager's day board ----
export const BoardPresence = Type.Unsafe<'upcoming' | 'on_time' | 'late' | 'absent' | 'done'>({
  type: 'string',
  enum: ['upcoming', 'on_time', 'late', 'absent', 'done'],
});
export const ChecklistProgress = Type.Object({ done: Type.Integer(), total: Type.Integer(), anomalies: Type.Integer() });
export type ChecklistProgress = Static<typeof ChecklistProgress>;
export const DayBoardRow = Type.Object({
  postId: Id,
  postName: Type.String(),
  postKind: PostKindSchema,
  entries: Type.Array(
    Type.Object({
      entryId: Type.Union([Id, Type.Null()]),
      personId: Id,
      personName: Type.String(),
      start: HHMM,
      end: HHMM,
      presence: BoardPresence,
      shiftId: Type.Union([Id, Type.Null()]),
      clockInAt: Type.Union([Instant, Type.Null()]),
      clockOutAt: Type.Union([Instant, Type.Null()]),
      /** done = items answered (any result), anomalies = those answered 异常: a complete list may still hold anomalies. */
      pre: ChecklistProgress,
      post: ChecklistProgress,
      anomalies: Type.Integer(),
      leftWithGuests: Type.Boolean(),
    }),
  ),
  openAnomalies: Type.Integer(),
});
export type DayBoardRow = Static<typeof DayBoardRow>;
export const DayBoard = Type.Object({
  date: LocalDate,
  isToday: Type.Boolean(),
  now: Instant,
  rows: Type.Array(DayBoardRow),
  /** Time to acknowledge the day's hand-offs, per post and per person (issue 11). */
  handoffs: HandoffAckFigures,
  totals: Type.Object({
    rostered: Type.Integer(),
    onDuty: Type.Integer(),
    late: Type.Integer(),
    absent: Type.Integer(),
    openAnomalies: Type.Integer(),
  }),
});
export type DayBoard = Static<typeof DayBoard>;

export type UpdateStandardBody = Static<typeof UpdateStandardBody>;
export type CreateRosterEntryBody = Static<typeof CreateRosterEntryBody>;
export type CopyWeekBody = Static<typeof CopyWeekBody>;
export type ClockInBody = Static<typeof ClockInBody>;
export type RecordResultBody = Static<typeof RecordResultBody>;
export type ClockOutBody = Static<typeof ClockOutBody>;
export type UpdateAnomalyBody = Static<typeof UpdateAnomalyBody>;
export type CreateRequisitionBody = Static<typeof CreateRequisitionBody>;
export type DecideRequisitionBody = Static<typeof DecideRequisitionBody>;
export type CreateOpinionBody = Static<typeof CreateOpinionBody>;
export type Photo = Static<typeof Photo>;
