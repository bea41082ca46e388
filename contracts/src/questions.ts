/**
 * Questions for sales (GUARD-IN-7: 不能回答的问题引导给销售人员): a member of staff who cannot
 * answer a customer asks on the visit; the visit's consultant (or every consultant, when it has
 * none) is rung and answers on the phone; the time to answer is measured.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Id, Instant } from './api.js';

/** Something to read: at least one character that is not a space. */
const QuestionText = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: '\\S' });

/**
 * Which guests the question is about, as the one who answers needs it to find them: how many,
 * the plate masked as everywhere else (浙A·***45), when they came. Null when the visit is gone
 * (its customer data purged).
 */
export const QuestionParty = Type.Object({
  size: Type.Integer(),
  plateMasked: Type.Union([Type.String(), Type.Null()]),
  arrivedAt: Instant,
});
export type QuestionParty = Static<typeof QuestionParty>;

export const Question = Type.Object({
  id: Id,
  siteId: Id,
  visitId: Id,
  party: Type.Union([QuestionParty, Type.Null()]),
  text: Type.String(),
  askedBy: Id,
  askedByName: Type.String(),
  askedAt: Instant,
  /** The consultant asked; null: every consultant of the site. */
  toPersonId: Type.Union([Id, Type.Null()]),
  answer: Type.Union([Type.String(), Type.Null()]),
  answeredBy: Type.Union([Id, Type.Null()]),
  answeredByName: Type.Union([Type.String(), Type.Null()]),
  answeredAt: Type.Union([Instant, Type.Null()]),
  /** Milliseconds from the question to its answer. */
  answerMs: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
});
export type Question = Static<typeof Question>;

export const AskQuestionBody = Type.Object(
  {
    /** Made on the phone: a resent question is asked once. */
    id: Id,
    text: QuestionText(300),
  },
  { additionalProperties: false },
);
export type AskQuestionBody = Static<typeof AskQuestionBody>;

export const AnswerQuestionBody = Type.Object({ text: QuestionText(500) }, { additionalProperties: false });
export type AnswerQuestionBody = Static<typeof AnswerQuestionBody>;

export const QuestionParams = Type.Object({ siteId: Id, questionId: Id });

export const QuestionListQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('answered')])),
    /** `me`: questions sent to me by name or to every consultant. */
    to: Type.Optional(Type.Literal('me')),
    visitId: Type.Optional(Id),
    askedSince: Type.Optional(Instant),
  },
  { additionalProperties: false },
);
export type QuestionListQuery = Static<typeof QuestionListQuery>;
