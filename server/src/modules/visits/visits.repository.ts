import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import { jsonArrayFrom as pgJsonArrayFrom } from 'kysely/helpers/postgres';
import { jsonArrayFrom as sqliteJsonArrayFrom } from 'kysely/helpers/sqlite';
import type { DialectName } from '../../db/create-db.js';
import type { CustomersTable, DB, VehicleChecksTable, VisitHandoffsTable, VisitsTable } from '../../db/schema.js';
import type { PageRequest } from '../../platform/http/pagination.js';

export const findVisitRow = (db: Kysely<DB>, siteId: string, visitId: string) =>
  db.selectFrom('visits').selectAll().where('site_id', '=', siteId).where('id', '=', visitId).executeTakeFirst();

const HANDOFF_COLUMNS = [
  'id',
  'visit_id',
  'site_id',
  'to_target',
  'to_post_kind',
  'to_person_id',
  'from_stage',
  'note',
  'sent_by',
  'sent_at',
  'acked_by',
  'acked_at',
  'rotation',
  'rung_at',
] as const satisfies readonly (keyof VisitHandoffsTable)[];

export interface VisitToChange {
  visit: VisitsTable;
  /** In the order they were sent. */
  handoffs: VisitHandoffsTable[];
  vehicleChecked: boolean;
}

/**
 * The visit, locked until the transaction ends, for a use case that writes a change computed from
 * it (the stage log): a second writer waits for the first to commit and then reads its result,
 * instead of overwriting it. On PostgreSQL; SQLite's one writer already runs them one at a time.
 *
 * With it, in the same statement, what a hand-off and an acknowledgement check and answer with:
 * the visit's hand-offs and whether its car was checked (two round trips fewer per write).
 *
 * The hand-offs are read with the statement's snapshot, taken before it waited for the lock; the
 * visit row is read again once locked. When another writer changed the visit meanwhile (every
 * hand-off and acknowledgement updates the visit's row), the versions differ and the hand-offs
 * are read again, now behind the lock.
 */
export async function findVisitToChange(db: Kysely<DB>, dialect: DialectName, siteId: string, visitId: string): Promise<VisitToChange | undefined> {
  const handoffsOfVisit = (eb: ExpressionBuilder<DB, 'visits'>) =>
    eb
      .selectFrom('visit_handoffs as h')
      .select(HANDOFF_COLUMNS.map((c) => `h.${c}` as const))
      .whereRef('h.visit_id', '=', 'visits.id');
  const base = db
    .selectFrom('visits')
    .selectAll('visits')
    .select((eb) =>
      eb.exists(eb.selectFrom('vehicle_checks as c').select('c.visit_id').whereRef('c.visit_id', '=', 'visits.id')).as('vehicle_checked'),
    )
    .where('visits.site_id', '=', siteId)
    .where('visits.id', '=', visitId);
  if (dialect !== 'postgres') {
    const row = await base.select((eb) => sqliteJsonArrayFrom(handoffsOfVisit(eb)).as('handoffs')).executeTakeFirst();
    return row && toVisitToChange(row);
  }
  const row = await base
    .select((eb) => [
      pgJsonArrayFrom(handoffsOfVisit(eb)).as('handoffs'),
      sql<string>`visits.xmin::text`.as('locked_version'),
      sql<string>`(select v.xmin::text from visits v where v.id = visits.id)`.as('read_version'),
    ])
    .forUpdate()
    .executeTakeFirst();
  if (!row) return undefined;
  const { locked_version, read_version, ...rest } = row;
  const found = toVisitToChange(rest);
  if (locked_version === read_version) return found;
  const handoffs = await listHandoffsOf(db, [visitId]);
  const checked = await listVehicleCheckedIds(db, [visitId]);
  return { ...found, handoffs, vehicleChecked: checked.length > 0 };
}

function toVisitToChange(row: VisitsTable & { vehicle_checked: unknown; handoffs: unknown }): VisitToChange {
  const { vehicle_checked, handoffs, ...visit } = row;
  // SQLite answers JSON as text; PostgreSQL's driver parses it. Aggregates keep no order.
  const list = (typeof handoffs === 'string' ? JSON.parse(handoffs) : handoffs) as VisitHandoffsTable[];
  list.sort((a, b) => a.sent_at - b.sent_at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { visit, handoffs: list, vehicleChecked: Boolean(vehicle_checked) };
}

export const findVisitRows = (db: Kysely<DB>, siteId: string, visitIds: readonly string[]) =>
  visitIds.length === 0
    ? Promise.resolve([])
    : db.selectFrom('visits').selectAll().where('site_id', '=', siteId).where('id', 'in', visitIds).execute();
export const findVisitById = (db: Kysely<DB>, visitId: string) => db.selectFrom('visits').selectAll().where('id', '=', visitId).executeTakeFirst();

export interface VisitFilter {
  status?: string;
  stage?: string;
  /** A person's id, or null for visits no consultant has taken. */
  consultantId?: string | null;
  arrivedSince?: number;
}

export function listVisitRows(db: Kysely<DB>, siteId: string, page: PageRequest, filter: VisitFilter) {
  let q = db.selectFrom('visits').selectAll().where('site_id', '=', siteId);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.stage) q = q.where('stage', '=', filter.stage);
  if (filter.consultantId !== undefined) q = q.where('consultant_id', filter.consultantId === null ? 'is' : '=', filter.consultantId);
  if (filter.arrivedSince !== undefined) {
    const since = filter.arrivedSince;
    q = q.where('arrived_at', '>=', since);
    // The window's rows also lie above its smallest id (read through the arrival index: a day's rows,
    // not the site's). Without that bound a page walks the id order down the whole history whenever
    // the window holds fewer matching rows than the page asks for, and planners choose that walk to
    // skip the sort. The bound is exact whatever clock made the ids: it is computed, not assumed.
    // GROUP BY keeps PostgreSQL from answering MIN by walking the primary key from the oldest id up
    // (its min/max shortcut), which would read every site's history; an empty window gives no row, so NULL.
    q = q.where('id', '>=', (eb) =>
      eb
        .selectFrom('visits as w')
        .select((w) => w.fn.min('w.id').as('first_id'))
        .where('w.site_id', '=', siteId)
        .where('w.arrived_at', '>=', since)
        .groupBy('w.site_id'),
    );
  }
  if (page.afterId) q = q.where('id', '<', page.afterId);
  return q
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
}

export function listVisitsArrivedBetween(db: Kysely<DB>, siteId: string, from: number, to: number) {
  return db
    .selectFrom('visits')
    .select(['id', 'party_size', 'arrived_at'])
    .where('site_id', '=', siteId)
    .where('arrived_at', '>=', from)
    .where('arrived_at', '<', to)
    .execute();
}

/** 统计访客量 (GUARD-POST-3): the visits arrived in the window that the concierge received (its hand-off acknowledged). */
export async function sumConciergeVisitsBetween(
  db: Kysely<DB>,
  siteId: string,
  from: number,
  to: number,
): Promise<{ visits: number; guests: number }> {
  const row = await db
    .selectFrom('visits')
    .select((eb) => [eb.fn.countAll<number | string>().as('visits'), eb.fn.sum<number | string | null>('party_size').as('guests')])
    .where('site_id', '=', siteId)
    .where('arrived_at', '>=', from)
    .where('arrived_at', '<', to)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('visit_handoffs as h')
          .select('h.id')
          .whereRef('h.visit_id', '=', 'visits.id')
          .where('h.to_target', '=', 'concierge')
          .where('h.acked_at', 'is not', null),
      ),
    )
    .executeTakeFirst();
  return { visits: Number(row?.visits ?? 0), guests: Number(row?.guests ?? 0) };
}

export function listOpenVisits(db: Kysely<DB>, siteId: string) {
  return db
    .selectFrom('visits')
    .select(['id', 'party_size', 'stage', 'arrival_mode'])
    .where('site_id', '=', siteId)
    .where('status', '=', 'open')
    .execute();
}

export async function sumGuestsOnSite(db: Kysely<DB>, siteId: string, arrivedSince = 0): Promise<number> {
  const r = await db
    .selectFrom('visits')
    .select((eb) => eb.fn.sum<number>('party_size').as('n'))
    .where('site_id', '=', siteId)
    .where('status', '=', 'open')
    .where('stage', '!=', 'departing')
    .where('arrived_at', '>=', arrivedSince)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Counts the cars of open visits still parked: a query for a write to read itself. */
export function parkedCarsCount(db: Kysely<DB>, siteId: string) {
  return db
    .selectFrom('visits')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('site_id', '=', siteId)
    .where('status', '=', 'open')
    .where('arrival_mode', '=', 'car');
}

/** Cars of open visits still parked. */
export async function countParkedCars(db: Kysely<DB>, siteId: string): Promise<number> {
  const r = await parkedCarsCount(db, siteId).executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Which of these visits are open on the site (the shuttle boards only guests on site now). */
export function openVisitsAmong(db: Kysely<DB>, siteId: string, visitIds: string[]) {
  return db
    .selectFrom('visits')
    .select(['id', 'party_size'])
    .where('site_id', '=', siteId)
    .where('status', '=', 'open')
    .where('id', 'in', visitIds)
    .execute();
}

/** Open visits in the hall, seated or waiting: the hall module seats them. */
export function listHallVisits(db: Kysely<DB>, siteId: string) {
  return db
    .selectFrom('visits')
    .select(['id', 'party_size', 'table_id', 'seated_at', 'waiting_since'])
    .where('site_id', '=', siteId)
    .where('status', '=', 'open')
    .where('stage', '=', 'hall')
    .orderBy('waiting_since')
    .orderBy('id')
    .execute();
}

/** Seats a visit at a table, or sets it waiting at the sand table (the hall module's seating). */
export async function setVisitSeat(
  db: Kysely<DB>,
  visitId: string,
  seat: { table_id: string | null; seated_at: number | null; waiting_since: number | null },
): Promise<void> {
  await db.updateTable('visits').set(seat).where('id', '=', visitId).execute();
}

export function listHandoffsOf(db: Kysely<DB>, visitIds: string[]) {
  if (visitIds.length === 0) return Promise.resolve([] as VisitHandoffsTable[]);
  return db.selectFrom('visit_handoffs').selectAll().where('visit_id', 'in', visitIds).orderBy('sent_at').orderBy('id').execute();
}

export const findHandoffById = (db: Kysely<DB>, handoffId: string) =>
  db.selectFrom('visit_handoffs').selectAll().where('id', '=', handoffId).executeTakeFirst();

/** A hand-off's acknowledgement, not yet run: for `tx.deferWrite`, with the visit locked. */
export const handoffAck = (db: Kysely<DB>, handoffId: string, by: string, at: number) =>
  db.updateTable('visit_handoffs').set({ acked_by: by, acked_at: at }).where('id', '=', handoffId).where('acked_at', 'is', null);

/**
 * Makes the person the visit's consultant if it has none and is still open: the one guarded
 * write two consultants racing for the same guests cannot both pass (0: someone was first).
 */
export async function takeVisitRow(db: Kysely<DB>, visitId: string, consultantId: string, at: number): Promise<number> {
  const r = await db
    .updateTable('visits')
    .set({ consultant_id: consultantId, updated_at: at })
    .where('id', '=', visitId)
    .where('status', '=', 'open')
    .where('consultant_id', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function insertHandoffRow(db: Kysely<DB>, row: VisitHandoffsTable): Promise<void> {
  await db.insertInto('visit_handoffs').values(row).execute();
}

/** A visit's update, not yet run: for `tx.deferWrite`, when nothing after it in the use case reads the visit. */
export const visitUpdate = (db: Kysely<DB>, visitId: string, patch: Partial<VisitsTable>) =>
  db.updateTable('visits').set(patch).where('id', '=', visitId);

/** Customers are kept per site: a number known at another site is a stranger here. */
export const findCustomerByPhone = (db: Kysely<DB>, siteId: string, phone: string) =>
  db.selectFrom('customers').selectAll().where('site_id', '=', siteId).where('phone', '=', phone).executeTakeFirst();

export async function findCustomers(db: Kysely<DB>, ids: string[]): Promise<CustomersTable[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('customers').selectAll().where('id', 'in', ids).execute();
}

export async function touchCustomer(
  db: Kysely<DB>,
  id: string,
  patch: Pick<CustomersTable, 'last_visit_at' | 'visit_count'> & Partial<Pick<CustomersTable, 'name' | 'consent_at' | 'consent_withdrawn_at'>>,
): Promise<void> {
  await db.updateTable('customers').set(patch).where('id', '=', id).execute();
}

export async function insertCustomer(db: Kysely<DB>, row: CustomersTable): Promise<void> {
  await db.insertInto('customers').values(row).execute();
}

/** Which of these visits have a vehicle check: the visit list's `hasVehicleCheck`, one read for the page. */
export async function listVehicleCheckedIds(db: Kysely<DB>, visitIds: readonly string[]): Promise<string[]> {
  if (visitIds.length === 0) return [];
  const rows = await db.selectFrom('vehicle_checks').select('visit_id').where('visit_id', 'in', visitIds).execute();
  return rows.map((r) => r.visit_id);
}

export const findVehicleCheck = (db: Kysely<DB>, visitId: string) =>
  db.selectFrom('vehicle_checks').selectAll().where('visit_id', '=', visitId).executeTakeFirst();

/** A later check of the same car replaces the earlier one (a missed scratch added, signed again). */
export async function saveVehicleCheck(db: Kysely<DB>, row: VehicleChecksTable): Promise<void> {
  const { visit_id: _visitId, ...rest } = row;
  await db
    .insertInto('vehicle_checks')
    .values(row)
    .onConflict((oc) => oc.column('visit_id').doUpdateSet(rest))
    .execute();
}

/**
 * For period figures and the daily customer summary: the visits that arrived in [fromMs, toMs),
 * in arrival order, with where each stands and when their customer was first seen (a visit is a
 * return when that is before its own arrival). One indexed range read.
 */
export function listVisitsOfPeriod(db: Kysely<DB>, siteId: string, fromMs: number, toMs: number) {
  return db
    .selectFrom('visits as v')
    .leftJoin('customers as c', 'c.id', 'v.customer_id')
    .select([
      'v.id',
      'v.party_size',
      'v.arrival_mode',
      'v.stage',
      'v.status',
      'v.arrived_at',
      'v.closed_at',
      'v.stage_log',
      'v.customer_id',
      'c.first_seen_at as customer_first_seen_at',
    ])
    .where('v.site_id', '=', siteId)
    .where('v.arrived_at', '>=', fromMs)
    .where('v.arrived_at', '<', toMs)
    .orderBy('v.arrived_at')
    .execute();
}

/** For period figures: the hand-offs of the visits that arrived in [fromMs, toMs), read through the visits' arrival index. */
export function listHandoffsOfPeriod(db: Kysely<DB>, siteId: string, fromMs: number, toMs: number) {
  return db
    .selectFrom('visits as v')
    .innerJoin('visit_handoffs as h', 'h.visit_id', 'v.id')
    .select(['h.to_target', 'h.sent_at', 'h.acked_at'])
    .where('v.site_id', '=', siteId)
    .where('v.arrived_at', '>=', fromMs)
    .where('v.arrived_at', '<', toMs)
    .execute();
}
