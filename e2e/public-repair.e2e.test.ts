/**
 * A repair reported by a visitor, as it happens at a sales center: someone at the hall's air
 * conditioner scans its label with a phone (no app, no login) and reports that it is not
 * cooling; the technician's phone, open on its work orders, receives the report live, he
 * accepts it and proves he is on the spot by opening the same asset URL the label carries and
 * tapping "I'm here". The work order then shows his arrival, well inside the 5-minute rule.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Asset, PageOf, WorkOrder } from '@anchang/contracts';
import { phoneContext } from './support/browser.js';
import type { TestServer } from './support/server.js';
import { signInOnPhone, staffPhone } from './support/staff-phone.js';
import { DEMO_PASSWORD, manager, signIn } from './support/staff-setup.js';
import { startServerAndBrowser, stopServerAndBrowser } from './support/e2e-env.js';

let server: TestServer;
let browser: Browser;

beforeAll(async () => ({ server, browser } = await startServerAndBrowser()));
afterAll(() => stopServerAndBrowser(server, browser));

describe('public repair report', () => {
  it('a visitor reports from the asset page; the technician receives it live, accepts and arrives by opening the asset URL', async () => {
    onTestFailed(() => console.error(`server output:\n${server.output()}`));
    const api = await signIn(server.url, manager.login, DEMO_PASSWORD);
    const assets = await api.get<PageOf<Asset>>(`/sites/${api.siteId}/assets?limit=200`);
    const aircon = assets.items.find((a) => a.nameZh === '大厅中央空调 1 号')!;
    expect(aircon.code).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const assetUrl = `/m/q/a/${aircon.code}`;

    // --- the technician's phone, open on his work orders, live ---
    const { page: tech } = await staffPhone(browser, server.url);
    await signInOnPhone(tech, { login: 'tech', password: DEMO_PASSWORD });
    await tech.goto('/m/repairs');
    await tech.getByTestId('repairs-list').waitFor();
    await tech.locator(`[data-testid="realtime-status"][data-status="online"][data-site="${api.siteId}"]`).waitFor();
    await tech.evaluate(() => Object.assign(window, { __sameDocument: true }));
    expect(await tech.getByTestId('repair-order').count()).toBe(0);

    // --- a visitor's phone: no session, straight from the label's QR ---
    const visitorContext = await phoneContext(browser, server.url);
    const visitor = await visitorContext.newPage();
    visitor.setDefaultTimeout(20_000);
    await visitor.goto(assetUrl);
    await visitor.getByTestId('asset-name').filter({ hasText: '大厅中央空调 1 号' }).waitFor();
    await visitor.getByText('销售大厅').first().waitFor();
    expect(await visitor.getByTestId('asset-orders').count()).toBe(0); // staff-only part hidden
    expect(visitor.url()).toContain(assetUrl); // not sent to the login page
    await visitor.getByTestId('report-description').locator('textarea').fill('空调不制冷,出风是热的');
    await visitor.getByTestId('report-send').click();
    await visitor.getByTestId('report-sent').filter({ hasText: '技术员正在赶来' }).waitFor();

    // --- the technician's phone receives it without a reload ---
    const order = tech.getByTestId('repair-order').filter({ hasText: '空调不制冷' });
    await order.waitFor();
    expect(await tech.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    await order
      .getByTestId('repair-countdown')
      .filter({ hasText: /内到场/ })
      .waitFor();
    await order.getByTestId('repair-accept').click();
    await tech.locator('[data-testid="repair-order"][data-status="accepted"]').filter({ hasText: '空调不制冷' }).waitFor();

    // He walks to the air conditioner and opens the URL its label carries.
    await tech.goto(assetUrl);
    const onAsset = tech.getByTestId('asset-order').filter({ hasText: '空调不制冷' });
    await onAsset.waitFor();
    await onAsset.getByTestId('asset-arrive').click();
    await tech.getByText('已记录到场').waitFor();
    await tech.goto('/m/repairs');
    await tech.locator('[data-testid="repair-order"][data-status="arrived"]').filter({ hasText: '空调不制冷' }).waitFor();

    const orders = await api.get<PageOf<WorkOrder>>(`/sites/${api.siteId}/work-orders?assetId=${aircon.id}`);
    const stored = orders.items.find((o) => o.description.startsWith('空调不制冷'))!;
    expect(stored).toMatchObject({ status: 'arrived', source: 'public', technicianName: '吴工 (技术)', slaBreached: false, escalationLevel: 0 });
    expect(stored.arrivedAt! - stored.reportedAt).toBeLessThan(5 * 60_000);
    await visitorContext.close();
  });
});
