import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, EquipmentChecksTable, WorkOrderEventsTable, WorkOrdersTable } from '../../db/schema.js';
import type { PageRequest } from '../../platform/http/pagination.js';

type Q = Kysely<DB> | Transaction<DB>;

export const findWorkOrderRow = (db: Q, siteId: string, id: string) =>
  db.selectFrom('work_orders').selectAll().where('site_id', '=', siteId).where('id', '=', id).executeTakeFirst();
export const findWorkOrderById = (db: Q, id: string) => db.selectFrom('work_orders').selectAll().where('id', '=', id).executeTakeFirst();

export async function insertWorkOrder(db: Q, row: WorkOrdersTable): Promise<void> {
  await db.insertInto('work_orders').values(row).execute();
}

/** Moves a work order on only from one of `from`: a concurrent move makes this return 0. */
export async function moveWorkOrder(db: Q, id: string, from: readonly string[], patch: Partial<WorkOrdersTable>): Promise<number> {
  const res = await db.updateTable('work_orders').set(patch).where('id', '=', id).where('status', 'in', from).executeTakeFirst();
  return Number(res.numUpdatedRows);
}

export async function setEscalationLevel(db: Q, id: string, level: number): Promise<number> {
  const res = await db
    .updateTable('work_orders')
    .set({ escalation_level: level })
    .where('id', '=', id)
    .where('escalation_level', '<', level)
    .where('arrived_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

export function listWorkOrderRows(
  db: Q,
  siteId: string,
  page: PageRequest,
  filter: { status?: string; assetId?: string; breachedAt?: number; technicianOrReporter?: string },
) {
  let q = db.selectFrom('work_orders').selectAll().where('site_id', '=', siteId);
  // A literal, not a parameter: it must match work_orders_site_open_idx's WHERE for SQLite to walk the open rows only.
  if (filter.status === 'open') q = q.where('status', '<>', sql.lit('verified'));
  else if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.assetId) q = q.where('asset_id', '=', filter.assetId);
  if (filter.breachedAt !== undefined) {
    const now = filter.breachedAt;
    q = q.where((eb) =>
      eb.or([eb('arrived_at', '>', eb.ref('arrival_deadline_at')), eb.and([eb('arrived_at', 'is', null), eb('arrival_deadline_at', '<', now)])]),
    );
  }
  if (page.afterId) q = q.where('id', '<', page.afterId);
  return q
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
}

/** The latest step a person took on the work order (escalations are the system's, by nobody). */
export const findLastStepByPerson = (db: Q, workOrderId: string) =>
  db
    .selectFrom('work_order_events')
    .selectAll()
    .where('work_order_id', '=', workOrderId)
    .where('by_person', 'is not', null)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();

export function listEventsOf(db: Q, workOrderIds: string[]): Promise<WorkOrderEventsTable[]> {
  if (workOrderIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('work_order_events').selectAll().where('work_order_id', 'in', workOrderIds).orderBy('id').execute();
}

export function listReportedBetween(db: Q, siteId: string, from: number, to: number) {
  return db
    .selectFrom('work_orders')
    .select(['id', 'technician_id', 'reported_at', 'accepted_at', 'arrived_at', 'arrival_deadline_at'])
    .where('site_id', '=', siteId)
    .where('reported_at', '>=', from)
    .where('reported_at', '<', to)
    .execute();
}

export const findCheckDay = (db: Q, siteId: string, date: string) =>
  db.selectFrom('equipment_checks').selectAll().where('site_id', '=', siteId).where('date', '=', date).execute();
export const findCheckById = (db: Q, id: string) => db.selectFrom('equipment_checks').selectAll().where('id', '=', id).executeTakeFirst();

export async function insertCheck(db: Q, row: EquipmentChecksTable): Promise<void> {
  await db.insertInto('equipment_checks').values(row).execute();
}

/** The work orders a check raised: known only once the check row is in (see submitCheck). */
export async function setCheckWorkOrderIds(db: Q, id: string, workOrderIds: string): Promise<void> {
  await db.updateTable('equipment_checks').set({ work_order_ids: workOrderIds }).where('id', '=', id).execute();
}

/** Work orders reported before `at` and not yet done at `at`: the repairs still open then (the meetings' figures). */
export async function countOpenWorkOrdersAt(db: Q, siteId: string, at: number): Promise<number> {
  const row = await db
    .selectFrom('work_orders')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('site_id', '=', siteId)
    .where('reported_at', '<', at)
    .where((eb) => eb.or([eb('done_at', 'is', null), eb('done_at', '>=', at)]))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** For the monthly assessment: the assigned work orders reported in [fromMs, toMs), with their arrival against the deadline. */
export function listRepairArrivalsOfPeriod(db: Q, siteId: string, fromMs: number, toMs: number) {
  return db
    .selectFrom('work_orders')
    .select(['technician_id', 'reported_at', 'arrived_at', 'arrival_deadline_at'])
    .where('site_id', '=', siteId)
    .where('reported_at', '>=', fromMs)
    .where('reported_at', '<', toMs)
    .where('technician_id', 'is not', null)
    .execute();
}

/** For period figures: repairs reported in [fromMs, toMs) (and those against an asset: faults), and repairs finished in it. */
export async function countWorkOrdersOfPeriod(db: Q, siteId: string, fromMs: number, toMs: number) {
  const [opened, closed] = await Promise.all([
    db
      .selectFrom('work_orders')
      .select((eb) => [eb.fn.countAll<number | string>().as('n'), eb.fn.count<number | string>('asset_id').as('on_assets')])
      .where('site_id', '=', siteId)
      .where('reported_at', '>=', fromMs)
      .where('reported_at', '<', toMs)
      .executeTakeFirst(),
    db
      .selectFrom('work_orders')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('site_id', '=', siteId)
      .where('done_at', '>=', fromMs)
      .where('done_at', '<', toMs)
      .executeTakeFirst(),
  ]);
  return { opened: Number(opened?.n ?? 0), openedOnAssets: Number(opened?.on_assets ?? 0), closed: Number(closed?.n ?? 0) };
}

/** Open work orders per asset (the equipment list's badge), for the assets that have any. */
export async function countOpenWorkOrdersOfAssets(db: Q, assetIds: string[]): Promise<Map<string, number>> {
  if (assetIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('work_orders')
    .select((eb) => ['asset_id', eb.fn.countAll<number>().as('n')])
    .where('asset_id', 'in', assetIds)
    .where('status', 'not in', ['done', 'verified'])
    .groupBy('asset_id')
    .execute();
  return new Map(rows.map((r) => [r.asset_id!, Number(r.n)]));
}
