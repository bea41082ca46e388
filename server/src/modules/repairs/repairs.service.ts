/**
 * Repairs (报修工单, TECH-3): raised from an anomaly, from a staff phone, from a daily check or by
 * anyone scanning an asset's public QR. The technicians are told at once. The technician must be
 * on the spot within the site's arrival minutes (5 by default), proven by scanning the asset's
 * code or a checkpoint of its zone; if not, a timer alerts the supervisor at report + N minutes
 * and the manager at report + 2N, each exactly once, and arrival cancels both.
 *
 * reported → accepted → arrived → working ⇄ paused → done → verified, or done → reopened → working.
 */
import type { AssetCodeLookup, PageOf, PublicAsset, PublicReportReceipt, WorkOrder, WorkOrderStats, WorkOrderStatus } from '@anchang/contracts';
import { DEFAULT_REPAIR_ARRIVAL_MINUTES, ROLE_GROUPS } from '@anchang/contracts';
import type { AssetsTable, WorkOrdersTable } from '../../db/schema.js';
import { actorRef, type Actor, type ActorRef } from '../../platform/auth/actor.js';
import { requireSiteMember, requireSiteRole, roleOn } from '../../platform/auth/policy.js';
import { AppError, forbidden } from '../../platform/errors.js';
import { writeOnce } from '../../platform/idempotent.js';
import { tapTime } from '../../platform/tap-time.js';
import { newId } from '../../platform/ids.js';
import { pageRequest, toPageBatched } from '../../platform/http/pagination.js';
import { instantAt } from '../../platform/site-time.js';
import { cancelTimer, scheduleTimer, type TimerRunner } from '../../platform/timers/timers.js';
import { inTransaction, type Deps, type Tx } from '../../platform/tx.js';
import { findAnomalyRow } from '../anomalies/index.js';
import { recordAudit, recordAuditNow } from '../audit/index.js';
import { findAssetByCode, findAssetsByIds, requireAsset } from '../equipment/index.js';
import { findPersonNames, personIdsOnPostKind, siteOverseerIds } from '../people/index.js';
import { assertPhotoOnSite } from '../photos/index.js';
import { findPostRow } from '../posts/index.js';
import { findSiteRow } from '../sites/index.js';
import { readStandardSettings } from '../standards/index.js';
import { findZoneNames, findZoneRow } from '../zones/index.js';
import { notifyGroups } from '../integrations/index.js';
import { notifyPeople, type LocalText } from '../notifications/index.js';
import { REPAIR_REPORTERS, REPAIR_VERIFIERS, TECHNICIAN_ROLES } from './repairs.policy.js';
import {
  findCheckpointByCode,
  findLastStepByPerson,
  findWorkOrderById,
  findWorkOrderRow,
  insertWorkOrder,
  listEventsOf,
  listReportedBetween,
  listWorkOrderRows,
  moveWorkOrder,
  setEscalationLevel,
} from './repairs.repository.js';

export const REPAIR_SLA_TIMER = 'repair-sla';
const slaTimerId = (workOrderId: string, level: 1 | 2) => `${REPAIR_SLA_TIMER}:${workOrderId}:${level}`;
const OPEN_BEFORE_ARRIVAL = ['reported', 'accepted'] as const;

export type WorkOrderSource = 'public' | 'staff' | 'anomaly' | 'check';

const isBreached = (r: Pick<WorkOrdersTable, 'arrived_at' | 'arrival_deadline_at'>, now: number) =>
  r.arrived_at !== null ? r.arrived_at > r.arrival_deadline_at : now > r.arrival_deadline_at;

async function toWorkOrders(deps: Pick<Deps, 'db' | 'clock'>, rows: WorkOrdersTable[]): Promise<WorkOrder[]> {
  if (rows.length === 0) return [];
  const siteId = rows[0]!.site_id;
  const [assets, zones, names, events] = await Promise.all([
    findAssetsByIds(
      deps.db,
      siteId,
      rows.flatMap((r) => (r.asset_id ? [r.asset_id] : [])),
    ),
    findZoneNames(
      deps.db,
      rows.map((r) => r.zone_id),
    ),
    findPersonNames(
      deps.db,
      rows.flatMap((r) => [r.reported_by, r.technician_id].filter((x): x is string => !!x)),
    ),
    listEventsOf(
      deps.db,
      rows.map((r) => r.id),
    ),
  ]);
  const assetById = new Map(assets.map((a) => [a.id, a]));
  const now = deps.clock.now();
  return rows.map((r) => {
    const asset = r.asset_id ? assetById.get(r.asset_id) : undefined;
    return {
      id: r.id,
      siteId: r.site_id,
      zoneId: r.zone_id,
      zoneName: zones.get(r.zone_id) ?? '',
      assetId: r.asset_id,
      assetNameZh: asset?.name_zh ?? null,
      assetNameEn: asset?.name_en ?? null,
      source: r.source as WorkOrderSource,
      anomalyId: r.anomaly_id,
      description: r.description,
      photoId: r.photo_id,
      afterPhotoId: r.after_photo_id,
      status: r.status as WorkOrderStatus,
      reportedByName: r.reported_by ? (names.get(r.reported_by) ?? null) : null,
      technicianId: r.technician_id,
      technicianName: r.technician_id ? (names.get(r.technician_id) ?? null) : null,
      reportedAt: r.reported_at,
      acceptedAt: r.accepted_at,
      arrivedAt: r.arrived_at,
      doneAt: r.done_at,
      verifiedAt: r.verified_at,
      arrivalDeadlineAt: r.arrival_deadline_at,
      escalationLevel: r.escalation_level,
      slaBreached: isBreached(r, now),
      pauseReason: r.status === 'paused' ? r.pause_reason : null,
      doneNote: r.done_note,
      events: events
        .filter((e) => e.work_order_id === r.id)
        .map((e) => ({ status: e.status as WorkOrderStatus, byName: e.by_name, note: e.note, at: e.at })),
    };
  });
}

export async function arrivalMinutes(db: Deps['db'] | Tx['trx'], siteId: string): Promise<number> {
  return (await readStandardSettings(db, siteId)).repairArrivalMinutes ?? DEFAULT_REPAIR_ARRIVAL_MINUTES;
}

function recordEvent(tx: Tx, row: { siteId: string; workOrderId: string; status: WorkOrderStatus; by: ActorRef; note?: string | null }): void {
  tx.deferInsert('work_order_events', {
    id: newId(tx.now),
    site_id: row.siteId,
    work_order_id: row.workOrderId,
    status: row.status,
    by_person: row.by.personId,
    by_name: row.by.name,
    note: row.note ?? null,
    at: tx.now,
  });
}

/** Where a work order is, in both languages: the asset's names, or else the zone's. */
const assetLabel = (asset: Pick<AssetsTable, 'name_zh' | 'name_en'> | undefined, zoneName: string): LocalText =>
  asset ? { zh: `${asset.name_zh} ${asset.name_en}`, en: asset.name_en } : { zh: zoneName, en: zoneName };

export interface RaiseWorkOrderInput {
  id: string;
  siteId: string;
  zoneId: string;
  asset: AssetsTable | undefined;
  source: WorkOrderSource;
  anomalyId: string | null;
  description: string;
  photoId: string | null;
  reporter: ActorRef;
}

/** Records a work order inside the caller's transaction, arms its arrival timers and tells the technicians. */
export async function raiseWorkOrder(tx: Tx, input: RaiseWorkOrderInput): Promise<WorkOrdersTable> {
  const minutes = await arrivalMinutes(tx.trx, input.siteId);
  const row: WorkOrdersTable = {
    id: input.id,
    site_id: input.siteId,
    zone_id: input.zoneId,
    asset_id: input.asset?.id ?? null,
    source: input.source,
    anomaly_id: input.anomalyId,
    description: input.description.trim(),
    photo_id: input.photoId,
    after_photo_id: null,
    status: 'reported',
    reported_by: input.reporter.personId,
    technician_id: null,
    reported_at: tx.now,
    accepted_at: null,
    arrived_at: null,
    done_at: null,
    verified_at: null,
    arrival_deadline_at: tx.now + minutes * 60_000,
    escalation_level: 0,
    pause_reason: null,
    done_note: null,
    updated_at: tx.now,
  };
  await insertWorkOrder(tx.trx, row);
  for (const level of [1, 2] as const) {
    await scheduleTimer(tx, {
      id: slaTimerId(row.id, level),
      kind: REPAIR_SLA_TIMER,
      siteId: row.site_id,
      dueAt: row.reported_at + level * minutes * 60_000,
      payload: { workOrderId: row.id, level },
    });
  }
  recordEvent(tx, { siteId: row.site_id, workOrderId: row.id, status: 'reported', by: input.reporter, note: row.description });
  await recordAudit(tx, input.reporter, {
    siteId: row.site_id,
    action: 'work_order.report',
    entityType: 'work_order',
    entityId: row.id,
    detail: { source: row.source, assetId: row.asset_id, zoneId: row.zone_id, anomalyId: row.anomaly_id },
  });
  const zone = await findZoneRow(tx.trx, row.site_id, row.zone_id);
  await notifyPeople(tx, await personIdsOnPostKind(tx.trx, row.site_id, 'TECH'), {
    siteId: row.site_id,
    code: 'repair.reported',
    params: { place: assetLabel(input.asset, zone?.name ?? ''), description: row.description, minutes },
  });
  tx.emit({ siteId: row.site_id }, 'work_order.changed', {
    workOrderId: row.id,
    status: row.status,
    assetId: row.asset_id,
    zoneId: row.zone_id,
    description: row.description,
  });
  return row;
}

async function storedWorkOrder(deps: Deps, siteId: string, id: string): Promise<WorkOrdersTable | undefined> {
  const stored = await findWorkOrderById(deps.db, id);
  if (stored && stored.site_id !== siteId) throw new AppError('ID_CONFLICT', { message: 'This id belongs to another record' });
  return stored;
}

/** From a staff phone (zone or asset, description, photo) or from an anomaly marked as needing repair. */
export async function createWorkOrder(
  deps: Deps,
  actor: Actor,
  siteId: string,
  input: { id: string; zoneId?: string; assetId?: string; anomalyId?: string; description: string; photoId?: string },
): Promise<{ workOrder: WorkOrder; created: boolean }> {
  requireSiteRole(actor, siteId, REPAIR_REPORTERS);
  const asset = input.assetId ? await requireAsset(deps, siteId, input.assetId) : undefined;
  if (asset && input.zoneId && asset.zone_id !== input.zoneId)
    throw new AppError('ASSET_NOT_IN_ZONE', { params: { assetId: asset.id, zoneId: input.zoneId } });
  let zoneId = asset?.zone_id ?? input.zoneId;
  if (input.anomalyId) {
    // Raising a work order from an anomaly is the handler's decision, as handling it is.
    requireSiteRole(actor, siteId, ROLE_GROUPS.overseers);
    const anomaly = await findAnomalyRow(deps.db, siteId, input.anomalyId);
    if (!anomaly) throw new AppError('ANOMALY_NOT_FOUND', { params: { anomalyId: input.anomalyId } });
    if (!zoneId && anomaly.post_id) zoneId = (await findPostRow(deps.db, siteId, anomaly.post_id))?.zone_id ?? undefined;
  }
  if (!zoneId) throw new AppError('VALIDATION_FAILED', { message: 'Say where: a zone or an asset', params: { field: 'zoneId' } });
  if (!asset && !(await findZoneRow(deps.db, siteId, zoneId))) throw new AppError('ZONE_NOT_FOUND', { params: { zoneId } });
  if (input.photoId) await assertPhotoOnSite(deps, siteId, input.photoId);
  const where = zoneId;
  const { value, created } = await writeOnce(
    () => storedWorkOrder(deps, siteId, input.id),
    () =>
      inTransaction(deps, (tx) =>
        raiseWorkOrder(tx, {
          id: input.id,
          siteId,
          zoneId: where,
          asset,
          source: input.anomalyId ? 'anomaly' : 'staff',
          anomalyId: input.anomalyId ?? null,
          description: input.description,
          photoId: input.photoId ?? null,
          reporter: actorRef(actor),
        }),
      ),
  );
  return { workOrder: (await toWorkOrders(deps, [value]))[0]!, created };
}

// ---- the public asset page ----

async function assetForCode(deps: Deps, code: string): Promise<AssetsTable> {
  const asset = await findAssetByCode(deps.db, code);
  if (!asset) throw new AppError('ASSET_NOT_FOUND', { message: 'No asset has this code' });
  if (asset.code_revoked_at !== null) throw new AppError('ASSET_CODE_REVOKED', { message: 'This label was withdrawn' });
  return asset;
}

export async function publicAsset(deps: Deps, code: string): Promise<PublicAsset> {
  const asset = await assetForCode(deps, code);
  const [site, zone] = await Promise.all([findSiteRow(deps.db, asset.site_id), findZoneRow(deps.db, asset.site_id, asset.zone_id)]);
  return {
    siteName: site?.name ?? '',
    zoneName: zone?.name ?? '',
    category: asset.category as PublicAsset['category'],
    nameZh: asset.name_zh,
    nameEn: asset.name_en,
    locationNote: asset.location_note,
  };
}

/** Anyone in front of the asset, no login. The caller has already checked the rate limits. */
export async function publicReport(deps: Deps, code: string, input: { id: string; description: string }): Promise<PublicReportReceipt> {
  const asset = await assetForCode(deps, code);
  const site = await findSiteRow(deps.db, asset.site_id);
  const visitor: ActorRef = { personId: null, name: '访客 Visitor', companyId: site!.company_id, requestId: null };
  const { value } = await writeOnce(
    () => storedWorkOrder(deps, asset.site_id, input.id),
    () =>
      inTransaction(deps, (tx) =>
        raiseWorkOrder(tx, {
          id: input.id,
          siteId: asset.site_id,
          zoneId: asset.zone_id,
          asset,
          source: 'public',
          anomalyId: null,
          description: input.description,
          photoId: null,
          reporter: visitor,
        }),
      ),
  );
  return {
    workOrderId: value.id,
    reportedAt: value.reported_at,
    arrivalMinutes: Math.round((value.arrival_deadline_at - value.reported_at) / 60_000),
  };
}

export const assetIdForCode = async (deps: Deps, code: string): Promise<string> => (await assetForCode(deps, code)).id;

/**
 * The label's code as ids, for a signed-in member of the asset's site (the technician's "I'm
 * here" on the public page). Anyone else learns only that there is no such asset for them.
 */
export async function lookUpAssetCode(deps: Deps, actor: Actor, code: string): Promise<AssetCodeLookup> {
  const asset = await findAssetByCode(deps.db, code);
  if (!asset || asset.code_revoked_at !== null || !roleOn(actor, asset.site_id)) throw new AppError('ASSET_NOT_FOUND');
  return { siteId: asset.site_id, assetId: asset.id };
}

// ---- reading ----

export async function listWorkOrders(
  deps: Deps,
  actor: Actor,
  siteId: string,
  query: { limit?: number; cursor?: string; status?: string; assetId?: string; breached?: boolean },
): Promise<PageOf<WorkOrder>> {
  requireSiteMember(actor, siteId);
  const page = pageRequest(query, 'desc');
  const rows = await listWorkOrderRows(deps.db, siteId, page, {
    status: query.status,
    assetId: query.assetId,
    breachedAt: query.breached ? deps.clock.now() : undefined,
  });
  return toPageBatched(rows, page, (pageRows) => toWorkOrders(deps, pageRows));
}

export async function getWorkOrder(deps: Deps, actor: Actor, siteId: string, workOrderId: string): Promise<WorkOrder> {
  requireSiteMember(actor, siteId);
  const row = await findWorkOrderRow(deps.db, siteId, workOrderId);
  if (!row) throw new AppError('WORK_ORDER_NOT_FOUND', { params: { workOrderId } });
  return (await toWorkOrders(deps, [row]))[0]!;
}

// ---- moving through the states ----

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
  input: { code: string; lat?: number; lng?: number; at?: number },
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
    async (tx) => {
      // Arrived: the escalations that have not fired yet have nothing left to say.
      await cancelTimer(tx, slaTimerId(row.id, 1));
      await cancelTimer(tx, slaTimerId(row.id, 2));
    },
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
  input: { note: string; afterPhotoId?: string },
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

// ---- stats ----

export async function workOrderStats(deps: Deps, actor: Actor, siteId: string, month: string): Promise<WorkOrderStats> {
  requireSiteRole(actor, siteId, ROLE_GROUPS.overseers);
  const site = await findSiteRow(deps.db, siteId);
  const tz = site?.time_zone ?? 'Asia/Shanghai';
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  const from = instantAt(`${month}-01`, '00:00', tz);
  const to = instantAt(`${next}-01`, '00:00', tz);
  const rows = await listReportedBetween(deps.db, siteId, from, to);
  const now = deps.clock.now();
  const byTech = new Map<string | null, typeof rows>();
  for (const r of rows) byTech.set(r.technician_id, [...(byTech.get(r.technician_id) ?? []), r]);
  const names = await findPersonNames(
    deps.db,
    [...byTech.keys()].filter((k): k is string => k !== null),
  );
  const mean = (xs: number[]) => (xs.length === 0 ? null : Math.round(xs.reduce((a, b) => a + b, 0) / xs.length));
  const technicians = [...byTech.entries()].map(([technicianId, list]) => ({
    technicianId,
    technicianName: technicianId ? (names.get(technicianId) ?? null) : null,
    workOrders: list.length,
    avgResponseMs: mean(list.flatMap((r) => (r.accepted_at !== null ? [r.accepted_at - r.reported_at] : []))),
    avgArrivalMs: mean(list.flatMap((r) => (r.arrived_at !== null ? [r.arrived_at - r.reported_at] : []))),
    slaBreaches: list.filter((r) => isBreached(r, now)).length,
  }));
  technicians.sort((a, b) => b.workOrders - a.workOrders);
  return {
    month,
    arrivalMinutes: await arrivalMinutes(deps.db, siteId),
    total: rows.length,
    slaBreaches: technicians.reduce((n, t) => n + t.slaBreaches, 0),
    technicians,
  };
}

// ---- escalation ----

/**
 * Report + N minutes and nobody on the spot: level 1 alerts the supervisors, level 2 (report + 2N)
 * the managers. Idempotent: the level only ever rises, and arrival (which cancels the timers)
 * also makes a late-firing timer a no-op.
 */
export function registerRepairTimers(timers: TimerRunner): void {
  timers.register(REPAIR_SLA_TIMER, async (tx, timer) => {
    const { workOrderId, level } = timer.payload as { workOrderId: string; level: 1 | 2 };
    const row = await findWorkOrderById(tx.trx, workOrderId);
    if (!row || row.arrived_at !== null || !OPEN_BEFORE_ARRIVAL.includes(row.status as 'reported')) return;
    if ((await setEscalationLevel(tx.trx, workOrderId, level)) === 0) return;
    const site = await findSiteRow(tx.trx, row.site_id);
    let to = await siteOverseerIds(tx.trx, row.site_id, [level === 1 ? 'supervisor' : 'site_manager']);
    if (to.length === 0 && level === 1) to = await siteOverseerIds(tx.trx, row.site_id, ['site_manager']);
    const minutes = Math.round((tx.now - row.reported_at) / 60_000);
    const [asset] = row.asset_id ? await findAssetsByIds(tx.trx, row.site_id, [row.asset_id]) : [];
    const zone = await findZoneRow(tx.trx, row.site_id, row.zone_id);
    await notifyPeople(tx, to, {
      siteId: row.site_id,
      code: 'repair.not_reached',
      params: { place: assetLabel(asset, zone?.name ?? ''), description: row.description, minutes },
    });
    await recordAudit(
      tx,
      { personId: null, name: null, companyId: site!.company_id, requestId: null },
      { siteId: row.site_id, action: 'work_order.escalate', entityType: 'work_order', entityId: row.id, detail: { level, minutes } },
    );
    recordEvent(tx, {
      siteId: row.site_id,
      workOrderId: row.id,
      status: row.status as WorkOrderStatus,
      by: { personId: null, name: null, companyId: site!.company_id, requestId: null },
      note: level === 1 ? 'escalated:supervisor' : 'escalated:manager',
    });
    tx.emit({ siteId: row.site_id }, 'work_order.escalated', { workOrderId: row.id, level, description: row.description });
    notifyGroups(tx, {
      siteId: row.site_id,
      kind: 'repair.escalated',
      title: `报修超时未到场 Repair not reached: ${assetLabel(asset, zone?.name ?? '').zh}`,
      lines: [
        row.description,
        `已 ${minutes} 分钟无人到场 / ${minutes} min since the report`,
        level === 1 ? '已通知主管 / supervisors told' : '已通知经理 / managers told',
      ],
      link: `/sites/${row.site_id}/repairs`,
      refs: { workOrderId: row.id },
    });
  });
}
