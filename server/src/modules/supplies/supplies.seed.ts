/**
 * Demo supplies and model-room item lists: two stores with fifteen items, four weeks of
 * receipts and issues behind them (so the weekly consumption has something to show, and the
 * ledger adds up to on-hand), a couple of items already low; each model room's item list.
 */
import type { Transaction } from 'kysely';
import type { DB, SupplyMovementsTable } from '../../db/schema.js';
import { newId } from '../../platform/ids.js';
import { addDays, localParts, mondayOf } from '../../platform/site-time.js';
import type { SupplyCategory } from '@anchang/contracts';
import { insertModelRoomItems } from '../model-room-inventory/index.js';
import { listZoneIdsOfKind } from '../zones/index.js';
import { insertBatches, insertItems, insertMovements, insertStockRows, insertStores } from './supplies.repository.js';

const DAY = 86_400_000;

const ITEMS: {
  store: 'bar' | 'clean';
  zh: string;
  en: string;
  unit: string;
  category: SupplyCategory;
  threshold: number;
  received: number;
  weekly: number;
}[] = [
  { store: 'bar', zh: '矿泉水', en: 'Bottled water', unit: '瓶', category: 'drinks', threshold: 48, received: 480, weekly: 96 },
  { store: 'bar', zh: '咖啡豆', en: 'Coffee beans', unit: '袋', category: 'drinks', threshold: 3, received: 16, weekly: 3 },
  { store: 'bar', zh: '茶包', en: 'Tea bags', unit: '盒', category: 'drinks', threshold: 4, received: 20, weekly: 4 },
  { store: 'bar', zh: '果汁', en: 'Juice', unit: '瓶', category: 'drinks', threshold: 24, received: 144, weekly: 30 },
  { store: 'bar', zh: '糖果', en: 'Candy', unit: '袋', category: 'snacks', threshold: 5, received: 30, weekly: 6 },
  { store: 'bar', zh: '小点心', en: 'Biscuits', unit: '盒', category: 'snacks', threshold: 6, received: 28, weekly: 7 },
  { store: 'bar', zh: '纸杯', en: 'Paper cups', unit: '条', category: 'tableware', threshold: 10, received: 60, weekly: 12 },
  { store: 'bar', zh: '餐巾纸', en: 'Napkins', unit: '包', category: 'tableware', threshold: 10, received: 50, weekly: 9 },
  { store: 'bar', zh: '楼盘杂志', en: 'Project magazine', unit: '本', category: 'print', threshold: 20, received: 200, weekly: 35 },
  { store: 'bar', zh: '鞋套', en: 'Shoe covers', unit: '双', category: 'guest', threshold: 100, received: 800, weekly: 160 },
  { store: 'clean', zh: '毛巾', en: 'Towels', unit: '条', category: 'cleaning', threshold: 10, received: 40, weekly: 4 },
  { store: 'clean', zh: '洗手液', en: 'Hand soap', unit: '瓶', category: 'cleaning', threshold: 4, received: 16, weekly: 3 },
  { store: 'clean', zh: '玻璃清洁剂', en: 'Glass cleaner', unit: '瓶', category: 'cleaning', threshold: 3, received: 12, weekly: 2 },
  { store: 'clean', zh: '垃圾袋', en: 'Bin bags', unit: '卷', category: 'cleaning', threshold: 8, received: 40, weekly: 8 },
  { store: 'clean', zh: '卫生纸', en: 'Toilet paper', unit: '卷', category: 'cleaning', threshold: 24, received: 120, weekly: 25 },
];

const ROOM_ITEMS: { name: string; quantity: number; position: string }[] = [
  { name: '沙发抱枕', quantity: 4, position: '客厅沙发' },
  { name: '装饰花瓶', quantity: 2, position: '电视柜两侧' },
  { name: '挂画', quantity: 3, position: '客厅、主卧、书房' },
  { name: '台灯', quantity: 2, position: '主卧床头柜' },
  { name: '餐具套装', quantity: 6, position: '餐桌' },
  { name: '绿植盆栽', quantity: 3, position: '阳台' },
  { name: '装饰书', quantity: 12, position: '书房书架' },
  { name: '儿童玩偶', quantity: 2, position: '儿童房床上' },
];

export async function seedDemoSupplies(trx: Transaction<DB>, siteId: string, managerId: string, now: number): Promise<void> {
  const stores = { bar: newId(), clean: newId() };
  await insertStores(trx, [
    { id: stores.bar, site_id: siteId, name: '吧台仓', created_at: now },
    { id: stores.clean, site_id: siteId, name: '保洁仓', created_at: now },
  ]);
  // One receipt four weeks ago, then one issue per store per week, oldest first.
  const thisMonday = mondayOf(localParts(now, 'Asia/Shanghai').date);
  const weeks = [28, 21, 14, 7, 0].map((d) => ({ week: addDays(thisMonday, -d), at: now - d * DAY }));
  const batch = (kind: string, storeId: string, at: number, note: string) => ({
    id: newId(),
    site_id: siteId,
    kind,
    store_id: storeId,
    requisition_id: null,
    note,
    by_person: managerId,
    at,
  });
  const receipts = { bar: batch('receipt', stores.bar, weeks[0]!.at, '月初进货'), clean: batch('receipt', stores.clean, weeks[0]!.at, '月初进货') };
  const issues = weeks
    .slice(1)
    .map((w) => ({ w, bar: batch('issue', stores.bar, w.at, '每周领用'), clean: batch('issue', stores.clean, w.at, '每周领用') }));
  await insertBatches(trx, [receipts.bar, receipts.clean, ...issues.flatMap((i) => [i.bar, i.clean])]);
  // Items first, then their movements in time order: ids are time-ordered, and the ledger reads
  // newest first by id.
  const seeded = ITEMS.map((item) => ({ ...item, itemId: newId(), storeId: stores[item.store], onHand: 0 }));
  await insertItems(
    trx,
    seeded.map((it) => ({
      id: it.itemId,
      site_id: siteId,
      name_zh: it.zh,
      name_en: it.en,
      unit: it.unit,
      category: it.category,
      low_stock_threshold: it.threshold,
      archived_at: null,
      created_at: now,
      updated_at: now,
    })),
  );
  const movements: SupplyMovementsTable[] = [];
  const move = (it: (typeof seeded)[number], batchId: string, kind: string, delta: number, w: { week: string; at: number }) => {
    it.onHand += delta;
    movements.push({
      id: newId(),
      site_id: siteId,
      batch_id: batchId,
      kind,
      store_id: it.storeId,
      item_id: it.itemId,
      delta,
      on_hand_after: it.onHand,
      week: w.week,
      at: w.at,
    });
  };
  for (const it of seeded) move(it, receipts[it.store].id, 'receipt', it.received, weeks[0]!);
  for (const [i, { w, ...b }] of issues.entries()) {
    for (const [n, it] of seeded.entries()) {
      // A little variation week to week, and never more than is on hand.
      const quantity = Math.min(it.onHand, it.weekly + ((n + i) % 3) - 1);
      if (quantity > 0) move(it, b[it.store].id, 'issue', -quantity, w);
    }
  }
  await insertStockRows(
    trx,
    seeded.map((it) => ({
      id: newId(),
      site_id: siteId,
      store_id: it.storeId,
      item_id: it.itemId,
      on_hand: it.onHand,
      low: it.onHand <= it.threshold ? 1 : 0,
      updated_at: now,
    })),
  );
  for (let i = 0; i < movements.length; i += 50) await insertMovements(trx, movements.slice(i, i + 50));

  const rooms = await listZoneIdsOfKind(trx, siteId, 'MODEL_ROOM');
  await insertModelRoomItems(
    trx,
    rooms.flatMap((zoneId) =>
      ROOM_ITEMS.map((item) => ({
        id: newId(),
        site_id: siteId,
        zone_id: zoneId,
        name: item.name,
        quantity: item.quantity,
        photo_id: null,
        position_note: item.position,
        archived_at: null,
        created_at: now,
        updated_at: now,
      })),
    ),
  );
}
