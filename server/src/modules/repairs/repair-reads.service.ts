/**
 * Reading work orders: the site's list (newest first, filtered by status, asset or a missed
 * arrival), one work order with its history, and a month's response and arrival times per
 * technician.
 */
import { ROLE_GROUPS, type PageOf, type WorkOrder, type WorkOrderListQuery, type WorkOrderStats } from '@anchang/contracts';
import type { Static } from '@sinclair/typebox';
import type { Actor } from '../../platform/auth/actor.js';
import { requireSiteMember, requireSiteRole } from '../../platform/auth/policy.js';
import { AppError } from '../../platform/errors.js';
import { pageRequest, toPageBatched } from '../../platform/http/pagination.js';
import { instantAt } from '../../platform/site-time.js';
import type { Deps } from '../../platform/tx.js';
import { findPersonNames } from '../people/index.js';
import { findSiteRow } from '../sites/index.js';
import { findWorkOrderRow, listReportedBetween, listWorkOrderRows } from './repairs.repository.js';
import { arrivalMinutes, isBreached, toWorkOrders } from './work-orders.js';

export async function listWorkOrders(deps: Deps, actor: Actor, siteId: string, query: Static<typeof WorkOrderListQuery>): Promise<PageOf<WorkOrder>> {
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
