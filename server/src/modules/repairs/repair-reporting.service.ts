/**
 * Reporting a repair: from a staff phone, from an anomaly, from a daily check (checks.service.ts
 * calls raiseWorkOrder) or by anyone in front of an asset through its public QR page. Whatever the
 * source, raiseWorkOrder records it, arms the arrival timers and tells the technicians.
 */
import {
  ROLE_GROUPS,
  type AssetCodeLookup,
  type CreateWorkOrderBody,
  type PublicAsset,
  type PublicReportBody,
  type PublicReportReceipt,
  type WorkOrder,
} from '@anchang/contracts';
import type { Static } from '@sinclair/typebox';
import type { AssetsTable, WorkOrdersTable } from '../../db/schema.js';
import { actorRef, type Actor, type ActorRef } from '../../platform/auth/actor.js';
import { requireSiteRole, roleOn } from '../../platform/auth/policy.js';
import { AppError } from '../../platform/errors.js';
import { writeOnce } from '../../platform/idempotent.js';
import { inTransaction, type Deps, type Tx } from '../../platform/tx.js';
import { findAnomalyRow } from '../anomalies/index.js';
import { recordAudit } from '../audit/index.js';
import { findAssetByCode, requireAsset } from '../equipment/index.js';
import { notifyPeople } from '../notifications/index.js';
import { personIdsOnPostKind } from '../people/index.js';
import { assertPhotoOnSite } from '../photos/index.js';
import { findPostRow } from '../posts/index.js';
import { findSiteRow } from '../sites/index.js';
import { findZoneRow } from '../zones/index.js';
import { scheduleArrivalTimers } from './repairs.jobs.js';
import { REPAIR_REPORTERS } from './repairs.policy.js';
import { findWorkOrderById, insertWorkOrder } from './repairs.repository.js';
import { arrivalMinutes, assetLabel, recordEvent, toWorkOrders, type WorkOrderSource } from './work-orders.js';

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
  await scheduleArrivalTimers(tx, row, minutes);
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
  input: CreateWorkOrderBody,
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
export async function publicReport(deps: Deps, code: string, input: Static<typeof PublicReportBody>): Promise<PublicReportReceipt> {
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
