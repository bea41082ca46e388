import type { Kysely } from 'kysely';
import type { CheckpointScansTable, CheckpointsTable, DB } from '../../db/schema.js';
import type { PageRequest } from '../../platform/http/pagination.js';

export const findCheckpoint = (db: Kysely<DB>, siteId: string, id: string) =>
  db.selectFrom('checkpoints').selectAll().where('site_id', '=', siteId).where('id', '=', id).executeTakeFirst();
export const findCheckpointById = (db: Kysely<DB>, id: string) => db.selectFrom('checkpoints').selectAll().where('id', '=', id).executeTakeFirst();
export const findCheckpointByCode = (db: Kysely<DB>, code: string) =>
  db.selectFrom('checkpoints').selectAll().where('code', '=', code).executeTakeFirst();

/**
 * Checkpoints' names and zones by id: a patrol alert cites its missed checkpoints, a route and a
 * round list their stops, a round's slots and schedules name theirs. Nulls (a slot or schedule
 * with no checkpoint) and repeats are skipped.
 */
export function findCheckpointNames(db: Kysely<DB>, ids: readonly (string | null)[]) {
  const wanted = [...new Set(ids.filter((i): i is string => !!i))];
  if (wanted.length === 0) return Promise.resolve([]);
  return db.selectFrom('checkpoints').select(['id', 'name_zh', 'name_en', 'zone_id']).where('id', 'in', wanted).execute();
}

/** Chinese names by id: what a round's slots and schedules show. */
export async function checkpointNameMap(db: Kysely<DB>, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  return new Map((await findCheckpointNames(db, ids)).map((c) => [c.id, c.name_zh]));
}

/** A code a checkpoint carried before it was reissued: its holder learns it was revoked. */
export async function findRetiredCode(db: Kysely<DB>, code: string): Promise<CheckpointsTable | undefined> {
  return db
    .selectFrom('checkpoint_retired_codes as r')
    .innerJoin('checkpoints as c', 'c.id', 'r.checkpoint_id')
    .selectAll('c')
    .where('r.code', '=', code)
    .executeTakeFirst();
}

export function listCheckpointRows(db: Kysely<DB>, siteId: string, page: PageRequest, includeRevoked: boolean) {
  let q = db.selectFrom('checkpoints').selectAll().where('site_id', '=', siteId);
  if (!includeRevoked) q = q.where('revoked_at', 'is', null);
  if (page.afterId) q = q.where('id', page.direction === 'asc' ? '>' : '<', page.afterId);
  return q
    .orderBy('id', page.direction)
    .limit(page.limit + 1)
    .execute();
}

export async function lastScanTimes(db: Kysely<DB>, checkpointIds: string[]): Promise<Map<string, number>> {
  if (!checkpointIds.length) return new Map();
  const rows = await db
    .selectFrom('checkpoint_scans')
    .select(['checkpoint_id', (eb) => eb.fn.max('scanned_at').as('last')])
    .where('checkpoint_id', 'in', checkpointIds)
    .groupBy('checkpoint_id')
    .execute();
  return new Map(rows.map((r) => [r.checkpoint_id, Number(r.last)]));
}

/** The last scan of one checkpoint by any of these people, or null. */
export async function lastScanBy(db: Kysely<DB>, checkpointId: string, personIds: readonly string[]): Promise<number | null> {
  if (personIds.length === 0) return null;
  const row = await db
    .selectFrom('checkpoint_scans')
    .select((eb) => eb.fn.max('scanned_at').as('last'))
    .where('checkpoint_id', '=', checkpointId)
    .where('person_id', 'in', [...personIds])
    .executeTakeFirst();
  return row?.last === null || row?.last === undefined ? null : Number(row.last);
}

export const insertCheckpoint = (db: Kysely<DB>, row: CheckpointsTable) => db.insertInto('checkpoints').values(row).execute();

/** A live checkpoint of the zone, if it has one: the demo's washroom round shares the patrol's rather than hanging a second. */
export const findLiveCheckpointInZone = (db: Kysely<DB>, siteId: string, zoneId: string) =>
  db
    .selectFrom('checkpoints')
    .select('id')
    .where('site_id', '=', siteId)
    .where('zone_id', '=', zoneId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();

export async function updateCheckpoint(db: Kysely<DB>, id: string, patch: Partial<CheckpointsTable>): Promise<void> {
  await db.updateTable('checkpoints').set(patch).where('id', '=', id).execute();
}

export async function retireCode(db: Kysely<DB>, row: { code: string; checkpoint_id: string; site_id: string; retired_at: number }): Promise<void> {
  await db.insertInto('checkpoint_retired_codes').values(row).execute();
}

/** Whether the checkpoint was ever scanned. */
export const isCheckpointScanned = async (db: Kysely<DB>, checkpointId: string): Promise<boolean> =>
  (await db.selectFrom('checkpoint_scans').select('id').where('checkpoint_id', '=', checkpointId).limit(1).executeTakeFirst()) !== undefined;

export async function deleteCheckpointRow(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('checkpoint_retired_codes').where('checkpoint_id', '=', id).execute();
  await db.deleteFrom('checkpoints').where('id', '=', id).execute();
}

export const findScan = (db: Kysely<DB>, id: string) => db.selectFrom('checkpoint_scans').selectAll().where('id', '=', id).executeTakeFirst();

/** The person's latest scan before now, with where that checkpoint hangs. */
export function findPreviousScan(db: Kysely<DB>, personId: string) {
  return db
    .selectFrom('checkpoint_scans as s')
    .innerJoin('checkpoints as c', 'c.id', 's.checkpoint_id')
    .select(['s.checkpoint_id', 's.scanned_at', 'c.lat', 'c.lng'])
    .where('s.person_id', '=', personId)
    .orderBy('s.scanned_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export const insertScan = (db: Kysely<DB>, row: CheckpointScansTable) => db.insertInto('checkpoint_scans').values(row).execute();

/** The first scan of the checkpoint inside [from, to]. */
export const firstScanBetween = (db: Kysely<DB>, checkpointId: string, from: number, to: number) =>
  db
    .selectFrom('checkpoint_scans')
    .select(['id', 'person_id', 'scanned_at'])
    .where('checkpoint_id', '=', checkpointId)
    .where('scanned_at', '>=', from)
    .where('scanned_at', '<=', to)
    .orderBy('scanned_at')
    .limit(1)
    .executeTakeFirst();

/** Scans of these checkpoints inside [from, to], oldest first. */
export function listScansBetween(db: Kysely<DB>, checkpointIds: string[], from: number, to: number) {
  if (checkpointIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('checkpoint_scans')
    .select(['checkpoint_id', 'person_id', 'scanned_at'])
    .where('checkpoint_id', 'in', checkpointIds)
    .where('scanned_at', '>=', from)
    .where('scanned_at', '<=', to)
    .orderBy('scanned_at')
    .execute();
}

/** Those of `ids` that are live checkpoints of the site. */
export async function liveCheckpointIds(db: Kysely<DB>, siteId: string, ids: string[]): Promise<Set<string>> {
  const rows = await db
    .selectFrom('checkpoints')
    .select('id')
    .where('site_id', '=', siteId)
    .where('id', 'in', [...new Set(ids)])
    .where('revoked_at', 'is', null)
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** Where and how these scans were made (a patrol check shows its proving scan's flags and place). */
export const findScanPlaces = (db: Kysely<DB>, scanIds: string[]) =>
  scanIds.length === 0
    ? Promise.resolve([])
    : db.selectFrom('checkpoint_scans').select(['id', 'flags', 'lat', 'lng']).where('id', 'in', scanIds).execute();
