/**
 * The visitor journey (来访): a visit handed from post to post — car park → hall → bar /
 * consultant → shuttle → show-area concierge → model room → concierge → shuttle or farewell — each
 * hand-off acknowledged by the post that receives it. Customers' phones and plates are masked wherever they are listed.
 */
import { DisplayName } from './names.js';
import { Type, type Static } from '@sinclair/typebox';
import { Id, Instant, PostKindSchema } from './api.js';

export const VISIT_STAGES = ['car_park', 'hall', 'shuttle', 'concierge', 'model_room', 'departing', 'departed'] as const;
export type VisitStage = (typeof VISIT_STAGES)[number];
export const VisitStageSchema = Type.Unsafe<VisitStage>({ type: 'string', enum: [...VISIT_STAGES] });

/** `concierge`: the show-area concierge (GUARD) at the model room's door, on the way in and out. */
export const HANDOFF_TARGETS = ['hall', 'consultant', 'bar', 'shuttle', 'concierge', 'model_room', 'departure'] as const;
export type HandoffTarget = (typeof HANDOFF_TARGETS)[number];
export const HandoffTargetSchema = Type.Unsafe<HandoffTarget>({ type: 'string', enum: [...HANDOFF_TARGETS] });

export const Handoff = Type.Object({
  id: Id,
  to: HandoffTargetSchema,
  toPostKind: Type.Union([PostKindSchema, Type.Null()]),
  toPersonId: Type.Union([Id, Type.Null()]),
  fromStage: VisitStageSchema,
  sentBy: Id,
  sentByName: Type.String(),
  sentAt: Instant,
  ackedBy: Type.Union([Id, Type.Null()]),
  ackedByName: Type.Union([Type.String(), Type.Null()]),
  ackedAt: Type.Union([Instant, Type.Null()]),
  note: Type.String(),
  /** The consultant hand-off going round the consultants in turn (轮流): `toPersonId` is whose turn it is. */
  rotation: Type.Boolean(),
  /** When the receiving post's phones were rung again, nobody having taken it within the site's limit. */
  rungAt: Type.Union([Instant, Type.Null()]),
});
export type Handoff = Static<typeof Handoff>;

export const Visit = Type.Object({
  id: Id,
  siteId: Id,
  partySize: Type.Integer(),
  arrivalMode: Type.Union([Type.Literal('car'), Type.Literal('walk_in')]),
  plateMasked: Type.Union([Type.String(), Type.Null()]),
  isNewEnergy: Type.Boolean(),
  customer: Type.Union([
    Type.Object({
      id: Id,
      name: Type.Union([Type.String(), Type.Null()]),
      phoneMasked: Type.String(),
      isReturning: Type.Boolean(),
      visitCount: Type.Integer(),
    }),
    Type.Null(),
  ]),
  consultantId: Type.Union([Id, Type.Null()]),
  consultantName: Type.Union([Type.String(), Type.Null()]),
  stage: VisitStageSchema,
  status: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
  arrivedAt: Instant,
  closedAt: Type.Union([Instant, Type.Null()]),
  /** 'day_end': closed by the day-end timer (nobody recorded the departure); null otherwise. */
  closedReason: Type.Union([Type.Literal('day_end'), Type.Null()]),
  /** Whether the car's body check was recorded: the car-park phone needs no request per car. */
  hasVehicleCheck: Type.Boolean(),
  /** Milliseconds spent at each stage so far (the current one up to now). */
  stageDurations: Type.Record(Type.String(), Type.Integer()),
  handoffs: Type.Array(Handoff),
});
export type Visit = Static<typeof Visit>;

export const VisitParams = Type.Object({ siteId: Id, visitId: Id });
export const HandoffParams = Type.Object({ siteId: Id, visitId: Id, handoffId: Id });

export const RegisterVisitBody = Type.Object(
  {
    id: Id,
    partySize: Type.Integer({ minimum: 1, maximum: 50 }),
    arrivalMode: Type.Union([Type.Literal('car'), Type.Literal('walk_in')]),
    plate: Type.Optional(Type.String({ maxLength: 16 })),
    customer: Type.Optional(
      Type.Object(
        {
          name: Type.Optional(DisplayName(40)),
          phone: Type.String({ pattern: '^1[3-9][0-9]{9}$' }),
          consent: Type.Boolean({ description: 'The customer agreed that their number is kept' }),
        },
        { additionalProperties: false },
      ),
    ),
    at: Type.Optional(Instant),
  },
  { additionalProperties: false },
);
export type RegisterVisitBody = Static<typeof RegisterVisitBody>;

export const HandoffBody = Type.Object(
  {
    id: Id,
    to: HandoffTargetSchema,
    /** Required for a consultant hand-off, unless the site hands consultants guests by rotation. */
    consultantId: Type.Optional(Id),
    note: Type.Optional(Type.String({ maxLength: 300 })),
    at: Type.Optional(Instant),
  },
  { additionalProperties: false },
);
export type HandoffBody = Static<typeof HandoffBody>;

export const VisitListQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('closed')])),
    stage: Type.Optional(VisitStageSchema),
    /** `mine`: visits whose consultant is the caller; `none`: visits no consultant has taken yet. */
    consultant: Type.Optional(Type.Union([Type.Literal('mine'), Type.Literal('none')])),
    arrivedSince: Type.Optional(Instant),
  },
  { additionalProperties: false },
);
export type VisitListQuery = Static<typeof VisitListQuery>;

/**
 * A consultant takes guests waiting in the hall without one (HALL-IN-3's acceptance). The id is
 * the hand-off the claim records, made on the phone so a resent tap claims once.
 */
export const ClaimVisitBody = Type.Object({ id: Id }, { additionalProperties: false });
export type ClaimVisitBody = Static<typeof ClaimVisitBody>;

export const CarPark = Type.Object({
  capacity: Type.Union([Type.Integer(), Type.Null()]),
  occupied: Type.Integer(),
  isFull: Type.Boolean(),
});
export type CarPark = Static<typeof CarPark>;

export const VisitorCounts = Type.Object({
  date: Type.String(),
  onSite: Type.Integer({ description: 'guests (party members) on site now' }),
  visitsToday: Type.Integer(),
  guestsToday: Type.Integer(),
  byStage: Type.Record(Type.String(), Type.Integer()),
  byHour: Type.Array(Type.Object({ hour: Type.Integer(), visits: Type.Integer(), guests: Type.Integer() })),
  carPark: CarPark,
  /** 统计访客量 (GUARD-POST-3): today's visits the show-area concierge received (a concierge hand-off acknowledged). */
  concierge: Type.Object({ visits: Type.Integer(), guests: Type.Integer() }),
});
export type VisitorCounts = Static<typeof VisitorCounts>;

/**
 * A site's hand-off limits (issue 11): a hand-off unacknowledged after `ackLimitSeconds` rings
 * the post's phones again, after twice that the supervisor is alerted; the consultant hand-off
 * may go by rotation (轮流), each consultant having `consultantAcceptSeconds` to accept; open
 * visits are closed `dayEndGraceMinutes` after closing time.
 */
export const HANDOFF_ACK_LIMIT_DEFAULT_S = 60;
export const DAY_END_GRACE_DEFAULT_MIN = 60;
export const VisitChainSettings = Type.Object({
  ackLimitSeconds: Type.Integer({ minimum: 15, maximum: 1800 }),
  consultantRotation: Type.Boolean(),
  consultantAcceptSeconds: Type.Integer({ minimum: 15, maximum: 1800 }),
  dayEndGraceMinutes: Type.Integer({ minimum: 0, maximum: 720 }),
});
export type VisitChainSettings = Static<typeof VisitChainSettings>;
export const VisitChainSettingsBody = Type.Partial(VisitChainSettings, { additionalProperties: false, minProperties: 1 });
export type VisitChainSettingsBody = Static<typeof VisitChainSettingsBody>;

/**
 * A consultant's own place in the rotation (轮流): whether the site hands guests round in turn,
 * and whether I said I am out of it today (off, or out with a customer). Away lasts the day.
 */
export const MyConsultantRotation = Type.Object({
  rotation: Type.Boolean(),
  awayToday: Type.Boolean(),
});
export type MyConsultantRotation = Static<typeof MyConsultantRotation>;
export const MyConsultantRotationBody = Type.Object({ awayToday: Type.Boolean() }, { additionalProperties: false });
export type MyConsultantRotationBody = Static<typeof MyConsultantRotationBody>;

/** Time to acknowledge hand-offs over a day (the day board): per receiving post and per person who took them. */
export const HandoffAckFigures = Type.Object({
  byPost: Type.Array(
    Type.Object({
      to: HandoffTargetSchema,
      sent: Type.Integer(),
      acked: Type.Integer(),
      /** Rung again: nobody took them within the site's limit. */
      rerung: Type.Integer(),
      /** Still not taken. */
      waiting: Type.Integer(),
      avgMs: Type.Union([Type.Integer(), Type.Null()]),
      maxMs: Type.Union([Type.Integer(), Type.Null()]),
    }),
  ),
  byPerson: Type.Array(
    Type.Object({
      personId: Id,
      personName: Type.String(),
      acked: Type.Integer(),
      avgMs: Type.Integer(),
      maxMs: Type.Integer(),
    }),
  ),
  ackLimitSeconds: Type.Integer(),
  /** Visits of the day the day-end timer closed (nobody recorded their departure). */
  closedAtDayEnd: Type.Integer(),
});
export type HandoffAckFigures = Static<typeof HandoffAckFigures>;
