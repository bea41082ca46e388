/**
 * Reading the stores: on hand per item and store, the batches and the ledger (newest first), and
 * issued quantities per item per site-local week.
 */
import type {
  ConsumptionQuery,
  ItemConsumption,
  MovementQuery,
  PageOf,
  StockBatch,
  StockBatchQuery,
  StockLevel,
  StockMovement,
  StockQuery,
} from '@anchang/contracts';
import type { Static } from '@sinclair/typebox';
import type { Actor } from '../../platform/auth/actor.js';
import { requireSiteMember, requireSiteRole } from '../../platform/auth/policy.js';
import { AppError } from '../../platform/errors.js';
import { pageRequest, toPage, toPageBatched } from '../../platform/http/pagination.js';
import { isValidDate } from '../../platform/site-time.js';
import type { Deps } from '../../platform/tx.js';
import { findPersonNames } from '../people/index.js';
import { toMovements } from './stock-ledger.service.js';
import { consumptionByWeek, MAX_REPORT_WEEKS, weeksBetween } from './supplies.rules.js';
import { STOCK_KEEPERS } from './supplies.policy.js';
import * as repo from './supplies.repository.js';

export async function stockLevels(deps: Deps, actor: Actor, siteId: string, query: Static<typeof StockQuery>): Promise<PageOf<StockLevel>> {
  requireSiteMember(actor, siteId);
  const page = pageRequest(query, 'asc');
  return toPage(await repo.listStockRows(deps.db, siteId, page, query), page, (r) => ({
    id: r.id,
    storeId: r.store_id,
    storeName: r.store_name,
    itemId: r.item_id,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    unit: r.unit,
    category: r.category as StockLevel['category'],
    onHand: r.on_hand,
    lowStockThreshold: r.low_stock_threshold,
    low: r.low === 1,
    updatedAt: r.updated_at,
  }));
}

export async function listBatches(deps: Deps, actor: Actor, siteId: string, query: Static<typeof StockBatchQuery>): Promise<PageOf<StockBatch>> {
  requireSiteRole(actor, siteId, STOCK_KEEPERS);
  const page = pageRequest(query, 'desc');
  return toPageBatched(await repo.listBatchRows(deps.db, siteId, page, query.kind), page, async (rows) => {
    const movements = await toMovements(
      deps,
      await repo.findMovementsOfBatches(
        deps.db,
        rows.map((r) => r.id),
      ),
    );
    const names = await findPersonNames(
      deps.db,
      rows.map((r) => r.by_person),
    );
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind as StockBatch['kind'],
      storeId: r.store_id,
      requisitionId: r.requisition_id,
      byName: names.get(r.by_person) ?? '',
      at: r.at,
      movements: movements.filter((m) => m.batchId === r.id),
    }));
  });
}

export async function listMovements(deps: Deps, actor: Actor, siteId: string, query: Static<typeof MovementQuery>): Promise<PageOf<StockMovement>> {
  requireSiteRole(actor, siteId, STOCK_KEEPERS);
  const page = pageRequest(query, 'desc');
  return toPageBatched(await repo.listMovementRows(deps.db, siteId, page, query), page, (rows) => toMovements(deps, rows));
}

/** Issued quantities per item per week, a page of items at a time (oldest item first). */
export async function consumption(
  deps: Deps,
  actor: Actor,
  siteId: string,
  query: Static<typeof ConsumptionQuery>,
): Promise<PageOf<ItemConsumption>> {
  requireSiteRole(actor, siteId, STOCK_KEEPERS);
  if (!isValidDate(query.from)) throw new AppError('INVALID_DATE', { params: { from: query.from } });
  if (!isValidDate(query.to)) throw new AppError('INVALID_DATE', { params: { to: query.to } });
  if (query.to < query.from) throw new AppError('INVALID_TIME_RANGE', { params: { from: query.from, to: query.to } });
  const weeks = weeksBetween(query.from, query.to);
  if (!weeks) throw new AppError('INVALID_TIME_RANGE', { params: { from: query.from, to: query.to, maxWeeks: MAX_REPORT_WEEKS } });
  const page = pageRequest(query, 'asc');
  return toPageBatched(await repo.listItemRows(deps.db, siteId, page), page, async (items) => {
    const sums = await repo.weeklyIssues(
      deps.db,
      siteId,
      items.map((i) => i.id),
      weeks[0]!,
      weeks[weeks.length - 1]!,
    );
    return items.map((i) => ({
      itemId: i.id,
      nameZh: i.name_zh,
      nameEn: i.name_en,
      unit: i.unit,
      ...consumptionByWeek(
        weeks,
        sums.filter((s) => s.item_id === i.id).map((s) => ({ week: s.week, delta: Number(s.delta) })),
      ),
    }));
  });
}
