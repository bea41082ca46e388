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

export function listFormRows(db: Q, siteId: string, page: PageRequest, filter: FormFilter) {
  let q = db.selectFrom('customer_feedback_forms').selectAll().where('site_id', '=', siteId);
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  if (filter.postId) q = q.where('post_id', '=', filter.postId);
  if (filter.fromDate) q = q.where('date', '>=', filter.fromDate);
  if (filter.toDate) q = q.where('date', '<=', filter.toDate);
  if (filter.personId) q = q.where('person_id', '=', filter.personId);
  if (page.afterId) q = q.where('id', page.direction === 'desc' ? '<' : '>', page.afterId);
  return q
    .orderBy('id', page.direction)
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
