/** The meetings module's tables: meetings, meeting_attendance, meeting_action_items. */
import type { Kysely, Transaction } from 'kysely';
import type { DB, MeetingActionItemsTable, MeetingAttendanceTable, MeetingsTable } from '../../db/schema.js';
import type { PageRequest } from '../../platform/http/pagination.js';

type Q = Kysely<DB> | Transaction<DB>;

export const insertMeeting = (db: Q, row: MeetingsTable) => db.insertInto('meetings').values(row).execute();

export const findMeetingRow = (db: Q, siteId: string, meetingId: string) =>
  db.selectFrom('meetings').selectAll().where('site_id', '=', siteId).where('id', '=', meetingId).executeTakeFirst();

export const findMeetingOn = (db: Q, siteId: string, kind: string, date: string) =>
  db.selectFrom('meetings').selectAll().where('site_id', '=', siteId).where('kind', '=', kind).where('date', '=', date).executeTakeFirst();

export function listMeetingRows(db: Q, siteId: string, page: PageRequest, filter: { kind?: string }) {
  let q = db.selectFrom('meetings').selectAll().where('site_id', '=', siteId);
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  if (page.afterId) q = q.where('id', '<', page.afterId);
  return q
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
}

/** The meetings of `kind` dated from `fromDate` to `toDate` inclusive. */
export function listMeetingsBetween(db: Q, siteId: string, kind: string, fromDate: string, toDate: string) {
  return db
    .selectFrom('meetings')
    .select(['id', 'date', 'status'])
    .where('site_id', '=', siteId)
    .where('kind', '=', kind)
    .where('date', '>=', fromDate)
    .where('date', '<=', toDate)
    .execute();
}

/** Only an open meeting changes: a closed one is frozen. Returns how many rows changed (0: it closed meanwhile). */
export async function updateOpenMeeting(db: Q, meetingId: string, patch: Partial<MeetingsTable>): Promise<number> {
  const res = await db.updateTable('meetings').set(patch).where('id', '=', meetingId).where('status', '=', 'open').executeTakeFirst();
  return Number(res.numUpdatedRows);
}

export const listAttendanceRows = (db: Q, meetingId: string) =>
  db.selectFrom('meeting_attendance').selectAll().where('meeting_id', '=', meetingId).execute();

export async function upsertAttendance(db: Q, row: MeetingAttendanceTable): Promise<void> {
  await db
    .insertInto('meeting_attendance')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['meeting_id', 'person_id']).doUpdateSet({
        status: row.status,
        clock_out_answer: row.clock_out_answer,
        corrected_by: row.corrected_by,
        corrected_by_name: row.corrected_by_name,
        corrected_at: row.corrected_at,
      }),
    )
    .execute();
}

export async function insertAttendanceRows(db: Q, rows: MeetingAttendanceTable[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('meeting_attendance').values(rows).execute();
}

export const insertActionItem = (db: Q, row: MeetingActionItemsTable) => db.insertInto('meeting_action_items').values(row).execute();

export const findActionItemRow = (db: Q, siteId: string, itemId: string) =>
  db.selectFrom('meeting_action_items').selectAll().where('site_id', '=', siteId).where('id', '=', itemId).executeTakeFirst();

export const findActionItemById = (db: Q, itemId: string) =>
  db.selectFrom('meeting_action_items').selectAll().where('id', '=', itemId).executeTakeFirst();

export const listItemsOfMeetings = (db: Q, meetingIds: string[]) =>
  meetingIds.length === 0
    ? Promise.resolve([] as MeetingActionItemsTable[])
    : db.selectFrom('meeting_action_items').selectAll().where('meeting_id', 'in', meetingIds).orderBy('created_at').orderBy('id').execute();

/**
 * Items given at meetings dated before `beforeDate` that were not done before `doneSince`:
 * the candidates a weekly review carries over (the rule itself is meetings.rules.ts).
 */
export function listItemsCarriedInto(db: Q, siteId: string, beforeDate: string, doneSince: number) {
  return db
    .selectFrom('meeting_action_items as i')
    .innerJoin('meetings as m', 'm.id', 'i.meeting_id')
    .selectAll('i')
    .select(['m.date as meeting_date', 'm.kind as meeting_kind'])
    .where('i.site_id', '=', siteId)
    .where('m.date', '<', beforeDate)
    .where((eb) => eb.or([eb('i.done_at', 'is', null), eb('i.done_at', '>=', doneSince)]))
    .orderBy('i.due_date')
    .orderBy('i.id')
    .execute();
}

export function listItemsOfOwner(db: Q, siteId: string, ownerId: string, page: PageRequest, filter: { status?: string }) {
  let q = db
    .selectFrom('meeting_action_items as i')
    .innerJoin('meetings as m', 'm.id', 'i.meeting_id')
    .selectAll('i')
    .select(['m.date as meeting_date', 'm.kind as meeting_kind'])
    .where('i.site_id', '=', siteId)
    .where('i.owner_id', '=', ownerId);
  if (filter.status) q = q.where('i.status', '=', filter.status);
  if (page.afterId) q = q.where('i.id', '<', page.afterId);
  return q
    .orderBy('i.id', 'desc')
    .limit(page.limit + 1)
    .execute();
}

export async function countOpenItems(db: Q, siteId: string): Promise<number> {
  const row = await db
    .selectFrom('meeting_action_items')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('site_id', '=', siteId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Marks an open item done; 0 when it was already done (a second tap, or someone else first). */
export async function markItemDone(db: Q, itemId: string, by: { personId: string; name: string }, at: number): Promise<number> {
  const res = await db
    .updateTable('meeting_action_items')
    .set({ status: 'done', done_at: at, done_by: by.personId, done_by_name: by.name })
    .where('id', '=', itemId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** Claims the overdue alert of an open item once; 0 when done or already alerted. */
export async function claimOverdueAlert(db: Q, itemId: string, at: number): Promise<number> {
  const res = await db
    .updateTable('meeting_action_items')
    .set({ overdue_alerted_at: at })
    .where('id', '=', itemId)
    .where('status', '=', 'open')
    .where('overdue_alerted_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** Items given at meetings dated in [fromDate, toDate]: for the month's figures. */
export function listItemsOfPeriod(db: Q, siteId: string, fromDate: string, toDate: string) {
  return db
    .selectFrom('meeting_action_items as i')
    .innerJoin('meetings as m', 'm.id', 'i.meeting_id')
    .select(['i.id', 'i.status', 'i.due_date', 'i.done_at'])
    .where('i.site_id', '=', siteId)
    .where('m.date', '>=', fromDate)
    .where('m.date', '<=', toDate)
    .execute();
}
