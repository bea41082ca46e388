/**
 * No signal in the model room's back rooms or the basement store: the site manager's phone
 * records a model-room check (one item missing) and a stock count while offline, shows both
 * waiting, keeps them through a reload without network, and sends them when the network is back:
 * the server ends up with each exactly once (and the missing item reported once).
 */
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Incident, ModelRoom, ModelRoomCheck, PageOf, StockBatch, SupplyStore } from '@anchang/contracts';
import type { TestServer } from './support/server.js';
import { signInOnPhone, staffPhone } from './support/staff-phone.js';
import { DEMO_PASSWORD, manager, signIn } from './support/staff-setup.js';
import { startServerAndBrowser, stopServerAndBrowser } from './support/e2e-env.js';

let server: TestServer;
let browser: Browser;

beforeAll(async () => ({ server, browser } = await startServerAndBrowser()));
afterAll(() => stopServerAndBrowser(server, browser));

describe('offline phone writes (model-room check, stock count)', () => {
  it('a check and a count made offline survive a reload and reach the server once each when back online', async () => {
    onTestFailed(() => console.error(`server output:\n${server.output()}`));
    const api = await signIn(server.url, manager.login, DEMO_PASSWORD);
    const base = `/sites/${api.siteId}`;

    // The first model room has a list to check; the first store has stock to count.
    const room = (await api.get<PageOf<ModelRoom>>(`${base}/model-rooms?limit=200`)).items[0]!;
    expect(room).toBeTruthy();
    if (room.itemCount === 0) await api.post(`${base}/model-rooms/${room.zoneId}/items`, { name: '抱枕', quantity: 4, positionNote: '客厅' });
    const stores = (await api.get<PageOf<SupplyStore>>(`${base}/supplies/stores?limit=200`)).items;
    expect(stores.length).toBeGreaterThan(0);
    const checksOf = async () => (await api.get<PageOf<ModelRoomCheck>>(`${base}/model-rooms/${room.zoneId}/checks?limit=50`)).items;
    const countsOf = async () => (await api.get<PageOf<StockBatch>>(`${base}/supplies/batches?kind=count&limit=100`)).items;
    const missingIncidents = async () =>
      (await api.get<PageOf<Incident>>(`${base}/incidents?status=open&limit=100`)).items.filter((i) => i.kind === 'missing_item');
    const checksBefore = new Set((await checksOf()).map((c) => c.id));
    const countsBefore = new Set((await countsOf()).map((b) => b.id));
    const incidentsBefore = (await missingIncidents()).length;

    const { context, page: phone } = await staffPhone(browser, server.url);
    await signInOnPhone(phone, { login: manager.login, password: DEMO_PASSWORD });
    // The app is kept on the phone (service worker) before the signal goes.
    await phone.locator('html[data-offline-ready="true"]').waitFor({ state: 'attached', timeout: 30_000 });
    // Both screens opened once with signal: their lists are kept on the phone.
    await phone.goto('/m/supplies/count');
    await phone.getByTestId('count-input').first().waitFor();
    await phone.goto('/m/model-room-check');
    await phone.getByTestId('check-item').first().waitFor();
    await phone.waitForTimeout(300); // the kept answers are written to the phone in a batch

    // --- the signal drops: the model-room check ---
    await context.setOffline(true);
    await phone.getByTestId('offline-indicator').waitFor();
    await phone.getByTestId('check-item').first().getByTestId('status-missing').click();
    await phone.getByTestId('mark-rest-present').click();
    await phone.getByTestId('submit-check').click();
    await phone.getByTestId('check-waiting').waitFor();
    await phone.getByTestId('outbox-waiting').filter({ hasText: '待发送 1' }).waitFor();

    // --- the stock count (the page opened again without signal) ---
    await phone.goto('/m/supplies/count');
    await phone.getByTestId('count-input').first().fill('7');
    await phone.getByTestId('save-count').click();
    await phone.getByTestId('count-waiting').waitFor();
    await phone.getByTestId('outbox-waiting').filter({ hasText: '待发送 2' }).waitFor();

    // --- a reload, still without network: nothing is lost ---
    const reloaded = await phone.reload();
    expect(reloaded?.fromServiceWorker()).toBe(true);
    await phone.getByTestId('count-waiting').waitFor();
    await phone.getByTestId('outbox-waiting').filter({ hasText: '待发送 2' }).waitFor();
    await phone.goto('/m/model-room-check');
    await phone.getByTestId('check-waiting').waitFor();
    // The banner says what waits, and its sheet lists each.
    const summary = phone.getByTestId('outbox-summary');
    await summary.filter({ hasText: '1 次样板房检查' }).filter({ hasText: '1 次盘点' }).waitFor();
    await phone.getByTestId('outbox-banner').click();
    const sheet = phone.getByTestId('outbox-sheet');
    await sheet.getByText(`样板房检查 · ${room.name}`).waitFor();
    await sheet.getByText(/^盘点 · .+ · 1 项$/).waitFor();

    // Nothing reached the server while offline.
    expect((await checksOf()).filter((c) => !checksBefore.has(c.id))).toEqual([]);
    expect((await countsOf()).filter((b) => !countsBefore.has(b.id))).toEqual([]);

    // --- the signal comes back: the outbox empties ---
    await context.setOffline(false);
    await phone.getByTestId('outbox-banner').waitFor({ state: 'detached' });
    await phone.getByTestId('check-waiting').waitFor({ state: 'detached' });

    // The server holds exactly that check and that count, each once.
    const newChecks = (await checksOf()).filter((c) => !checksBefore.has(c.id));
    expect(newChecks).toHaveLength(1);
    expect(newChecks[0]).toMatchObject({ phase: 'opening', missing: 1, damaged: 0 });
    const newCounts = (await countsOf()).filter((b) => !countsBefore.has(b.id));
    expect(newCounts).toHaveLength(1);
    expect(newCounts[0]!.movements).toHaveLength(1);
    expect(newCounts[0]!.movements[0]).toMatchObject({ kind: 'count', onHandAfter: 7 });
    // The missing item was reported once.
    expect((await missingIncidents()).length).toBe(incidentsBefore + 1);
    await context.close();
  });
});
