/**
 * The stock ledger: every receipt, issue and count is a batch of movements; each movement changes
 * on-hand in the same transaction, so the level and the ledger never disagree. An issue that would
 * take more than is on hand is refused whole (409 INSUFFICIENT_STOCK) and the attempt is kept in
 * the audit log; so is a negative count. Falling to a threshold alerts the overseers once.
 */
import type { StockBatch, StockBatchBody, StockCountBody, StockMovement } from '@anchang/contracts';
import type { SupplyBatchesTable, SupplyItemsTable, SupplyMovementsTable } from '../../db/schema.js';
import { actorRef, type Actor } from '../../platform/auth/actor.js';
import { requireSiteRole } from '../../platform/auth/policy.js';
import { AppError } from '../../platform/errors.js';
import { writeOnce } from '../../platform/idempotent.js';
import { newId } from '../../platform/ids.js';
import { localParts, mondayOf } from '../../platform/site-time.js';
import { inTransaction, type Deps, type Tx } from '../../platform/tx.js';
import { recordAudit, recordAuditNow } from '../audit/index.js';
import { notifyPeople } from '../notifications/index.js';
import { findPersonNames, siteOverseerIds } from '../people/index.js';
import { markRequisitionIssued } from '../shift-forms/index.js';
import { findSiteRow } from '../sites/index.js';
import { duplicateItemIds, lowStockTransition } from './supplies.rules.js';
import { STOCK_KEEPERS } from './supplies.policy.js';
import * as repo from './supplies.repository.js';

type Change = { itemId: string; delta: number } | { itemId: string; set: number };

export interface BatchInput {
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
export async function toMovements(deps: Deps, rows: SupplyMovementsTable[]): Promise<StockMovement[]> {
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

export async function toBatch(deps: Deps, row: SupplyBatchesTable): Promise<StockBatch> {
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
    // The batch's unique requisition_id refuses a second issue; the requisition keeps when it was issued.
    if (input.requisitionId) await markRequisitionIssued(tx.trx, input.requisitionId, tx.now);
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
export async function writeRefusalsAudited(deps: Deps, actor: Actor, siteId: string, input: BatchInput): Promise<SupplyBatchesTable> {
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

/** A receipt or an issue filed directly, not against a requisition: each line's quantity moves stock in (+1) or out (-1). */
function moveLines(deps: Deps, actor: Actor, siteId: string, input: StockBatchBody, kind: 'receipt' | 'issue', direction: 1 | -1) {
  requireSiteRole(actor, siteId, STOCK_KEEPERS);
  return writeBatchOnce(deps, actor, siteId, {
    id: input.id,
    kind,
    storeId: input.storeId,
    requisitionId: null,
    note: input.note?.trim() ?? '',
    changes: input.lines.map((l) => ({ itemId: l.itemId, delta: direction * l.quantity })),
  });
}

export function receive(deps: Deps, actor: Actor, siteId: string, input: StockBatchBody) {
  return moveLines(deps, actor, siteId, input, 'receipt', 1);
}

export function issue(deps: Deps, actor: Actor, siteId: string, input: StockBatchBody) {
  return moveLines(deps, actor, siteId, input, 'issue', -1);
}

export async function count(deps: Deps, actor: Actor, siteId: string, input: StockCountBody): Promise<{ batch: StockBatch; created: boolean }> {
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
