import type { Kysely } from 'kysely';
import type { DB, PatrolRoundChecksTable, PatrolRoundsTable, PatrolRoutesTable, PatrolSchedulesTable } from '../../db/schema.js';
import type { PageRequest } from '../../platform/http/pagination.js';

export const findRoute = (db: Kysely<DB>, siteId: string, id: string) =>
  db.selectFrom('patrol_routes').selectAll().where('site_id', '=', siteId).where('id', '=', id).executeTakeFirst();
export const findRouteById = (db: Kysely<DB>, id: string) => db.selectFrom('patrol_routes').selectAll().where('id', '=', id).executeTakeFirst();

export const insertRoute = (db: Kysely<DB>, row: PatrolRoutesTable) => db.insertInto('patrol_routes').values(row).execute();

export async function updateRouteRow(db: Kysely<DB>, id: string, patch: Partial<PatrolRoutesTable>): Promise<void> {
  await db.updateTable('patrol_routes').set(patch).where('id', '=', id).execute();
}

export function listRouteRows(db: Kysely<DB>, siteId: string, page: PageRequest) {
  let q = db.selectFrom('patrol_routes').selectAll().where('site_id', '=', siteId).where('archived_at', 'is', null);
  if (page.afterId) q = q.where('id', '>', page.afterId);
  return q
    .orderBy('id', 'asc')
    .limit(page.limit + 1)
    .execute();
}

/** The stops of these routes, in order along each route. */
export function listStops(db: Kysely<DB>, routeIds: string[]) {
  if (!routeIds.length) return Promise.resolve([]);
  return db
    .selectFrom('patrol_route_stops')
    .select(['route_id', 'position', 'checkpoint_id', 'planned_minute'])
    .where('route_id', 'in', routeIds)
    .orderBy('route_id')
    .orderBy('position')
    .execute();
}

export async function replaceStops(db: Kysely<DB>, siteId: string, routeId: string, stops: { checkpointId: string; plannedMinute: number }[]) {
  await db.deleteFrom('patrol_route_stops').where('route_id', '=', routeId).execute();
  await insertStops(db, siteId, routeId, stops);
}

/** The stops of a route that has none yet, numbered from 1 in the order given. */
export async function insertStops(db: Kysely<DB>, siteId: string, routeId: string, stops: { checkpointId: string; plannedMinute: number }[]) {
  await db
    .insertInto('patrol_route_stops')
    .values(
      stops.map((s, i) => ({ route_id: routeId, position: i + 1, site_id: siteId, checkpoint_id: s.checkpointId, planned_minute: s.plannedMinute })),
    )
    .execute();
}

export const findSchedule = (db: Kysely<DB>, siteId: string, id: string) =>
  db.selectFrom('patrol_schedules').selectAll().where('site_id', '=', siteId).where('id', '=', id).executeTakeFirst();
export const findScheduleById = (db: Kysely<DB>, id: string) => db.selectFrom('patrol_schedules').selectAll().where('id', '=', id).executeTakeFirst();

export function listScheduleRows(db: Kysely<DB>, siteId: string, page: PageRequest) {
  let q = db.selectFrom('patrol_schedules').selectAll().where('site_id', '=', siteId).where('active', '=', 1);
  if (page.afterId) q = q.where('id', '>', page.afterId);
  return q
    .orderBy('id', 'asc')
    .limit(page.limit + 1)
    .execute();
}
export const activeSchedulesOfRoute = (db: Kysely<DB>, routeId: string) =>
  db.selectFrom('patrol_schedules').selectAll().where('route_id', '=', routeId).where('active', '=', 1).execute();

export const insertSchedule = (db: Kysely<DB>, row: PatrolSchedulesTable) => db.insertInto('patrol_schedules').values(row).execute();

export async function updateScheduleRow(db: Kysely<DB>, id: string, patch: Partial<PatrolSchedulesTable>): Promise<void> {
  await db.updateTable('patrol_schedules').set(patch).where('id', '=', id).execute();
}

/** Inserts the round unless its slot already has one; true when inserted. */
export async function insertRoundOnce(db: Kysely<DB>, row: PatrolRoundsTable): Promise<boolean> {
  const res = await db
    .insertInto('patrol_rounds')
    .values(row)
    .onConflict((oc) => oc.columns(['schedule_id', 'slot_start']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}
export const insertChecks = (db: Kysely<DB>, rows: PatrolRoundChecksTable[]) => db.insertInto('patrol_round_checks').values(rows).execute();

/** Rounds of a schedule not started yet and still in the future: dropped when it stops. */
export async function deleteFutureRounds(db: Kysely<DB>, scheduleId: string, now: number): Promise<string[]> {
  const rows = await db
    .selectFrom('patrol_rounds')
    .select('id')
    .where('schedule_id', '=', scheduleId)
    .where('status', '=', 'upcoming')
    .where('slot_start', '>', now)
    .execute();
  const ids = rows.map((r) => r.id);
  if (ids.length) {
    await db.deleteFrom('patrol_round_checks').where('round_id', 'in', ids).execute();
    await db.deleteFrom('patrol_rounds').where('id', 'in', ids).execute();
  }
  return ids;
}

export const findRound = (db: Kysely<DB>, siteId: string, id: string) =>
  db.selectFrom('patrol_rounds').selectAll().where('site_id', '=', siteId).where('id', '=', id).executeTakeFirst();
export const findRoundById = (db: Kysely<DB>, id: string) => db.selectFrom('patrol_rounds').selectAll().where('id', '=', id).executeTakeFirst();

export function listRoundRows(
  db: Kysely<DB>,
  siteId: string,
  date: string,
  page: PageRequest,
  forPerson?: { personId: string; postKinds: string[] },
) {
  let q = db.selectFrom('patrol_rounds').selectAll().where('site_id', '=', siteId).where('date', '=', date);
  if (forPerson) {
    const { personId, postKinds } = forPerson;
    q = q.where((eb) => eb.or([eb('walker_id', '=', personId), ...(postKinds.length ? [eb('post_kind', 'in', postKinds)] : [])]));
  }
  if (page.afterId) q = q.where('id', '>', page.afterId);
  return q
    .orderBy('id', 'asc')
    .limit(page.limit + 1)
    .execute();
}

/** Each check of the rounds, in order along each round. */
export function listCheckRows(db: Kysely<DB>, roundIds: string[]) {
  if (!roundIds.length) return Promise.resolve([]);
  return db.selectFrom('patrol_round_checks').selectAll().where('round_id', 'in', roundIds).orderBy('round_id').orderBy('position').execute();
}

export const checksOfRound = (db: Kysely<DB>, roundId: string) =>
  db.selectFrom('patrol_round_checks').selectAll().where('round_id', '=', roundId).orderBy('position').execute();

/** The check a scan proved, if any: a resent scan gets the first answer again. */
export const findCheckByScan = (db: Kysely<DB>, scanId: string) =>
  db.selectFrom('patrol_round_checks').selectAll().where('scan_id', '=', scanId).executeTakeFirst();

export async function findRouteNames(db: Kysely<DB>, routeIds: string[]): Promise<Map<string, { zh: string; en: string }>> {
  if (!routeIds.length) return new Map();
  const rows = await db
    .selectFrom('patrol_routes')
    .select(['id', 'name_zh', 'name_en'])
    .where('id', 'in', [...new Set(routeIds)])
    .execute();
  return new Map(rows.map((r) => [r.id, { zh: r.name_zh, en: r.name_en }]));
}

/**
 * The open round a scan of this checkpoint proves: the earliest whose window holds `now`, whose
 * check at the checkpoint is still unproven, walked by this person or nobody yet, for a post
 * kind the person holds.
 */
export function findProvableCheck(
  db: Kysely<DB>,
  input: { siteId: string; checkpointId: string; personId: string; postKinds: string[]; now: number; earlyMs: number },
) {
  return db
    .selectFrom('patrol_rounds as r')
    .innerJoin('patrol_round_checks as k', 'k.round_id', 'r.id')
    .select(['r.id as round_id', 'r.route_id', 'r.slot_start', 'r.walker_id', 'k.position', 'k.planned_at'])
    .where('r.site_id', '=', input.siteId)
    .where('r.status', 'in', ['upcoming', 'in_progress'])
    .where('r.slot_start', '<=', input.now + input.earlyMs)
    .where('r.closes_at', '>=', input.now)
    .where('r.post_kind', 'in', input.postKinds)
    .where((eb) => eb.or([eb('r.walker_id', 'is', null), eb('r.walker_id', '=', input.personId)]))
    .where('k.checkpoint_id', '=', input.checkpointId)
    .where('k.scan_id', 'is', null)
    .orderBy('r.slot_start')
    .orderBy('k.position')
    .limit(1)
    .executeTakeFirst();
}

/** Marks the check proven unless a concurrent scan got there first; true when this one did. */
export async function proveCheck(
  db: Kysely<DB>,
  roundId: string,
  position: number,
  patch: { scan_id: string; scanned_at: number; is_late: number },
): Promise<boolean> {
  const res = await db
    .updateTable('patrol_round_checks')
    .set(patch)
    .where('round_id', '=', roundId)
    .where('position', '=', position)
    .where('scan_id', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

export async function updateRound(db: Kysely<DB>, id: string, patch: Partial<PatrolRoundsTable>): Promise<void> {
  await db.updateTable('patrol_rounds').set(patch).where('id', '=', id).execute();
}

export async function updateCheck(db: Kysely<DB>, roundId: string, position: number, patch: Partial<PatrolRoundChecksTable>): Promise<void> {
  await db.updateTable('patrol_round_checks').set(patch).where('round_id', '=', roundId).where('position', '=', position).execute();
}

/** For the monthly assessment: the finished patrol rounds (done, done late, missed) of the site on the local days [fromDate, toDate]. */
export function listFinishedPatrolRoundsOfPeriod(db: Kysely<DB>, siteId: string, fromDate: string, toDate: string) {
  return db
    .selectFrom('patrol_rounds')
    .select(['post_kind', 'slot_start', 'status', 'walker_id'])
    .where('site_id', '=', siteId)
    .where('date', '>=', fromDate)
    .where('date', '<=', toDate)
    .where('status', 'in', ['done', 'done_late', 'missed'])
    .execute();
}

/** Whether a patrol route stops at the checkpoint or a patrol round checked it (it may not be deleted then). */
export async function isCheckpointOnAnyPatrol(db: Kysely<DB>, checkpointId: string): Promise<boolean> {
  const [stop, check] = await Promise.all([
    db.selectFrom('patrol_route_stops').select('route_id').where('checkpoint_id', '=', checkpointId).limit(1).executeTakeFirst(),
    db.selectFrom('patrol_round_checks').select('round_id').where('checkpoint_id', '=', checkpointId).limit(1).executeTakeFirst(),
  ]);
  return !!(stop ?? check);
}

/** Whether a live patrol route with an active schedule stops at the checkpoint (a scan of it is expected). */
export async function isCheckpointOnScheduledPatrol(db: Kysely<DB>, checkpointId: string): Promise<boolean> {
  const row = await db
    .selectFrom('patrol_route_stops as s')
    .innerJoin('patrol_routes as r', 'r.id', 's.route_id')
    .innerJoin('patrol_schedules as ps', 'ps.route_id', 'r.id')
    .select('s.route_id')
    .where('s.checkpoint_id', '=', checkpointId)
    .where('r.archived_at', 'is', null)
    .where('ps.active', '=', 1)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Planned minutes between two checkpoints on a live route holding both, if any. */
export async function plannedGapMinutes(db: Kysely<DB>, fromCheckpoint: string, toCheckpoint: string): Promise<number | null> {
  const row = await db
    .selectFrom('patrol_route_stops as a')
    .innerJoin('patrol_route_stops as b', 'b.route_id', 'a.route_id')
    .innerJoin('patrol_routes as r', 'r.id', 'a.route_id')
    .select(['a.planned_minute as fromMinute', 'b.planned_minute as toMinute'])
    .where('a.checkpoint_id', '=', fromCheckpoint)
    .where('b.checkpoint_id', '=', toCheckpoint)
    .where('r.archived_at', 'is', null)
    .limit(1)
    .executeTakeFirst();
  return row ? Math.abs(row.toMinute - row.fromMinute) : null;
}
