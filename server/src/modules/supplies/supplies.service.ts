/**
 * Supplies (物资): items, stores, and stock kept as a ledger. Every receipt, issue and count
 * is a batch of movements; each movement changes on-hand in the same transaction, so the level
 * and the ledger never disagree. An issue that would take more than is on hand is refused whole
 * (409 INSUFFICIENT_STOCK) and the attempt is kept in the audit log; so is a negative count.
 * An approved post-shift requisition (HALL-POST-2) is issued once, from one store.
 */
import {
  ROLE_GROUPS,
  type ItemConsumption,
  type PageOf,
  type RequisitionToIssue,
  type StockBatch,
  type StockLevel,
  type StockMovement,
  type SupplyItem,
  type SupplyItemBody,
  type SupplyStore,
  type UpdateSupplyItemBody,
} from '@anchang/contracts';
import type { SupplyBatchesTable, SupplyItemsTable, SupplyMovementsTable } from '../../db/schema.js';
import { isUniqueViolation } from '../../db/create-db.js';
import { actorRef, type Actor } from '../../platform/auth/actor.js';
import { requireSiteMember, requireSiteRole } from '../../platform/auth/policy.js';
import { AppError } from '../../platform/errors.js';
import { writeOnce } from '../../platform/idempotent.js';
import { newId } from '../../platform/ids.js';
import { pageRequest, toPage, toPageBatched } from '../../platform/http/pagination.js';
import { isValidDate, localParts, mondayOf } from '../../platform/site-time.js';
import { inTransaction, inWriteBatch, type Deps, type Tx } from '../../platform/tx.js';
import { recordAudit, recordAuditNow } from '../audit/index.js';
import { notifyPeople } from '../notifications/index.js';
import { findPersonNames, siteOverseerIds } from '../people/index.js';
import { findSiteRow } from '../sites/index.js';
import { consumptionByWeek, duplicateItemIds, lowStockTransition, MAX_REPORT_WEEKS, weeksBetween } from './supplies.rules.js';
import * as repo from './supplies.repository.js';

/** Who keeps the stores: receives, issues, counts and manages the item list. */
export const STOCK_KEEPERS = ROLE_GROUPS.stockKeepers;

const toItem = (r: SupplyItemsTable): SupplyItem => ({
  id: r.id,
  siteId: r.site_id,
  nameZh: r.name_zh,
  nameEn: r.name_en,
  unit: r.unit,
  category: r.category as SupplyItem['category'],
  lowStockThreshold: r.low_stock_threshold,
  createdAt: r.created_at,
});

// ---- items and stores ----

export async function listItems(deps: Deps, actor: Actor, siteId: string, query: { limit?: number; cursor?: string }): Promise<PageOf<SupplyItem>> {
  requireSiteMember(actor, siteId);
  const page = pageRequest(query, 'asc');
  return toPage(await repo.listItemRows(deps.db, siteId, page), page, toItem);
}

async function assertNameFree(deps: Deps, siteId: string, nameZh: string, exceptId?: string): Promise<void> {
  const other = await repo.findItemByName(deps.db, siteId, nameZh);
  if (other && other.id !== exceptId) throw new AppError('SUPPLY_ITEM_NAME_TAKEN', { params: { nameZh } });
}

export async function createItem(deps: Deps, actor: Actor, siteId: string, input: SupplyItemBody): Promise<SupplyItem> {
  requireSiteRole(actor, siteId, STOCK_KEEPERS);
  const nameZh = input.nameZh.trim();
  await assertNameFree(deps, siteId, nameZh);
  return inWriteBatch(deps, async (tx) => {
    const row: SupplyItemsTable = {
      id: newId(),
      site_id: siteId,
      name_zh: nameZh,
      name_en: input.nameEn.trim(),
      unit: input.unit.trim(),
      category: input.category,
      low_stock_threshold: input.lowStockThreshold,
      archived_at: null,
      created_at: tx.now,
      updated_at: tx.now,
    };
    tx.deferInsert('supply_items', row);
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: 'supplies.item_create',
      entityType: 'supply_item',
      entityId: row.id,
      detail: { ...input },
    });
    return toItem(row);
  });
}

export async function updateItem(deps: Deps, actor: Actor, siteId: string, itemId: string, input: UpdateSupplyItemBody): Promise<SupplyItem> {
  requireSiteRole(actor, siteId, STOCK_KEEPERS);
  const row = await repo.findItemRow(deps.db, siteId, itemId);
  if (!row) throw new AppError('SUPPLY_ITEM_NOT_FOUND', { params: { supplyItemId: itemId } });
  if (input.nameZh !== undefined) await assertNameFree(deps, siteId, input.nameZh.trim(), itemId);
  await inTransaction(deps, async (tx) => {
    await repo.updateItemRow(tx.trx, itemId, {
      ...(input.nameZh !== undefined ? { name_zh: input.nameZh.trim() } : {}),
      ...(input.nameEn !== undefined ? { name_en: input.nameEn.trim() } : {}),
      ...(input.unit !== undefined ? { unit: input.unit.trim() } : {}),
      ...(input.category !== undefined ? { category: input.category } : {}),
      ...(input.lowStockThreshold !== undefined ? { low_stock_threshold: input.lowStockThreshold } : {}),
      updated_at: tx.now,
    });
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: 'supplies.item_update',
      entityType: 'supply_item',
      entityId: itemId,
      detail: { ...input },
    });
  });
  return toItem((await repo.findItemRow(deps.db, siteId, itemId))!);
}

/** Items leave the list but stay in the ledger's history. */
export async function archiveItem(deps: Deps, actor: Actor, siteId: string, itemId: string): Promise<void> {
  requireSiteRole(actor, siteId, STOCK_KEEPERS);
  const row = await repo.findItemRow(deps.db, siteId, itemId);
  if (!row) throw new AppError('SUPPLY_ITEM_NOT_FOUND', { params: { supplyItemId: itemId } });
  await inTransaction(deps, async (tx) => {
    await repo.updateItemRow(tx.trx, itemId, { archived_at: tx.now, updated_at: tx.now });
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: 'supplies.item_archive',
      entityType: 'supply_item',
      entityId: itemId,
      detail: { nameZh: row.name_zh },
    });
  });
}

export async function listStores(deps: Deps, actor: Actor, siteId: string, query: { limit?: number; cursor?: string }): Promise<PageOf<SupplyStore>> {
  requireSiteMember(actor, siteId);
  const page = pageRequest(query, 'asc');
  return toPage(await repo.listStoreRows(deps.db, siteId, page), page, (r) => ({
    id: r.id,
    siteId: r.site_id,
    name: r.name,
    createdAt: r.created_at,
  }));
}

export async function createStore(deps: Deps, actor: Actor, siteId: string, input: { name: string }): Promise<SupplyStore> {
  requireSiteRole(actor, siteId, STOCK_KEEPERS);
  const name = input.name.trim();
  if (await repo.findStoreByName(deps.db, siteId, name)) throw new AppError('SUPPLY_STORE_NAME_TAKEN', { params: { name } });
  try {
    return await inWriteBatch(deps, async (tx) => {
      const row = { id: newId(), site_id: siteId, name, created_at: tx.now };
      tx.deferInsert('supply_stores', row);
      await recordAudit(tx, actorRef(actor), {
        siteId,
        action: 'supplies.store_create',
        entityType: 'supply_store',
        entityId: row.id,
        detail: { name },
      });
      return { id: row.id, siteId, name, createdAt: row.created_at };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('SUPPLY_STORE_NAME_TAKEN', { params: { name } });
    throw err;
  }
}

// ---- stock ----

export async function stockLevels(
  deps: Deps,
  actor: Actor,
  siteId: string,
  query: { limit?: number; cursor?: string; storeId?: string; lowOnly?: boolean },
): Promise<PageOf<StockLevel>> {
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

type Change = { itemId: string; delta: number } | { itemId: string; set: number };

interface BatchInput {
  id: string;
  kind: 'receipt' | 'issue' | 'count';
  storeId: string;
  requisitionId: string | null;
  /** Who filed the requisition being issued: told on their phone. */
  requestedBy?: string;
  note: string;
  changes: Change[];
}

/** The movements of batches, with item, store and people names. */
async function toMovements(deps: Deps, rows: SupplyMovementsTable[]): Promise<StockMovement[]> {
  const [items, stores, batches] = await Promise.all([
    repo.findItemsAnyState(deps.db, [...new Set(rows.map((r) => r.item_id))]),
    repo.findStoresByIds(deps.db, [...new Set(rows.map((r) => r.store_id))]),
    repo.findBatchesByIds(deps.db, [...new Set(rows.map((r) => r.batch_id))]),
  ]);
  const names = await findPersonNames(
    deps.db,
    batches.map((b) => b.by_person),
  );
  const item = new Map(items.map((i) => [i.id, i]));
  const store = new Map(stores.map((s) => [s.id, s.name]));
  const batch = new Map(batches.map((b) => [b.id, b]));
  return rows.map((r) => {
    const i = item.get(r.item_id);
    const b = batch.get(r.batch_id);
    return {
      id: r.id,
      batchId: r.batch_id,
      kind: r.kind as StockMovement['kind'],
      storeId: r.store_id,
      storeName: store.get(r.store_id) ?? '',
      itemId: r.item_id,
      nameZh: i?.name_zh ?? '',
      nameEn: i?.name_en ?? '',
      unit: i?.unit ?? '',
      delta: r.delta,
      onHandAfter: r.on_hand_after,
      requisitionId: b?.requisition_id ?? null,
      note: b?.note ?? '',
      byName: b ? (names.get(b.by_person) ?? '') : '',
      at: r.at,
    };
  });
}

async function toBatch(deps: Deps, row: SupplyBatchesTable): Promise<StockBatch> {
  const movements = await toMovements(deps, await repo.findMovementsOfBatches(deps.db, [row.id]));
  const names = await findPersonNames(deps.db, [row.by_person]);
  return {
    id: row.id,
    kind: row.kind as StockBatch['kind'],
    storeId: row.store_id,
    requisitionId: row.requisition_id,
    byName: names.get(row.by_person) ?? '',
    at: row.at,
    movements,
  };
}

/**
 * Writes a batch and moves stock for each of its lines, in one transaction: every line moves or
 * none does. Crossing a threshold downwards alerts the site's overseers once.
 */
async function writeBatch(deps: Deps, actor: Actor, siteId: string, input: BatchInput): Promise<SupplyBatchesTable> {
  const dup = duplicateItemIds(input.changes);
  if (dup.length > 0) throw new AppError('DUPLICATE_LINE', { params: { itemIds: dup } });
  const store = await repo.findStoreRow(deps.db, siteId, input.storeId);
  if (!store) throw new AppError('SUPPLY_STORE_NOT_FOUND', { params: { storeId: input.storeId } });
  const items = await repo.findItemsByIds(
    deps.db,
    siteId,
    input.changes.map((c) => c.itemId),
  );
  const item = new Map(items.map((i) => [i.id, i]));
  const unknown = input.changes.filter((c) => !item.has(c.itemId)).map((c) => c.itemId);
  if (unknown.length > 0) throw new AppError('SUPPLY_ITEM_NOT_FOUND', { params: { supplyItemIds: unknown } });
  const site = await findSiteRow(deps.db, siteId);
  const overseers = await siteOverseerIds(deps.db, siteId, STOCK_KEEPERS);

  return inTransaction(deps, async (tx) => {
    const week = mondayOf(localParts(tx.now, site?.time_zone ?? 'Asia/Shanghai').date);
    const batch: SupplyBatchesTable = {
      id: input.id,
      site_id: siteId,
      kind: input.kind,
      store_id: store.id,
      requisition_id: input.requisitionId,
      note: input.note,
      by_person: actor.personId,
      at: tx.now,
    };
    await repo.insertBatch(tx.trx, batch);
    await repo.ensureStockRows(
      tx.trx,
      input.changes.map((c) => ({ id: newId(), siteId, storeId: store.id, itemId: c.itemId, now: tx.now })),
    );
    for (const change of input.changes) {
      const it = item.get(change.itemId)!;
      let moved: { id: string; on_hand: number; low: number };
      let delta: number;
      if ('set' in change) {
        const before = await repo.findStockRowForCount(tx.trx, tx.dialect, store.id, change.itemId);
        moved = await repo.setStock(tx.trx, store.id, change.itemId, change.set, tx.now);
        delta = change.set - before.on_hand;
      } else {
        const res = await repo.moveStock(tx.trx, store.id, change.itemId, change.delta, tx.now);
        if (!res) {
          const current = await repo.findStockRow(tx.trx, store.id, change.itemId);
          throw new AppError('INSUFFICIENT_STOCK', {
            params: { storeId: store.id, itemId: it.id, itemName: it.name_zh, onHand: current?.on_hand ?? 0, requested: -change.delta },
          });
        }
        moved = res;
        delta = change.delta;
      }
      tx.deferInsert('supply_movements', {
        id: newId(),
        site_id: siteId,
        batch_id: batch.id,
        kind: input.kind,
        store_id: store.id,
        item_id: it.id,
        delta,
        on_hand_after: moved.on_hand,
        week,
        at: tx.now,
      });
      await followThreshold(tx, actor, siteId, overseers, { stockId: moved.id, wasLow: moved.low === 1, onHand: moved.on_hand }, store, it);
    }
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: `supplies.${input.kind}`,
      entityType: 'supply_batch',
      entityId: batch.id,
      detail: { storeId: store.id, requisitionId: input.requisitionId, lines: input.changes },
    });
    tx.emit({ siteId }, 'supplies.changed', { storeId: store.id, batchId: batch.id, kind: input.kind });
    if (input.requisitionId) {
      tx.emit({ siteId }, 'requisition.changed', { requisitionId: input.requisitionId, status: 'issued' });
      if (input.requestedBy)
        tx.emit({ personId: input.requestedBy, siteId }, 'requisition.changed', { requisitionId: input.requisitionId, status: 'issued' });
    }
    return batch;
  });
}

/** The low-stock alert: once when a level falls to or below the threshold, re-armed when it rises above. */
async function followThreshold(
  tx: Tx,
  actor: Actor,
  siteId: string,
  overseers: string[],
  level: { stockId: string; wasLow: boolean; onHand: number },
  store: { id: string; name: string },
  item: SupplyItemsTable,
): Promise<void> {
  const transition = lowStockTransition(level.wasLow, level.onHand, item.low_stock_threshold);
  if (transition === 'recovered') await repo.flipLow(tx.trx, level.stockId, false);
  if (transition !== 'alert' || !(await repo.flipLow(tx.trx, level.stockId, true))) return;
  await notifyPeople(tx, overseers, {
    siteId,
    code: 'supplies.low_stock',
    params: {
      item: { zh: item.name_zh, en: item.name_en },
      store: store.name,
      onHand: level.onHand,
      unit: item.unit,
      threshold: item.low_stock_threshold,
    },
    fromName: actor.name,
  });
  tx.emit({ siteId }, 'supplies.low_stock', {
    storeId: store.id,
    storeName: store.name,
    itemId: item.id,
    itemName: item.name_zh,
    onHand: level.onHand,
    threshold: item.low_stock_threshold,
  });
}

/** A batch keyed by the client's id: a resent request answers with what the first stored. */
async function writeBatchOnce(deps: Deps, actor: Actor, siteId: string, input: BatchInput): Promise<{ batch: StockBatch; created: boolean }> {
  const { value, created } = await writeOnce(
    async () => {
      const stored = await repo.findBatchById(deps.db, input.id);
      if (stored && (stored.site_id !== siteId || stored.kind !== input.kind))
        throw new AppError('ID_CONFLICT', { message: 'This id belongs to another record' });
      return stored;
    },
    () => writeRefusalsAudited(deps, actor, siteId, input),
  );
  return { batch: await toBatch(deps, value), created };
}

/** A refused issue rolls back; the attempt itself is still written to the audit log. */
async function writeRefusalsAudited(deps: Deps, actor: Actor, siteId: string, input: BatchInput): Promise<SupplyBatchesTable> {
  try {
    return await writeBatch(deps, actor, siteId, input);
  } catch (err) {
    if (err instanceof AppError && err.code === 'INSUFFICIENT_STOCK') {
      await recordAuditNow(deps, actorRef(actor), {
        siteId,
        action: 'supplies.issue_refused',
        entityType: 'supply_batch',
        entityId: input.id,
        detail: { code: err.code, storeId: input.storeId, requisitionId: input.requisitionId, lines: input.changes, ...err.params },
      });
    }
    throw err;
  }
}

export function receive(
  deps: Deps,
  actor: Actor,
  siteId: string,
  input: { id: string; storeId: string; lines: { itemId: string; quantity: number }[]; note?: string },
) {
  requireSiteRole(actor, siteId, STOCK_KEEPERS);
  return writeBatchOnce(deps, actor, siteId, {
    id: input.id,
    kind: 'receipt',
    storeId: input.storeId,
    requisitionId: null,
    note: input.note?.trim() ?? '',
    changes: input.lines.map((l) => ({ itemId: l.itemId, delta: l.quantity })),
  });
}

export function issue(
  deps: Deps,
  actor: Actor,
  siteId: string,
  input: { id: string; storeId: string; lines: { itemId: string; quantity: number }[]; note?: string },
) {
  requireSiteRole(actor, siteId, STOCK_KEEPERS);
  return writeBatchOnce(deps, actor, siteId, {
    id: input.id,
    kind: 'issue',
    storeId: input.storeId,
    requisitionId: null,
    note: input.note?.trim() ?? '',
    changes: input.lines.map((l) => ({ itemId: l.itemId, delta: -l.quantity })),
  });
}

export async function count(
  deps: Deps,
  actor: Actor,
  siteId: string,
  input: { id: string; storeId: string; lines: { itemId: string; counted: number }[]; note?: string },
): Promise<{ batch: StockBatch; created: boolean }> {
  requireSiteRole(actor, siteId, STOCK_KEEPERS);
  const negative = input.lines.filter((l) => l.counted < 0);
  if (negative.length > 0) {
    await recordAuditNow(deps, actorRef(actor), {
      siteId,
      action: 'supplies.count_refused',
      entityType: 'supply_batch',
      entityId: input.id,
      detail: { code: 'NEGATIVE_COUNT', storeId: input.storeId, lines: negative },
    });
    throw new AppError('NEGATIVE_COUNT', { params: { itemIds: negative.map((l) => l.itemId) } });
  }
  return writeBatchOnce(deps, actor, siteId, {
    id: input.id,
    kind: 'count',
    storeId: input.storeId,
    requisitionId: null,
    note: input.note?.trim() ?? '',
    changes: input.lines.map((l) => ({ itemId: l.itemId, set: l.counted })),
  });
}

/**
 * Issues an approved requisition from a store: every line must name a supply item. The batch
 * id is the requisition's own, so it is issued once whoever presses the button.
 */
export async function issueRequisition(
  deps: Deps,
  actor: Actor,
  siteId: string,
  requisitionId: string,
  input: { storeId: string; note?: string },
): Promise<{ batch: StockBatch; created: boolean }> {
  requireSiteRole(actor, siteId, STOCK_KEEPERS);
  const req = await repo.findRequisitionRow(deps.db, siteId, requisitionId);
  if (!req) throw new AppError('REQUISITION_NOT_FOUND', { params: { requisitionId } });
  const issued = await repo.findBatchForRequisition(deps.db, requisitionId);
  if (issued) throw new AppError('REQUISITION_ALREADY_ISSUED', { params: { requisitionId, at: issued.at } });
  if (req.status !== 'approved') throw new AppError('REQUISITION_NOT_APPROVED', { params: { requisitionId, status: req.status } });
  const lines = JSON.parse(req.lines) as { name: string; quantity: number; itemId?: string }[];
  const unlinked = lines.filter((l) => !l.itemId).map((l) => l.name);
  if (unlinked.length > 0) throw new AppError('REQUISITION_LINE_NOT_LINKED', { params: { names: unlinked } });
  // Two lines may ask for the same item: the store issues their sum.
  const wanted = new Map<string, number>();
  for (const l of lines) wanted.set(l.itemId!, (wanted.get(l.itemId!) ?? 0) + l.quantity);
  const { value, created } = await writeOnce(
    () => repo.findBatchForRequisition(deps.db, requisitionId),
    () =>
      writeRefusalsAudited(deps, actor, siteId, {
        id: newId(),
        kind: 'issue',
        storeId: input.storeId,
        requisitionId,
        requestedBy: req.requested_by,
        note: input.note?.trim() || req.note,
        changes: [...wanted].map(([itemId, quantity]) => ({ itemId, delta: -quantity })),
      }),
  );
  return { batch: await toBatch(deps, value), created };
}

export async function listBatches(
  deps: Deps,
  actor: Actor,
  siteId: string,
  query: { limit?: number; cursor?: string; kind?: string },
): Promise<PageOf<StockBatch>> {
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

export async function listMovements(
  deps: Deps,
  actor: Actor,
  siteId: string,
  query: { limit?: number; cursor?: string; storeId?: string; itemId?: string; kind?: string },
): Promise<PageOf<StockMovement>> {
  requireSiteRole(actor, siteId, STOCK_KEEPERS);
  const page = pageRequest(query, 'desc');
  return toPageBatched(await repo.listMovementRows(deps.db, siteId, page, query), page, (rows) => toMovements(deps, rows));
}

/** Issued quantities per item per week, a page of items at a time (oldest item first). */
export async function consumption(
  deps: Deps,
  actor: Actor,
  siteId: string,
  query: { limit?: number; cursor?: string; from: string; to: string },
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

/** Approved requisitions, to issue or already issued. */
export async function requisitionsToIssue(
  deps: Deps,
  actor: Actor,
  siteId: string,
  query: { limit?: number; cursor?: string; issued?: boolean },
): Promise<PageOf<RequisitionToIssue>> {
  requireSiteRole(actor, siteId, STOCK_KEEPERS);
  const page = pageRequest(query, 'desc');
  return toPageBatched(await repo.listApprovedRequisitions(deps.db, siteId, page, query.issued), page, async (rows) => {
    const names = await findPersonNames(
      deps.db,
      rows.map((r) => r.requested_by),
    );
    return rows.map((r) => ({
      requisitionId: r.id,
      requestedByName: names.get(r.requested_by) ?? '',
      lines: (JSON.parse(r.lines) as { name: string; quantity: number; unit: string; itemId?: string }[]).map((l) => ({
        name: l.name,
        quantity: l.quantity,
        unit: l.unit,
        itemId: l.itemId ?? null,
      })),
      note: r.note,
      decidedAt: r.decided_at,
      createdAt: r.created_at,
      issuedAt: r.issued_at ?? null,
      issuedFromStoreName: r.store_name ?? null,
    }));
  });
}

/** For the requisition form: every line that names a supply item must name one of this site's. */
export async function assertSupplyItemsOnSite(deps: Pick<Deps, 'db'>, siteId: string, itemIds: string[]): Promise<void> {
  const wanted = [...new Set(itemIds)];
  const found = await repo.findItemsByIds(deps.db, siteId, wanted);
  const missing = wanted.filter((id) => !found.some((f) => f.id === id));
  if (missing.length > 0) throw new AppError('SUPPLY_ITEM_NOT_FOUND', { params: { supplyItemIds: missing } });
}
