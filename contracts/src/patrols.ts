/**
 * Checkpoints and patrols (SECURITY-1 按照巡视路线巡视签到, SECURITY-4 每一巡视期内检查设备设施运行状态).
 * A checkpoint's QR carries `<origin>/m/q/c/<code>`; opening it with a staff session records a
 * scan, which proves the checkpoint of an open patrol round (and the rounds of other posts).
 */
import { DisplayName } from './names.js';
import { Type, type Static } from '@sinclair/typebox';
import { HHMM, Id, Instant, PostKindSchema, TapTime } from './api.js';

/** The secret a QR carries: 128 random bits or more, base64url. */
export const CheckpointCode = Type.String({ minLength: 16, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });

export const SCAN_FLAGS = ['too_fast', 'repeat', 'out_of_order'] as const;
export type ScanFlag = (typeof SCAN_FLAGS)[number];
export const ScanFlagSchema = Type.Unsafe<ScanFlag>({ type: 'string', enum: [...SCAN_FLAGS] });

export const Checkpoint = Type.Object({
  id: Id,
  siteId: Id,
  zoneId: Id,
  zoneName: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  code: Type.String(),
  lat: Type.Union([Type.Number(), Type.Null()]),
  lng: Type.Union([Type.Number(), Type.Null()]),
  revokedAt: Type.Union([Instant, Type.Null()]),
  lastScanAt: Type.Union([Instant, Type.Null()]),
  createdAt: Instant,
});
export type Checkpoint = Static<typeof Checkpoint>;
export const CheckpointParams = Type.Object({ siteId: Id, checkpointId: Id });

const Lat = Type.Number({ minimum: -90, maximum: 90 });
const Lng = Type.Number({ minimum: -180, maximum: 180 });
export const CreateCheckpointBody = Type.Object(
  {
    id: Id,
    zoneId: Id,
    nameZh: DisplayName(60),
    nameEn: DisplayName(60),
    lat: Type.Optional(Type.Union([Lat, Type.Null()])),
    lng: Type.Optional(Type.Union([Lng, Type.Null()])),
  },
  { additionalProperties: false },
);
export const UpdateCheckpointBody = Type.Object(
  {
    zoneId: Type.Optional(Id),
    nameZh: Type.Optional(DisplayName(60)),
    nameEn: Type.Optional(DisplayName(60)),
    lat: Type.Optional(Type.Union([Lat, Type.Null()])),
    lng: Type.Optional(Type.Union([Lng, Type.Null()])),
  },
  { additionalProperties: false, minProperties: 1 },
);
export const CheckpointListQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    includeRevoked: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

/** What anyone holding the QR may see: names and the last time someone proved the place. */
export const PublicCheckpoint = Type.Object({
  siteName: Type.String(),
  siteTimeZone: Type.String(),
  zoneName: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  /** A point the cleaners' round is proven at (a washroom): the only kind whose times are shown. */
  isCleaningPoint: Type.Boolean(),
  /** When a cleaner last scanned it; null for other points, so patrol times never show. */
  lastCleanedAt: Type.Union([Instant, Type.Null()]),
});
export type PublicCheckpoint = Static<typeof PublicCheckpoint>;
export const CodeParams = Type.Object({ code: CheckpointCode });

export const ScanBody = Type.Object(
  {
    /** Client-generated, so a resend after a lost answer records the scan once (without it, every resend was a new scan). */
    id: Id,
    code: CheckpointCode,
    lat: Type.Optional(Lat),
    lng: Type.Optional(Lng),
    accuracyM: Type.Optional(Type.Number({ minimum: 0, maximum: 100_000 })),
    at: Type.Optional(TapTime),
  },
  { additionalProperties: false },
);

export const EQUIPMENT_STATES = ['ok', 'abnormal'] as const;
export type EquipmentState = (typeof EQUIPMENT_STATES)[number];
export const EquipmentStateSchema = Type.Unsafe<EquipmentState>({ type: 'string', enum: [...EQUIPMENT_STATES] });

export const ROUND_STATUSES = ['upcoming', 'in_progress', 'done', 'done_late', 'missed'] as const;
export type PatrolRoundStatus = (typeof ROUND_STATUSES)[number];
export const RoundStatusSchema = Type.Unsafe<PatrolRoundStatus>({ type: 'string', enum: [...ROUND_STATUSES] });

/** What a scan proved on a patrol: the round, which checkpoint of how many, on time or late. */
export const ScanPatrolProof = Type.Object({
  roundId: Id,
  routeNameZh: Type.String(),
  routeNameEn: Type.String(),
  slotStart: Instant,
  position: Type.Integer({ description: '1-based position on the route' }),
  total: Type.Integer(),
  plannedAt: Instant,
  isLate: Type.Boolean(),
  equipmentState: Type.Union([EquipmentStateSchema, Type.Null()]),
});
export type ScanPatrolProof = Static<typeof ScanPatrolProof>;

export const ScanResult = Type.Object({
  id: Id,
  siteId: Id,
  checkpointId: Id,
  zoneName: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  scannedAt: Instant,
  flags: Type.Array(ScanFlagSchema),
  patrol: Type.Union([ScanPatrolProof, Type.Null()]),
});
export type ScanResult = Static<typeof ScanResult>;

export const PatrolStop = Type.Object({
  checkpointId: Id,
  /** Minutes from the round's start at which the guard should be here. */
  plannedMinute: Type.Integer({ minimum: 0, maximum: 600 }),
});
export const PatrolRoute = Type.Object({
  id: Id,
  siteId: Id,
  nameZh: Type.String(),
  nameEn: Type.String(),
  stops: Type.Array(
    Type.Object({ checkpointId: Id, plannedMinute: Type.Integer(), nameZh: Type.String(), nameEn: Type.String(), zoneName: Type.String() }),
  ),
  archivedAt: Type.Union([Instant, Type.Null()]),
  createdAt: Instant,
});
export type PatrolRoute = Static<typeof PatrolRoute>;
export const PatrolRouteParams = Type.Object({ siteId: Id, routeId: Id });
export const PatrolRouteBody = Type.Object(
  {
    id: Id,
    nameZh: DisplayName(60),
    nameEn: DisplayName(60),
    stops: Type.Array(PatrolStop, { minItems: 1, maxItems: 40 }),
  },
  { additionalProperties: false },
);
export const UpdatePatrolRouteBody = Type.Object(
  {
    nameZh: Type.Optional(DisplayName(60)),
    nameEn: Type.Optional(DisplayName(60)),
    stops: Type.Optional(Type.Array(PatrolStop, { minItems: 1, maxItems: 40 })),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const PatrolSchedule = Type.Object({
  id: Id,
  siteId: Id,
  routeId: Id,
  postKind: PostKindSchema,
  kind: Type.Union([Type.Literal('every'), Type.Literal('fixed')]),
  everyMinutes: Type.Union([Type.Integer(), Type.Null()]),
  times: Type.Array(HHMM),
  graceMinutes: Type.Integer(),
  active: Type.Boolean(),
  createdAt: Instant,
});
export type PatrolSchedule = Static<typeof PatrolSchedule>;
export const PatrolScheduleParams = Type.Object({ siteId: Id, patrolScheduleId: Id });
export const PatrolScheduleBody = Type.Object(
  {
    id: Id,
    routeId: Id,
    postKind: Type.Optional(PostKindSchema),
    kind: Type.Union([Type.Literal('every'), Type.Literal('fixed')]),
    /** every: a round each N minutes within opening hours. */
    everyMinutes: Type.Optional(Type.Integer({ minimum: 15, maximum: 1440 })),
    /** fixed: rounds at these local times, every day (security also patrols when the hall is closed). */
    times: Type.Optional(Type.Array(HHMM, { minItems: 1, maxItems: 48, uniqueItems: true })),
    /** After the last checkpoint's planned minute: how long before the round counts as missed. */
    graceMinutes: Type.Optional(Type.Integer({ minimum: 5, maximum: 120, default: 15 })),
  },
  { additionalProperties: false },
);

export const PatrolRoundCheck = Type.Object({
  position: Type.Integer(),
  checkpointId: Id,
  nameZh: Type.String(),
  nameEn: Type.String(),
  plannedAt: Instant,
  scannedAt: Type.Union([Instant, Type.Null()]),
  isLate: Type.Boolean(),
  flags: Type.Array(ScanFlagSchema),
  lat: Type.Union([Type.Number(), Type.Null()]),
  lng: Type.Union([Type.Number(), Type.Null()]),
  equipmentState: Type.Union([EquipmentStateSchema, Type.Null()]),
  equipmentNote: Type.Union([Type.String(), Type.Null()]),
  anomalyId: Type.Union([Id, Type.Null()]),
});
export type PatrolRoundCheck = Static<typeof PatrolRoundCheck>;
export const PatrolRound = Type.Object({
  id: Id,
  siteId: Id,
  routeId: Id,
  scheduleId: Id,
  routeNameZh: Type.String(),
  routeNameEn: Type.String(),
  postKind: PostKindSchema,
  date: Type.String(),
  slotStart: Instant,
  closesAt: Instant,
  status: RoundStatusSchema,
  walkerId: Type.Union([Id, Type.Null()]),
  walkerName: Type.Union([Type.String(), Type.Null()]),
  checks: Type.Array(PatrolRoundCheck),
});
export type PatrolRound = Static<typeof PatrolRound>;
export const PatrolRoundParams = Type.Object({ siteId: Id, roundId: Id });
export const PatrolCheckParams = Type.Object({ siteId: Id, roundId: Id, position: Type.Integer({ minimum: 1, maximum: 40 }) });
export const PatrolRoundsQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    /** The site's local date; today by default. */
    date: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
  },
  { additionalProperties: false },
);
export const EquipmentStateBody = Type.Object(
  {
    state: EquipmentStateSchema,
    note: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
  },
  { additionalProperties: false },
);
