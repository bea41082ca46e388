/**
 * The manager walking the site with a small phone (360 × 780): the phone home counts what waits
 * for them, live; an anomaly a staff member reports appears without a reload, is acknowledged
 * from the phone and the server has it acknowledged; a supply requisition is approved the same way.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Anomaly, PageOf, Requisition } from '@anchang/contracts';
import { expectAccessible } from './support/axe.js';
import { phoneContext, signInToConsole } from './support/browser.js';
import type { TestServer } from './support/server.js';
import { signInOnPhone } from './support/staff-phone.js';
import { DEMO_PASSWORD, manager, signIn } from './support/staff-setup.js';
import { startServerAndBrowser, stopServerAndBrowser } from './support/e2e-env.js';

let server: TestServer;
let browser: Browser;

// With the demo's past month behind today, as a first `npm start` shows it.
beforeAll(async () => ({ server, browser } = await startServerAndBrowser({ demoHistory: true })), 300_000);
afterAll(() => stopServerAndBrowser(server, browser));

/** The page is no wider than the phone: nothing to scroll sideways. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const [scrollWidth, clientWidth] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
}

/** The phone's browser opening the console address, signed in as the manager (the phone context: the same clock and size). */
async function consoleOnPhone(): Promise<Page> {
  const context = await phoneContext(browser, server.url, 'narrow');
  const desk = await context.newPage();
  desk.setDefaultTimeout(20_000);
  await signInToConsole(desk, { login: manager.login, password: DEMO_PASSWORD });
  return desk;
}

const tileCount = (page: Page, tile: string) => page.getByTestId(`manager-tile-${tile}-count`);

describe('the manager on a phone', () => {
  it('sees a staff anomaly arrive live at 360 px, acknowledges it, and approves a requisition', async () => {
    onTestFailed(() => console.error(`server output:\n${server.output()}`));
    const api = await signIn(server.url, manager.login, DEMO_PASSWORD);
    const hall = await signIn(server.url, 'hall', DEMO_PASSWORD);
    const site = `/sites/${api.siteId}`;

    const context = await phoneContext(browser, server.url, 'narrow');
    const phone = await context.newPage();
    phone.setDefaultTimeout(20_000);
    await signInOnPhone(phone, { login: manager.login, password: DEMO_PASSWORD });

    // The manager's home: nothing waiting yet, and the live connection up for this site.
    await phone.getByTestId('manager-home').waitFor();
    await phone.locator(`[data-testid="realtime-status"][data-status="online"][data-site="${api.siteId}"]`).waitFor();
    await expect.poll(() => tileCount(phone, 'anomalies').textContent()).toBe('0');
    await expect.poll(() => tileCount(phone, 'approvals').textContent()).toBe('0');
    await expectNoSidewaysScroll(phone);
    await expectAccessible(phone, "the manager's phone home");

    // The hostess reports an anomaly on the spot from her phone's API session.
    const anomalyId = randomUUID();
    await hall.post(`${site}/anomalies`, { id: anomalyId, category: 'equipment', note: '大厅入口自动门感应失灵' });

    // The home counts it without a reload (the realtime event refetches the list).
    await expect.poll(() => tileCount(phone, 'anomalies').textContent()).toBe('1');
    await phone.getByTestId('manager-tile-anomalies').click();
    const card = phone.locator(`[data-testid="manager-anomaly"][data-anomaly-id="${anomalyId}"]`);
    await card.waitFor();
    expect(await card.getAttribute('data-status')).toBe('open');
    expect(await card.textContent()).toContain('大厅入口自动门感应失灵');
    await expectNoSidewaysScroll(phone);

    await card.getByTestId('manager-anomaly-acknowledge').click();
    await phone.locator(`[data-testid="manager-anomaly"][data-anomaly-id="${anomalyId}"][data-status="acknowledged"]`).waitFor();
    await card.getByTestId('manager-anomaly-acknowledge').waitFor({ state: 'detached' });

    // The server has it acknowledged, at the phone's tap (the browser runs on the server's clock).
    const stored = await api.get<Anomaly>(`${site}/anomalies/${anomalyId}`);
    expect(stored.status).toBe('acknowledged');
    expect(stored.acknowledgedAt).not.toBeNull();
    expect(stored.acknowledgedAt!).toBeGreaterThanOrEqual(stored.reportedAt);
    const unresolved = await api.get<PageOf<Anomaly>>(`${site}/anomalies?status=unresolved`);
    expect(unresolved.items.map((a) => a.id)).toEqual([anomalyId]);

    // Back home: acknowledged but not resolved, it still counts as waiting, no longer as "to acknowledge".
    await phone.locator('.adm-nav-bar-back').click(); // the screen's own back arrow
    await phone.getByTestId('manager-home').waitFor();
    await expect.poll(() => tileCount(phone, 'anomalies').textContent()).toBe('1');
    expect(await phone.getByTestId('manager-tile-anomalies').textContent()).not.toContain('待确认');

    // A requisition filed by the hostess waits for the manager's approval, live on the home.
    const requisitionId = randomUUID();
    await hall.post(`${site}/requisitions`, { id: requisitionId, lines: [{ name: '一次性纸杯', quantity: 200, unit: '个' }] });
    await expect.poll(() => tileCount(phone, 'approvals').textContent()).toBe('1');
    await phone.getByTestId('manager-tile-approvals').click();
    const requisition = phone.locator(`[data-testid="manager-requisition"][data-requisition-id="${requisitionId}"]`);
    await requisition.getByTestId('manager-requisition-approve').click();
    await phone.getByTestId('manager-requisition-sheet').waitFor();
    await phone.getByTestId('manager-requisition-confirm').click();
    await phone.getByTestId('manager-approvals-empty').waitFor();
    await expectNoSidewaysScroll(phone);

    const approved = await api.get<PageOf<Requisition>>(`${site}/requisitions?status=approved`);
    expect(approved.items.map((r) => r.id)).toEqual([requisitionId]);
    expect(approved.items[0]!.status).toBe('approved');
  });

  it('the console at 360 px points the manager to the phone app and does not scroll sideways', async () => {
    onTestFailed(() => console.error(`server output:\n${server.output()}`));
    const desk = await consoleOnPhone();
    const open = desk.getByTestId('phone-app-banner').getByTestId('open-phone-app');
    await open.waitFor();
    expect(await open.getAttribute('href')).toBe('/m/');
    await expectNoSidewaysScroll(desk);
    await open.click();
    await desk.getByTestId('manager-home').waitFor(); // the same session, now on the phone app
  });

  it('the console’s site board at 360 px stacks its stages, every label on one line', async () => {
    onTestFailed(() => console.error(`server output:\n${server.output()}`));
    const desk = await consoleOnPhone();
    await desk.goto(`${new URL(desk.url()).pathname.match(/^\/sites\/[^/]+/)![0]}/site-board`);
    await desk.getByTestId('board-column-model_room').waitFor();
    await desk.getByTestId('phone-app-banner').waitFor();
    // The counters' labels and the stages' and panels' titles: none taller than one line.
    const wrapped = await desk.evaluate(() => {
      const counters = Array.from(document.querySelector('[data-testid="board-on-site"]')!.parentElement!.parentElement!.children);
      const titles = Array.from(document.querySelectorAll<HTMLElement>('[data-testid="site-board"] header > span:first-child'));
      return [...counters.map((counter) => counter.firstElementChild!), ...titles]
        .filter((el) => el.getBoundingClientRect().height > 1.8 * parseFloat(getComputedStyle(el).fontSize))
        .map((el) => el.textContent);
    });
    expect(wrapped).toEqual([]);
    const [first, second] = await Promise.all(['car_park', 'hall'].map((stage) => desk.getByTestId(`board-column-${stage}`).boundingBox()));
    expect(second!.y).toBeGreaterThan(first!.y); // stacked, not side by side
    await expectNoSidewaysScroll(desk);
  });
});
