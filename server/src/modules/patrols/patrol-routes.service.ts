/**
 * Patrols (SECURITY-1, SECURITY-4): routes of ordered checkpoints with planned minutes,
 * schedules that make one round per slot, and each round proven checkpoint by checkpoint by
 * the scans of the person who walks it. A round is judged when its last checkpoint's planned
 * time plus the grace has passed; a missed or late one alerts the supervisors.
 *
 * This file holds the routes: the checkpoints in walking order and the minute each is due.
 */
import type { PageOf, PageQuery, PatrolRoute, PatrolRouteBody, UpdatePatrolRouteBody } from '@anchang/contracts';
import type { Static } from '@sinclair/typebox';
import type { PatrolRoutesTable } from '../../db/schema.js';
import { actorRef, type Actor } from '../../platform/auth/actor.js';
import { requireSiteMember, requireSiteRole } from '../../platform/auth/policy.js';
import { AppError } from '../../platform/errors.js';
import { writeOnce } from '../../platform/idempotent.js';
import { pageRequest, toPageBatched } from '../../platform/http/pagination.js';
import { inTransaction, type Deps } from '../../platform/tx.js';
import { recordAudit } from '../audit/index.js';
import { findCheckpointNames, liveCheckpointIds } from '../checkpoints/index.js';
import { findZoneNames } from '../zones/index.js';
import { stopScheduleIn } from './patrol-schedules.service.js';
import { PATROL_PLANNERS } from './patrols.policy.js';
import {
  activeSchedulesOfRoute,
  findRoute,
  findRouteById,
  insertRoute,
  listRouteRows,
  listStops,
  replaceStops,
  updateRouteRow,
} from './patrols.repository.js';

type StopsInput = Static<typeof PatrolRouteBody>['stops'];

async function toRoutes(deps: Pick<Deps, 'db'>, rows: PatrolRoutesTable[]): Promise<PatrolRoute[]> {
  const stops = await listStops(
    deps.db,
    rows.map((r) => r.id),
  );
  const checkpoints = new Map(
    (
      await findCheckpointNames(
        deps.db,
        stops.map((s) => s.checkpoint_id),
      )
    ).map((c) => [c.id, c]),
  );
  const zoneNames = await findZoneNames(
    deps.db,
    [...checkpoints.values()].map((c) => c.zone_id),
  );
  return rows.map((r) => ({
    id: r.id,
    siteId: r.site_id,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    stops: stops
      .filter((s) => s.route_id === r.id)
      .map((s) => {
        const checkpoint = checkpoints.get(s.checkpoint_id);
        return {
          checkpointId: s.checkpoint_id,
          plannedMinute: s.planned_minute,
          nameZh: checkpoint?.name_zh ?? '',
          nameEn: checkpoint?.name_en ?? '',
          zoneName: checkpoint ? (zoneNames.get(checkpoint.zone_id) ?? '') : '',
        };
      }),
    archivedAt: r.archived_at,
    createdAt: r.created_at,
  }));
}

async function assertStops(deps: Deps, siteId: string, stops: StopsInput): Promise<void> {
  const live = await liveCheckpointIds(
    deps.db,
    siteId,
    stops.map((s) => s.checkpointId),
  );
  const unknown = stops.filter((s) => !live.has(s.checkpointId)).map((s) => s.checkpointId);
  if (unknown.length) throw new AppError('CHECKPOINT_NOT_FOUND', { params: { checkpointIds: unknown } });
  if (new Set(stops.map((s) => s.checkpointId)).size !== stops.length)
    throw new AppError('VALIDATION_FAILED', { message: 'A checkpoint appears twice on the route', params: { field: 'stops' } });
  for (let i = 1; i < stops.length; i += 1) {
    if (stops[i]!.plannedMinute < stops[i - 1]!.plannedMinute)
      throw new AppError('VALIDATION_FAILED', {
        message: 'Planned minutes must not go backwards along the route',
        params: { field: 'stops' },
      });
  }
}

export async function listRoutes(deps: Deps, actor: Actor, siteId: string, query: PageQuery): Promise<PageOf<PatrolRoute>> {
  requireSiteMember(actor, siteId);
  const page = pageRequest(query, 'asc');
  return toPageBatched(await listRouteRows(deps.db, siteId, page), page, (rows) => toRoutes(deps, rows));
}

export async function createRoute(
  deps: Deps,
  actor: Actor,
  siteId: string,
  input: Static<typeof PatrolRouteBody>,
): Promise<{ route: PatrolRoute; created: boolean }> {
  requireSiteRole(actor, siteId, PATROL_PLANNERS);
  const { value, created } = await writeOnce(
    async () => {
      const stored = await findRouteById(deps.db, input.id);
      if (stored && stored.site_id !== siteId) throw new AppError('ID_CONFLICT', { message: 'This id belongs to another record' });
      return stored;
    },
    async () => {
      await assertStops(deps, siteId, input.stops);
      return inTransaction(deps, async (tx) => {
        const row: PatrolRoutesTable = {
          id: input.id,
          site_id: siteId,
          name_zh: input.nameZh.trim(),
          name_en: input.nameEn.trim(),
          archived_at: null,
          created_at: tx.now,
          updated_at: tx.now,
        };
        await insertRoute(tx.trx, row);
        await replaceStops(tx.trx, siteId, row.id, input.stops);
        await recordAudit(tx, actorRef(actor), {
          siteId,
          action: 'patrol.route_create',
          entityType: 'patrol_route',
          entityId: row.id,
          detail: { nameZh: row.name_zh, stops: input.stops },
        });
        return row;
      });
    },
  );
  return { route: (await toRoutes(deps, [value]))[0]!, created };
}

/** New stops apply to rounds planned from now on; rounds already planned keep theirs. */
export async function updateRoute(
  deps: Deps,
  actor: Actor,
  siteId: string,
  routeId: string,
  patch: Static<typeof UpdatePatrolRouteBody>,
): Promise<PatrolRoute> {
  requireSiteRole(actor, siteId, PATROL_PLANNERS);
  const route = await findRoute(deps.db, siteId, routeId);
  if (!route || route.archived_at !== null) throw new AppError('PATROL_ROUTE_NOT_FOUND', { params: { routeId } });
  if (patch.stops) await assertStops(deps, siteId, patch.stops);
  await inTransaction(deps, async (tx) => {
    await updateRouteRow(tx.trx, routeId, {
      name_zh: patch.nameZh?.trim() ?? route.name_zh,
      name_en: patch.nameEn?.trim() ?? route.name_en,
      updated_at: tx.now,
    });
    if (patch.stops) await replaceStops(tx.trx, siteId, routeId, patch.stops);
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: 'patrol.route_update',
      entityType: 'patrol_route',
      entityId: routeId,
      detail: { ...patch },
    });
  });
  return (await toRoutes(deps, [(await findRoute(deps.db, siteId, routeId))!]))[0]!;
}

/** Archives the route and stops its schedules; rounds already walked stay as history. */
export async function archiveRoute(deps: Deps, actor: Actor, siteId: string, routeId: string): Promise<void> {
  requireSiteRole(actor, siteId, PATROL_PLANNERS);
  const route = await findRoute(deps.db, siteId, routeId);
  if (!route || route.archived_at !== null) throw new AppError('PATROL_ROUTE_NOT_FOUND', { params: { routeId } });
  await inTransaction(deps, async (tx) => {
    await updateRouteRow(tx.trx, routeId, { archived_at: tx.now, updated_at: tx.now });
    for (const schedule of await activeSchedulesOfRoute(tx.trx, routeId)) await stopScheduleIn(tx, schedule);
    await recordAudit(tx, actorRef(actor), { siteId, action: 'patrol.route_archive', entityType: 'patrol_route', entityId: routeId });
    tx.emit({ siteId }, 'patrol.round_changed', { roundId: routeId, routeId, status: 'archived' });
  });
}
