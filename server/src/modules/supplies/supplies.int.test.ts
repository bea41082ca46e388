import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ItemConsumption,
  PageOf,
  Requisition,
  RequisitionToIssue,
  StockBatch,
  StockLevel,
  StockMovement,
  SupplyItem,
  SupplyStore,
} from '@anchang/contracts';
import { newId } from '../../platform/ids.js';
import { buildTestApp, type TestApp } from '../../test/build-test-app.js';
import { createCompanyWithSite, createPerson, loginAs, type TestSite } from '../../test/factories.js';
import { connectSocket } from '../../test/ws-client.js';

describe(`supplies: stock ledger, issues, counts, low-stock alerts (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestApp;
  let site: TestSite;
  let base: string;
  let manager: string;
  let supervisorId: string;
  let hostess: { id: string; cookie: string };
  let bar: SupplyStore;
  let server: string;

  beforeAll(async () => {
    t = await buildTestApp();
    t.clock.set(Date.UTC(2026, 10, 23, 2, 0)); // Monday 23 Nov, 10:00 at the site
    const db = t.testDb.database.db;
    site = await createCompanyWithSite(db);
    base = `/api/sites/${site.siteId}`;
    manager = await loginAs(t.app, (await createPerson(db, site, 'site_manager')).login);
    supervisorId = (await createPerson(db, site, 'supervisor')).id;
    const h = await createPerson(db, site, 'staff', { postIds: [site.postId] });
    hostess = { id: h.id, cookie: await loginAs(t.app, h.login) };
    bar = await json<SupplyStore>(call(manager, 'POST', '/supplies/stores', { name: '吧台仓' }), 201);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    server = `http://127.0.0.1:${(t.app.server.address() as net.AddressInfo).port}`;
  });
  afterAll(() => t.close());

  const call = (cookie: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    t.app.inject({ method, url: `${base}${url}`, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });
  async function json<T>(res: ReturnType<typeof call>, status: number): Promise<T> {
    const r = await res;
    expect(r.statusCode, r.body).toBe(status);
    return r.json<T>();
  }
  const code = async (res: ReturnType<typeof call>) => (await res).json<{ error: { code: string } }>().error.code;
  const newItem = (nameZh: string, lowStockThreshold: number) =>
    json<SupplyItem>(call(manager, 'POST', '/supplies/items', { nameZh, nameEn: nameZh, unit: '瓶', category: 'drinks', lowStockThreshold }), 201);
  const receive = (itemId: string, quantity: number) =>
    json<StockBatch>(call(manager, 'POST', '/supplies/receipts', { id: newId(), storeId: bar.id, lines: [{ itemId, quantity }] }), 201);
  const issue = (itemId: string, quantity: number) =>
    call(manager, 'POST', '/supplies/issues', { id: newId(), storeId: bar.id, lines: [{ itemId, quantity }] });
  const onHand = async (itemId: string) =>
    (await json<PageOf<StockLevel>>(call(hostess.cookie, 'GET', `/supplies/stock?storeId=${bar.id}&limit=200`), 200)).items.find(
      (s) => s.itemId === itemId,
    )?.onHand;
  const audit = (action: string) =>
    t.testDb.database.db.selectFrom('audit_log').selectAll().where('site_id', '=', site.siteId).where('action', '=', action).execute();
  const lowAlerts = async (itemName: string) =>
    (
      await t.testDb.database.db
        .selectFrom('notifications')
        .select(['to_person_id', 'title'])
        .where('site_id', '=', site.siteId)
        .where('title', 'like', `%${itemName}`)
        .execute()
    ).filter((n) => n.to_person_id === supervisorId);

  it('refuses an issue over the stock whole (409 INSUFFICIENT_STOCK), keeps stock as it was and audits the attempt', async () => {
    const water = await newItem('矿泉水', 2);
    const cups = await newItem('纸杯', 0);
    await receive(water.id, 10);
    await receive(cups.id, 5);
    const attemptId = newId();
    const refused = await call(manager, 'POST', '/supplies/issues', {
      id: attemptId,
      storeId: bar.id,
      lines: [
        { itemId: water.id, quantity: 3 },
        { itemId: cups.id, quantity: 6 },
      ],
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json<{ error: { code: string; params: Record<string, unknown> } }>().error).toMatchObject({
      code: 'INSUFFICIENT_STOCK',
      params: { itemId: cups.id, onHand: 5, requested: 6 },
    });
    expect(await onHand(water.id)).toBe(10);
    expect(await onHand(cups.id)).toBe(5);
    const refusals = await audit('supplies.issue_refused');
    expect(refusals.map((r) => r.entity_id)).toContain(attemptId);
    const movements = await json<PageOf<StockMovement>>(call(manager, 'GET', `/supplies/movements?itemId=${water.id}`), 200);
    expect(movements.items.map((m) => m.kind)).toEqual(['receipt']);
    // A second hostess on the phone cannot issue at all.
    expect(
      await code(call(hostess.cookie, 'POST', '/supplies/issues', { id: newId(), storeId: bar.id, lines: [{ itemId: water.id, quantity: 1 }] })),
    ).toBe('FORBIDDEN');
  });

  it('replaces on-hand with a count, and refuses a negative count (400 NEGATIVE_COUNT, audited)', async () => {
    const candy = await newItem('糖果', 1);
    await receive(candy.id, 8);
    const sheetId = newId();
    expect(await code(call(manager, 'POST', '/supplies/counts', { id: sheetId, storeId: bar.id, lines: [{ itemId: candy.id, counted: -1 }] }))).toBe(
      'NEGATIVE_COUNT',
    );
    expect(await onHand(candy.id)).toBe(8);
    expect((await audit('supplies.count_refused')).map((r) => r.entity_id)).toContain(sheetId);
    const sheet = await json<StockBatch>(
      call(manager, 'POST', '/supplies/counts', { id: sheetId, storeId: bar.id, lines: [{ itemId: candy.id, counted: 6 }] }),
      201,
    );
    expect(sheet.movements).toMatchObject([{ kind: 'count', delta: -2, onHandAfter: 6 }]);
    expect(await onHand(candy.id)).toBe(6);
    // Sent again (the phone lost the answer): stored once.
    expect(
      (await call(manager, 'POST', '/supplies/counts', { id: sheetId, storeId: bar.id, lines: [{ itemId: candy.id, counted: 6 }] })).statusCode,
    ).toBe(200);
    expect(await onHand(candy.id)).toBe(6);
    // The hall hostess does not count.
    expect(
      await code(call(hostess.cookie, 'POST', '/supplies/counts', { id: newId(), storeId: bar.id, lines: [{ itemId: candy.id, counted: 3 }] })),
    ).toBe('FORBIDDEN');
  });

  it('alerts low stock once per crossing, not on every movement', async () => {
    const coffee = await newItem('咖啡豆', 3);
    await receive(coffee.id, 6);
    expect(await lowAlerts('咖啡豆')).toHaveLength(0);
    await json(issue(coffee.id, 2), 201); // 4: above
    expect(await lowAlerts('咖啡豆')).toHaveLength(0);
    const board = await connectSocket(server, manager);
    await board.waitFor((m) => m.type === 'hello');
    board.send({ type: 'subscribe', siteId: site.siteId });
    await board.waitFor((m) => m.type === 'subscribed');
    await json(issue(coffee.id, 1), 201); // 3: at the threshold, crossed
    const live = await board.waitFor((m) => m.type === 'event' && m.event.type === 'supplies.low_stock');
    expect(live.type === 'event' && live.event.payload).toMatchObject({ itemId: coffee.id, onHand: 3, threshold: 3, storeName: '吧台仓' });
    board.close();
    expect(await lowAlerts('咖啡豆')).toHaveLength(1);
    await json(issue(coffee.id, 1), 201); // 2: still low, no new alert
    await json(issue(coffee.id, 2), 201); // 0
    expect(await lowAlerts('咖啡豆')).toHaveLength(1);
    const low = await json<PageOf<StockLevel>>(call(manager, 'GET', '/supplies/stock?lowOnly=true&limit=200'), 200);
    expect(low.items.find((s) => s.itemId === coffee.id)).toMatchObject({ onHand: 0, low: true });
    await receive(coffee.id, 10); // 10: recovered, re-armed
    expect(
      (await json<PageOf<StockLevel>>(call(manager, 'GET', '/supplies/stock?lowOnly=true&limit=200'), 200)).items.map((s) => s.itemId),
    ).not.toContain(coffee.id);
    await json(issue(coffee.id, 8), 201); // 2: crossed again
    expect(await lowAlerts('咖啡豆')).toHaveLength(2);
  });

  it('sums issued quantities per item per week, a page of items at a time', async () => {
    const tea = await newItem('茶包', 0);
    const towel = await newItem('毛巾', 0);
    t.clock.set(Date.UTC(2026, 10, 9, 2, 0)); // Monday 9 Nov
    await receive(tea.id, 100);
    await receive(towel.id, 100);
    await json(issue(tea.id, 4), 201);
    t.clock.set(Date.UTC(2026, 10, 15, 15, 0)); // Sunday 15 Nov 23:00 at the site: still that week
    await json(issue(tea.id, 6), 201);
    t.clock.set(Date.UTC(2026, 10, 15, 16, 30)); // Monday 16 Nov 00:30 at the site: the next week
    await json(issue(tea.id, 5), 201);
    await json(issue(towel.id, 2), 201);
    await receive(tea.id, 50); // receipts are not consumption
    const firstPage = await json<PageOf<ItemConsumption>>(call(manager, 'GET', '/supplies/consumption?from=2026-11-09&to=2026-11-22&limit=1'), 200);
    expect(firstPage.nextCursor).not.toBeNull();
    const all: ItemConsumption[] = [...firstPage.items];
    for (let cursor = firstPage.nextCursor; cursor;) {
      const next = await json<PageOf<ItemConsumption>>(
        call(manager, 'GET', `/supplies/consumption?from=2026-11-09&to=2026-11-22&limit=2&cursor=${cursor}`),
        200,
      );
      all.push(...next.items);
      cursor = next.nextCursor;
    }
    expect(all.find((c) => c.itemId === tea.id)).toMatchObject({
      weeks: [
        { week: '2026-11-09', quantity: 10 },
        { week: '2026-11-16', quantity: 5 },
      ],
      total: 15,
    });
    expect(all.find((c) => c.itemId === towel.id)).toMatchObject({ total: 2 });
    expect(await code(call(manager, 'GET', '/supplies/consumption?from=2026-11-22&to=2026-11-09'))).toBe('INVALID_TIME_RANGE');
    expect(await code(call(manager, 'GET', '/supplies/consumption?from=2024-01-01&to=2026-11-09'))).toBe('INVALID_TIME_RANGE');
    expect(await code(call(hostess.cookie, 'GET', '/supplies/consumption?from=2026-11-09&to=2026-11-22'))).toBe('FORBIDDEN');
  });

  it('issues an approved requisition once, from a store; the hostess can neither approve nor issue', async () => {
    const shoeCovers = await newItem('鞋套', 0);
    await receive(shoeCovers.id, 20);
    const reqId = newId();
    await json<Requisition>(
      call(hostess.cookie, 'POST', '/requisitions', {
        id: reqId,
        lines: [
          { name: '鞋套', quantity: 5, unit: '双', itemId: shoeCovers.id },
          { name: '鞋套', quantity: 3, unit: '双', itemId: shoeCovers.id },
        ],
      }),
      201,
    );
    expect(
      await code(call(hostess.cookie, 'POST', '/requisitions', { id: newId(), lines: [{ name: 'x', quantity: 1, unit: '个', itemId: newId() }] })),
    ).toBe('SUPPLY_ITEM_NOT_FOUND');
    expect(await code(call(manager, 'POST', `/supplies/requisitions/${reqId}/issue`, { storeId: bar.id }))).toBe('REQUISITION_NOT_APPROVED');
    expect(await code(call(hostess.cookie, 'POST', `/requisitions/${reqId}/decision`, { decision: 'approved' }))).toBe('FORBIDDEN');
    await json(call(manager, 'POST', `/requisitions/${reqId}/decision`, { decision: 'approved' }), 200);
    expect(await code(call(hostess.cookie, 'POST', `/supplies/requisitions/${reqId}/issue`, { storeId: bar.id }))).toBe('FORBIDDEN');
    const toIssue = await json<PageOf<{ requisitionId: string }>>(call(manager, 'GET', '/supplies/requisitions?issued=false'), 200);
    expect(toIssue.items.map((r) => r.requisitionId)).toContain(reqId);
    const batch = await json<StockBatch>(call(manager, 'POST', `/supplies/requisitions/${reqId}/issue`, { storeId: bar.id }), 201);
    expect(batch).toMatchObject({ kind: 'issue', requisitionId: reqId, movements: [{ delta: -8, onHandAfter: 12 }] });
    expect(await code(call(manager, 'POST', `/supplies/requisitions/${reqId}/issue`, { storeId: bar.id }))).toBe('REQUISITION_ALREADY_ISSUED');
    const issued = await json<PageOf<RequisitionToIssue>>(call(manager, 'GET', '/supplies/requisitions?issued=true'), 200);
    expect(issued.items.find((r) => r.requisitionId === reqId)).toMatchObject({ issuedAt: batch.at, issuedFromStoreName: '吧台仓' });
    const notIssued = await json<PageOf<RequisitionToIssue>>(call(manager, 'GET', '/supplies/requisitions?issued=false'), 200);
    expect(notIssued.items.map((r) => r.requisitionId)).not.toContain(reqId);
  });

  it('a requisition for more than the stock is refused and audited, nothing half-saved', async () => {
    const towel = await newItem('擦手巾', 0);
    await receive(towel.id, 2);
    const reqId = newId();
    await json(
      call(hostess.cookie, 'POST', '/requisitions', { id: reqId, lines: [{ name: '擦手巾', quantity: 3, unit: '条', itemId: towel.id }] }),
      201,
    );
    await json(call(manager, 'POST', `/requisitions/${reqId}/decision`, { decision: 'approved' }), 200);
    expect(await code(call(manager, 'POST', `/supplies/requisitions/${reqId}/issue`, { storeId: bar.id }))).toBe('INSUFFICIENT_STOCK');
    expect(await onHand(towel.id)).toBe(2);
    expect((await audit('supplies.issue_refused')).some((r) => (JSON.parse(r.detail) as { requisitionId: string }).requisitionId === reqId)).toBe(
      true,
    );
    const left = await json<PageOf<{ requisitionId: string }>>(call(manager, 'GET', '/supplies/requisitions?issued=false'), 200);
    expect(left.items.map((r) => r.requisitionId)).toContain(reqId);
    // The refusal rolled back the requisition's issued time with the batch.
    const issued = await json<PageOf<RequisitionToIssue>>(call(manager, 'GET', '/supplies/requisitions?issued=true'), 200);
    expect(issued.items.map((r) => r.requisitionId)).not.toContain(reqId);
  });

  it('keeps items and stores per site, names unique, and an unknown store answers 404', async () => {
    expect(
      await code(
        call(manager, 'POST', '/supplies/items', { nameZh: '矿泉水', nameEn: 'Water', unit: '瓶', category: 'drinks', lowStockThreshold: 1 }),
      ),
    ).toBe('SUPPLY_ITEM_NAME_TAKEN');
    expect(await code(call(manager, 'POST', '/supplies/stores', { name: '吧台仓' }))).toBe('SUPPLY_STORE_NAME_TAKEN');
    const item = await newItem('杂志', 0);
    expect(
      await code(call(manager, 'POST', '/supplies/receipts', { id: newId(), storeId: newId(), lines: [{ itemId: item.id, quantity: 1 }] })),
    ).toBe('SUPPLY_STORE_NOT_FOUND');
    const patched = await json<SupplyItem>(call(manager, 'PATCH', `/supplies/items/${item.id}`, { lowStockThreshold: 4 }), 200);
    expect(patched.lowStockThreshold).toBe(4);
    expect((await call(manager, 'DELETE', `/supplies/items/${item.id}`)).statusCode).toBe(204);
    expect(await code(call(manager, 'PATCH', `/supplies/items/${item.id}`, { lowStockThreshold: 1 }))).toBe('SUPPLY_ITEM_NOT_FOUND');
    expect(
      await code(call(hostess.cookie, 'POST', '/supplies/items', { nameZh: 'x', nameEn: 'x', unit: '个', category: 'other', lowStockThreshold: 0 })),
    ).toBe('FORBIDDEN');
  });
});
