import type { Kysely } from 'kysely';
import type { DB, VisitQuestionsTable } from '../../db/schema.js';
import type { PageRequest } from '../../platform/http/pagination.js';

export const findQuestionById = (db: Kysely<DB>, id: string) => db.selectFrom('visit_questions').selectAll().where('id', '=', id).executeTakeFirst();

export interface QuestionFilter {
  isAnswered?: boolean;
  /** Questions sent to this person by name or to every consultant. */
  forPersonId?: string;
  visitId?: string;
  askedSince?: number;
}

/** Newest first: the question just asked is the one on the person's mind. */
export function listQuestionRows(db: Kysely<DB>, siteId: string, page: PageRequest, filter: QuestionFilter) {
  let q = db.selectFrom('visit_questions').selectAll().where('site_id', '=', siteId);
  if (filter.isAnswered !== undefined) q = q.where('answered_at', filter.isAnswered ? 'is not' : 'is', null);
  const forPersonId = filter.forPersonId;
  if (forPersonId !== undefined) q = q.where((eb) => eb.or([eb('to_person_id', '=', forPersonId), eb('to_person_id', 'is', null)]));
  if (filter.visitId) q = q.where('visit_id', '=', filter.visitId);
  if (filter.askedSince !== undefined) q = q.where('asked_at', '>=', filter.askedSince);
  if (page.afterId) q = q.where('id', '<', page.afterId);
  return q
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
}

/** Records the answer unless one is already there (0: someone answered first). */
export async function answerQuestionRow(
  db: Kysely<DB>,
  id: string,
  answer: Pick<VisitQuestionsTable, 'answer' | 'answered_by' | 'answered_at' | 'answer_ms'>,
): Promise<number> {
  const r = await db.updateTable('visit_questions').set(answer).where('id', '=', id).where('answered_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/**
 * Blanks the words of the site's questions asked before `askedBefore`, or asked on these visits
 * (a customer erased): a question can name the customer and what they asked. Who asked, when,
 * and how long the answer took stay, for the response-time figures. Returns how many were blanked.
 */
export async function blankQuestionTexts(
  db: Kysely<DB>,
  siteId: string,
  which: { askedBefore: number } | { visitIds: readonly string[] },
): Promise<number> {
  if ('visitIds' in which && which.visitIds.length === 0) return 0;
  let q = db.updateTable('visit_questions').set({ text: '' }).where('site_id', '=', siteId).where('text', '!=', '');
  let a = db
    .updateTable('visit_questions')
    .set({ answer: '' })
    .where('site_id', '=', siteId)
    .where('answer', 'is not', null)
    .where('answer', '!=', '');
  if ('visitIds' in which) {
    q = q.where('visit_id', 'in', which.visitIds);
    a = a.where('visit_id', 'in', which.visitIds);
  } else {
    q = q.where('asked_at', '<', which.askedBefore);
    a = a.where('asked_at', '<', which.askedBefore);
  }
  const [blanked] = await q.execute();
  await a.execute();
  return Number(blanked?.numUpdatedRows ?? 0);
}

/** A period's questions (asked_at in [from, to)), for the figures: when asked and how long the answer took. */
export const listQuestionTimesOfPeriod = (db: Kysely<DB>, siteId: string, from: number, to: number) =>
  db
    .selectFrom('visit_questions')
    .select(['asked_at', 'answered_at', 'answer_ms'])
    .where('site_id', '=', siteId)
    .where('asked_at', '>=', from)
    .where('asked_at', '<', to)
    .execute();
