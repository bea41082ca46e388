import type { Kysely } from 'kysely';
import type { DB, ShuttleCallsTable, ShuttleDriverListsTable, ShuttleTripsTable } from '../../db/schema.js';
import type { PageRequest } from '../../platform/http/pagination.js';

export const findTrip = (db: Kysely<DB>, siteId: string, id: string) =>
  db.selectFrom('shuttle_trips').selectAll().where('site_id', '=', siteId).where('id', '=', id).executeTakeFirst();
export const findVehicleEventById = (db: Kysely<DB>, id: string) =>
  db.selectFrom('vehicle_events').selectAll().where('id', '=', id).executeTakeFirst();
export const findTripById = (db: Kysely<DB>, id: string) => db.selectFrom('shuttle_trips').selectAll().where('id', '=', id).executeTakeFirst();

export function listTrips(db: Kysely<DB>, siteId: string, page: PageRequest, vehicle: string | undefined) {
  let q = db.selectFrom('shuttle_trips').selectAll().where('site_id', '=', siteId);
  if (vehicle) q = q.where('vehicle', '=', vehicle);
  if (page.afterId) q = q.where('id', '<', page.afterId);
  return q
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
}

export async function arriveTrip(
  db: Kysely<DB>,
  id: string,
  patch: Pick<ShuttleTripsTable, 'arrived_at' | 'items_left' | 'items_note'>,
): Promise<number> {
  return Number(
    (
      await db
        .updateTable('shuttle_trips')
        .set({ ...patch, status: 'arrived' })
        .where('id', '=', id)
        .where('status', '=', 'en_route')
        .executeTakeFirst()
    ).numUpdatedRows,
  );
}

export const findModelRoomNoteById = (db: Kysely<DB>, id: string) =>
  db.selectFrom('model_room_notes').selectAll().where('id', '=', id).executeTakeFirst();

export function listModelRoomNotes(db: Kysely<DB>, siteId: string, visitId: string, page: PageRequest) {
  let q = db.selectFrom('model_room_notes').selectAll().where('site_id', '=', siteId).where('visit_id', '=', visitId);
  if (page.afterId) q = q.where('id', page.direction === 'asc' ? '>' : '<', page.afterId);
  return q
    .orderBy('id', page.direction)
    .limit(page.limit + 1)
    .execute();
}

export const findDriverList = (db: Kysely<DB>, siteId: string) =>
  db.selectFrom('shuttle_driver_lists').selectAll().where('site_id', '=', siteId).executeTakeFirst();

export async function saveDriverList(db: Kysely<DB>, row: ShuttleDriverListsTable | { site_id: string; person_ids: null }): Promise<void> {
  if (row.person_ids === null) {
    await db.deleteFrom('shuttle_driver_lists').where('site_id', '=', row.site_id).execute();
    return;
  }
  const { site_id: _siteId, ...rest } = row;
  await db
    .insertInto('shuttle_driver_lists')
    .values(row)
    .onConflict((oc) => oc.column('site_id').doUpdateSet(rest))
    .execute();
}

/** Vehicle events, newest first (by id): all of the site's, or those handed to one driver. */
export function listVehicleEvents(db: Kysely<DB>, siteId: string, page: PageRequest, toDriver: string | undefined) {
  let q = db.selectFrom('vehicle_events').selectAll().where('site_id', '=', siteId);
  if (toDriver) q = q.where('to_driver', '=', toDriver);
  if (page.afterId) q = q.where('id', '<', page.afterId);
  return q
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
}

export const findShuttleCallById = (db: Kysely<DB>, id: string) => db.selectFrom('shuttle_calls').selectAll().where('id', '=', id).executeTakeFirst();

export const insertShuttleCall = (db: Kysely<DB>, row: ShuttleCallsTable) => db.insertInto('shuttle_calls').values(row).execute();

/** The call is the first driver's: a second driver's tap updates nothing. */
export async function takeShuttleCallRow(db: Kysely<DB>, id: string, personId: string, at: number): Promise<number> {
  const res = await db
    .updateTable('shuttle_calls')
    .set({ taken_by: personId, taken_at: at })
    .where('id', '=', id)
    .where('taken_by', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** The trip that answers the call; starting it takes the call too when no driver had tapped it. */
export async function startShuttleCallRow(db: Kysely<DB>, call: ShuttleCallsTable, tripId: string, personId: string, at: number): Promise<number> {
  const res = await db
    .updateTable('shuttle_calls')
    .set({ trip_id: tripId, trip_started_at: at, taken_by: call.taken_by ?? personId, taken_at: call.taken_at ?? at })
    .where('id', '=', call.id)
    .where('trip_id', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** GUARD-IN-9: only a call still untaken gets its apology, once. */
export async function markShuttleCallApology(db: Kysely<DB>, id: string, at: number): Promise<number> {
  const res = await db
    .updateTable('shuttle_calls')
    .set({ apology_at: at })
    .where('id', '=', id)
    .where('taken_by', 'is', null)
    .where('apology_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

export function listShuttleCallRows(db: Kysely<DB>, siteId: string, page: PageRequest, openOnly: boolean) {
  let q = db.selectFrom('shuttle_calls').selectAll().where('site_id', '=', siteId);
  if (openOnly) q = q.where('trip_id', 'is', null);
  if (page.afterId) q = q.where('id', '<', page.afterId);
  return q
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
}

/** A period's calls, for the figures (called_at in [from, to)). */
export const listShuttleCallsBetween = (db: Kysely<DB>, siteId: string, from: number, to: number) =>
  db.selectFrom('shuttle_calls').selectAll().where('site_id', '=', siteId).where('called_at', '>=', from).where('called_at', '<', to).execute();
