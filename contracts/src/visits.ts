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
});
export type VisitorCounts = Static<typeof VisitorCounts>;
