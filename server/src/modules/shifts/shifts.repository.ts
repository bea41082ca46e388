import type { Kysely } from 'kysely';
import type { ChecklistResultsTable, DB, ShiftsTable } from '../../db/schema.js';

export const findShiftRow = (db: Kysely<DB>, siteId: string, shiftId: string) =>
  db.selectFrom('shifts').selectAll().where('site_id', '=', siteId).where('id', '=', shiftId).executeTakeFirst();

export const findShiftById = (db: Kysely<DB>, shiftId: string) => db.selectFrom('shifts').selectAll().where('id', '=', shiftId).executeTakeFirst();

export const findOpenShiftOfPerson = (db: Kysely<DB>, siteId: string, personId: string) =>
  db.selectFrom('shifts').selectAll().where('site_id', '=', siteId).where('person_id', '=', personId).where('status', '=', 'open').executeTakeFirst();

export function listShiftsOn(db: Kysely<DB>, siteId: string, date: string) {
  return db.selectFrom('shifts').selectAll().where('site_id', '=', siteId).where('date', '=', date).orderBy('clock_in_at').execute();
}

export function listShiftsOfPersonBetween(db: Kysely<DB>, siteId: string, personId: string, fromDate: string, toDate: string) {
  return db
    .selectFrom('shifts')
    .select(['id', 'roster_entry_id'])
    .where('site_id', '=', siteId)
    .where('person_id', '=', personId)
    .where('date', '>=', fromDate)
    .where('date', '<=', toDate)
    .execute();
}

export async function insertShift(db: Kysely<DB>, row: ShiftsTable): Promise<void> {
  await db.insertInto('shifts').values(row).execute();
}

export async function closeShiftRow(
  db: Kysely<DB>,
  shiftId: string,
  patch: Pick<ShiftsTable, 'clock_out_at' | 'guests_at_clock_out' | 'leave_reason' | 'debrief_attended'> & { left_with_guests: number },
): Promise<number> {
  // Only an open shift closes: a second copy of the same clock-out racing the first changes nothing.
  const res = await db
    .updateTable('shifts')
    .set({ ...patch, status: 'closed' })
    .where('id', '=', shiftId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

export function listResults(db: Kysely<DB>, shiftId: string) {
  return db.selectFrom('checklist_results').selectAll().where('shift_id', '=', shiftId).orderBy('recorded_at').execute();
}

export function listResultsOfShifts(db: Kysely<DB>, shiftIds: string[]) {
  if (shiftIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('checklist_results').select(['shift_id', 'item_id', 'phase', 'result']).where('shift_id', 'in', shiftIds).execute();
}

export const findResultById = (db: Kysely<DB>, id: string) => db.selectFrom('checklist_results').selectAll().where('id', '=', id).executeTakeFirst();
export const findResultOfItem = (db: Kysely<DB>, shiftId: string, itemId: string) =>
  db.selectFrom('checklist_results').selectAll().where('shift_id', '=', shiftId).where('item_id', '=', itemId).executeTakeFirst();

export async function insertResult(db: Kysely<DB>, row: ChecklistResultsTable): Promise<void> {
  await db.insertInto('checklist_results').values(row).execute();
}

export async function replaceResult(db: Kysely<DB>, oldId: string, row: ChecklistResultsTable): Promise<void> {
  await db.deleteFrom('checklist_results').where('id', '=', oldId).execute();
  await db.insertInto('checklist_results').values(row).execute();
}

/**
 * The debrief answers given at clock-out on a site-local day: one row per shift, with its
 * person and whether they said they attended (1/0, null: not clocked out or no answer).
 */
export function listDebriefAnswersOn(db: Kysely<DB>, siteId: string, date: string) {
  return db
    .selectFrom('shifts')
    .select(['person_id', 'post_id', 'status', 'debrief_attended', 'clock_out_at'])
    .where('site_id', '=', siteId)
    .where('date', '=', date)
    .orderBy('clock_in_at')
    .execute();
}
/** For the monthly assessment: every shift of the site with a date in [fromDate, toDate] (site-local dates). */
export function listShiftsOfPeriod(db: Kysely<DB>, siteId: string, fromDate: string, toDate: string) {
  return db
    .selectFrom('shifts')
    .select([
      'id',
      'person_id',
      'post_id',
      'roster_entry_id',
      'date',
      'planned_start',
      'planned_end',
      'clock_in_at',
      'clock_out_at',
      'standard_version_id',
    ])
    .where('site_id', '=', siteId)
    .where('date', '>=', fromDate)
    .where('date', '<=', toDate)
    .execute();
}

/** For the monthly assessment: checklist results recorded per shift and phase, for the shifts dated in [fromDate, toDate]. */
export async function countChecklistResultsOfPeriod(db: Kysely<DB>, siteId: string, fromDate: string, toDate: string) {
  const rows = await db
    .selectFrom('checklist_results as r')
    .innerJoin('shifts as s', 's.id', 'r.shift_id')
    .select(['r.shift_id', 'r.phase', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('s.site_id', '=', siteId)
    .where('s.date', '>=', fromDate)
    .where('s.date', '<=', toDate)
    .groupBy(['r.shift_id', 'r.phase'])
    .execute();
  return rows.map((r) => ({ shiftId: r.shift_id, phase: r.phase, count: Number(r.n) }));
}

/** Whether a shift was worked on a roster entry: such an entry may no longer be deleted. */
export const isRosterEntryWorked = async (db: Kysely<DB>, entryId: string) =>
  (await db.selectFrom('shifts').select('id').where('roster_entry_id', '=', entryId).executeTakeFirst()) !== undefined;

/** Which of these photos a checklist result cites as its evidence. */
export const photosCitedByChecklists = async (db: Kysely<DB>, photoIds: readonly string[]): Promise<string[]> =>
  photoIds.length === 0
    ? []
    : (
        await db
          .selectFrom('checklist_results')
          .select('photo_id')
          .distinct()
          .where('photo_id', 'in', [...photoIds])
          .execute()
      ).map((r) => r.photo_id!);
