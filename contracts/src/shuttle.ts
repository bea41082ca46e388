/**
 * Electric shuttles and model rooms. A trip carries visits only (SHUTTLE duty 7: no riders who
 * are not customers), logs its departure and arrival (SHUTTLE-IN-5), and ends with the
 * items-left check at drop-off (SHUTTLE-IN-3). A vehicle changes drivers with a check (duty 8)
 * and ends the day cleaned and charged (SHUTTLE-POST-1). In the model room the guide records
 * shoe covers handed out and the customer's points of interest for the consultant (MODEL-IN-10).
 */
import { DisplayName } from './names.js';
import { Type, type Static } from '@sinclair/typebox';
import { Id, Instant, TapTime } from './api.js';

export const ShuttleTrip = Type.Object({
  id: Id,
  siteId: Id,
  vehicle: Type.String(),
  driverId: Id,
  driverName: Type.String(),
  destination: Type.Union([Type.Literal('model_room'), Type.Literal('hall')]),
  visitIds: Type.Array(Id),
  guests: Type.Integer(),
  status: Type.Union([Type.Literal('en_route'), Type.Literal('arrived')]),
  departedAt: Instant,
  arrivedAt: Type.Union([Instant, Type.Null()]),
  itemsLeft: Type.Union([Type.Boolean(), Type.Null()]),
  itemsNote: Type.Union([Type.String(), Type.Null()]),
});
export type ShuttleTrip = Static<typeof ShuttleTrip>;
export const ShuttleTripParams = Type.Object({ siteId: Id, tripId: Id });
export const StartTripBody = Type.Object(
  {
    id: Id,
    vehicle: DisplayName(20),
    destination: Type.Union([Type.Literal('model_room'), Type.Literal('hall')]),
    visitIds: Type.Array(Id, { minItems: 1, maxItems: 10, uniqueItems: true }),
    at: Type.Optional(TapTime),
  },
  { additionalProperties: false },
);
export const ArriveBody = Type.Object(
  {
    itemsLeft: Type.Boolean({ description: 'Anything left on board after the guests got off' }),
    itemsNote: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    at: Type.Optional(TapTime),
  },
  { additionalProperties: false },
);
export const TripLogQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    vehicle: Type.Optional(Type.String({ maxLength: 20 })),
  },
  { additionalProperties: false },
);
export const VehicleEventBody = Type.Union([
  Type.Object(
    {
      /** The phone's id: a hand-over resent after a lost answer is recorded once. */
      id: Id,
      kind: Type.Literal('handover'),
      vehicle: DisplayName(20),
      toDriverId: Id,
      batteryPercent: Type.Integer({ minimum: 0, maximum: 100 }),
      bodyOk: Type.Boolean(),
      note: Type.Optional(Type.String({ maxLength: 300 })),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      id: Id,
      kind: Type.Literal('day_end'),
      vehicle: DisplayName(20),
      cleaned: Type.Boolean(),
      charging: Type.Boolean(),
      note: Type.Optional(Type.String({ maxLength: 300 })),
    },
    { additionalProperties: false },
  ),
]);
export type VehicleEventBody = Static<typeof VehicleEventBody>;
export const VehicleEvent = Type.Object({
  id: Id,
  kind: Type.Union([Type.Literal('handover'), Type.Literal('day_end')]),
  vehicle: Type.String(),
  byName: Type.String(),
  toDriverName: Type.Union([Type.String(), Type.Null()]),
  detail: Type.Record(Type.String(), Type.Unknown()),
  at: Instant,
});
export type VehicleEvent = Static<typeof VehicleEvent>;

export const ModelRoomNoteBody = Type.Object(
  {
    id: Id,
    shoeCovers: Type.Optional(Type.Integer({ minimum: 0, maximum: 50 })),
    /** 关注点: what the customer cared about, for the consultant. */
    interests: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  },
  { additionalProperties: false, minProperties: 2 },
);
export const ModelRoomNote = Type.Object({
  id: Id,
  visitId: Id,
  shoeCovers: Type.Union([Type.Integer(), Type.Null()]),
  interests: Type.Union([Type.String(), Type.Null()]),
  byName: Type.String(),
  at: Instant,
});
export type ModelRoomNote = Static<typeof ModelRoomNote>;

/** Who can take the vehicle over at a handover: the site's active staff, the shuttle post's people first. */
export const ShuttleDriver = Type.Object({ id: Id, name: Type.String(), onShuttlePost: Type.Boolean() });
export type ShuttleDriver = Static<typeof ShuttleDriver>;
