/** The only reader and writer of the complaints module's tables. */
import type { Kysely, Transaction } from 'kysely';
import type { ComplaintEventsTable, ComplaintsTable, DB } from '../../db/schema.js';
import type { PageRequest } from '../../platform/http/pagination.js';

type Q = Kysely<DB> | Transaction<DB>;

export const findComplaintById = (db: Q, id: string) => db.selectFrom('complaints').selectAll().where('id', '=', id).executeTakeFirst();
export const findComplaintRow = (db: Q, siteId: string, id: string) =>
  db.selectFrom('complaints').selectAll().where('site_id', '=', siteId).where('id', '=', id).executeTakeFirst();

/** The site's next running number; the unique index keeps two at once from sharing one. */
export async function nextComplaintNumber(db: Q, siteId: string): Promise<number> {
  const row = await db
    .selectFrom('complaints')
    .select((eb) => eb.fn.max('number').as('n'))
    .where('site_id', '=', siteId)
    .executeTakeFirst();
  return Number(row?.n ?? 0) + 1;
}

export async function insertComplaint(db: Q, row: ComplaintsTable): Promise<void> {
  await db.insertInto('complaints').values(row).execute();
}

/**
 * Applies a move to the version it was computed from; 0 when another move got there first (the
 * caller answers 409). The version goes up by one.
 */
export async function updateComplaintAtVersion(db: Q, id: string, version: number, patch: Partial<ComplaintsTable>): Promise<number> {
  const res = await db
    .updateTable('complaints')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

export interface ComplaintFilter {
  mineOf?: string;
  statuses?: readonly string[];
  category?: string;
  severity?: string;
  /** true: overdue now (marked, or waiting past the deadline at `now`); false: not. */
  overdue?: { is: boolean; now: number };
  fromMs?: number;
  toMs?: number;
}

export function listComplaintRows(db: Q, siteId: string, page: PageRequest, filter: ComplaintFilter) {
  let q = db.selectFrom('complaints').selectAll().where('site_id', '=', siteId);
  if (filter.mineOf) {
    const me = filter.mineOf;
    q = q.where((eb) => eb.or([eb('filed_by', '=', me), eb('owner_id', '=', me)]));
  }
  if (filter.statuses) q = q.where('status', 'in', filter.statuses);
  if (filter.category) q = q.where('category', '=', filter.category);
  if (filter.severity) q = q.where('severity', '=', filter.severity);
  if (filter.overdue) {
    const { now, is } = filter.overdue;
    q = q.where((eb) => {
      const overdueNow = eb.or([
        eb('overdue_at', 'is not', null),
        eb.and([eb('status', 'in', ['received', 'handling']), eb('deadline_at', '<', now)]),
      ]);
      return is ? overdueNow : eb.not(overdueNow);
    });
  }
  if (filter.fromMs !== undefined) q = q.where('received_at', '>=', filter.fromMs);
  if (filter.toMs !== undefined) q = q.where('received_at', '<', filter.toMs);
  if (page.afterId) q = q.where('id', '<', page.afterId);
  return q
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
}

export function insertComplaintEvent(db: Q, row: ComplaintEventsTable) {
  return db.insertInto('complaint_events').values(row).execute();
}

export const listEventsOfComplaint = (db: Q, complaintId: string) =>
  db.selectFrom('complaint_events').selectAll().where('complaint_id', '=', complaintId).orderBy('id').execute();

/** Complaints received in [fromMs, toMs), the columns the figures need. */
export const listComplaintsReceivedBetween = (db: Q, siteId: string, fromMs: number, toMs: number) =>
  db
    .selectFrom('complaints')
    .select(['id', 'category', 'severity', 'status', 'received_at', 'deadline_at', 'overdue_at', 'first_result_at'])
    .where('site_id', '=', siteId)
    .where('received_at', '>=', fromMs)
    .where('received_at', '<', toMs)
    .execute();

/** The complaints received in [fromMs, toMs) as the daily summary lists them: no complainant's name or phone. */
export const listComplaintLinesBetween = (db: Q, siteId: string, fromMs: number, toMs: number) =>
  db
    .selectFrom('complaints')
    .select(['id', 'number', 'category', 'severity', 'status', 'description', 'filed_by_name', 'received_at'])
    .where('site_id', '=', siteId)
    .where('received_at', '>=', fromMs)
    .where('received_at', '<', toMs)
    .orderBy('received_at')
    .execute();

/** Complaints received before `atMs` and not closed: their status and clocks, to count the open and the overdue. */
export const listUnclosedBefore = (db: Q, siteId: string, atMs: number) =>
  db
    .selectFrom('complaints')
    .select(['status', 'deadline_at', 'overdue_at', 'first_result_at'])
    .where('site_id', '=', siteId)
    .where('received_at', '<', atMs)
    .where('status', '!=', 'closed')
    .execute();

/** Timeline lines of these kinds made in [fromMs, toMs). */
export const listEventsBetween = (db: Q, siteId: string, kinds: readonly string[], fromMs: number, toMs: number) =>
  db
    .selectFrom('complaint_events')
    .select(['complaint_id', 'kind', 'verdict', 'at'])
    .where('site_id', '=', siteId)
    .where('kind', 'in', kinds)
    .where('at', '>=', fromMs)
    .where('at', '<', toMs)
    .execute();

export const findSettingsRow = (db: Q, siteId: string) =>
  db.selectFrom('complaint_settings').selectAll().where('site_id', '=', siteId).executeTakeFirst();

export async function upsertSettingsRow(db: Q, siteId: string, settings: string, now: number): Promise<void> {
  await db
    .insertInto('complaint_settings')
    .values({ site_id: siteId, settings, updated_at: now })
    .onConflict((oc) => oc.column('site_id').doUpdateSet({ settings, updated_at: now }))
    .execute();
}
