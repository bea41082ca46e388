/**
 * Rounds (duties that recur every N minutes, before opening, or at set times) and weather
 * declarations. A round schedule runs one standard item (CLEAN-2: washroom every ten minutes)
 * for one post kind; each occurrence is a slot, met when its proof (a checkpoint scan or a tap
 * on the phone) lands inside [due, due + grace], missed otherwise. Declared abnormal weather
 * creates the one-off tasks the standard asks for (CLEAN-3, TECH-4).
 */
import { DisplayName } from './names.js';
import { Type, type Static } from '@sinclair/typebox';
import { HHMM, Id, Instant, PostKindSchema, TapTime } from './api.js';
import { LocalDate } from './standards.js';

const literalUnion = <T extends readonly string[]>(values: T, opts: { description?: string } = {}) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...opts });

export const ROUND_RECURRENCES = ['interval', 'before_open', 'times'] as const;
export type RoundRecurrenceKind = (typeof ROUND_RECURRENCES)[number];
export const ROUND_PROOFS = ['scan', 'tap'] as const;
export type RoundProof = (typeof ROUND_PROOFS)[number];
export const SLOT_STATUSES = ['pending', 'met', 'missed', 'late'] as const;
export type SlotStatus = (typeof SLOT_STATUSES)[number];
export const WEATHER_KINDS = ['rain', 'rainstorm', 'wind', 'heat', 'cold', 'other'] as const;
export type WeatherKind = (typeof WEATHER_KINDS)[number];

/**
 * - interval: every `everyMinutes` from opening to closing (slots start at opening); with
 *   `allDay`, round the clock from 00:00 and on the days the site is closed too (a night
 *   security round: the building is guarded when it is shut);
 * - before_open: once, `minutesBeforeOpen` before opening;
 * - times: at each of `times` (HH:MM).
 * Any of them may be limited to a season (`fromDate`..`toDate`, inclusive) and to some days of
 * the week (`weekdays`, 1 = Monday … 7 = Sunday; absent or empty = every day: weekly pruning,
 * pest control on Mondays), and skips the days the site is closed.
 */
export const RoundRecurrence = Type.Object(
  {
    kind: literalUnion(ROUND_RECURRENCES),
    everyMinutes: Type.Optional(Type.Integer({ minimum: 5, maximum: 720 })),
    allDay: Type.Optional(Type.Boolean()),
    minutesBeforeOpen: Type.Optional(Type.Integer({ minimum: 0, maximum: 240 })),
    times: Type.Optional(Type.Array(HHMM, { minItems: 1, maxItems: 48, uniqueItems: true })),
    fromDate: Type.Optional(Type.Union([LocalDate, Type.Null()])),
    toDate: Type.Optional(Type.Union([LocalDate, Type.Null()])),
    weekdays: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), { maxItems: 7, uniqueItems: true })),
  },
  { additionalProperties: false },
);
export type RoundRecurrence = Static<typeof RoundRecurrence>;

export const RoundSchedule = Type.Object({
  id: Id,
  siteId: Id,
  postKind: PostKindSchema,
  itemId: Type.Union([Type.String(), Type.Null()]),
  labelZh: Type.String(),
  labelEn: Type.String(),
  recurrence: RoundRecurrence,
  graceMinutes: Type.Integer(),
  proof: literalUnion(ROUND_PROOFS),
  checkpointId: Type.Union([Id, Type.Null()]),
  checkpointName: Type.Union([Type.String(), Type.Null()]),
  active: Type.Boolean(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type RoundSchedule = Static<typeof RoundSchedule>;

export const RoundScheduleBody = Type.Object(
  {
    id: Id,
    postKind: PostKindSchema,
    itemId: Type.Union([Type.String({ pattern: '^[A-Z][A-Z0-9-]{1,40}$' }), Type.Null()], {
      description: "An item of the post's adopted standard, or null for a service moment named by the label",
    }),
    labelZh: Type.Optional(DisplayName(100)),
    labelEn: Type.Optional(DisplayName(100)),
    recurrence: RoundRecurrence,
    graceMinutes: Type.Integer({ minimum: 1, maximum: 240 }),
    proof: literalUnion(ROUND_PROOFS),
    checkpointId: Type.Optional(Type.Union([Id, Type.Null()])),
  },
  { additionalProperties: false },
);
export type RoundScheduleBody = Static<typeof RoundScheduleBody>;
export const UpdateRoundScheduleBody = Type.Omit(RoundScheduleBody, ['id']);
export type UpdateRoundScheduleBody = Static<typeof UpdateRoundScheduleBody>;

export const RoundScheduleParams = Type.Object({ siteId: Id, roundScheduleId: Id });
export const RoundSlotParams = Type.Object({ siteId: Id, slotId: Id });

export const RoundSlot = Type.Object({
  id: Id,
  siteId: Id,
  scheduleId: Type.Union([Id, Type.Null()]),
  weatherId: Type.Union([Id, Type.Null()]),
  postKind: PostKindSchema,
  itemId: Type.Union([Type.String(), Type.Null()]),
  labelZh: Type.String(),
  labelEn: Type.String(),
  proof: literalUnion(ROUND_PROOFS),
  checkpointId: Type.Union([Id, Type.Null()]),
  checkpointName: Type.Union([Type.String(), Type.Null()]),
  localDate: LocalDate,
  dueAt: Instant,
  graceEndsAt: Instant,
  /** met/missed/late are stored once the slot is decided; a scan inside the window shows as met at once. */
  status: literalUnion(SLOT_STATUSES),
  provedById: Type.Union([Id, Type.Null()]),
  provedByName: Type.Union([Type.String(), Type.Null()]),
  provedAt: Type.Union([Instant, Type.Null()]),
  photoId: Type.Union([Id, Type.Null()]),
});
export type RoundSlot = Static<typeof RoundSlot>;

export const RoundDayQuery = Type.Object(
  {
    date: Type.Optional(LocalDate),
    postKind: Type.Optional(PostKindSchema),
    scope: Type.Optional(literalUnion(['mine', 'all'] as const, { description: "mine: only the slots of the caller's posts" })),
  },
  { additionalProperties: false },
);
export const RoundDay = Type.Object({
  date: LocalDate,
  now: Instant,
  slots: Type.Array(RoundSlot),
});
export type RoundDay = Static<typeof RoundDay>;

/** `at`: when the person tapped (a confirmation sent later from the phone's outbox keeps its own time for the window). */
export const ConfirmSlotBody = Type.Object(
  { photoId: Type.Optional(Type.Union([Id, Type.Null()])), at: Type.Optional(TapTime) },
  { additionalProperties: false },
);

export const ComplianceQuery = Type.Object(
  {
    from: LocalDate,
    to: LocalDate,
    by: literalUnion(['day', 'person'] as const),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export const ComplianceRow = Type.Object({
  key: Type.String({ description: 'date|scheduleId for by=day, personId for by=person' }),
  date: Type.Union([LocalDate, Type.Null()]),
  scheduleId: Type.Union([Id, Type.Null()]),
  label: Type.Union([Type.Object({ zh: Type.String(), en: Type.String() }), Type.Null()]),
  personId: Type.Union([Id, Type.Null()]),
  personName: Type.Union([Type.String(), Type.Null()]),
  due: Type.Integer({ description: 'Decided slots (met + missed + late)' }),
  met: Type.Integer(),
  missed: Type.Integer(),
  late: Type.Integer(),
  rate: Type.Union([Type.Number(), Type.Null()]),
});
export type ComplianceRow = Static<typeof ComplianceRow>;

export const WeatherDeclaration = Type.Object({
  id: Id,
  siteId: Id,
  kind: literalUnion(WEATHER_KINDS),
  note: Type.String(),
  source: literalUnion(['console', 'webhook'] as const),
  declaredByName: Type.Union([Type.String(), Type.Null()]),
  declaredAt: Instant,
  endedAt: Type.Union([Instant, Type.Null()]),
  endedByName: Type.Union([Type.String(), Type.Null()]),
  taskSlotIds: Type.Array(Id),
});
export type WeatherDeclaration = Static<typeof WeatherDeclaration>;

export const DeclareWeatherBody = Type.Object(
  {
    id: Id,
    kind: literalUnion(WEATHER_KINDS),
    note: Type.Optional(Type.String({ maxLength: 300 })),
    graceMinutes: Type.Optional(Type.Integer({ minimum: 5, maximum: 240 })),
  },
  { additionalProperties: false },
);
export const WeatherParams = Type.Object({ siteId: Id, weatherId: Id });
export const WeatherListQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

export const WeatherWebhookInfo = Type.Object({
  configured: Type.Boolean(),
  tokenHint: Type.Union([Type.String(), Type.Null()], { description: 'Last characters of the token' }),
  rotatedAt: Type.Union([Instant, Type.Null()]),
  path: Type.String(),
});
export type WeatherWebhookInfo = Static<typeof WeatherWebhookInfo>;
export const RotatedWebhookToken = Type.Object({
  token: Type.String({ description: 'Shown once: only its hash is kept' }),
  info: WeatherWebhookInfo,
});
export type RotatedWebhookToken = Static<typeof RotatedWebhookToken>;

export const WeatherWebhookParams = Type.Object({ siteId: Id });
export const WeatherWebhookBody = Type.Object(
  {
    action: literalUnion(['declare', 'end'] as const),
    kind: literalUnion(WEATHER_KINDS),
    note: Type.Optional(Type.String({ maxLength: 300 })),
  },
  { additionalProperties: false },
);
export const WeatherWebhookResult = Type.Object({ declaration: Type.Union([WeatherDeclaration, Type.Null()]) });
