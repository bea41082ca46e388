import type { Kysely, Transaction } from 'kysely';
import type { CustomerFeedbackFormsTable, DB } from '../../db/schema.js';
import type { PageRequest } from '../../platform/http/pagination.js';

type Q = Kysely<DB> | Transaction<DB>;

export const findFormById = (db: Q, id: string) => db.selectFrom('customer_feedback_forms').selectAll().where('id', '=', id).executeTakeFirst();

export const findFormRow = (db: Q, siteId: string, id: string) =>
  db.selectFrom('customer_feedback_forms').selectAll().where('site_id', '=', siteId).where('id', '=', id).executeTakeFirst();

export async function insertFormRow(db: Q, row: CustomerFeedbackFormsTable): Promise<void> {
  await db.insertInto('customer_feedback_forms').values(row).execute();
}

export interface FormFilter {
  kind?: string;
  postId?: string;
  fromDate?: string;
  toDate?: string;
  /** Staff see only what they filed. */
  personId?: string;
}

/**
 * Newest first by filing time. The phone chooses the ids (random, not time-ordered), so the
 * cursor's id is looked up for its filing time and the page continues after that (time, id).
 */
export function listFormRows(db: Q, siteId: string, page: PageRequest, filter: FormFilter) {
  let q = db.selectFrom('customer_feedback_forms as f').selectAll('f').where('f.site_id', '=', siteId);
  if (filter.kind) q = q.where('f.kind', '=', filter.kind);
  if (filter.postId) q = q.where('f.post_id', '=', filter.postId);
  if (filter.fromDate) q = q.where('f.date', '>=', filter.fromDate);
  if (filter.toDate) q = q.where('f.date', '<=', filter.toDate);
  if (filter.personId) q = q.where('f.person_id', '=', filter.personId);
  const afterId = page.afterId;
  if (afterId) {
    const cursorAt = db.selectFrom('customer_feedback_forms').select('created_at').where('id', '=', afterId);
    q = q.where((eb) => eb.or([eb('f.created_at', '<', cursorAt), eb.and([eb('f.created_at', '=', cursorAt), eb('f.id', '<', afterId)])]));
  }
  return q
    .orderBy('f.created_at', 'desc')
    .orderBy('f.id', 'desc')
    .limit(page.limit + 1)
    .execute();
}

/** The forms of one site-local day, oldest first. */
export const listFormsOn = (db: Q, siteId: string, date: string) =>
  db.selectFrom('customer_feedback_forms').selectAll().where('site_id', '=', siteId).where('date', '=', date).orderBy('created_at').execute();

/** The forms filed in [fromMs, toMs). */
export const listFormsFiledBetween = (db: Q, siteId: string, fromMs: number, toMs: number) =>
  db
    .selectFrom('customer_feedback_forms')
    .select(['kind', 'intention', 'answers'])
    .where('site_id', '=', siteId)
    .where('created_at', '>=', fromMs)
    .where('created_at', '<', toMs)
    .execute();
