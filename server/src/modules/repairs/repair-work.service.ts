/**
 * The technician's work on a work order, and its check by the reporter:
 * reported → accepted → arrived → working ⇄ paused → done → verified, or done → reopened → working.
 * Each move is one conditional update, so a tap sent twice (the phone's outbox resending) moves
 * the work order once and both copies get the same answer.
 */
import type { WorkOrder, WorkOrderArriveBody, WorkOrderDoneBody, WorkOrderStatus } from '@anchang/contracts';
import type { Static } from '@sinclair/typebox';
import type { WorkOrdersTable } from '../../db/schema.js';
import { actorRef, type Actor } from '../../platform/auth/actor.js';
import { requireSiteMember } from '../../platform/auth/policy.js';
import { AppError, forbidden } from '../../platform/errors.js';
import { tapTime } from '../../platform/tap-time.js';
import { inTransaction, type Deps, type Tx } from '../../platform/tx.js';
import { recordAudit, recordAuditNow } from '../audit/index.js';
import { findCheckpointByCode } from '../checkpoints/index.js';
import { findAssetByCode } from '../equipment/index.js';
import { notifyPeople } from '../notifications/index.js';
import { assertPhotoOnSite } from '../photos/index.js';
import { getWorkOrder } from './repair-reads.service.js';
import { cancelArrivalTimers } from './repairs.jobs.js';
import { REPAIR_VERIFIERS, TECHNICIAN_ROLES } from './repairs.policy.js';
import { findLastStepByPerson, findWorkOrderById, findWorkOrderRow, moveWorkOrder } from './repairs.repository.js';
import { OPEN_BEFORE_ARRIVAL, recordEvent } from './work-orders.js';

type Action = 'accept' | 'arrive' | 'start' | 'pause' | 'resume' | 'done' | 'verify' | 'reopen';

const MOVES: Record<Action, { from: readonly WorkOrderStatus[]; to: WorkOrderStatus }> = {
  accept: { from: ['reported'], to: 'accepted' },
  arrive: { from: OPEN_BEFORE_ARRIVAL, to: 'arrived' },
  start: { from: ['arrived', 'reopened'], to: 'working' },
  pause: { from: ['working'], to: 'paused' },
  resume: { from: ['paused'], to: 'working' },
  done: { from: ['working'], to: 'done' },
  verify: { from: ['done'], to: 'verified' },
  reopen: { from: ['done'], to: 'reopened' },
};

const stateError = (row: WorkOrdersTable, action: Action) =>
  new AppError('WORK_ORDER_STATE', {
    message: `A ${row.status} work order cannot ${action}`,
    params: { workOrderId: row.id, status: row.status, action },
  });

async function loadForMove(deps: Deps, actor: Actor, siteId: string, workOrderId: string, action: Action): Promise<WorkOrdersTable> {
  const role = requireSiteMember(actor, siteId);
  const row = await findWorkOrderRow(deps.db, siteId, workOrderId);
  if (!row) throw new AppError('WORK_ORDER_NOT_FOUND', { params: { workOrderId } });
  if (action === 'verify' || action === 'reopen') {
    // The reporter sees whether it is fixed; the supervisor or manager may stand in for them.
    if (row.reported_by !== actor.personId && !REPAIR_VERIFIERS.includes(role)) throw forbidden({ role, allowed: REPAIR_VERIFIERS });
  } else {
    if (!TECHNICIAN_ROLES.includes(role)) throw forbidden({ role, allowed: TECHNICIAN_ROLES });
    // Once a technician took it, it is theirs; a superior may still move it.
    if (row.technician_id && row.technician_id !== actor.personId && !REPAIR_VERIFIERS.includes(role))
      throw forbidden({ role, technicianId: row.technician_id });
  }
  // The same person's move sent again (the answer was lost): `move` answers it as it stands.
  if (!MOVES[action].from.includes(row.status as WorkOrderStatus) && !(await isRepeatedMove(deps.db, row, action, actor)))
    throw stateError(row, action);
  return row;
}

/**
 * Whether this move is one the work order has already made, by this person, as its latest step:
 * a phone resending a tap whose answer it never got. It is answered with the work order as it
 * stands, and nothing is written twice.
 */
async function isRepeatedMove(db: Deps['db'], row: WorkOrdersTable, action: Action, actor: Actor): Promise<boolean> {
  const to = MOVES[action].to;
  if (row.status !== to) return false;
  const last = await findLastStepByPerson(db, row.id);
  return last?.status === to && last.by_person === actor.personId;
}

async function move(
  deps: Deps,
  actor: Actor,
  row: WorkOrdersTable,
  action: Action,
  patch: (now: number) => Partial<WorkOrdersTable>,
  note: string | null,
  extra?: (tx: Tx) => Promise<void>,
): Promise<WorkOrder> {
  const to = MOVES[action].to;
  if (row.status === to) return getWorkOrder(deps, actor, row.site_id, row.id); // a repeated move (loadForMove checked whose)
  await inTransaction(deps, async (tx) => {
    const moved = await moveWorkOrder(tx.trx, row.id, MOVES[action].from, { ...patch(tx.now), status: to, updated_at: tx.now });
    if (moved === 0) {
      // Two copies of one tap at once: the one that lost the race finds the winner's step.
      const now = (await findWorkOrderById(tx.trx, row.id)) ?? row;
      if (await isRepeatedMove(tx.trx, now, action, actor)) return;
      throw stateError(now, action);
    }
    await extra?.(tx);
    recordEvent(tx, { siteId: row.site_id, workOrderId: row.id, status: to, by: actorRef(actor), note });
    await recordAudit(tx, actorRef(actor), {
      siteId: row.site_id,
      action: `work_order.${action}`,
      entityType: 'work_order',
      entityId: row.id,
      detail: { from: row.status, to, ...(note ? { note } : {}) },
    });
    tx.emit({ siteId: row.site_id }, 'work_order.changed', {
      workOrderId: row.id,
      status: to,
      assetId: row.asset_id,
      zoneId: row.zone_id,
      description: row.description,
    });
    if (row.reported_by && row.reported_by !== actor.personId && (to === 'done' || to === 'accepted'))
      tx.emit({ personId: row.reported_by, siteId: row.site_id }, 'work_order.changed', {
        workOrderId: row.id,
        status: to,
        assetId: row.asset_id,
        zoneId: row.zone_id,
        description: row.description,
      });
  });
  return getWorkOrder(deps, actor, row.site_id, row.id);
}

export async function acceptWorkOrder(deps: Deps, actor: Actor, siteId: string, workOrderId: string): Promise<WorkOrder> {
  const row = await loadForMove(deps, actor, siteId, workOrderId, 'accept');
  return move(deps, actor, row, 'accept', (now) => ({ technician_id: actor.personId, accepted_at: now }), null);
}

/**
 * On the spot: proven by the asset's own code, or a checkpoint code of the asset's zone. Any
 * other code is refused and the attempt kept in the audit log (the transaction that would have
 * recorded it never runs).
 */
export async function arriveAtWorkOrder(
  deps: Deps,
  actor: Actor,
  siteId: string,
  workOrderId: string,
  input: Static<typeof WorkOrderArriveBody>,
): Promise<WorkOrder> {
  const row = await loadForMove(deps, actor, siteId, workOrderId, 'arrive');
  const code = input.code.trim();
  let proof: 'asset' | 'checkpoint' | null = null;
  const asset = await findAssetByCode(deps.db, code);
  if (
    asset &&
    asset.code_revoked_at === null &&
    asset.site_id === siteId &&
    (row.asset_id ? asset.id === row.asset_id : asset.zone_id === row.zone_id)
  )
    proof = 'asset';
  if (!proof) {
    const checkpoint = await findCheckpointByCode(deps.db, code);
    if (checkpoint && checkpoint.revoked_at === null && checkpoint.site_id === siteId && checkpoint.zone_id === row.zone_id) proof = 'checkpoint';
  }
  if (!proof) {
    await recordAuditNow(deps, actorRef(actor), {
      siteId,
      action: 'work_order.arrive_refused',
      entityType: 'work_order',
      entityId: row.id,
      detail: {
        reason: 'wrong_code',
        scannedAssetId: asset?.site_id === siteId ? asset.id : null,
        lat: input.lat ?? null,
        lng: input.lng ?? null,
      },
    });
    throw new AppError('WRONG_ASSET_CODE', {
      message: "This is not the code of this work order's asset or zone",
      params: { workOrderId: row.id },
    });
  }
  return move(
    deps,
    actor,
    row,
    'arrive',
    (now) => {
      // Arrived without signal: the tap's time (the arrival limit is judged by it), never before the report.
      const at = Math.max(tapTime(input.at, now), row.reported_at, row.accepted_at ?? 0);
      return { arrived_at: at, technician_id: row.technician_id ?? actor.personId, accepted_at: row.accepted_at ?? at };
    },
    proof === 'asset' ? '扫设备码 asset code' : '扫巡检点 checkpoint',
    (tx) => cancelArrivalTimers(tx, row.id),
  );
}

export async function startWorkOrder(deps: Deps, actor: Actor, siteId: string, workOrderId: string): Promise<WorkOrder> {
  const row = await loadForMove(deps, actor, siteId, workOrderId, 'start');
  return move(deps, actor, row, 'start', () => ({ pause_reason: null }), null);
}

export async function pauseWorkOrder(deps: Deps, actor: Actor, siteId: string, workOrderId: string, reason: string): Promise<WorkOrder> {
  const row = await loadForMove(deps, actor, siteId, workOrderId, 'pause');
  return move(deps, actor, row, 'pause', () => ({ pause_reason: reason.trim() }), reason.trim());
}

export async function resumeWorkOrder(deps: Deps, actor: Actor, siteId: string, workOrderId: string): Promise<WorkOrder> {
  const row = await loadForMove(deps, actor, siteId, workOrderId, 'resume');
  return move(deps, actor, row, 'resume', () => ({}), null);
}

export async function finishWorkOrder(
  deps: Deps,
  actor: Actor,
  siteId: string,
  workOrderId: string,
  input: Static<typeof WorkOrderDoneBody>,
): Promise<WorkOrder> {
  const row = await loadForMove(deps, actor, siteId, workOrderId, 'done');
  if (input.afterPhotoId) await assertPhotoOnSite(deps, siteId, input.afterPhotoId);
  return move(
    deps,
    actor,
    row,
    'done',
    (now) => ({ done_at: now, done_note: input.note.trim(), after_photo_id: input.afterPhotoId ?? row.after_photo_id }),
    input.note.trim(),
  );
}

export async function verifyWorkOrder(deps: Deps, actor: Actor, siteId: string, workOrderId: string): Promise<WorkOrder> {
  const row = await loadForMove(deps, actor, siteId, workOrderId, 'verify');
  return move(deps, actor, row, 'verify', (now) => ({ verified_at: now }), null);
}

export async function reopenWorkOrder(deps: Deps, actor: Actor, siteId: string, workOrderId: string, reason: string): Promise<WorkOrder> {
  const row = await loadForMove(deps, actor, siteId, workOrderId, 'reopen');
  return move(
    deps,
    actor,
    row,
    'reopen',
    () => ({ done_at: null }),
    reason.trim(),
    async (tx) => {
      if (row.technician_id)
        await notifyPeople(tx, [row.technician_id], {
          siteId: row.site_id,
          code: 'repair.reopened',
          params: { description: row.description, reason: reason.trim() },
        });
    },
  );
}
