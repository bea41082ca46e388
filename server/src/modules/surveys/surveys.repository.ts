import type { Kysely } from 'kysely';
import type { DB, SurveyAnswersTable, SurveyComplaintsTable, SurveyCreditsTable, SurveyRatingsTable, SurveyTokensTable } from '../../db/schema.js';
import type { PageRequest } from '../../platform/http/pagination.js';

export const findTokenRow = (db: Kysely<DB>, token: string) =>
  db.selectFrom('survey_tokens').selectAll().where('token', '=', token).executeTakeFirst();
export const findVisitTokenRow = (db: Kysely<DB>, visitId: string) =>
  db.selectFrom('survey_tokens').selectAll().where('visit_id', '=', visitId).executeTakeFirst();
export const findPosterRow = (db: Kysely<DB>, siteId: string, posterId: string) =>
  db
    .selectFrom('survey_tokens')
    .selectAll()
    .where('site_id', '=', siteId)
    .where('id', '=', posterId)
    .where('source', '=', 'poster')
    .executeTakeFirst();

export async function insertTokenRow(db: Kysely<DB>, row: SurveyTokensTable): Promise<void> {
  await db.insertInto('survey_tokens').values(row).execute();
}

/** A visit's token, inserted unless one exists (two phones asking at once both get the one written). */
export async function insertVisitTokenOnce(db: Kysely<DB>, row: SurveyTokensTable): Promise<void> {
  await db
    .insertInto('survey_tokens')
    .values(row)
    .onConflict((oc) => oc.column('visit_id').doNothing())
    .execute();
}

export async function revokePosterRow(db: Kysely<DB>, posterId: string, at: number): Promise<void> {
  await db.updateTable('survey_tokens').set({ revoked_at: at }).where('id', '=', posterId).where('revoked_at', 'is', null).execute();
}

export function listPosterRows(db: Kysely<DB>, siteId: string, page: PageRequest) {
  let q = db.selectFrom('survey_tokens').selectAll().where('site_id', '=', siteId).where('source', '=', 'poster');
  if (page.afterId) q = q.where('id', '<', page.afterId);
  return q
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
}

export async function countAnswersOfTokens(db: Kysely<DB>, tokenIds: readonly string[]): Promise<Map<string, number>> {
  if (tokenIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('survey_answers')
    .select(['token_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('token_id', 'in', tokenIds)
    .groupBy('token_id')
    .execute();
  return new Map(rows.map((r) => [r.token_id, Number(r.n)]));
}

export async function isVisitAnswered(db: Kysely<DB>, visitId: string): Promise<boolean> {
  return (await db.selectFrom('survey_answers').select('id').where('visit_id', '=', visitId).executeTakeFirst()) !== undefined;
}

/** Answers since `since` from this address and from this device, in one round trip (the limits). */
export async function countRecentAnswers(
  db: Kysely<DB>,
  by: { address: string; addressSince: number; deviceId: string; deviceSince: number },
): Promise<{ byAddress: number; byDevice: number }> {
  const r = await db
    .selectNoFrom((eb) => [
      eb
        .selectFrom('survey_answers')
        .select((s) => s.fn.countAll<number>().as('n'))
        .where('address', '=', by.address)
        .where('answered_at', '>=', by.addressSince)
        .as('byAddress'),
      eb
        .selectFrom('survey_answers')
        .select((s) => s.fn.countAll<number>().as('n'))
        .where('device_id', '=', by.deviceId)
        .where('answered_at', '>=', by.deviceSince)
        .as('byDevice'),
    ])
    .executeTakeFirstOrThrow();
  return { byAddress: Number(r.byAddress ?? 0), byDevice: Number(r.byDevice ?? 0) };
}

export async function insertAnswer(
  db: Kysely<DB>,
  answer: SurveyAnswersTable,
  ratings: readonly SurveyRatingsTable[],
  credits: readonly SurveyCreditsTable[],
): Promise<void> {
  await db.insertInto('survey_answers').values(answer).execute();
  if (ratings.length)
    await db
      .insertInto('survey_ratings')
      .values([...ratings])
      .execute();
  if (credits.length)
    await db
      .insertInto('survey_credits')
      .values([...credits])
      .execute();
}

export interface AnswerFilter {
  fromDate?: string;
  toDate?: string;
  postId?: string;
  source?: string;
}

export function listAnswerRows(db: Kysely<DB>, siteId: string, page: PageRequest, filter: AnswerFilter) {
  let q = db.selectFrom('survey_answers as a').selectAll('a').where('a.site_id', '=', siteId);
  if (filter.fromDate) q = q.where('a.date', '>=', filter.fromDate);
  if (filter.toDate) q = q.where('a.date', '<=', filter.toDate);
  if (filter.source) q = q.where('a.source', '=', filter.source);
  const postId = filter.postId;
  if (postId)
    q = q.where((eb) =>
      eb.exists(eb.selectFrom('survey_ratings as r').select('r.answer_id').whereRef('r.answer_id', '=', 'a.id').where('r.post_id', '=', postId)),
    );
  if (page.afterId) q = q.where('a.id', '<', page.afterId);
  return q
    .orderBy('a.id', 'desc')
    .limit(page.limit + 1)
    .execute();
}

export async function listRatingsOfAnswers(db: Kysely<DB>, answerIds: readonly string[]) {
  if (answerIds.length === 0) return [];
  return db.selectFrom('survey_ratings').selectAll().where('answer_id', 'in', answerIds).execute();
}

export async function listCreditsOfAnswers(db: Kysely<DB>, answerIds: readonly string[]) {
  if (answerIds.length === 0) return [];
  return db.selectFrom('survey_credits').selectAll().where('answer_id', 'in', answerIds).execute();
}

export async function findTokenRows(db: Kysely<DB>, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('survey_tokens').selectAll().where('id', 'in', ids).execute();
}

/** The period's answers (nps, day) and ratings (post, score): the figures are summed in code. */
export async function listPeriodRecords(db: Kysely<DB>, siteId: string, fromMs: number, toMs: number) {
  const [answers, ratings] = await Promise.all([
    db
      .selectFrom('survey_answers')
      .select(['id', 'nps', 'date', 'source'])
      .where('site_id', '=', siteId)
      .where('answered_at', '>=', fromMs)
      .where('answered_at', '<', toMs)
      .execute(),
    db
      .selectFrom('survey_ratings as r')
      .innerJoin('survey_answers as a', 'a.id', 'r.answer_id')
      .select(['r.answer_id', 'r.post_id', 'r.post_kind', 'r.rating', 'r.date'])
      .where('a.site_id', '=', siteId)
      .where('a.answered_at', '>=', fromMs)
      .where('a.answered_at', '<', toMs)
      .execute(),
  ]);
  return { answers, ratings };
}

export async function listCreditsOfPeriod(db: Kysely<DB>, siteId: string, fromMs: number, toMs: number, personIds?: readonly string[]) {
  if (personIds && personIds.length === 0) return [];
  let q = db
    .selectFrom('survey_credits')
    .select(['person_id', 'rating', 'answer_id', 'post_id'])
    .where('site_id', '=', siteId)
    .where('answered_at', '>=', fromMs)
    .where('answered_at', '<', toMs);
  if (personIds) q = q.where('person_id', 'in', personIds);
  return q.execute();
}

/** Complaints the QR page filed since `since` from this address and from this device (the limits). */
export async function countRecentComplaints(
  db: Kysely<DB>,
  by: { address: string; addressSince: number; deviceId: string; deviceSince: number },
): Promise<{ byAddress: number; byDevice: number }> {
  const r = await db
    .selectNoFrom((eb) => [
      eb
        .selectFrom('survey_complaints')
        .select((s) => s.fn.countAll<number>().as('n'))
        .where('address', '=', by.address)
        .where('filed_at', '>=', by.addressSince)
        .as('byAddress'),
      eb
        .selectFrom('survey_complaints')
        .select((s) => s.fn.countAll<number>().as('n'))
        .where('device_id', '=', by.deviceId)
        .where('filed_at', '>=', by.deviceSince)
        .as('byDevice'),
    ])
    .executeTakeFirstOrThrow();
  return { byAddress: Number(r.byAddress ?? 0), byDevice: Number(r.byDevice ?? 0) };
}

export async function insertSurveyComplaint(db: Kysely<DB>, row: SurveyComplaintsTable): Promise<void> {
  await db.insertInto('survey_complaints').values(row).execute();
}
