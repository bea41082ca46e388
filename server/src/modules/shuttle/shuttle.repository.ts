import type { Kysely } from 'kysely';
import type { DB, ShuttleTripsTable } from '../../db/schema.js';
import type { PageRequest } from '../../platform/http/pagination.js';

export const findTrip = (db: Kysely<DB>, siteId: string, id: string) =>
  db.selectFrom('shuttle_trips').selectAll().where('site_id', '=', siteId).where('id', '=', id).executeTakeFirst();
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

export function openVisitsAmong(db: Kysely<DB>, siteId: string, visitIds: string[]) {
  return db
    .selectFrom('visits')
    .select(['id', 'party_size'])
    .where('site_id', '=', siteId)
    .where('status', '=', 'open')
    .where('id', 'in', visitIds)
    .execute();
}
