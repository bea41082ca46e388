import type { Kysely } from 'kysely';
import type { DB, RosterEntriesTable } from '../../db/schema.js';

export function listEntriesBetween(db: Kysely<DB>, siteId: string, fromDate: string, toDate: string) {
  return db
    .selectFrom('roster_entries')
    .selectAll()
    .where('site_id', '=', siteId)
    .where('date', '>=', fromDate)
    .where('date', '<=', toDate)
    .orderBy('date')
    .orderBy('start_time')
    .execute();
}

export function listEntriesOfPersonBetween(db: Kysely<DB>, siteId: string, personId: string, fromDate: string, toDate: string) {
  return db
    .selectFrom('roster_entries')
    .selectAll()
    .where('site_id', '=', siteId)
    .where('person_id', '=', personId)
    .where('date', '>=', fromDate)
    .where('date', '<=', toDate)
    .orderBy('date')
    .orderBy('start_time')
    .execute();
}

export const findEntry = (db: Kysely<DB>, siteId: string, entryId: string) =>
  db.selectFrom('roster_entries').selectAll().where('site_id', '=', siteId).where('id', '=', entryId).executeTakeFirst();

export async function insertEntries(db: Kysely<DB>, rows: RosterEntriesTable[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('roster_entries').values(rows).execute();
}

export async function deleteEntry(db: Kysely<DB>, entryId: string): Promise<void> {
  await db.deleteFrom('roster_entries').where('id', '=', entryId).execute();
}
