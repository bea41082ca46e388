/**
 * Notifications where managers are (issue 13, item 7): group robots of WeCom (企业微信),
 * DingTalk (钉钉) and Feishu (飞书) per site, outbound webhooks to other systems, and the one
 * delivery log they share with the SMS outbox.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Id, Instant } from './api.js';

/**
 * What a channel may subscribe to. The daily customer summary and the monthly client report are
 * sent by their modules through the integrations module's `notifyGroups`.
 */
export const NOTICE_KINDS = ['incident.urgent', 'round.missed', 'repair.escalated', 'customer.daily_summary', 'client.monthly_report'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];
export const NoticeKindSchema = Type.Unsafe<NoticeKind>({ type: 'string', enum: [...NOTICE_KINDS] });

export const ROBOT_TYPES = ['wecom', 'dingtalk', 'feishu'] as const;
export const CHANNEL_TYPES = [...ROBOT_TYPES, 'webhook'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];
const ChannelTypeSchema = Type.Unsafe<ChannelType>({ type: 'string', enum: [...CHANNEL_TYPES] });

export const DELIVERY_TRANSPORTS = ['robot', 'webhook', 'sms'] as const;
export type DeliveryTransport = (typeof DELIVERY_TRANSPORTS)[number];
export const DELIVERY_STATUSES = ['pending', 'sending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** The header a webhook receiver checks: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`. */
export const WEBHOOK_SIGNATURE_HEADER = 'X-Anchang-Signature';

export const Channel = Type.Object({
  id: Id,
  siteId: Id,
  type: ChannelTypeSchema,
  name: Type.String(),
  /** The address with its token hidden (robot URLs carry their access token): host, path, last 4. */
  urlPreview: Type.String(),
  /** The secret's last 4 characters; the secret itself is shown once, when it is set. */
  secretLast4: Type.Union([Type.String(), Type.Null()]),
  keyword: Type.Union([Type.String(), Type.Null()]),
  kinds: Type.Array(NoticeKindSchema),
  isEnabled: Type.Boolean(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type Channel = Static<typeof Channel>;

/** A channel as created: with its secret, this once (a webhook's is generated when not given). */
export const CreatedChannel = Type.Object({ channel: Channel, secret: Type.Union([Type.String(), Type.Null()]) });
export type CreatedChannel = Static<typeof CreatedChannel>;

const Name = Type.String({ minLength: 1, maxLength: 60 });
const Url = Type.String({ minLength: 1, maxLength: 1000 });
const Secret = Type.String({ minLength: 8, maxLength: 200 });
const Keyword = Type.String({ minLength: 1, maxLength: 20 });
const Kinds = Type.Array(NoticeKindSchema, { minItems: 1, maxItems: NOTICE_KINDS.length, uniqueItems: true });

export const CreateChannelBody = Type.Object(
  {
    type: ChannelTypeSchema,
    name: Name,
    url: Url,
    secret: Type.Optional(Secret),
    keyword: Type.Optional(Keyword),
    kinds: Kinds,
    isEnabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type CreateChannelBody = Static<typeof CreateChannelBody>;

/** Only what is given changes; `secret: null` removes a robot's signing secret. */
export const UpdateChannelBody = Type.Object(
  {
    name: Type.Optional(Name),
    url: Type.Optional(Url),
    secret: Type.Optional(Type.Union([Secret, Type.Null()])),
    keyword: Type.Optional(Type.Union([Keyword, Type.Null()])),
    kinds: Type.Optional(Kinds),
    isEnabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateChannelBody = Static<typeof UpdateChannelBody>;

export const ChannelParams = Type.Object({ siteId: Id, channelId: Id });
export const DeliveryParams = Type.Object({ siteId: Id, deliveryId: Id });

export const Delivery = Type.Object({
  id: Id,
  transport: Type.Unsafe<DeliveryTransport>({ type: 'string', enum: [...DELIVERY_TRANSPORTS] }),
  channelId: Type.Union([Id, Type.Null()]),
  channelName: Type.Union([Type.String(), Type.Null()]),
  channelType: Type.Union([ChannelTypeSchema, Type.Null()]),
  /** A notice kind, `test`, or an SMS template code. */
  kind: Type.String(),
  /** The notice's title; an SMS's template code. */
  summary: Type.String(),
  /** An SMS's phone number, masked (138****5678). */
  phoneMasked: Type.Union([Type.String(), Type.Null()]),
  status: Type.Unsafe<DeliveryStatus>({ type: 'string', enum: [...DELIVERY_STATUSES] }),
  attempts: Type.Integer(),
  /** When the next attempt is due (pending); null once delivered or failed. */
  nextAt: Type.Union([Instant, Type.Null()]),
  lastStatusCode: Type.Union([Type.Integer(), Type.Null()]),
  lastAnswer: Type.Union([Type.String(), Type.Null()]),
  createdAt: Instant,
  doneAt: Type.Union([Instant, Type.Null()]),
});
export type Delivery = Static<typeof Delivery>;

export const DeliveryAttempt = Type.Object({
  attempt: Type.Integer(),
  at: Instant,
  statusCode: Type.Union([Type.Integer(), Type.Null()]),
  answerExcerpt: Type.Union([Type.String(), Type.Null()]),
  error: Type.Union([Type.String(), Type.Null()]),
  durationMs: Type.Integer(),
});
export type DeliveryAttempt = Static<typeof DeliveryAttempt>;

export const DeliveryDetail = Type.Object({ delivery: Delivery, attempts: Type.Array(DeliveryAttempt) });
export type DeliveryDetail = Static<typeof DeliveryDetail>;

export const DeliveryListQuery = Type.Object(
  {
    transport: Type.Optional(Type.Unsafe<DeliveryTransport>({ type: 'string', enum: [...DELIVERY_TRANSPORTS] })),
    channelId: Type.Optional(Id),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type DeliveryListQuery = Static<typeof DeliveryListQuery>;

export const TestSendResult = Type.Object({ deliveryId: Id });
export type TestSendResult = Static<typeof TestSendResult>;
