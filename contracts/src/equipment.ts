/**
 * Equipment and repairs (TECH): the site's assets by zone, each with an unguessable QR code;
 * maintenance schedules; the technician's checks before opening and after the shift
 * (TECH-1/2); and work orders, which must be reached within N minutes of the report (TECH-3,
 * 5 by default) or escalate to the supervisor and then the manager.
 */
import { DisplayName } from './names.js';
import { Type, type Static } from '@sinclair/typebox';
import { Id, Instant, TapTime } from './api.js';
import { LocalDate } from './standards.js';

export const ASSET_CATEGORIES = ['air_conditioning', 'lighting', 'audio_visual', 'fire_extinguisher', 'water_dispenser', 'shuttle', 'other'] as const;
export type AssetCategory = (typeof ASSET_CATEGORIES)[number];
export const AssetCategorySchema = Type.Union(ASSET_CATEGORIES.map((c) => Type.Literal(c)));

/** The arrival rule when the site has not set its own (TECH-3: on the spot within 5 minutes). */
export const DEFAULT_REPAIR_ARRIVAL_MINUTES = 5;

export const Asset = Type.Object({
  id: Id,
  siteId: Id,
  zoneId: Id,
  zoneName: Type.String(),
  category: AssetCategorySchema,
  nameZh: Type.String(),
  nameEn: Type.String(),
  model: Type.String(),
  locationNote: Type.String(),
  installedOn: Type.Union([LocalDate, Type.Null()]),
  /** The secret the QR carries; null when revoked (the printed label no longer works). */
  code: Type.Union([Type.String(), Type.Null()]),
  codeRevokedAt: Type.Union([Instant, Type.Null()]),
  openWorkOrders: Type.Integer(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type Asset = Static<typeof Asset>;
export const AssetParams = Type.Object({ siteId: Id, assetId: Id });
export const AssetListQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    zoneId: Type.Optional(Id),
    category: Type.Optional(AssetCategorySchema),
  },
  { additionalProperties: false },
);
const assetFields = {
  zoneId: Id,
  category: AssetCategorySchema,
  nameZh: DisplayName(60),
  nameEn: DisplayName(80),
  model: Type.String({ maxLength: 60 }),
  locationNote: Type.String({ maxLength: 120 }),
  installedOn: Type.Union([LocalDate, Type.Null()]),
};
export const CreateAssetBody = Type.Object({ id: Id, ...assetFields }, { additionalProperties: false });
export type CreateAssetBody = Static<typeof CreateAssetBody>;
export const UpdateAssetBody = Type.Partial(Type.Object(assetFields), { additionalProperties: false, minProperties: 1 });
export type UpdateAssetBody = Static<typeof UpdateAssetBody>;
export const AssetCodeBody = Type.Object({ action: Type.Union([Type.Literal('reissue'), Type.Literal('revoke')]) }, { additionalProperties: false });

/** What anyone who scans an asset's QR may see: no people, no history. */
/** What anyone scanning an asset's label sees: names and place, no internal ids and no people. */
export const PublicAsset = Type.Object({
  siteName: Type.String(),
  zoneName: Type.String(),
  category: AssetCategorySchema,
  nameZh: Type.String(),
  nameEn: Type.String(),
  locationNote: Type.String(),
});
export type PublicAsset = Static<typeof PublicAsset>;
/** A signed-in member of the asset's site turns the label's code into the ids its pages need. */
export const AssetCodeLookup = Type.Object({ siteId: Id, assetId: Id });
export type AssetCodeLookup = Static<typeof AssetCodeLookup>;
export const PublicAssetParams = Type.Object({ code: Type.String({ minLength: 16, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }) });
export const PublicReportBody = Type.Object({ id: Id, description: Type.String({ minLength: 2, maxLength: 500 }) }, { additionalProperties: false });
export const PublicReportReceipt = Type.Object({ workOrderId: Id, reportedAt: Instant, arrivalMinutes: Type.Integer() });
export type PublicReportReceipt = Static<typeof PublicReportReceipt>;

// ---- maintenance ----
export const MaintenanceSchedule = Type.Object({
  id: Id,
  siteId: Id,
  assetId: Id,
  assetNameZh: Type.String(),
  assetNameEn: Type.String(),
  zoneName: Type.String(),
  title: Type.String(),
  everyDays: Type.Integer(),
  nextDueOn: LocalDate,
  lastDoneAt: Type.Union([Instant, Type.Null()]),
  lastDoneByName: Type.Union([Type.String(), Type.Null()]),
  lastNote: Type.Union([Type.String(), Type.Null()]),
  overdue: Type.Boolean(),
});
export type MaintenanceSchedule = Static<typeof MaintenanceSchedule>;
export const MaintenanceParams = Type.Object({ siteId: Id, scheduleId: Id });
export const CreateMaintenanceBody = Type.Object(
  {
    id: Id,
    assetId: Id,
    title: Type.String({ minLength: 1, maxLength: 60 }),
    everyDays: Type.Integer({ minimum: 1, maximum: 366 }),
    firstDueOn: LocalDate,
  },
  { additionalProperties: false },
);
export type CreateMaintenanceBody = Static<typeof CreateMaintenanceBody>;
export const MaintenanceDoneBody = Type.Object({ note: Type.String({ minLength: 1, maxLength: 300 }) }, { additionalProperties: false });
export const MaintenanceListQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    /** Only what is due within this many days from today (0: due today or overdue). */
    dueWithinDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 366 })),
    assetId: Type.Optional(Id),
  },
  { additionalProperties: false },
);

// ---- daily checks (TECH-1 before opening, TECH-2 after the shift) ----
export const EquipmentCheckKind = Type.Union([Type.Literal('opening'), Type.Literal('closing')]);
export type EquipmentCheckKind = Static<typeof EquipmentCheckKind>;
/** One asset's answer: an abnormal line needs a note and a photo (uploaded first under the id the phone chose). */
export const EquipmentCheckLine = Type.Object(
  { assetId: Id, ok: Type.Boolean(), note: Type.Optional(Type.String({ maxLength: 300 })), photoId: Type.Optional(Id) },
  { additionalProperties: false },
);
/** `at`: when the technician sent the check (kept when it waited in the phone's outbox; it decides the day). */
export const EquipmentCheckBody = Type.Object(
  { id: Id, kind: EquipmentCheckKind, results: Type.Array(EquipmentCheckLine, { minItems: 1, maxItems: 500 }), at: Type.Optional(TapTime) },
  { additionalProperties: false },
);
export type EquipmentCheckBody = Static<typeof EquipmentCheckBody>;
export const EquipmentCheck = Type.Object({
  id: Id,
  siteId: Id,
  kind: EquipmentCheckKind,
  date: LocalDate,
  byName: Type.String(),
  at: Instant,
  results: Type.Array(
    Type.Object({ assetId: Id, ok: Type.Boolean(), note: Type.Union([Type.String(), Type.Null()]), photoId: Type.Union([Id, Type.Null()]) }),
  ),
  /** The work orders the abnormal lines raised. */
  workOrderIds: Type.Array(Id),
});
export type EquipmentCheck = Static<typeof EquipmentCheck>;
export const EquipmentCheckQuery = Type.Object({ date: Type.Optional(LocalDate) }, { additionalProperties: false });
export const EquipmentCheckDay = Type.Object({
  date: LocalDate,
  opening: Type.Union([EquipmentCheck, Type.Null()]),
  closing: Type.Union([EquipmentCheck, Type.Null()]),
});
export type EquipmentCheckDay = Static<typeof EquipmentCheckDay>;

// ---- work orders ----
export const WORK_ORDER_STATUSES = ['reported', 'accepted', 'arrived', 'working', 'paused', 'done', 'verified', 'reopened'] as const;
export type WorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number];
export const WorkOrderStatusSchema = Type.Union(WORK_ORDER_STATUSES.map((s) => Type.Literal(s)));
export const WorkOrderSource = Type.Union([Type.Literal('public'), Type.Literal('staff'), Type.Literal('anomaly'), Type.Literal('check')]);

export const WorkOrderEvent = Type.Object({
  status: WorkOrderStatusSchema,
  byName: Type.Union([Type.String(), Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]),
  at: Instant,
});
export const WorkOrder = Type.Object({
  id: Id,
  siteId: Id,
  zoneId: Id,
  zoneName: Type.String(),
  assetId: Type.Union([Id, Type.Null()]),
  assetNameZh: Type.Union([Type.String(), Type.Null()]),
  assetNameEn: Type.Union([Type.String(), Type.Null()]),
  source: WorkOrderSource,
  anomalyId: Type.Union([Id, Type.Null()]),
  description: Type.String(),
  photoId: Type.Union([Id, Type.Null()]),
  afterPhotoId: Type.Union([Id, Type.Null()]),
  status: WorkOrderStatusSchema,
  reportedByName: Type.Union([Type.String(), Type.Null()]),
  technicianId: Type.Union([Id, Type.Null()]),
  technicianName: Type.Union([Type.String(), Type.Null()]),
  reportedAt: Instant,
  acceptedAt: Type.Union([Instant, Type.Null()]),
  arrivedAt: Type.Union([Instant, Type.Null()]),
  doneAt: Type.Union([Instant, Type.Null()]),
  verifiedAt: Type.Union([Instant, Type.Null()]),
  /** Report + the site's arrival minutes: the technician must be there by then. */
  arrivalDeadlineAt: Instant,
  /** 0: none; 1: the supervisor was alerted; 2: the manager too. */
  escalationLevel: Type.Integer({ minimum: 0, maximum: 2 }),
  /** Arrived after the deadline, or not arrived and the deadline has passed. */
  slaBreached: Type.Boolean(),
  pauseReason: Type.Union([Type.String(), Type.Null()]),
  doneNote: Type.Union([Type.String(), Type.Null()]),
  events: Type.Array(WorkOrderEvent),
});
export type WorkOrder = Static<typeof WorkOrder>;
export const WorkOrderParams = Type.Object({ siteId: Id, workOrderId: Id });
export const WorkOrderListQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    /** `open`: anything not yet verified; or one status. */
    status: Type.Optional(Type.Union([Type.Literal('open'), WorkOrderStatusSchema])),
    assetId: Type.Optional(Id),
    breached: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export const CreateWorkOrderBody = Type.Object(
  {
    id: Id,
    zoneId: Type.Optional(Id),
    assetId: Type.Optional(Id),
    /** Raised from an anomaly marked as needing repair. */
    anomalyId: Type.Optional(Id),
    description: Type.String({ minLength: 2, maxLength: 500 }),
    photoId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type CreateWorkOrderBody = Static<typeof CreateWorkOrderBody>;
export const WorkOrderArriveBody = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 64 }),
    lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
    lng: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
    /** When the technician tapped on the spot (an arrival sent later from the phone's outbox). */
    at: Type.Optional(TapTime),
  },
  { additionalProperties: false },
);
export const WorkOrderReasonBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 300 }) }, { additionalProperties: false });
export const WorkOrderDoneBody = Type.Object(
  { note: Type.String({ minLength: 1, maxLength: 300 }), afterPhotoId: Type.Optional(Id) },
  { additionalProperties: false },
);
export const WorkOrderStatsQuery = Type.Object({ month: Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$' }) }, { additionalProperties: false });
export const TechnicianStats = Type.Object({
  technicianId: Type.Union([Id, Type.Null()]),
  technicianName: Type.Union([Type.String(), Type.Null()]),
  workOrders: Type.Integer(),
  avgResponseMs: Type.Union([Type.Number(), Type.Null()]),
  avgArrivalMs: Type.Union([Type.Number(), Type.Null()]),
  slaBreaches: Type.Integer(),
});
export const WorkOrderStats = Type.Object({
  month: Type.String(),
  arrivalMinutes: Type.Integer(),
  total: Type.Integer(),
  slaBreaches: Type.Integer(),
  technicians: Type.Array(TechnicianStats),
});
export type WorkOrderStats = Static<typeof WorkOrderStats>;
