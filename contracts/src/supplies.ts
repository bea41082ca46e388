/**
 * Supplies (物资) and the model rooms' item lists (样板房物品清单).
 *
 * Supplies: items a site uses up (drinks, candy, shoe covers, cleaning agents), kept in stores
 * (吧台仓, 保洁仓). Every change of stock is a movement in a ledger — a receipt, an issue, a
 * count adjustment — and the on-hand quantity moves with it in the same transaction. The
 * post-shift requisition (HALL-POST-2) names supply items; once approved, an overseer issues
 * it from a store.
 *
 * Model rooms: each MODEL_ROOM zone has an item list; the guide checks it at opening
 * (MODEL-IN-1) and at closing (MODEL-POST-2). A missing or damaged item becomes an incident.
 */
import { DisplayName } from './names.js';
import { Type, type Static } from '@sinclair/typebox';
import { Id, Instant, TapTime } from './api.js';
import { LocalDate } from './standards.js';

const literals = <T extends readonly string[]>(values: T) => Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });
const Quantity = Type.Integer({ minimum: 1, maximum: 100000 });

// ---- supplies ----
export const SUPPLY_CATEGORIES = ['drinks', 'snacks', 'print', 'tableware', 'guest', 'cleaning', 'other'] as const;
export type SupplyCategory = (typeof SUPPLY_CATEGORIES)[number];

export const SupplyItem = Type.Object({
  id: Id,
  siteId: Id,
  nameZh: Type.String(),
  nameEn: Type.String(),
  unit: Type.String(),
  category: literals(SUPPLY_CATEGORIES),
  lowStockThreshold: Type.Integer(),
  createdAt: Instant,
});
export type SupplyItem = Static<typeof SupplyItem>;
export const SupplyItemParams = Type.Object({ siteId: Id, supplyItemId: Id });
export const SupplyItemBody = Type.Object(
  {
    nameZh: DisplayName(40),
    nameEn: DisplayName(60),
    unit: Type.String({ minLength: 1, maxLength: 10 }),
    category: literals(SUPPLY_CATEGORIES),
    lowStockThreshold: Type.Integer({ minimum: 0, maximum: 100000 }),
  },
  { additionalProperties: false },
);
export type SupplyItemBody = Static<typeof SupplyItemBody>;
export const UpdateSupplyItemBody = Type.Partial(SupplyItemBody, { additionalProperties: false });
export type UpdateSupplyItemBody = Static<typeof UpdateSupplyItemBody>;

export const SupplyStore = Type.Object({ id: Id, siteId: Id, name: Type.String(), createdAt: Instant });
export type SupplyStore = Static<typeof SupplyStore>;
export const SupplyStoreBody = Type.Object({ name: DisplayName(40) }, { additionalProperties: false });

/** One item in one store: what is on hand now, and whether that is at or below the item's threshold. */
export const StockLevel = Type.Object({
  id: Id,
  storeId: Id,
  storeName: Type.String(),
  itemId: Id,
  nameZh: Type.String(),
  nameEn: Type.String(),
  unit: Type.String(),
  category: literals(SUPPLY_CATEGORIES),
  onHand: Type.Integer(),
  lowStockThreshold: Type.Integer(),
  low: Type.Boolean(),
  updatedAt: Instant,
});
export type StockLevel = Static<typeof StockLevel>;
export const StockQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    storeId: Type.Optional(Id),
    lowOnly: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const MOVEMENT_KINDS = ['receipt', 'issue', 'count'] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];
export const StockMovement = Type.Object({
  id: Id,
  batchId: Id,
  kind: literals(MOVEMENT_KINDS),
  storeId: Id,
  storeName: Type.String(),
  itemId: Id,
  nameZh: Type.String(),
  nameEn: Type.String(),
  unit: Type.String(),
  /** Signed: a receipt adds, an issue takes away, a count sets on-hand to what was counted. */
  delta: Type.Integer(),
  onHandAfter: Type.Integer(),
  requisitionId: Type.Union([Id, Type.Null()]),
  note: Type.String(),
  byName: Type.String(),
  at: Instant,
});
export type StockMovement = Static<typeof StockMovement>;
export const MovementQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    storeId: Type.Optional(Id),
    itemId: Type.Optional(Id),
    kind: Type.Optional(literals(MOVEMENT_KINDS)),
  },
  { additionalProperties: false },
);

const SupplyLine = Type.Object({ itemId: Id, quantity: Quantity }, { additionalProperties: false });
/** A receipt into a store, or an issue out of it without a requisition. `id` is chosen by the client. */
export const StockBatchBody = Type.Object(
  {
    id: Id,
    storeId: Id,
    lines: Type.Array(SupplyLine, { minItems: 1, maxItems: 50 }),
    note: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type StockBatchBody = Static<typeof StockBatchBody>;
/** What a receipt, issue or count wrote: its movements. */
export const StockBatch = Type.Object({
  id: Id,
  kind: literals(MOVEMENT_KINDS),
  storeId: Id,
  requisitionId: Type.Union([Id, Type.Null()]),
  byName: Type.String(),
  at: Instant,
  movements: Type.Array(StockMovement),
});
export type StockBatch = Static<typeof StockBatch>;

/**
 * A count sheet: the counted quantity of each line replaces on-hand. `counted` takes any integer
 * here so a negative count reaches the server's rule (NEGATIVE_COUNT, kept in the audit log).
 */
export const StockCountBody = Type.Object(
  {
    id: Id,
    storeId: Id,
    lines: Type.Array(Type.Object({ itemId: Id, counted: Type.Integer({ minimum: -100000, maximum: 1000000 }) }, { additionalProperties: false }), {
      minItems: 1,
      maxItems: 200,
    }),
    note: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type StockCountBody = Static<typeof StockCountBody>;
export const StockBatchQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    kind: Type.Optional(literals(MOVEMENT_KINDS)),
  },
  { additionalProperties: false },
);

export const IssueRequisitionBody = Type.Object(
  { storeId: Id, note: Type.Optional(Type.String({ maxLength: 200 })) },
  { additionalProperties: false },
);
export const IssueRequisitionParams = Type.Object({ siteId: Id, requisitionId: Id });
/** An approved requisition as the storekeeper sees it: issued yet or not. */
export const RequisitionToIssue = Type.Object({
  requisitionId: Id,
  requestedByName: Type.String(),
  lines: Type.Array(
    Type.Object({
      name: Type.String(),
      quantity: Type.Integer(),
      unit: Type.String(),
      itemId: Type.Union([Id, Type.Null()]),
    }),
  ),
  note: Type.String(),
  decidedAt: Type.Union([Instant, Type.Null()]),
  createdAt: Instant,
  issuedAt: Type.Union([Instant, Type.Null()]),
  issuedFromStoreName: Type.Union([Type.String(), Type.Null()]),
});
export type RequisitionToIssue = Static<typeof RequisitionToIssue>;
export const RequisitionsToIssueQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    issued: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

/** Issued quantities of one item, per site-local week (weeks start on Monday). */
export const ItemConsumption = Type.Object({
  itemId: Id,
  nameZh: Type.String(),
  nameEn: Type.String(),
  unit: Type.String(),
  weeks: Type.Array(Type.Object({ week: LocalDate, quantity: Type.Integer() })),
  total: Type.Integer(),
});
export type ItemConsumption = Static<typeof ItemConsumption>;
export const ConsumptionQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    /** Any day of the first week; the Monday of that week is used. */
    from: LocalDate,
    /** Any day of the last week. */
    to: LocalDate,
  },
  { additionalProperties: false },
);

// ---- model-room inventory ----
export const ModelRoom = Type.Object({
  zoneId: Id,
  name: Type.String(),
  itemCount: Type.Integer(),
  lastCheck: Type.Union([
    Type.Object({
      id: Id,
      phase: Type.Union([Type.Literal('opening'), Type.Literal('closing')]),
      byName: Type.String(),
      at: Instant,
      missing: Type.Integer(),
      damaged: Type.Integer(),
    }),
    Type.Null(),
  ]),
});
export type ModelRoom = Static<typeof ModelRoom>;
/** A model room is a zone of kind MODEL_ROOM. */
export const ModelRoomParams = Type.Object({ siteId: Id, roomId: Id });

export const ModelRoomItem = Type.Object({
  id: Id,
  zoneId: Id,
  name: Type.String(),
  quantity: Type.Integer(),
  photoId: Type.Union([Id, Type.Null()]),
  positionNote: Type.String(),
  createdAt: Instant,
});
export type ModelRoomItem = Static<typeof ModelRoomItem>;
export const ModelRoomItemParams = Type.Object({ siteId: Id, modelRoomItemId: Id });
export const ModelRoomItemBody = Type.Object(
  {
    name: DisplayName(60),
    quantity: Quantity,
    photoId: Type.Optional(Type.Union([Id, Type.Null()])),
    positionNote: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type ModelRoomItemBody = Static<typeof ModelRoomItemBody>;
export const UpdateModelRoomItemBody = Type.Partial(ModelRoomItemBody, { additionalProperties: false });
export type UpdateModelRoomItemBody = Static<typeof UpdateModelRoomItemBody>;

export const CHECK_PHASES = ['opening', 'closing'] as const;
export const CHECK_LINE_STATUSES = ['present', 'missing', 'damaged'] as const;
export type CheckLineStatus = (typeof CHECK_LINE_STATUSES)[number];
export const ModelRoomCheckLineBody = Type.Object(
  {
    itemId: Id,
    status: literals(CHECK_LINE_STATUSES),
    /** Missing: how many were found (fewer than the list says). */
    foundQuantity: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
    note: Type.Optional(Type.String({ maxLength: 300 })),
    photoId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
/** `at`: when the guide sent the check (kept when it waited in the phone's outbox). */
export const ModelRoomCheckBody = Type.Object(
  {
    id: Id,
    phase: literals(CHECK_PHASES),
    lines: Type.Array(ModelRoomCheckLineBody, { minItems: 1, maxItems: 300 }),
    at: Type.Optional(TapTime),
  },
  { additionalProperties: false },
);
export type ModelRoomCheckBody = Static<typeof ModelRoomCheckBody>;
export const ModelRoomCheck = Type.Object({
  id: Id,
  zoneId: Id,
  phase: literals(CHECK_PHASES),
  byName: Type.String(),
  at: Instant,
  present: Type.Integer(),
  missing: Type.Integer(),
  damaged: Type.Integer(),
  lines: Type.Array(
    Type.Object({
      itemId: Id,
      itemName: Type.String(),
      expected: Type.Integer(),
      status: literals(CHECK_LINE_STATUSES),
      foundQuantity: Type.Union([Type.Integer(), Type.Null()]),
      note: Type.String(),
      photoId: Type.Union([Id, Type.Null()]),
      incidentId: Type.Union([Id, Type.Null()]),
    }),
  ),
});
export type ModelRoomCheck = Static<typeof ModelRoomCheck>;

// ---- the model room's closing routine (GUARD-IN-11) ----
/** What the concierge turns off after the shift: the model room's water, power, and the CCTV (监控). */
export const CLOSING_SWITCHES = ['water', 'power', 'cctv'] as const;
export type ClosingSwitch = (typeof CLOSING_SWITCHES)[number];
export const ModelRoomClosingBody = Type.Object(
  {
    /** Made by the phone: sent twice (the outbox resending), stored once. */
    id: Id,
    switch: literals(CLOSING_SWITCHES),
    /** When the concierge tapped (a confirmation sent later from the outbox keeps its time and day). */
    at: Type.Optional(Instant),
  },
  { additionalProperties: false },
);
export type ModelRoomClosingBody = Static<typeof ModelRoomClosingBody>;
export const ModelRoomClosingQuery = Type.Object(
  { /** The site's local day; today when left out. */ date: Type.Optional(LocalDate) },
  { additionalProperties: false },
);
export const ModelRoomClosingConfirmation = Type.Object({
  id: Id,
  date: Type.String(),
  switch: literals(CLOSING_SWITCHES),
  byName: Type.String(),
  at: Instant,
});
export type ModelRoomClosingConfirmation = Static<typeof ModelRoomClosingConfirmation>;
/** A day's closing routine: each switch with its confirmation, or null while not confirmed. */
export const ModelRoomClosingDay = Type.Object({
  date: Type.String(),
  switches: Type.Array(Type.Object({ switch: literals(CLOSING_SWITCHES), confirmation: Type.Union([ModelRoomClosingConfirmation, Type.Null()]) })),
  isComplete: Type.Boolean(),
});
export type ModelRoomClosingDay = Static<typeof ModelRoomClosingDay>;
