/**
 * Night-shift handover (交接班): a post whose person hands over to a later shift (the concierge,
 * security, the shuttle) writes what is still open, which keys and equipment change hands, notes
 * and photos; the incoming person confirms it on their own phone. An unconfirmed handover alerts
 * the supervisor after the site's limit.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Id, Instant, PostKindSchema, TapTime } from './api.js';
import { LocalDate } from './standards.js';
import type { PostKind } from './domain.js';

/** The posts that hand over unless the site chooses otherwise (GUARD-IN-11, SECURITY, SHUTTLE). */
export const DEFAULT_HANDOVER_POST_KINDS: readonly PostKind[] = ['GUARD', 'SECURITY', 'SHUTTLE'];
/** Minutes after the incoming shift starts (or after writing, when no next shift is known). */
export const DEFAULT_HANDOVER_CONFIRM_MINUTES = 30;
/** The phone route the concierge's closing routine links to. */
export const HANDOVER_NEW_PATH = '/handover/new';

export const HandoverEquipmentLine = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 60 }), handed: Type.Boolean() },
  { additionalProperties: false },
);
export type HandoverEquipmentLine = Static<typeof HandoverEquipmentLine>;

export const HANDOVER_STATUSES = ['written', 'confirmed'] as const;
export type HandoverStatus = (typeof HANDOVER_STATUSES)[number];

export const Handover = Type.Object({
  id: Id,
  siteId: Id,
  postId: Id,
  postName: Type.String(),
  postKind: Type.String(),
  /** The site date the handover was written on. */
  date: LocalDate,
  fromPersonId: Id,
  fromName: Type.String(),
  writtenAt: Instant,
  openItems: Type.Array(Type.String()),
  equipment: Type.Array(HandoverEquipmentLine),
  notes: Type.String(),
  photoIds: Type.Array(Id),
  /** The next person on the post per the roster, when one is known. */
  expectedPersonId: Type.Union([Id, Type.Null()]),
  expectedName: Type.Union([Type.String(), Type.Null()]),
  /** When the supervisor hears of it if nobody has confirmed. */
  confirmBy: Instant,
  status: Type.Unsafe<HandoverStatus>({ type: 'string', enum: [...HANDOVER_STATUSES] }),
  confirmedBy: Type.Union([Id, Type.Null()]),
  confirmedName: Type.Union([Type.String(), Type.Null()]),
  confirmedAt: Type.Union([Instant, Type.Null()]),
  confirmNote: Type.Union([Type.String(), Type.Null()]),
  /** When the supervisor was alerted (null: not, or not yet). */
  alertedAt: Type.Union([Instant, Type.Null()]),
});
export type Handover = Static<typeof Handover>;

export const HandoverParams = Type.Object({ siteId: Id, handoverId: Id });

export const WriteHandoverBody = Type.Object(
  {
    /** Made on the phone, so a retried write is stored once. */
    id: Id,
    postId: Id,
    openItems: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 30 }),
    equipment: Type.Array(HandoverEquipmentLine, { maxItems: 30 }),
    notes: Type.String({ maxLength: 1000 }),
    photoIds: Type.Array(Id, { maxItems: 6 }),
  },
  { additionalProperties: false },
);
export type WriteHandoverBody = Static<typeof WriteHandoverBody>;

export const ConfirmHandoverBody = Type.Object(
  {
    note: Type.Optional(Type.String({ maxLength: 500 })),
    /** When the incoming person tapped (a confirmation sent later from the phone's outbox). */
    at: Type.Optional(TapTime),
  },
  { additionalProperties: false },
);

export const HandoverListQuery = Type.Object(
  {
    date: LocalDate,
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

export const HandoverPost = Type.Object({ id: Id, name: Type.String(), kind: Type.String() });
export type HandoverPost = Static<typeof HandoverPost>;

/** What the phone shows: the posts I write handovers for, and the ones waiting for me to confirm. */
export const MyHandovers = Type.Object({
  writablePosts: Type.Array(HandoverPost),
  /** Unconfirmed handovers on my posts by someone else, oldest first (at most 20). */
  toConfirm: Type.Array(Handover),
  /** My own latest handovers (at most 5), to see whether they were confirmed. */
  written: Type.Array(Handover),
});
export type MyHandovers = Static<typeof MyHandovers>;

export const HandoverSettings = Type.Object(
  {
    confirmMinutes: Type.Integer({ minimum: 5, maximum: 240 }),
    postKinds: Type.Array(PostKindSchema, { maxItems: 12 }),
  },
  { additionalProperties: false },
);
export type HandoverSettings = Static<typeof HandoverSettings>;
