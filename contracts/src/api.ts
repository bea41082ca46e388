/**
 * Request and response schemas of the HTTP API. The server validates and serialises with
 * them (and publishes them as OpenAPI); the web app takes its types from them.
 */
import { DisplayName } from './names.js';
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { POST_KINDS, SITE_ROLES, ZONE_KINDS, LOCALES } from './domain.js';

/** A string enum that shows as `enum` in OpenAPI and as a union type in TypeScript. */
const literalUnion = <T extends readonly string[]>(values: T) => Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });

/** UUIDv7 text ids. */
export const Id = Type.String({ pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$', description: 'UUID' });
/** Epoch milliseconds. */
export const Instant = Type.Integer({ minimum: 0, description: 'epoch milliseconds' });
/** When the person tapped, for a write the phone sends later from its outbox; the server bounds it (CLOCK_TIME_INVALID). */
export const TapTime = Type.Integer({ minimum: 0, description: 'epoch milliseconds of the tap; at most 2 min ahead of and 24 h behind the server' });
export const HHMM = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'HH:MM, site local time' });

export const RoleSchema = literalUnion(SITE_ROLES);
export const ZoneKindSchema = literalUnion(ZONE_KINDS);
export const PostKindSchema = literalUnion(POST_KINDS);
export const LocaleSchema = literalUnion(LOCALES);

export const ErrorResponse = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    params: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  }),
});

export const PageQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type PageQuery = Static<typeof PageQuery>;

export const Page = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });
export interface PageOf<T> {
  items: T[];
  nextCursor: string | null;
}

export const SiteParams = Type.Object({ siteId: Id });

// ---- auth ----
export const LoginBody = Type.Object(
  { login: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);
export const ChangePasswordBody = Type.Object(
  { currentPassword: Type.String({ minLength: 1, maxLength: 200 }), newPassword: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);
export const MeSite = Type.Object({
  id: Id,
  name: Type.String(),
  timeZone: Type.String(),
  role: Type.Union([RoleSchema, Type.Literal('company_admin')]),
  posts: Type.Array(Type.Object({ id: Id, name: Type.String(), kind: PostKindSchema })),
});
export const Me = Type.Object({
  id: Id,
  login: Type.String(),
  name: Type.String(),
  locale: LocaleSchema,
  companyId: Id,
  companyName: Type.String(),
  isCompanyAdmin: Type.Boolean(),
  sites: Type.Array(MeSite),
});
export type Me = Static<typeof Me>;
export type MeSite = Static<typeof MeSite>;

// ---- sites ----
export const OpeningHours = Type.Object(
  {
    open: HHMM,
    close: HHMM,
    /** ISO weekdays (1 = Monday … 7 = Sunday) on which the site is closed. */
    closedWeekdays: Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), { maxItems: 7, uniqueItems: true }),
  },
  { additionalProperties: false },
);
export type OpeningHours = Static<typeof OpeningHours>;

export const Site = Type.Object({
  id: Id,
  companyId: Id,
  name: Type.String(),
  address: Type.String(),
  timeZone: Type.String(),
  openingHours: OpeningHours,
  /** Days customers' plates, signatures and photos are kept before the daily purge (PIPL). */
  customerRetentionDays: Type.Integer(),
  /** Security patrols round the clock (night included), not only during opening hours. */
  patrolAllDay: Type.Boolean(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type Site = Static<typeof Site>;
export const CUSTOMER_RETENTION_DEFAULT_DAYS = 180;
export const CustomerRetentionDays = Type.Integer({ minimum: 1, maximum: 3650 });

export const CreateSiteBody = Type.Object(
  {
    name: DisplayName(100),
    address: Type.String({ maxLength: 300, default: '' }),
    timeZone: Type.String({ minLength: 1, maxLength: 64, default: 'Asia/Shanghai' }),
    openingHours: Type.Optional(OpeningHours),
  },
  { additionalProperties: false },
);
export const UpdateSiteBody = Type.Object(
  {
    name: Type.Optional(DisplayName(100)),
    address: Type.Optional(Type.String({ maxLength: 300 })),
    timeZone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    openingHours: Type.Optional(OpeningHours),
    customerRetentionDays: Type.Optional(CustomerRetentionDays),
    patrolAllDay: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);

// ---- zones ----
export const Zone = Type.Object({
  id: Id,
  siteId: Id,
  kind: ZoneKindSchema,
  name: Type.String(),
  capacity: Type.Union([Type.Integer(), Type.Null()]),
  createdAt: Instant,
  updatedAt: Instant,
});
export type Zone = Static<typeof Zone>;
export const ZoneParams = Type.Object({ siteId: Id, zoneId: Id });
export const CreateZoneBody = Type.Object(
  {
    kind: ZoneKindSchema,
    name: DisplayName(60),
    capacity: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 100000 }), Type.Null()])),
  },
  { additionalProperties: false },
);
export const UpdateZoneBody = Type.Object(
  {
    name: Type.Optional(DisplayName(60)),
    capacity: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 100000 }), Type.Null()])),
  },
  { additionalProperties: false, minProperties: 1 },
);

// ---- posts ----
export const Post = Type.Object({
  id: Id,
  siteId: Id,
  kind: PostKindSchema,
  name: Type.String(),
  zoneId: Type.Union([Id, Type.Null()]),
  createdAt: Instant,
  updatedAt: Instant,
});
export type Post = Static<typeof Post>;
export const PostParams = Type.Object({ siteId: Id, postId: Id });
export const CreatePostBody = Type.Object(
  { kind: PostKindSchema, name: DisplayName(60), zoneId: Type.Optional(Type.Union([Id, Type.Null()])) },
  { additionalProperties: false },
);
export const UpdatePostBody = Type.Object(
  { name: Type.Optional(DisplayName(60)), zoneId: Type.Optional(Type.Union([Id, Type.Null()])) },
  { additionalProperties: false, minProperties: 1 },
);

// ---- people ----
export const SitePerson = Type.Object({
  id: Id,
  login: Type.String(),
  name: Type.String(),
  phoneMasked: Type.Union([Type.String(), Type.Null()]),
  role: RoleSchema,
  isActive: Type.Boolean(),
  postIds: Type.Array(Id),
  createdAt: Instant,
});
export type SitePerson = Static<typeof SitePerson>;
export const PersonParams = Type.Object({ siteId: Id, personId: Id });
export const LoginName = Type.String({ minLength: 3, maxLength: 32, pattern: '^[a-zA-Z0-9._-]+$' });
export const Phone = Type.String({ pattern: '^1[3-9][0-9]{9}$', description: 'mainland mobile number' });
export const CreatePersonBody = Type.Object(
  {
    login: LoginName,
    name: DisplayName(40),
    password: Type.String({ minLength: 1, maxLength: 200 }),
    phone: Type.Optional(Type.Union([Phone, Type.Null()])),
    role: RoleSchema,
    postIds: Type.Optional(Type.Array(Id, { maxItems: 20, uniqueItems: true })),
  },
  { additionalProperties: false },
);
export const UpdatePersonBody = Type.Object(
  {
    name: Type.Optional(DisplayName(40)),
    phone: Type.Optional(Type.Union([Phone, Type.Null()])),
    role: Type.Optional(RoleSchema),
    isActive: Type.Optional(Type.Boolean()),
    postIds: Type.Optional(Type.Array(Id, { maxItems: 20, uniqueItems: true })),
  },
  { additionalProperties: false, minProperties: 1 },
);

// ---- instance and first-run setup ----
export const InstanceInfo = Type.Object({
  /** No company yet: the first-run setup (/setup, `npm run setup`) is open, and nothing else is. */
  needsSetup: Type.Boolean(),
  /** The demo company is in this database: every screen marks what it shows as demo data. */
  demo: Type.Boolean(),
});
export type InstanceInfo = Static<typeof InstanceInfo>;
export const SetupBody = Type.Object(
  {
    companyName: Type.String({ minLength: 1, maxLength: 100 }),
    siteName: Type.String({ minLength: 1, maxLength: 100 }),
    timeZone: Type.String({ minLength: 1, maxLength: 64, default: 'Asia/Shanghai' }),
    adminLogin: LoginName,
    adminName: Type.String({ minLength: 1, maxLength: 40 }),
    adminPassword: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);
export type SetupBody = Static<typeof SetupBody>;

// ---- audit ----
export const AuditEntry = Type.Object({
  id: Id,
  siteId: Type.Union([Id, Type.Null()]),
  actorId: Type.Union([Id, Type.Null()]),
  actorName: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  entityType: Type.String(),
  entityId: Type.Union([Type.String(), Type.Null()]),
  detail: Type.Record(Type.String(), Type.Unknown()),
  requestId: Type.Union([Type.String(), Type.Null()]),
  at: Instant,
});
export type AuditEntry = Static<typeof AuditEntry>;
export const AuditQuery = Type.Composite([
  PageQuery,
  Type.Object({ action: Type.Optional(Type.String({ maxLength: 60 })) }, { additionalProperties: false }),
]);

// ---- notifications ----
export const Notification = Type.Object({
  id: Id,
  siteId: Id,
  toPersonId: Type.Union([Id, Type.Null()]),
  fromPersonId: Type.Union([Id, Type.Null()]),
  fromName: Type.String(),
  title: Type.String(),
  body: Type.String(),
  createdAt: Instant,
});
export type Notification = Static<typeof Notification>;
export const CreateNotificationBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 80 }),
    body: Type.String({ maxLength: 1000, default: '' }),
    toPersonId: Type.Optional(Type.Union([Id, Type.Null()])),
  },
  { additionalProperties: false },
);

// ---- health ----
export const Health = Type.Object({
  status: Type.Literal('ok'),
  dialect: Type.Union([Type.Literal('sqlite'), Type.Literal('postgres')]),
  schemaVersion: Type.String(),
  version: Type.String(),
  uptimeSeconds: Type.Number(),
});

export type CreateSiteBody = Static<typeof CreateSiteBody>;
export type UpdateSiteBody = Static<typeof UpdateSiteBody>;
export type CreateZoneBody = Static<typeof CreateZoneBody>;
export type UpdateZoneBody = Static<typeof UpdateZoneBody>;
export type CreatePostBody = Static<typeof CreatePostBody>;
export type UpdatePostBody = Static<typeof UpdatePostBody>;
export type CreatePersonBody = Static<typeof CreatePersonBody>;
export type UpdatePersonBody = Static<typeof UpdatePersonBody>;
export type CreateNotificationBody = Static<typeof CreateNotificationBody>;
export type LoginBody = Static<typeof LoginBody>;
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;
export type Health = Static<typeof Health>;
