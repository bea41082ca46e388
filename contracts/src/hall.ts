/**
 * The sales hall and the bar: tables with seats (HALL-IN-2 seating, HALL-IN-7 the sand-table
 * waiting list when all are taken), drink orders from the hall phone to the bar's queue
 * (ordered → made → served; BAR-IN-1 the hall serves when the bar is busy), and the refill
 * prompt to the hall after an interval (HALL-DRINK-4: a prompt to go and ask).
 */
import { DisplayName } from './names.js';
import { Type, type Static } from '@sinclair/typebox';
import { Id, Instant } from './api.js';

export const HallTable = Type.Object({
  id: Id,
  name: Type.String(),
  seats: Type.Integer(),
  occupied: Type.Integer(),
  visits: Type.Array(Type.Object({ visitId: Id, partySize: Type.Integer(), seatedAt: Instant })),
});
export type HallTable = Static<typeof HallTable>;
export const Hall = Type.Object({
  tables: Type.Array(HallTable),
  seats: Type.Integer(),
  occupied: Type.Integer(),
  waiting: Type.Array(Type.Object({ visitId: Id, partySize: Type.Integer(), since: Instant })),
});
export type Hall = Static<typeof Hall>;
export const CreateHallTableBody = Type.Object(
  { name: DisplayName(20), seats: Type.Integer({ minimum: 1, maximum: 30 }) },
  { additionalProperties: false },
);
export const SeatBody = Type.Object({ tableId: Type.Optional(Id) }, { additionalProperties: false });
export const SeatResult = Type.Object({
  seated: Type.Boolean(),
  tableId: Type.Union([Id, Type.Null()]),
  waitingPosition: Type.Union([Type.Integer(), Type.Null()]),
});
export type SeatResult = Static<typeof SeatResult>;

export const DRINK_STATUSES = ['ordered', 'made', 'served'] as const;
export const DrinkLine = Type.Object({ name: DisplayName(30), quantity: Type.Integer({ minimum: 1, maximum: 20 }) }, { additionalProperties: false });
export const DrinkOrder = Type.Object({
  id: Id,
  visitId: Id,
  tableId: Type.Union([Id, Type.Null()]),
  tableName: Type.Union([Type.String(), Type.Null()]),
  lines: Type.Array(DrinkLine),
  status: Type.Unsafe<(typeof DRINK_STATUSES)[number]>({ type: 'string', enum: [...DRINK_STATUSES] }),
  orderedAt: Instant,
  madeAt: Type.Union([Instant, Type.Null()]),
  servedAt: Type.Union([Instant, Type.Null()]),
  servedByPost: Type.Union([Type.Literal('BAR'), Type.Literal('HALL'), Type.Null()]),
});
export type DrinkOrder = Static<typeof DrinkOrder>;
export const DrinkOrderParams = Type.Object({ siteId: Id, orderId: Id });
export const OrderDrinksBody = Type.Object({ id: Id, lines: Type.Array(DrinkLine, { minItems: 1, maxItems: 10 }) }, { additionalProperties: false });
export const ServeBody = Type.Object({ by: Type.Union([Type.Literal('BAR'), Type.Literal('HALL')]) }, { additionalProperties: false });
