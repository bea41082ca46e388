/**
 * Proving checkpoints, called by the checkpoint scan inside its transaction: which open round a
 * scan proves, and what a stored scan proved when the phone sends it again.
 */
import type { EquipmentState, ScanPatrolProof } from '@anchang/contracts';
import type { Deps, Tx } from '../../platform/tx.js';
import { postKindsOfPerson as postKindsOf } from '../people/index.js';
import { EARLY_START_MS, isOutOfOrder, LATE_AFTER_MS, roundOutcome } from './patrol-planner.js';
import { checksOfRound, findCheckByScan, findProvableCheck, findRoundById, findRouteNames, proveCheck, updateRound } from './patrols.repository.js';

/**
 * Attaches a scan to the open patrol round it proves, if any, inside the scan's transaction.
 * Returns the proof and whether the guard skipped ahead of the route's order.
 */
export async function provePatrolCheck(
  tx: Tx,
  input: { siteId: string; checkpointId: string; personId: string; scanId: string; at?: number },
): Promise<{ proof: ScanPatrolProof; outOfOrder: boolean } | null> {
  const postKinds = await postKindsOf(tx.trx, input.siteId, input.personId);
  if (!postKinds.length) return null;
  // The scan's own time (the tap, for a scan sent later), never after the transaction's now.
  const at = Math.min(input.at ?? tx.now, tx.now);
  const { at: _at, ...keys } = input;
  const hit = await findProvableCheck(tx.trx, { ...keys, postKinds, now: at, earlyMs: EARLY_START_MS });
  if (!hit) return null;
  const isLate = at > hit.planned_at + LATE_AFTER_MS;
  if (!(await proveCheck(tx.trx, hit.round_id, hit.position, { scan_id: input.scanId, scanned_at: at, is_late: isLate ? 1 : 0 }))) return null;
  const checks = await checksOfRound(tx.trx, hit.round_id);
  const provenBefore = checks.filter((c) => c.scan_id !== null && c.position !== hit.position).map((c) => c.position);
  const outOfOrder = isOutOfOrder(hit.position, provenBefore, checks.length);
  const status = roundOutcome(
    checks.map((c) => ({ scannedAt: c.scanned_at, isLate: c.is_late === 1 })),
    false,
  );
  await updateRound(tx.trx, hit.round_id, { walker_id: input.personId, status, updated_at: tx.now });
  tx.emit({ siteId: input.siteId }, 'patrol.round_changed', { roundId: hit.round_id, routeId: hit.route_id, status });
  const names = (await findRouteNames(tx.trx, [hit.route_id])).get(hit.route_id)!;
  return {
    proof: {
      roundId: hit.round_id,
      routeNameZh: names.zh,
      routeNameEn: names.en,
      slotStart: hit.slot_start,
      position: hit.position,
      total: checks.length,
      plannedAt: hit.planned_at,
      isLate,
      equipmentState: null,
    },
    outOfOrder,
  };
}

/** What a stored scan proved, for a resent scan that gets the first answer again. */
export async function patrolProofOfScan(deps: Pick<Deps, 'db'>, scanId: string): Promise<ScanPatrolProof | null> {
  const check = await findCheckByScan(deps.db, scanId);
  if (!check) return null;
  const round = (await findRoundById(deps.db, check.round_id))!;
  const names = (await findRouteNames(deps.db, [round.route_id])).get(round.route_id)!;
  const total = (await checksOfRound(deps.db, round.id)).length;
  return {
    roundId: round.id,
    routeNameZh: names.zh,
    routeNameEn: names.en,
    slotStart: round.slot_start,
    position: check.position,
    total,
    plannedAt: check.planned_at,
    isLate: check.is_late === 1,
    equipmentState: check.equipment_state as EquipmentState | null,
  };
}
