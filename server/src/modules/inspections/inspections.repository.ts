/** The only reader and writer of the inspections module's tables. */
import type { Kysely, Transaction } from 'kysely';
import type { DB, InspectionItemsTable, InspectionsTable, RectificationEventsTable, RectificationsTable } from '../../db/schema.js';
import type { PageRequest } from '../../platform/http/pagination.js';

type Q = Kysely<DB> | Transaction<DB>;

export const findInspectionById = (db: Q, id: string) => db.selectFrom('inspections').selectAll().where('id', '=', id).executeTakeFirst();
export const findInspectionRow = (db: Q, siteId: string, id: string) =>
  db.selectFrom('inspections').selectAll().where('site_id', '=', siteId).where('id', '=', id).executeTakeFirst();

/** The inspection, its items and its rectifications in as few statements as the dialect allows. */
export async function insertInspection(
  db: Q,
  row: InspectionsTable,
  items: InspectionItemsTable[],
  rectifications: RectificationsTable[],
): Promise<void> {
  await db.insertInto('inspections').values(row).execute();
  await db.insertInto('inspection_items').values(items).execute();
  if (rectifications.length > 0) await db.insertInto('rectifications').values(rectifications).execute();
}

export const listItemsOf = (db: Q, inspectionId: string) =>
  db.selectFrom('inspection_items').selectAll().where('inspection_id', '=', inspectionId).orderBy('position').execute();

export function listInspectionRows(
  db: Q,
  siteId: string,
  page: PageRequest,
  filter: { postId?: string; personId?: string; from?: string; to?: string; mystery?: boolean; failed?: boolean },
) {
  let q = db.selectFrom('inspections').selectAll().where('site_id', '=', siteId);
  if (filter.postId) q = q.where('post_id', '=', filter.postId);
  if (filter.personId) q = q.where('person_id', '=', filter.personId);
  if (filter.from) q = q.where('date', '>=', filter.from);
  if (filter.to) q = q.where('date', '<=', filter.to);
  if (filter.mystery !== undefined) q = q.where('is_mystery', '=', filter.mystery ? 1 : 0);
  if (filter.failed === true) q = q.where('failed_count', '>', 0);
  if (filter.failed === false) q = q.where('failed_count', '=', 0);
  if (page.afterId) q = q.where('id', '<', page.afterId);
  return q
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
}

/** Inspections per post on each day of [fromDate, toDate]. */
export async function countInspectionsPerPostAndDay(db: Q, siteId: string, fromDate: string, toDate: string) {
  const rows = await db
    .selectFrom('inspections')
    .select(['post_id', 'date'])
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('site_id', '=', siteId)
    .where('date', '>=', fromDate)
    .where('date', '<=', toDate)
    .groupBy(['post_id', 'date'])
    .execute();
  return rows.map((r) => ({ postId: r.post_id, date: r.date, count: Number(r.n) }));
}

// ---- rectifications ----

export const findRectificationRow = (db: Q, siteId: string, id: string) =>
  db.selectFrom('rectifications').selectAll().where('site_id', '=', siteId).where('id', '=', id).executeTakeFirst();
export const findRectificationById = (db: Q, id: string) => db.selectFrom('rectifications').selectAll().where('id', '=', id).executeTakeFirst();
export const listRectificationsOfInspection = (db: Q, inspectionId: string) =>
  db.selectFrom('rectifications').selectAll().where('inspection_id', '=', inspectionId).orderBy('id').execute();

export function listRectificationRows(
  db: Q,
  siteId: string,
  page: PageRequest,
  filter: { personId?: string; inspectorId?: string; statuses?: readonly string[] },
) {
  let q = db.selectFrom('rectifications').selectAll().where('site_id', '=', siteId);
  if (filter.personId) q = q.where('person_id', '=', filter.personId);
  if (filter.inspectorId) q = q.where('inspector_id', '=', filter.inspectorId);
  if (filter.statuses) q = q.where('status', 'in', filter.statuses);
  if (page.afterId) q = q.where('id', '<', page.afterId);
  return q
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
}

/** Moves a rectification on only from one of `from`: a concurrent move makes this return 0. */
export async function moveRectificationRow(db: Q, id: string, from: readonly string[], patch: Partial<RectificationsTable>): Promise<number> {
  const res = await db.updateTable('rectifications').set(patch).where('id', '=', id).where('status', 'in', from).executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** Stamps the deadline as passed, once: 0 when it was already stamped or the fix came in. */
export async function markOverdue(db: Q, id: string, round: number, at: number, awaiting: readonly string[]): Promise<number> {
  const res = await db
    .updateTable('rectifications')
    .set({ overdue_at: at })
    .where('id', '=', id)
    .where('round', '=', round)
    .where('overdue_at', 'is', null)
    .where('status', 'in', awaiting)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

export function listEventsOfRectifications(db: Q, ids: string[]): Promise<RectificationEventsTable[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('rectification_events').selectAll().where('rectification_id', 'in', ids).orderBy('id').execute();
}

export const findLastStepOf = (db: Q, rectificationId: string) =>
  db
    .selectFrom('rectification_events')
    .selectAll()
    .where('rectification_id', '=', rectificationId)
    .where('by_person', 'is not', null)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();

/** The failed items of these inspections (the rectifications' texts and first photos). */
export function listFailedItemsOf(db: Q, inspectionIds: string[]) {
  if (inspectionIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('inspection_items').selectAll().where('inspection_id', 'in', inspectionIds).where('passed', '=', 0).execute();
}

export function findInspectionsByIds(db: Q, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('inspections').selectAll().where('id', 'in', ids).execute();
}

// ---- settings ----

export const findSettingsRow = (db: Q, siteId: string) =>
  db.selectFrom('inspection_settings').selectAll().where('site_id', '=', siteId).executeTakeFirst();

export async function upsertSettingsRow(db: Q, siteId: string, settings: string, now: number): Promise<void> {
  await db
    .insertInto('inspection_settings')
    .values({ site_id: siteId, settings, updated_at: now })
    .onConflict((oc) => oc.column('site_id').doUpdateSet({ settings, updated_at: now }))
    .execute();
}

// ---- the period's figures (the assessment) ----

export function listInspectionsOfPeople(db: Q, siteId: string, personIds: readonly string[], fromMs: number, toMs: number) {
  if (personIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('inspections')
    .select(['id', 'person_id'])
    .where('site_id', '=', siteId)
    .where('person_id', 'in', personIds)
    .where('inspected_at', '>=', fromMs)
    .where('inspected_at', '<', toMs)
    .execute();
}

/** Each failed item of the people's inspections in [fromMs, toMs), with its rectification's waiver and overdue stamp. */
export function listFailedItemsOfPeople(db: Q, siteId: string, personIds: readonly string[], fromMs: number, toMs: number) {
  if (personIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('inspections')
    .innerJoin('inspection_items', 'inspection_items.inspection_id', 'inspections.id')
    .leftJoin('rectifications', (j) =>
      j.onRef('rectifications.inspection_id', '=', 'inspection_items.inspection_id').onRef('rectifications.item_id', '=', 'inspection_items.item_id'),
    )
    .select([
      'inspections.person_id as person_id',
      'inspection_items.deduction as deduction',
      'rectifications.deduction_waived as deduction_waived',
      'rectifications.overdue_at as overdue_at',
    ])
    .where('inspections.site_id', '=', siteId)
    .where('inspections.person_id', 'in', personIds)
    .where('inspections.inspected_at', '>=', fromMs)
    .where('inspections.inspected_at', '<', toMs)
    .where('inspection_items.passed', '=', 0)
    .execute();
}

/**
 * For period figures: the site's inspections dated in [fromDate, toDate] (count, items, failed
 * items, deduction points), and its rectifications raised in [fromMs, toMs), those of them closed
 * (done or closed with the deduction) and those still open.
 */
export async function countInspectionsOfPeriod(db: Kysely<DB>, siteId: string, fromDate: string, toDate: string, fromMs: number, toMs: number) {
  const [inspections, rectifications] = await Promise.all([
    db
      .selectFrom('inspections')
      .select((eb) => [
        eb.fn.countAll<number | string>().as('n'),
        eb.fn.sum<number | string>('item_count').as('items'),
        eb.fn.sum<number | string>('failed_count').as('failed'),
        eb.fn.sum<number | string>('deduction_points').as('points'),
      ])
      .where('site_id', '=', siteId)
      .where('date', '>=', fromDate)
      .where('date', '<=', toDate)
      .executeTakeFirst(),
    db
      .selectFrom('rectifications')
      .select(['status', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('site_id', '=', siteId)
      .where('created_at', '>=', fromMs)
      .where('created_at', '<', toMs)
      .groupBy('status')
      .execute(),
  ]);
  const closedStatuses = new Set(['done', 'closed_deducted']);
  const raised = rectifications.reduce((n, r) => n + Number(r.n), 0);
  const closed = rectifications.filter((r) => closedStatuses.has(r.status)).reduce((n, r) => n + Number(r.n), 0);
  return {
    count: Number(inspections?.n ?? 0),
    items: Number(inspections?.items ?? 0),
    failedItems: Number(inspections?.failed ?? 0),
    deductionPoints: Number(inspections?.points ?? 0),
    rectificationsRaised: raised,
    rectificationsClosed: closed,
    rectificationsOpen: raised - closed,
  };
}
