/**
 * 客户信息收集反馈 (sop-library section C): the two paper forms the manual names, filled on the
 * staff phone — the model-room guide's 样板房客户反馈表 and the car park's 车场岗客户信息反馈表 —
 * and the daily customer summary (每日客户信息汇总) the site manager gets at closing time.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Id, Instant } from './api.js';
import { LocalDate } from './standards.js';

export const FEEDBACK_FORM_KINDS = ['model_room', 'parking'] as const;
export type FeedbackFormKind = (typeof FEEDBACK_FORM_KINDS)[number];

/** 购买意向, as the guide judges it from the visit. */
export const INTENTION_LEVELS = ['high', 'medium', 'low', 'unknown'] as const;
export type IntentionLevel = (typeof INTENTION_LEVELS)[number];

/** The four views the model-room form asks for. */
export const MODEL_ROOM_TOPICS = ['modelRoom', 'unit', 'price', 'service'] as const;
export type ModelRoomTopic = (typeof MODEL_ROOM_TOPICS)[number];

/** 了解渠道: how the customer heard of the project, as the parking form lists it. */
export const HEARD_CHANNELS = ['passing_by', 'friend', 'online', 'outdoor_ad', 'agent', 'returning', 'other'] as const;
export type HeardChannel = (typeof HEARD_CHANNELS)[number];

/** What the customer asked of the post beyond parking: nothing, a request, or a complaint. */
export const CUSTOMER_ASK_KINDS = ['none', 'request', 'complaint'] as const;
export type CustomerAskKind = (typeof CUSTOMER_ASK_KINDS)[number];

const enumOf = <T extends string>(values: readonly T[]) => Type.Unsafe<T>({ type: 'string', enum: [...values] });
const FormKindSchema = enumOf(FEEDBACK_FORM_KINDS);
const Note = (max: number) => Type.String({ maxLength: max });

/** One view: a 1–5 rating (5 best; for price, 5 = well accepted) and/or what the customer said. */
export const TopicView = Type.Object(
  {
    rating: Type.Union([Type.Integer({ minimum: 1, maximum: 5 }), Type.Null()]),
    note: Note(500),
  },
  { additionalProperties: false },
);
export type TopicView = Static<typeof TopicView>;

export const ModelRoomAnswers = Type.Object(
  {
    /** Who the customer is, as the guide may write it (e.g. 王先生); optional. */
    customerRef: Note(40),
    /** 意向户型, e.g. "A户型 三室两厅 120㎡". */
    unitType: Note(60),
    views: Type.Object({ modelRoom: TopicView, unit: TopicView, price: TopicView, service: TopicView }, { additionalProperties: false }),
    intention: enumOf(INTENTION_LEVELS),
    /** 客户关注点 and anything else for the sales team (MODEL-IN-10). */
    notes: Note(1000),
  },
  { additionalProperties: false },
);
export type ModelRoomAnswers = Static<typeof ModelRoomAnswers>;

export const ParkingAnswers = Type.Object(
  {
    /** 客户来源: where the customer came from (district, town, company). */
    origin: Note(60),
    channel: enumOf(HEARD_CHANNELS),
    /** Stored and shown masked only (粤B****88): the form needs no more to recognise a car by eye. */
    plateMasked: Type.Union([Type.String({ maxLength: 16 }), Type.Null()]),
    partySize: Type.Union([Type.Integer({ minimum: 1, maximum: 50 }), Type.Null()]),
    askKind: enumOf(CUSTOMER_ASK_KINDS),
    /** The request or complaint in the customer's words; required unless askKind is none. */
    askText: Note(500),
    remarks: Note(1000),
  },
  { additionalProperties: false },
);
export type ParkingAnswers = Static<typeof ParkingAnswers>;

const FormEnvelope = {
  /** Chosen by the phone, so a resend is stored once. */
  id: Id,
  shiftId: Type.Optional(Id),
  /** The visit this customer came on, when the phone has one at hand. */
  visitId: Type.Optional(Id),
};

export const ModelRoomFeedbackBody = Type.Object(
  {
    ...FormEnvelope,
    customerRef: Type.Optional(Note(40)),
    unitType: Type.Optional(Note(60)),
    views: Type.Object(
      {
        modelRoom: Type.Optional(TopicView),
        unit: Type.Optional(TopicView),
        price: Type.Optional(TopicView),
        service: Type.Optional(TopicView),
      },
      { additionalProperties: false },
    ),
    intention: enumOf(INTENTION_LEVELS),
    notes: Type.Optional(Note(1000)),
  },
  { additionalProperties: false },
);
export type ModelRoomFeedbackBody = Static<typeof ModelRoomFeedbackBody>;

export const ParkingFeedbackBody = Type.Object(
  {
    ...FormEnvelope,
    origin: Type.Optional(Note(60)),
    channel: enumOf(HEARD_CHANNELS),
    /** The plate as read; only its masked form is kept. */
    plate: Type.Optional(Type.String({ maxLength: 16 })),
    partySize: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
    askKind: Type.Optional(enumOf(CUSTOMER_ASK_KINDS)),
    askText: Type.Optional(Note(500)),
    remarks: Type.Optional(Note(1000)),
  },
  { additionalProperties: false },
);
export type ParkingFeedbackBody = Static<typeof ParkingFeedbackBody>;

export const FeedbackForm = Type.Object({
  id: Id,
  siteId: Id,
  kind: FormKindSchema,
  date: LocalDate,
  shiftId: Type.Union([Id, Type.Null()]),
  postId: Type.Union([Id, Type.Null()]),
  postName: Type.Union([Type.String(), Type.Null()]),
  personId: Id,
  personName: Type.String(),
  visitId: Type.Union([Id, Type.Null()]),
  /** Set for kind model_room. */
  modelRoom: Type.Union([ModelRoomAnswers, Type.Null()]),
  /** Set for kind parking. */
  parking: Type.Union([ParkingAnswers, Type.Null()]),
  createdAt: Instant,
});
export type FeedbackForm = Static<typeof FeedbackForm>;

export const FeedbackFormParams = Type.Object({ siteId: Id, formId: Id });
export const FeedbackFormListQuery = Type.Object(
  {
    kind: Type.Optional(FormKindSchema),
    postId: Type.Optional(Id),
    from: Type.Optional(LocalDate),
    to: Type.Optional(LocalDate),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type FeedbackFormListQuery = Static<typeof FeedbackFormListQuery>;

// ---- the daily customer summary ----

/** A count under a key the web translates (`customerSummary.items.<breakdown>.<key>`), with a label when the key is data (a post's name). */
export const SummaryCount = Type.Object({ key: Type.String(), label: Type.Union([Type.String(), Type.Null()]), count: Type.Integer() });
export type SummaryCount = Static<typeof SummaryCount>;

/** One line of a section: who said or did what, and when. */
export const SummaryEntry = Type.Object({
  id: Type.String(),
  at: Type.Union([Instant, Type.Null()]),
  who: Type.String(),
  /** A key the web translates (an opinion's category, a form's kind), or null. */
  tag: Type.Union([Type.String(), Type.Null()]),
  text: Type.String(),
});
export type SummaryEntry = Static<typeof SummaryEntry>;

/**
 * One section of the summary, built by the module that owns its data. The shape is the same for
 * every section, so a module adds its own (surveys, complaints) without a new screen: headline
 * figures, breakdowns of counts, and the lines worth reading.
 */
export const SummarySection = Type.Object({
  key: Type.String({ description: 'visitors | opinions | feedback-forms | surveys | complaints | …' }),
  figures: Type.Array(Type.Object({ key: Type.String(), value: Type.Number() })),
  breakdowns: Type.Array(Type.Object({ key: Type.String(), items: Type.Array(SummaryCount) })),
  entries: Type.Array(SummaryEntry),
  /** Entries left out past the section's limit. */
  moreEntries: Type.Integer(),
});
export type SummarySection = Static<typeof SummarySection>;

export const DailyCustomerSummary = Type.Object({
  siteId: Id,
  date: LocalDate,
  timeZone: Type.String(),
  /** The site's closing time that day (HH:MM), when the summary goes to the manager. */
  closingTime: Type.String(),
  isClosedDay: Type.Boolean(),
  sections: Type.Array(SummarySection),
});
export type DailyCustomerSummary = Static<typeof DailyCustomerSummary>;
