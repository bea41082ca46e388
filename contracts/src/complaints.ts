/**
 * Complaints (投诉) handled to their end, section E of the manual (投诉与评价): intake, handling,
 * the result reported back to the complainant, and a follow-up call (回访) with their verdict.
 *
 * 受理 received → 处理中 handling (an owner, notes) → 已反馈 result_reported (the result and the
 * channel it went by) → 回访: satisfied closes it, not satisfied reopens it (back to handling, a new
 * deadline). A closed complaint may also be reopened by a manager when the complainant calls back.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Id, Instant, Phone } from './api.js';
import type { Role } from './domain.js';
import { LocalDate } from './standards.js';

const literalUnion = <T extends readonly string[]>(values: T) => Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const COMPLAINT_CATEGORIES = ['attitude', 'waiting', 'cleanliness', 'facilities', 'parking', 'safety', 'other'] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];
export const COMPLAINT_CATEGORY_LABELS: Readonly<Record<ComplaintCategory, { zh: string; en: string }>> = {
  attitude: { zh: '服务态度', en: 'Service attitude' },
  waiting: { zh: '等候时间', en: 'Waiting time' },
  cleanliness: { zh: '环境卫生', en: 'Environment and cleanliness' },
  facilities: { zh: '设施设备', en: 'Facilities' },
  parking: { zh: '停车', en: 'Parking' },
  safety: { zh: '安全', en: 'Safety' },
  other: { zh: '其他', en: 'Other' },
};

export const COMPLAINT_SEVERITIES = ['normal', 'serious', 'urgent'] as const;
export type ComplaintSeverity = (typeof COMPLAINT_SEVERITIES)[number];
export const COMPLAINT_SEVERITY_LABELS: Readonly<Record<ComplaintSeverity, { zh: string; en: string }>> = {
  normal: { zh: '一般', en: 'Normal' },
  serious: { zh: '严重', en: 'Serious' },
  urgent: { zh: '紧急', en: 'Urgent' },
};

/** 受理 · 处理中 · 已反馈 · 已关闭 */
export const COMPLAINT_STATUSES = ['received', 'handling', 'result_reported', 'closed'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];
export const COMPLAINT_STATUS_LABELS: Readonly<Record<ComplaintStatus, { zh: string; en: string }>> = {
  received: { zh: '受理', en: 'Received' },
  handling: { zh: '处理中', en: 'Handling' },
  result_reported: { zh: '已反馈', en: 'Result reported' },
  closed: { zh: '已关闭', en: 'Closed' },
};
/** Waiting on a result: the deadline runs and escalates. */
export const COMPLAINT_AWAITING_RESULT: readonly ComplaintStatus[] = ['received', 'handling'];

/** Where the complaint came from: a staff phone, the console, the developer's people, the public QR page. */
export const COMPLAINT_SOURCES = ['staff', 'console', 'client', 'qr'] as const;
export type ComplaintSource = (typeof COMPLAINT_SOURCES)[number];

/** How the result reached the complainant. */
export const COMPLAINT_CHANNELS = ['phone', 'sms', 'wechat', 'in_person', 'letter'] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];
export const COMPLAINT_CHANNEL_LABELS: Readonly<Record<ComplaintChannel, { zh: string; en: string }>> = {
  phone: { zh: '电话', en: 'Phone' },
  sms: { zh: '短信', en: 'SMS' },
  wechat: { zh: '微信', en: 'WeChat' },
  in_person: { zh: '当面', en: 'In person' },
  letter: { zh: '书面', en: 'Letter' },
};

export const COMPLAINT_VERDICTS = ['satisfied', 'not_satisfied'] as const;
export type ComplaintVerdict = (typeof COMPLAINT_VERDICTS)[number];

/** The moves a complaint makes. `note` appends to the timeline without moving the state. */
export const COMPLAINT_ACTIONS = ['assign', 'note', 'report_result', 'follow_up', 'close', 'reopen'] as const;
export type ComplaintAction = (typeof COMPLAINT_ACTIONS)[number];

/**
 * From which states each action may start. `follow_up` lands on closed (satisfied) or handling
 * (not satisfied); `close` is for a complaint whose result went back but whose complainant cannot
 * be called (anonymous, no phone): never before a result.
 */
export const COMPLAINT_MOVES: Readonly<Record<ComplaintAction, readonly ComplaintStatus[]>> = {
  assign: ['received', 'handling'],
  note: ['received', 'handling', 'result_reported'],
  report_result: ['handling'],
  follow_up: ['result_reported'],
  close: ['result_reported'],
  reopen: ['closed'],
};
export const canMoveComplaint = (status: ComplaintStatus, action: ComplaintAction): boolean => COMPLAINT_MOVES[action].includes(status);

/** Who handles complaints (assign, follow up, close, reopen): the site's manager and supervisors. */
export const COMPLAINT_HANDLERS: readonly Role[] = ['site_manager', 'supervisor'];
/** Who reads every complaint of the site. */
export const COMPLAINT_READERS: readonly Role[] = ['company_admin', 'site_manager', 'supervisor', 'client_viewer'];
/** Who files one: the site's staff on their phones, its overseers, and the developer's people. */
export const COMPLAINT_FILERS: readonly Role[] = ['site_manager', 'supervisor', 'staff', 'sales_consultant', 'client_viewer'];

/** Hours from receipt (or reopening) to the result, per severity; twice that alerts the company admins. */
export const ComplaintSettings = Type.Object(
  {
    deadlineHours: Type.Object(
      {
        normal: Type.Integer({ minimum: 1, maximum: 720 }),
        serious: Type.Integer({ minimum: 1, maximum: 720 }),
        urgent: Type.Integer({ minimum: 1, maximum: 720 }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type ComplaintSettings = Static<typeof ComplaintSettings>;
export const DEFAULT_COMPLAINT_SETTINGS: ComplaintSettings = { deadlineHours: { normal: 72, serious: 24, urgent: 2 } };

export const ComplaintCategorySchema = literalUnion(COMPLAINT_CATEGORIES);
export const ComplaintSeveritySchema = literalUnion(COMPLAINT_SEVERITIES);
export const ComplaintStatusSchema = literalUnion(COMPLAINT_STATUSES);
export const ComplaintChannelSchema = literalUnion(COMPLAINT_CHANNELS);
export const ComplaintVerdictSchema = literalUnion(COMPLAINT_VERDICTS);

export const FileComplaintBody = Type.Object(
  {
    /** Where it was typed: the staff phone or the console (a client viewer's complaint is 'client' whatever is sent). */
    via: Type.Optional(literalUnion(['staff', 'console'] as const)),
    complainantName: Type.Optional(Type.String({ maxLength: 40 })),
    complainantPhone: Type.Optional(Phone),
    /** The complainant agreed to be called back on that phone: required with a phone. */
    phoneConsent: Type.Optional(Type.Boolean()),
    category: ComplaintCategorySchema,
    severity: ComplaintSeveritySchema,
    description: Type.String({ minLength: 1, maxLength: 2000 }),
    postId: Type.Optional(Id),
    visitId: Type.Optional(Id),
    photoIds: Type.Optional(Type.Array(Id, { maxItems: 6 })),
    /** Filed by a handler: give it straight to its owner (it starts in handling). */
    ownerId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type FileComplaintBody = Static<typeof FileComplaintBody>;

export const ComplaintEventKind = literalUnion([
  'filed',
  'assigned',
  'note',
  'result',
  'follow_up',
  'closed',
  'reopened',
  'overdue',
  'escalated',
] as const);
export type ComplaintEventKind = Static<typeof ComplaintEventKind>;

/** One line of the timeline: a state move or a note, with who and when. */
export const ComplaintEvent = Type.Object({
  id: Id,
  kind: ComplaintEventKind,
  /** The state after this line. */
  status: ComplaintStatusSchema,
  byName: Nullable(Type.String()),
  note: Nullable(Type.String()),
  at: Instant,
});
export type ComplaintEvent = Static<typeof ComplaintEvent>;

export const ComplaintSummary = Type.Object({
  id: Id,
  siteId: Id,
  /** A short number to say on the phone: the site's count, from 1. */
  number: Type.Integer(),
  source: literalUnion(COMPLAINT_SOURCES),
  category: ComplaintCategorySchema,
  severity: ComplaintSeveritySchema,
  status: ComplaintStatusSchema,
  description: Type.String(),
  complainantName: Nullable(Type.String()),
  /** Masked (138****5678) unless the reader handles the complaint. */
  complainantPhone: Nullable(Type.String()),
  postId: Nullable(Id),
  postName: Nullable(Type.String()),
  ownerId: Nullable(Id),
  ownerName: Nullable(Type.String()),
  filedByName: Nullable(Type.String()),
  receivedAt: Instant,
  deadlineAt: Instant,
  isOverdue: Type.Boolean(),
  reopenCount: Type.Integer(),
  version: Type.Integer(),
});
export type ComplaintSummary = Static<typeof ComplaintSummary>;

export const Complaint = Type.Composite([
  ComplaintSummary,
  Type.Object({
    visitId: Nullable(Id),
    phoneConsent: Type.Boolean(),
    photoIds: Type.Array(Id),
    resultText: Nullable(Type.String()),
    resultChannel: Nullable(ComplaintChannelSchema),
    resultAt: Nullable(Instant),
    verdict: Nullable(ComplaintVerdictSchema),
    followUpByName: Nullable(Type.String()),
    followUpAt: Nullable(Instant),
    closedAt: Nullable(Instant),
    /** What this reader may do now (the server checks again). */
    actions: Type.Array(literalUnion(COMPLAINT_ACTIONS)),
    events: Type.Array(ComplaintEvent),
  }),
]);
export type Complaint = Static<typeof Complaint>;

export const ComplaintParams = Type.Object({ siteId: Id, complaintId: Id });
export const ComplaintListQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    /** mine: filed by me or owned by me (staff always see only these). */
    scope: Type.Optional(literalUnion(['mine', 'all'] as const)),
    status: Type.Optional(literalUnion([...COMPLAINT_STATUSES, 'open'] as const)),
    category: Type.Optional(ComplaintCategorySchema),
    severity: Type.Optional(ComplaintSeveritySchema),
    overdue: Type.Optional(Type.Boolean()),
    /** Received on or after this site-local day, on or before `to`. */
    from: Type.Optional(LocalDate),
    to: Type.Optional(LocalDate),
  },
  { additionalProperties: false },
);
export type ComplaintListQuery = Static<typeof ComplaintListQuery>;

const Note = Type.String({ maxLength: 2000 });
export const AssignComplaintBody = Type.Object({ ownerId: Id, note: Type.Optional(Note) }, { additionalProperties: false });
export const ComplaintNoteBody = Type.Object({ note: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false });
export const ReportComplaintResultBody = Type.Object(
  // The text is checked in the service so an empty one answers COMPLAINT_RESULT_REQUIRED, not a schema error.
  { resultText: Type.Optional(Note), channel: Type.Optional(ComplaintChannelSchema) },
  { additionalProperties: false },
);
export const ComplaintFollowUpBody = Type.Object({ verdict: ComplaintVerdictSchema, note: Type.Optional(Note) }, { additionalProperties: false });
export const CloseComplaintBody = Type.Object({ note: Type.Optional(Note) }, { additionalProperties: false });
export const ReopenComplaintBody = Type.Object({ note: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false });

/** A month's (or any period's) complaint figures: the daily summary, the monthly report and the dashboard read these. */
export const ComplaintFigures = Type.Object({
  received: Type.Integer(),
  byCategory: Type.Record(Type.String(), Type.Integer()),
  bySeverity: Type.Record(Type.String(), Type.Integer()),
  /** Of those received in the period, closed by now. */
  closed: Type.Integer(),
  /** Of those received in the period, the deadline passed before a result went back. */
  overdue: Type.Integer(),
  /** Mean hours from receipt to the first result, over those with a result; null when none. */
  averageHoursToResult: Nullable(Type.Number()),
  followUps: Type.Integer(),
  /** Satisfied follow-ups over all follow-ups (0..1); null when none. */
  satisfiedShare: Nullable(Type.Number()),
  /** Of those received in the period, reopened at least once. */
  reopened: Type.Integer(),
});
export type ComplaintFigures = Static<typeof ComplaintFigures>;
export const ComplaintFiguresQuery = Type.Object({ month: Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$' }) }, { additionalProperties: false });
