/**
 * On-site care beyond the hand-offs: the vehicle-body check signed by the customer (PARK duty
 * 5), lost and found (遗失物品, HALL-IN-6: opened only with two staff), and incidents
 * (GUARD-IN-4/5/6) with the sales department's decision on calling the police.
 */
import { DisplayName } from './names.js';
import { Type, type Static } from '@sinclair/typebox';
import { Id, Instant, TapTime } from './api.js';

/** A signature drawn on the phone, as strokes of points in a 0–1 box (no image decoding needed to check it). */
export const Signature = Type.Object(
  {
    strokes: Type.Array(
      Type.Array(Type.Tuple([Type.Number({ minimum: 0, maximum: 1 }), Type.Number({ minimum: 0, maximum: 1 })]), { maxItems: 2000 }),
      { maxItems: 200 },
    ),
  },
  { additionalProperties: false },
);
export type Signature = Static<typeof Signature>;

export const VehicleCheckBody = Type.Object(
  {
    /** Damage marks on the car outline, positions in a 0–1 box. */
    marks: Type.Array(
      Type.Object(
        { x: Type.Number({ minimum: 0, maximum: 1 }), y: Type.Number({ minimum: 0, maximum: 1 }), note: Type.String({ maxLength: 100 }) },
        { additionalProperties: false },
      ),
      {
        maxItems: 30,
      },
    ),
    notes: Type.String({ maxLength: 500 }),
    photoIds: Type.Array(Id, { maxItems: 8, uniqueItems: true }),
    signature: Signature,
    /** When the customer signed (a check sent later from the phone's outbox). */
    at: Type.Optional(TapTime),
  },
  { additionalProperties: false },
);
export type VehicleCheckBody = Static<typeof VehicleCheckBody>;
export const VehicleCheck = Type.Object({
  visitId: Id,
  marks: VehicleCheckBody.properties.marks,
  notes: Type.String(),
  photoIds: Type.Array(Id),
  signature: Signature,
  checkedBy: Id,
  checkedByName: Type.String(),
  signedAt: Instant,
});
export type VehicleCheck = Static<typeof VehicleCheck>;

export const LOST_ITEM_STATUSES = ['registered', 'opened', 'returned'] as const;
export const LostItem = Type.Object({
  id: Id,
  siteId: Id,
  what: Type.String(),
  whereFound: Type.String(),
  foundAt: Instant,
  foundBy: Id,
  foundByName: Type.String(),
  storagePlace: Type.String(),
  status: Type.Unsafe<(typeof LOST_ITEM_STATUSES)[number]>({ type: 'string', enum: [...LOST_ITEM_STATUSES] }),
  /** The first of the two staff who confirmed the opening, while the second is awaited. */
  openPendingBy: Type.Union([Type.String(), Type.Null()]),
  openedBy: Type.Array(Type.String()),
  openedAt: Type.Union([Instant, Type.Null()]),
  contents: Type.Union([Type.String(), Type.Null()]),
  returnedTo: Type.Union([Type.String(), Type.Null()]),
  returnedAt: Type.Union([Instant, Type.Null()]),
  createdAt: Instant,
  /** The photo taken when it was registered, if any. */
  photoId: Type.Union([Id, Type.Null()]),
});
export type LostItem = Static<typeof LostItem>;
export const LostItemParams = Type.Object({ siteId: Id, lostItemId: Id });
export const RegisterLostItemBody = Type.Object(
  {
    id: Id,
    what: Type.String({ minLength: 1, maxLength: 100 }),
    whereFound: Type.String({ minLength: 1, maxLength: 100 }),
    foundAt: Type.Optional(Instant),
    storagePlace: Type.String({ minLength: 1, maxLength: 100 }),
    /** Uploaded first under this id (photos, PUT); the phone's outbox sends it before the item. */
    photoId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export const ConfirmOpenBody = Type.Object({ contents: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false });
export const ReturnLostItemBody = Type.Object(
  {
    ownerName: DisplayName(40),
    ownerPhone: Type.Optional(Type.String({ pattern: '^1[3-9][0-9]{9}$' })),
    signature: Signature,
  },
  { additionalProperties: false },
);
export const LostItemListQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    unclaimed: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const INCIDENT_KINDS = ['suspicious_person', 'missing_item', 'unauthorised_photo', 'accident', 'damage', 'other'] as const;
export const INCIDENT_SEVERITIES = ['low', 'medium', 'high'] as const;
export const Incident = Type.Object({
  id: Id,
  siteId: Id,
  kind: Type.Unsafe<(typeof INCIDENT_KINDS)[number]>({ type: 'string', enum: [...INCIDENT_KINDS] }),
  severity: Type.Unsafe<(typeof INCIDENT_SEVERITIES)[number]>({ type: 'string', enum: [...INCIDENT_SEVERITIES] }),
  description: Type.String(),
  photoId: Type.Union([Id, Type.Null()]),
  reportedBy: Id,
  reportedByName: Type.String(),
  reportedAt: Instant,
  status: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
  policeDecision: Type.Union([Type.Literal('call'), Type.Literal('no_call'), Type.Null()]),
  decisionNote: Type.Union([Type.String(), Type.Null()]),
  decidedByName: Type.Union([Type.String(), Type.Null()]),
  decidedAt: Type.Union([Instant, Type.Null()]),
  closedAt: Type.Union([Instant, Type.Null()]),
});
export type Incident = Static<typeof Incident>;
export const IncidentParams = Type.Object({ siteId: Id, incidentId: Id });
export const ReportIncidentBody = Type.Object(
  {
    id: Id,
    kind: Incident.properties.kind,
    severity: Incident.properties.severity,
    description: Type.String({ minLength: 1, maxLength: 1000 }),
    photoId: Type.Optional(Id),
    at: Type.Optional(TapTime),
  },
  { additionalProperties: false },
);
export const UpdateIncidentBody = Type.Union([
  Type.Object(
    {
      action: Type.Literal('police_decision'),
      decision: Type.Union([Type.Literal('call'), Type.Literal('no_call')]),
      note: Type.String({ minLength: 1, maxLength: 500 }),
    },
    { additionalProperties: false },
  ),
  Type.Object({ action: Type.Literal('close'), note: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false }),
]);
export type UpdateIncidentBody = Static<typeof UpdateIncidentBody>;
export const IncidentListQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('closed')])),
  },
  { additionalProperties: false },
);
