/**
 * Repairs (报修工单, TECH-3): raised from an anomaly, from a staff phone, from a daily check or by
 * anyone scanning an asset's public QR. The technicians are told at once. The technician must be
 * on the spot within the site's arrival minutes (5 by default), proven by scanning the asset's
 * code or a checkpoint of its zone; if not, a timer alerts the supervisor at report + N minutes
 * and the manager at report + 2N, each exactly once, and arrival cancels both.
 *
 * reported → accepted → arrived → working ⇄ paused → done → verified, or done → reopened → working.
 *
 * This file holds what the module's parts share about a work order: its shape in answers, its
 * arrival limit, and the history step each change records. Raising one lives in
 * repair-reporting.service.ts, the moves in repair-work.service.ts, reading in
 * repair-reads.service.ts, the arrival timers in repairs.jobs.ts.
 */
import { DEFAULT_REPAIR_ARRIVAL_MINUTES, type WorkOrder, type WorkOrderStatus } from '@anchang/contracts';
import type { AssetsTable, WorkOrdersTable } from '../../db/schema.js';
import type { ActorRef } from '../../platform/auth/actor.js';
import { newId } from '../../platform/ids.js';
import type { Deps, Tx } from '../../platform/tx.js';
import { findAssetsByIds } from '../equipment/index.js';
import type { LocalText } from '../notifications/index.js';
import { findPersonNames } from '../people/index.js';
import { readStandardSettings } from '../standards/index.js';
import { findZoneNames } from '../zones/index.js';
import { listEventsOf } from './repairs.repository.js';

export type WorkOrderSource = WorkOrder['source'];

/** The states in which nobody has been on the spot yet: the arrival timers still watch them. */
export const OPEN_BEFORE_ARRIVAL = ['reported', 'accepted'] as const;

export const isBreached = (r: Pick<WorkOrdersTable, 'arrived_at' | 'arrival_deadline_at'>, now: number) =>
  r.arrived_at !== null ? r.arrived_at > r.arrival_deadline_at : now > r.arrival_deadline_at;

export async function toWorkOrders(deps: Pick<Deps, 'db' | 'clock'>, rows: WorkOrdersTable[]): Promise<WorkOrder[]> {
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

export function recordEvent(tx: Tx, row: { siteId: string; workOrderId: string; status: WorkOrderStatus; by: ActorRef; note?: string | null }): void {
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
export const assetLabel = (asset: Pick<AssetsTable, 'name_zh' | 'name_en'> | undefined, zoneName: string): LocalText =>
  asset ? { zh: `${asset.name_zh} ${asset.name_en}`, en: asset.name_en } : { zh: zoneName, en: zoneName };
