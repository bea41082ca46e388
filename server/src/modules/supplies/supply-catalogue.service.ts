/**
 * Supplies (物资), the catalogue: the site's items (names, unit, category, low-stock threshold) and its
 * stores (吧台仓, 保洁仓). Items are archived, never deleted, so the ledger keeps its history.
 */
import type { PageOf, PageQuery, SupplyItem, SupplyItemBody, SupplyStore, SupplyStoreBody, UpdateSupplyItemBody } from '@anchang/contracts';
import type { Static } from '@sinclair/typebox';
import type { SupplyItemsTable } from '../../db/schema.js';
import { isUniqueViolation } from '../../db/create-db.js';
import { actorRef, type Actor } from '../../platform/auth/actor.js';
import { requireSiteMember, requireSiteRole } from '../../platform/auth/policy.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { pageRequest, toPage } from '../../platform/http/pagination.js';
import { inTransaction, inWriteBatch, type Deps } from '../../platform/tx.js';
import { recordAudit } from '../audit/index.js';
import { STOCK_KEEPERS } from './supplies.policy.js';
import * as repo from './supplies.repository.js';

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

// ---- items ----

export async function listItems(deps: Deps, actor: Actor, siteId: string, query: PageQuery): Promise<PageOf<SupplyItem>> {
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

// ---- stores ----

export async function listStores(deps: Deps, actor: Actor, siteId: string, query: PageQuery): Promise<PageOf<SupplyStore>> {
  requireSiteMember(actor, siteId);
  const page = pageRequest(query, 'asc');
  return toPage(await repo.listStoreRows(deps.db, siteId, page), page, (r) => ({
    id: r.id,
    siteId: r.site_id,
    name: r.name,
    createdAt: r.created_at,
  }));
}

export async function createStore(deps: Deps, actor: Actor, siteId: string, input: Static<typeof SupplyStoreBody>): Promise<SupplyStore> {
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

/** For the requisition form: every line that names a supply item must name one of this site's. */
export async function assertSupplyItemsOnSite(deps: Pick<Deps, 'db'>, siteId: string, itemIds: string[]): Promise<void> {
  const wanted = [...new Set(itemIds)];
  const found = await repo.findItemsByIds(deps.db, siteId, wanted);
  const missing = wanted.filter((id) => !found.some((f) => f.id === id));
  if (missing.length > 0) throw new AppError('SUPPLY_ITEM_NOT_FOUND', { params: { supplyItemIds: missing } });
}
