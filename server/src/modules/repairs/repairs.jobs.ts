/**
 * The on-site arrival timers of a work order: report + N minutes (the site's arrival minutes, 5 by
 * default) alerts the supervisors, report + 2N the managers. Each level has a deterministic id
 * (`repair-sla:<workOrderId>:<level>`), so it is booked once and fires once; arrival cancels both.
 */
import type { WorkOrderStatus } from '@anchang/contracts';
import type { WorkOrdersTable } from '../../db/schema.js';
import { cancelTimers, scheduleTimer, type TimerRunner } from '../../platform/timers/timers.js';
import type { Tx } from '../../platform/tx.js';
import { recordAudit } from '../audit/index.js';
import { findAssetsByIds } from '../equipment/index.js';
import { notifyGroups } from '../integrations/index.js';
import { notifyPeople } from '../notifications/index.js';
import { siteOverseerIds } from '../people/index.js';
import { findSiteRow } from '../sites/index.js';
import { findZoneRow } from '../zones/index.js';
import { findWorkOrderById, setEscalationLevel } from './repairs.repository.js';
import { assetLabel, OPEN_BEFORE_ARRIVAL, recordEvent } from './work-orders.js';

export const REPAIR_SLA_TIMER = 'repair-sla';
const slaTimerId = (workOrderId: string, level: 1 | 2) => `${REPAIR_SLA_TIMER}:${workOrderId}:${level}`;

/** Books both escalations of a work order just raised, at report + N and report + 2N minutes. */
export async function scheduleArrivalTimers(tx: Tx, row: WorkOrdersTable, minutes: number): Promise<void> {
  for (const level of [1, 2] as const) {
    await scheduleTimer(tx, {
      id: slaTimerId(row.id, level),
      kind: REPAIR_SLA_TIMER,
      siteId: row.site_id,
      dueAt: row.reported_at + level * minutes * 60_000,
      payload: { workOrderId: row.id, level },
    });
  }
}

/** Arrived: the escalations that have not fired yet have nothing left to say. */
export async function cancelArrivalTimers(tx: Tx, workOrderId: string): Promise<void> {
  await cancelTimers(tx, [slaTimerId(workOrderId, 1), slaTimerId(workOrderId, 2)]);
}

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
