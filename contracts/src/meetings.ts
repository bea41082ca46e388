/**
 * Meetings (例会, sop-library section C): the daily debrief (日会 / 班后总结会) the site manager holds
 * at the day's close, the weekly review (周会), and the action items both give out.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Id, Instant } from './api.js';
import type { Role } from './domain.js';
import { LocalDate } from './standards.js';

/** Who may own an action item: everyone who works on the site (the client's viewer only looks). */
export const ACTION_ITEM_OWNERS: readonly Role[] = ['site_manager', 'supervisor', 'staff', 'sales_consultant'];

export const MEETING_KINDS = ['debrief', 'review'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export const ATTENDANCE_STATUSES = ['present', 'absent', 'excused'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
export const ACTION_ITEM_STATUSES = ['open', 'done'] as const;
export type ActionItemStatus = (typeof ACTION_ITEM_STATUSES)[number];

const MeetingKindSchema = Type.Unsafe<MeetingKind>({ type: 'string', enum: [...MEETING_KINDS] });
const AttendanceStatusSchema = Type.Unsafe<AttendanceStatus>({ type: 'string', enum: [...ATTENDANCE_STATUSES] });
const ActionItemStatusSchema = Type.Unsafe<ActionItemStatus>({ type: 'string', enum: [...ACTION_ITEM_STATUSES] });
export const MeetingMonth = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM in the site time zone' });

/** What the site recorded over a day or a week: the figures a meeting discusses. */
export const MeetingFigures = Type.Object({
  rostered: Type.Integer(),
  absent: Type.Integer(),
  late: Type.Integer(),
  visitors: Type.Integer(),
  anomalies: Type.Integer(),
  missedRounds: Type.Integer(),
  openRepairs: Type.Integer(),
  opinions: Type.Integer(),
});
export type MeetingFigures = Static<typeof MeetingFigures>;

export const MeetingSummary = Type.Object({
  id: Id,
  siteId: Id,
  kind: MeetingKindSchema,
  /** The debrief's day, or the review's Monday. */
  date: LocalDate,
  /** The review's Sunday; the debrief's day. */
  endDate: LocalDate,
  status: Type.Unsafe<'open' | 'closed'>({ type: 'string', enum: ['open', 'closed'] }),
  openedByName: Type.String(),
  openedAt: Instant,
  closedByName: Type.Union([Type.String(), Type.Null()]),
  closedAt: Type.Union([Instant, Type.Null()]),
  actionItems: Type.Integer(),
});
export type MeetingSummary = Static<typeof MeetingSummary>;

export const MeetingAttendee = Type.Object({
  personId: Id,
  personName: Type.String(),
  postNames: Type.Array(Type.String()),
  /** The answer given at clock-out (null: not clocked out, or did not answer). */
  clockOutAnswer: Type.Union([Type.Boolean(), Type.Null()]),
  status: AttendanceStatusSchema,
  correctedByName: Type.Union([Type.String(), Type.Null()]),
  correctedAt: Type.Union([Instant, Type.Null()]),
});
export type MeetingAttendee = Static<typeof MeetingAttendee>;

export const ActionItem = Type.Object({
  id: Id,
  siteId: Id,
  meetingId: Id,
  meetingKind: MeetingKindSchema,
  meetingDate: LocalDate,
  text: Type.String(),
  ownerId: Id,
  ownerName: Type.String(),
  dueDate: LocalDate,
  status: ActionItemStatusSchema,
  isOverdue: Type.Boolean(),
  /** Done, but after its due day ended on the site's clocks. */
  isDoneLate: Type.Boolean(),
  doneAt: Type.Union([Instant, Type.Null()]),
  doneByName: Type.Union([Type.String(), Type.Null()]),
  createdAt: Instant,
});
export type ActionItem = Static<typeof ActionItem>;

export const MeetingDetail = Type.Object({
  meeting: MeetingSummary,
  minutes: Type.String(),
  figures: MeetingFigures,
  /** A review's figures per day of its week; a debrief's one day. */
  days: Type.Array(Type.Object({ date: LocalDate, figures: MeetingFigures })),
  /** The debrief's attendance; empty for a review. */
  attendance: Type.Array(MeetingAttendee),
  actionItems: Type.Array(ActionItem),
  /** A review's items from earlier meetings still open at the week's start (shown, not copied). */
  carriedOver: Type.Array(ActionItem),
  /** Who may own an action item: the site's members. */
  members: Type.Array(Type.Object({ personId: Id, name: Type.String() })),
});
export type MeetingDetail = Static<typeof MeetingDetail>;

export const MeetingParams = Type.Object({ siteId: Id, meetingId: Id });
export const MeetingAttendeeParams = Type.Object({ siteId: Id, meetingId: Id, personId: Id });
export const ActionItemParams = Type.Object({ siteId: Id, actionItemId: Id });

export const MeetingListQuery = Type.Object(
  {
    kind: Type.Optional(MeetingKindSchema),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export const OpenDebriefBody = Type.Object({ date: Type.Optional(LocalDate) }, { additionalProperties: false });
export type OpenDebriefBody = Static<typeof OpenDebriefBody>;
export const OpenReviewBody = Type.Object({ date: Type.Optional(LocalDate) }, { additionalProperties: false, description: 'Any day of the week' });
export type OpenReviewBody = Static<typeof OpenReviewBody>;
export const MeetingMinutesBody = Type.Object({ minutes: Type.String({ maxLength: 10_000 }) }, { additionalProperties: false });
export const MeetingAttendanceBody = Type.Object({ status: AttendanceStatusSchema }, { additionalProperties: false });
export const CreateActionItemBody = Type.Object(
  { text: Type.String({ minLength: 1, maxLength: 500 }), ownerId: Id, dueDate: LocalDate },
  { additionalProperties: false },
);
export type CreateActionItemBody = Static<typeof CreateActionItemBody>;
export const MyActionItemsQuery = Type.Object(
  {
    status: Type.Optional(ActionItemStatusSchema),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export const MeetingComplianceQuery = Type.Object({ month: MeetingMonth }, { additionalProperties: false });

/** held: a meeting exists; missing: passed without one; pending: running now (today, this week); upcoming: not begun; not_open: nobody rostered. */
const ComplianceState = Type.Unsafe<'held' | 'missing' | 'pending' | 'upcoming' | 'not_open'>({
  type: 'string',
  enum: ['held', 'missing', 'pending', 'upcoming', 'not_open'],
});
export const MeetingCompliance = Type.Object({
  month: MeetingMonth,
  days: Type.Array(Type.Object({ date: LocalDate, state: ComplianceState, meetingId: Type.Union([Id, Type.Null()]) })),
  weeks: Type.Array(Type.Object({ weekStart: LocalDate, weekEnd: LocalDate, state: ComplianceState, meetingId: Type.Union([Id, Type.Null()]) })),
  missingDays: Type.Integer(),
  missingWeeks: Type.Integer(),
});
export type MeetingCompliance = Static<typeof MeetingCompliance>;

/** The manager's phone: today's debrief, held or not. */
export const TodayDebrief = Type.Object({
  date: LocalDate,
  isOpenDay: Type.Boolean(),
  debrief: Type.Union([MeetingSummary, Type.Null()]),
  attendance: Type.Object({ present: Type.Integer(), absent: Type.Integer(), excused: Type.Integer() }),
  openActionItems: Type.Integer(),
});
export type TodayDebrief = Static<typeof TodayDebrief>;
