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
    /** The concierge's call this trip answers (GUARD-IN-8): its pick-up time ends here. */
    callId: Type.Optional(Id),
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
export const ShuttleDriver = Type.Object({
  id: Id,
  name: Type.String(),
  onShuttlePost: Type.Boolean(),
  /** May drive the shuttle (SHUTTLE duty 6): on the site's list, or on the SHUTTLE post when it keeps none. */
  authorised: Type.Boolean(),
});
export type ShuttleDriver = Static<typeof ShuttleDriver>;

/**
 * The drivers the site authorised (SHUTTLE duty 6). `custom` false: the site keeps no list of its
 * own and everyone on the SHUTTLE post may drive.
 */
export const AuthorisedDrivers = Type.Object({
  custom: Type.Boolean(),
  drivers: Type.Array(Type.Object({ id: Id, name: Type.String() })),
});
export type AuthorisedDrivers = Static<typeof AuthorisedDrivers>;
/** `personIds` null: back to the SHUTTLE post's people. */
export const AuthorisedDriversBody = Type.Object(
  { personIds: Type.Union([Type.Array(Id, { maxItems: 200, uniqueItems: true }), Type.Null()]) },
  { additionalProperties: false },
);
export type AuthorisedDriversBody = Static<typeof AuthorisedDriversBody>;

/** A driver's phone reads the vehicle events: `to=me`, the handovers made to them. */
export const VehicleEventListQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    to: Type.Optional(Type.Literal('me')),
  },
  { additionalProperties: false },
);
export type VehicleEventListQuery = Static<typeof VehicleEventListQuery>;

/**
 * GUARD-IN-8/9: the concierge sees guests leaving the model room and calls the shuttle; the drivers'
 * phones ring with where to pick them up. Measured: call → a driver takes it → the trip starts. If no
 * driver took it within the site's limit (`shuttleCallLimitSeconds`, 3 minutes unless set), the
 * concierge's phone prompts the apology (电瓶车马上就到) and the wait is recorded.
 */
export const SHUTTLE_PICKUPS = ['model_room', 'hall', 'car_park'] as const;
export type ShuttlePickup = (typeof SHUTTLE_PICKUPS)[number];
export const ShuttlePickupSchema = Type.Unsafe<ShuttlePickup>({ type: 'string', enum: [...SHUTTLE_PICKUPS] });

export const ShuttleCall = Type.Object({
  id: Id,
  siteId: Id,
  pickup: ShuttlePickupSchema,
  visitIds: Type.Array(Id),
  guests: Type.Integer(),
  note: Type.String(),
  calledBy: Id,
  calledByName: Type.String(),
  calledAt: Instant,
  /** When the site's limit runs out (calledAt + limit). */
  dueAt: Instant,
  takenBy: Type.Union([Id, Type.Null()]),
  takenByName: Type.Union([Type.String(), Type.Null()]),
  takenAt: Type.Union([Instant, Type.Null()]),
  tripId: Type.Union([Id, Type.Null()]),
  tripStartedAt: Type.Union([Instant, Type.Null()]),
  /** Set when the limit passed with no driver: the concierge apologised, the guests waited. */
  apologyAt: Type.Union([Instant, Type.Null()]),
  status: Type.Union([Type.Literal('waiting'), Type.Literal('taken'), Type.Literal('started')]),
});
export type ShuttleCall = Static<typeof ShuttleCall>;
export const ShuttleCallParams = Type.Object({ siteId: Id, callId: Id });
export const CallShuttleBody = Type.Object(
  {
    /** The phone's id: a call resent after a lost answer rings once. */
    id: Id,
    pickup: ShuttlePickupSchema,
    visitIds: Type.Array(Id, { minItems: 1, maxItems: 10, uniqueItems: true }),
    note: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type CallShuttleBody = Static<typeof CallShuttleBody>;
export const ShuttleCallQuery = Type.Object(
  {
    /** `open`: not yet started (waiting or taken), what the drivers' and the concierge's phones show. */
    status: Type.Optional(Type.Literal('open')),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
