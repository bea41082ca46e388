import type { Kysely, Transaction } from 'kysely';
import type { DB, RoundSchedulesTable, RoundSlotsTable } from '../../db/schema.js';
import type { PageRequest } from '../../platform/http/pagination.js';

type Q = Kysely<DB> | Transaction<DB>;

export async function insertSchedule(db: Q, row: RoundSchedulesTable): Promise<void> {
  await db.insertInto('round_schedules').values(row).execute();
}

export async function insertSchedules(db: Q, rows: RoundSchedulesTable[]): Promise<void> {
  await db.insertInto('round_schedules').values(rows).execute();
}

export const findSchedule = (db: Q, siteId: string, id: string) =>
  db.selectFrom('round_schedules').selectAll().where('site_id', '=', siteId).where('id', '=', id).executeTakeFirst();

export const findScheduleById = (db: Q, id: string) => db.selectFrom('round_schedules').selectAll().where('id', '=', id).executeTakeFirst();

export async function updateSchedule(db: Q, id: string, patch: Partial<RoundSchedulesTable>): Promise<void> {
  await db.updateTable('round_schedules').set(patch).where('id', '=', id).execute();
}

export const listActiveSchedules = (db: Q, siteId: string) =>
  db.selectFrom('round_schedules').selectAll().where('site_id', '=', siteId).where('active', '=', 1).orderBy('id').execute();

export function listScheduleRows(db: Q, siteId: string, page: PageRequest, filter: { postKind?: string; includeInactive?: boolean }) {
  let q = db.selectFrom('round_schedules').selectAll().where('site_id', '=', siteId);
  if (!filter.includeInactive) q = q.where('active', '=', 1);
  if (filter.postKind) q = q.where('post_kind', '=', filter.postKind);
  if (page.afterId) q = q.where('id', page.direction === 'asc' ? '>' : '<', page.afterId);
  return q
    .orderBy('id', page.direction)
    .limit(page.limit + 1)
    .execute();
}

/** Inserts the slot unless its schedule already has one at that instant; true when inserted. */
export async function insertSlotOnce(db: Q, row: RoundSlotsTable): Promise<boolean> {
  const res = await db
    .insertInto('round_slots')
    .values(row)
    .onConflict((oc) => oc.columns(['schedule_id', 'due_at']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

export const findSlot = (db: Q, siteId: string, id: string) =>
  db.selectFrom('round_slots').selectAll().where('site_id', '=', siteId).where('id', '=', id).executeTakeFirst();

export const findSlotById = (db: Q, id: string) => db.selectFrom('round_slots').selectAll().where('id', '=', id).executeTakeFirst();

/** Moves a slot out of `from`; 0 when someone else moved it first. */
export async function moveSlot(db: Q, id: string, from: string, patch: Partial<RoundSlotsTable>): Promise<number> {
  const res = await db.updateTable('round_slots').set(patch).where('id', '=', id).where('status', '=', from).executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** Future slots of a schedule nobody has proven yet: replanned when the schedule changes. */
export const listUpcomingPendingSlots = (db: Q, scheduleId: string, after: number) =>
  db
    .selectFrom('round_slots')
    .select(['id'])
    .where('schedule_id', '=', scheduleId)
    .where('status', '=', 'pending')
    .where('due_at', '>', after)
    .execute();

export async function deleteSlots(db: Q, ids: string[]): Promise<void> {
  if (ids.length > 0) await db.deleteFrom('round_slots').where('id', 'in', ids).execute();
}

export function listSlotsOfDay(db: Q, siteId: string, date: string, postKinds: string[] | null) {
  let q = db.selectFrom('round_slots').selectAll().where('site_id', '=', siteId).where('local_date', '=', date);
  if (postKinds) q = q.where('post_kind', 'in', postKinds.length > 0 ? postKinds : ['']);
  return q.orderBy('due_at').orderBy('id').execute();
}

export const listSlotsOfWeather = (db: Q, weatherId: string) =>
  db.selectFrom('round_slots').select(['id']).where('weather_id', '=', weatherId).orderBy('id').execute();

export function listDecidedSlots(db: Q, siteId: string, from: string, to: string) {
  return db
    .selectFrom('round_slots')
    .select(['id', 'schedule_id', 'weather_id', 'local_date', 'label_zh', 'label_en', 'post_kind', 'due_at', 'status', 'proved_by', 'proved_by_name'])
    .where('site_id', '=', siteId)
    .where('local_date', '>=', from)
    .where('local_date', '<=', to)
    .where('status', '!=', 'pending')
    .execute();
}

/** Whether a live round of this post kind is proven by scanning this checkpoint (a cleaning point, for CLEAN). */
export async function hasActiveRoundAt(db: Q, checkpointId: string, postKind: string): Promise<boolean> {
  const row = await db
    .selectFrom('round_schedules')
    .select('id')
    .where('checkpoint_id', '=', checkpointId)
    .where('post_kind', '=', postKind)
    .where('active', '=', 1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Whether a round schedule or slot names the checkpoint (it may not be deleted then). */
export async function isCheckpointOnAnyRound(db: Q, checkpointId: string): Promise<boolean> {
  const [schedule, slot] = await Promise.all([
    db.selectFrom('round_schedules').select('id').where('checkpoint_id', '=', checkpointId).limit(1).executeTakeFirst(),
    db.selectFrom('round_slots').select('id').where('checkpoint_id', '=', checkpointId).limit(1).executeTakeFirst(),
  ]);
  return !!(schedule ?? slot);
}

/** Whether an active round schedule (the washroom every ten minutes) asks for the checkpoint. */
export const isCheckpointOnActiveRound = async (db: Q, checkpointId: string): Promise<boolean> =>
  (await db
    .selectFrom('round_schedules')
    .select('id')
    .where('checkpoint_id', '=', checkpointId)
    .where('active', '=', 1)
    .limit(1)
    .executeTakeFirst()) !== undefined;
