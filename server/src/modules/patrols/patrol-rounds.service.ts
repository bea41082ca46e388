/**
 * Patrol rounds as read: a day's rounds for the console and for the phone (planned against
 * actual per checkpoint), one round, and SECURITY-4's equipment state at a proven checkpoint.
 */
import type {
  EquipmentState,
  EquipmentStateBody,
  PageOf,
  PatrolRound,
  PatrolRoundStatus,
  PatrolRoundsQuery,
  PostKind,
  ScanFlag,
} from '@anchang/contracts';
import type { Static } from '@sinclair/typebox';
import type { PatrolRoundsTable } from '../../db/schema.js';
import { actorRef, type Actor } from '../../platform/auth/actor.js';
import { requireSiteMember, requireSiteRole } from '../../platform/auth/policy.js';
import { AppError } from '../../platform/errors.js';
import { pageRequest, toPageBatched } from '../../platform/http/pagination.js';
import { isValidDate, localParts } from '../../platform/site-time.js';
import { inTransaction, type Deps } from '../../platform/tx.js';
import { raiseAnomaly } from '../anomalies/index.js';
import { recordAudit } from '../audit/index.js';
import { findCheckpointById, findCheckpointNames, findScanPlaces } from '../checkpoints/index.js';
import { findPersonNames, postKindsOfPerson as postKindsOf } from '../people/index.js';
import { findSiteRow } from '../sites/index.js';
import { PATROL_PLANNERS } from './patrols.policy.js';
import { checksOfRound, findRound, findRouteNames, listCheckRows, listRoundRows, updateCheck } from './patrols.repository.js';

/** The rounds' checks, each with its checkpoint's names and its proving scan's flags and place. */
async function checksWithPlaces(deps: Pick<Deps, 'db'>, roundIds: string[]) {
  const checks = await listCheckRows(deps.db, roundIds);
  const [names, scans] = await Promise.all([
    findCheckpointNames(
      deps.db,
      checks.map((c) => c.checkpoint_id),
    ),
    findScanPlaces(
      deps.db,
      checks.flatMap((c) => (c.scan_id ? [c.scan_id] : [])),
    ),
  ]);
  const nameOf = new Map(names.map((n) => [n.id, n]));
  const scanOf = new Map(scans.map((s) => [s.id, s]));
  return checks.map((c) => {
    const scan = c.scan_id ? scanOf.get(c.scan_id) : undefined;
    return {
      ...c,
      name_zh: nameOf.get(c.checkpoint_id)?.name_zh ?? '',
      name_en: nameOf.get(c.checkpoint_id)?.name_en ?? '',
      flags: scan?.flags ?? null,
      lat: scan?.lat,
      lng: scan?.lng,
    };
  });
}

async function toRounds(deps: Pick<Deps, 'db'>, rows: PatrolRoundsTable[]): Promise<PatrolRound[]> {
  const ids = rows.map((r) => r.id);
  const [checks, routeNames, walkers] = await Promise.all([
    checksWithPlaces(deps, ids),
    findRouteNames(
      deps.db,
      rows.map((r) => r.route_id),
    ),
    findPersonNames(
      deps.db,
      rows.flatMap((r) => (r.walker_id ? [r.walker_id] : [])),
    ),
  ]);
  return rows.map((r) => ({
    id: r.id,
    siteId: r.site_id,
    routeId: r.route_id,
    scheduleId: r.schedule_id,
    routeNameZh: routeNames.get(r.route_id)?.zh ?? '',
    routeNameEn: routeNames.get(r.route_id)?.en ?? '',
    postKind: r.post_kind as PostKind,
    date: r.date,
    slotStart: r.slot_start,
    closesAt: r.closes_at,
    status: r.status as PatrolRoundStatus,
    walkerId: r.walker_id,
    walkerName: r.walker_id ? (walkers.get(r.walker_id) ?? null) : null,
    checks: checks
      .filter((c) => c.round_id === r.id)
      .map((c) => ({
        position: c.position,
        checkpointId: c.checkpoint_id,
        nameZh: c.name_zh,
        nameEn: c.name_en,
        plannedAt: c.planned_at,
        scannedAt: c.scanned_at,
        isLate: c.is_late === 1,
        flags: c.flags ? (JSON.parse(c.flags) as ScanFlag[]) : [],
        lat: c.lat ?? null,
        lng: c.lng ?? null,
        equipmentState: c.equipment_state as EquipmentState | null,
        equipmentNote: c.equipment_note,
        anomalyId: c.anomaly_id,
      })),
  }));
}

async function siteDate(deps: Deps, siteId: string, date: string | undefined): Promise<string> {
  if (date !== undefined) {
    if (!isValidDate(date)) throw new AppError('VALIDATION_FAILED', { message: 'Not a calendar date', params: { field: 'date' } });
    return date;
  }
  const site = await findSiteRow(deps.db, siteId);
  return localParts(deps.clock.now(), site!.time_zone).date;
}

/** A day's rounds of the whole site, for the console. */
export async function listRounds(deps: Deps, actor: Actor, siteId: string, query: Static<typeof PatrolRoundsQuery>): Promise<PageOf<PatrolRound>> {
  requireSiteRole(actor, siteId, PATROL_PLANNERS);
  const page = pageRequest(query, 'asc');
  const date = await siteDate(deps, siteId, query.date);
  return toPageBatched(await listRoundRows(deps.db, siteId, date, page), page, (rows) => toRounds(deps, rows));
}

/** A day's rounds of the posts I hold (or that I walked), for the phone. */
export async function myRounds(deps: Deps, actor: Actor, siteId: string, query: Static<typeof PatrolRoundsQuery>): Promise<PageOf<PatrolRound>> {
  requireSiteMember(actor, siteId);
  const page = pageRequest(query, 'asc');
  const date = await siteDate(deps, siteId, query.date);
  const postKinds = await postKindsOf(deps.db, siteId, actor.personId);
  return toPageBatched(await listRoundRows(deps.db, siteId, date, page, { personId: actor.personId, postKinds }), page, (rows) =>
    toRounds(deps, rows),
  );
}

export async function getRound(deps: Deps, actor: Actor, siteId: string, roundId: string): Promise<PatrolRound> {
  requireSiteMember(actor, siteId);
  const row = await findRound(deps.db, siteId, roundId);
  if (!row) throw new AppError('PATROL_ROUND_NOT_FOUND', { params: { roundId } });
  return (await toRounds(deps, [row]))[0]!;
}

/**
 * SECURITY-4: the state of the equipment at a checkpoint the walker just proved. Abnormal
 * raises an equipment anomaly (to the supervisors, marked as needing repair), once per check.
 */
export async function recordEquipmentState(
  deps: Deps,
  actor: Actor,
  siteId: string,
  roundId: string,
  position: number,
  input: Static<typeof EquipmentStateBody>,
): Promise<PatrolRound> {
  requireSiteMember(actor, siteId);
  const round = await findRound(deps.db, siteId, roundId);
  if (!round) throw new AppError('PATROL_ROUND_NOT_FOUND', { params: { roundId } });
  const check = (await checksOfRound(deps.db, roundId)).find((c) => c.position === position);
  if (!check) throw new AppError('PATROL_ROUND_NOT_FOUND', { params: { roundId, position } });
  if (round.walker_id !== actor.personId) throw new AppError('PATROL_NOT_YOUR_ROUND', { params: { roundId } });
  if (check.scan_id === null) throw new AppError('PATROL_CHECK_NOT_SCANNED', { params: { roundId, position } });
  const note = input.note?.trim() ?? null;
  if (input.state === 'abnormal' && !note) throw new AppError('NOTE_REQUIRED', { message: 'Say what is wrong', params: { field: 'note' } });
  await inTransaction(deps, async (tx) => {
    let anomalyId = check.anomaly_id;
    if (input.state === 'abnormal' && !anomalyId) {
      const cp = (await findCheckpointById(tx.trx, check.checkpoint_id))!;
      anomalyId = await raiseAnomaly(tx, actor, {
        siteId,
        shiftId: null,
        postId: null,
        itemId: null,
        itemText: { zh: `巡视设备异常 · ${cp.name_zh}`, en: `Patrol equipment fault · ${cp.name_en}` },
        category: 'equipment',
        note: note!,
        photoId: null,
        reportedAt: tx.now,
      });
    }
    await updateCheck(tx.trx, roundId, position, { equipment_state: input.state, equipment_note: note, anomaly_id: anomalyId });
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: 'patrol.equipment_state',
      entityType: 'patrol_round',
      entityId: roundId,
      detail: { position, state: input.state, note, anomalyId },
    });
    tx.emit({ siteId }, 'patrol.round_changed', { roundId, routeId: round.route_id, status: round.status });
  });
  return getRound(deps, actor, siteId, roundId);
}
