import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../../db/create-db.js';
import type { DB, SupplyBatchesTable, SupplyItemsTable, SupplyMovementsTable, SupplyStockTable, SupplyStoresTable } from '../../db/schema.js';
import type { PageRequest } from '../../platform/http/pagination.js';

type Q = Kysely<DB>;

export const findItemRow = (db: Q, siteId: string, id: string) =>
  db.selectFrom('supply_items').selectAll().where('site_id', '=', siteId).where('id', '=', id).where('archived_at', 'is', null).executeTakeFirst();

export const findItemsByIds = (db: Q, siteId: string, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db.selectFrom('supply_items').selectAll().where('site_id', '=', siteId).where('id', 'in', ids).where('archived_at', 'is', null).execute();

export const findItemByName = (db: Q, siteId: string, nameZh: string) =>
  db
    .selectFrom('supply_items')
    .select('id')
    .where('site_id', '=', siteId)
    .where('name_zh', '=', nameZh)
    .where('archived_at', 'is', null)
    .executeTakeFirst();

export function listItemRows(db: Q, siteId: string, page: PageRequest) {
  let q = db.selectFrom('supply_items').selectAll().where('site_id', '=', siteId).where('archived_at', 'is', null);
  if (page.afterId) q = q.where('id', '>', page.afterId);
  return q
    .orderBy('id')
    .limit(page.limit + 1)
    .execute();
}

export async function insertItems(db: Q, rows: SupplyItemsTable[]): Promise<void> {
  await db.insertInto('supply_items').values(rows).execute();
}

export async function updateItemRow(db: Q, id: string, patch: Partial<SupplyItemsTable>): Promise<void> {
  await db.updateTable('supply_items').set(patch).where('id', '=', id).execute();
}

export async function insertStores(db: Q, rows: SupplyStoresTable[]): Promise<void> {
  await db.insertInto('supply_stores').values(rows).execute();
}

export const findStoreRow = (db: Q, siteId: string, id: string) =>
  db.selectFrom('supply_stores').selectAll().where('site_id', '=', siteId).where('id', '=', id).executeTakeFirst();
export const findStoreByName = (db: Q, siteId: string, name: string) =>
  db.selectFrom('supply_stores').select('id').where('site_id', '=', siteId).where('name', '=', name).executeTakeFirst();
export const findStoresByIds = (db: Q, ids: string[]) =>
  ids.length === 0 ? Promise.resolve([]) : db.selectFrom('supply_stores').select(['id', 'name']).where('id', 'in', ids).execute();

export function listStoreRows(db: Q, siteId: string, page: PageRequest) {
  let q = db.selectFrom('supply_stores').selectAll().where('site_id', '=', siteId);
  if (page.afterId) q = q.where('id', '>', page.afterId);
  return q
    .orderBy('id')
    .limit(page.limit + 1)
    .execute();
}

/** Stock levels with their item and store, for the on-hand table and the phone's lookup. */
export function listStockRows(db: Q, siteId: string, page: PageRequest, filter: { storeId?: string; lowOnly?: boolean }) {
  let q = db
    .selectFrom('supply_stock as s')
    .innerJoin('supply_items as i', 'i.id', 's.item_id')
    .innerJoin('supply_stores as st', 'st.id', 's.store_id')
    .select([
      's.id',
      's.store_id',
      'st.name as store_name',
      's.item_id',
      'i.name_zh',
      'i.name_en',
      'i.unit',
      'i.category',
      's.on_hand',
      'i.low_stock_threshold',
      's.low',
      's.updated_at',
    ])
    .where('s.site_id', '=', siteId)
    .where('i.archived_at', 'is', null);
  if (filter.storeId) q = q.where('s.store_id', '=', filter.storeId);
  if (filter.lowOnly) q = q.where('s.low', '=', 1);
  if (page.afterId) q = q.where('s.id', '>', page.afterId);
  return q
    .orderBy('s.id')
    .limit(page.limit + 1)
    .execute();
}

/** Makes sure a stock row exists for each item in the store (at zero), so updates below have a row to move. */
export async function ensureStockRows(db: Q, rows: { id: string; siteId: string; storeId: string; itemId: string; now: number }[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('supply_stock')
    .values(rows.map((r) => ({ id: r.id, site_id: r.siteId, store_id: r.storeId, item_id: r.itemId, on_hand: 0, low: 0, updated_at: r.now })))
    .onConflict((oc) => oc.columns(['store_id', 'item_id']).doNothing())
    .execute();
}

/** Stock rows at the levels given, for items that have none in their store yet. */
export async function insertStockRows(db: Q, rows: SupplyStockTable[]): Promise<void> {
  await db.insertInto('supply_stock').values(rows).execute();
}

export const findStockRow = (db: Q, storeId: string, itemId: string) =>
  db.selectFrom('supply_stock').selectAll().where('store_id', '=', storeId).where('item_id', '=', itemId).executeTakeFirst();

/** The level a count replaces, locked on PostgreSQL so a receipt in between cannot skew the recorded difference. */
export function findStockRowForCount(db: Q, dialect: DialectName, storeId: string, itemId: string) {
  const q = db.selectFrom('supply_stock').selectAll().where('store_id', '=', storeId).where('item_id', '=', itemId);
  return (dialect === 'postgres' ? q.forUpdate() : q).executeTakeFirstOrThrow();
}

/** Adds `delta` to on-hand unless that would go below zero; the new level, or undefined when refused. */
export async function moveStock(db: Q, storeId: string, itemId: string, delta: number, now: number) {
  return db
    .updateTable('supply_stock')
    .set({ on_hand: sql`on_hand + ${delta}`, updated_at: now })
    .where('store_id', '=', storeId)
    .where('item_id', '=', itemId)
    .where('on_hand', '>=', -delta)
    .returning(['id', 'on_hand', 'low'])
    .executeTakeFirst();
}

export async function setStock(db: Q, storeId: string, itemId: string, onHand: number, now: number) {
  return db
    .updateTable('supply_stock')
    .set({ on_hand: onHand, updated_at: now })
    .where('store_id', '=', storeId)
    .where('item_id', '=', itemId)
    .returning(['id', 'on_hand', 'low'])
    .executeTakeFirstOrThrow();
}

/** Flips the remembered side of the threshold; false when another writer already flipped it. */
export async function flipLow(db: Q, stockId: string, low: boolean): Promise<boolean> {
  const res = await db
    .updateTable('supply_stock')
    .set({ low: low ? 1 : 0 })
    .where('id', '=', stockId)
    .where('low', '=', low ? 0 : 1)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

export async function insertBatch(db: Q, row: SupplyBatchesTable): Promise<void> {
  await db.insertInto('supply_batches').values(row).execute();
}

export async function insertBatches(db: Q, rows: SupplyBatchesTable[]): Promise<void> {
  await db.insertInto('supply_batches').values(rows).execute();
}

export async function insertMovements(db: Q, rows: SupplyMovementsTable[]): Promise<void> {
  await db.insertInto('supply_movements').values(rows).execute();
}

export const findBatchById = (db: Q, id: string) => db.selectFrom('supply_batches').selectAll().where('id', '=', id).executeTakeFirst();
export const findBatchForRequisition = (db: Q, requisitionId: string) =>
  db.selectFrom('supply_batches').selectAll().where('requisition_id', '=', requisitionId).executeTakeFirst();

export function listBatchRows(db: Q, siteId: string, page: PageRequest, kind: string | undefined) {
  let q = db.selectFrom('supply_batches').selectAll().where('site_id', '=', siteId);
  if (kind) q = q.where('kind', '=', kind);
  if (page.afterId) q = q.where('id', '<', page.afterId);
  return q
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
}

export const findMovementsOfBatches = (db: Q, batchIds: string[]) =>
  batchIds.length === 0
    ? Promise.resolve([])
    : db.selectFrom('supply_movements').selectAll().where('batch_id', 'in', batchIds).orderBy('id').execute();

export function listMovementRows(db: Q, siteId: string, page: PageRequest, filter: { storeId?: string; itemId?: string; kind?: string }) {
  let q = db.selectFrom('supply_movements').selectAll().where('site_id', '=', siteId);
  if (filter.storeId) q = q.where('store_id', '=', filter.storeId);
  if (filter.itemId) q = q.where('item_id', '=', filter.itemId);
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  if (page.afterId) q = q.where('id', '<', page.afterId);
  return q
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
}

export const findItemsAnyState = (db: Q, ids: string[]) =>
  ids.length === 0 ? Promise.resolve([]) : db.selectFrom('supply_items').selectAll().where('id', 'in', ids).execute();
export const findBatchesByIds = (db: Q, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db.selectFrom('supply_batches').select(['id', 'requisition_id', 'note', 'by_person']).where('id', 'in', ids).execute();

/** Issued quantities of the given items, summed per week, for weeks in [fromWeek, toWeek]. */
export function weeklyIssues(db: Q, siteId: string, itemIds: string[], fromWeek: string, toWeek: string) {
  if (itemIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('supply_movements')
    .select(['item_id', 'week', (eb) => eb.fn.sum<number | string>('delta').as('delta')])
    .where('site_id', '=', siteId)
    .where('kind', '=', 'issue')
    .where('item_id', 'in', itemIds)
    .where('week', '>=', fromWeek)
    .where('week', '<=', toWeek)
    .groupBy(['item_id', 'week'])
    .execute();
}

/** The stores that issued the given requisitions, by requisition id (one batch each at most). */
export const findIssuingStoresOfRequisitions = (db: Q, requisitionIds: string[]) =>
  requisitionIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('supply_batches as b')
        .innerJoin('supply_stores as st', 'st.id', 'b.store_id')
        .select(['b.requisition_id', 'st.name as store_name'])
        .where('b.requisition_id', 'in', requisitionIds)
        .execute();

/** For period figures: quantities issued (领用) per item in [fromMs, toMs), with the item's names. */
export async function listIssuedOfPeriod(db: Q, siteId: string, fromMs: number, toMs: number) {
  const rows = await db
    .selectFrom('supply_movements as m')
    .innerJoin('supply_items as i', 'i.id', 'm.item_id')
    .select(['i.id', 'i.name_zh', 'i.name_en', 'i.unit', 'i.category', (eb) => eb.fn.sum<number | string>('m.delta').as('delta')])
    .where('m.site_id', '=', siteId)
    .where('m.kind', '=', 'issue')
    .where('m.at', '>=', fromMs)
    .where('m.at', '<', toMs)
    .groupBy(['i.id', 'i.name_zh', 'i.name_en', 'i.unit', 'i.category'])
    .execute();
  // An issue moves stock out: its delta is negative.
  return rows.map((r) => ({ itemId: r.id, nameZh: r.name_zh, nameEn: r.name_en, unit: r.unit, category: r.category, quantity: -Number(r.delta) }));
}
