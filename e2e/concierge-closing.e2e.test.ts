/**
 * The concierge closes the day on a 360 px phone (GUARD-IN-10, 11): from the home card to the
 * closing page, the model-room check one tap away, water, power and CCTV confirmed off one by
 * one, each showing who and when (the last out of signal: it waits on the phone and goes once
 * the signal is back); then the handover is offered.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser } from 'playwright-core';
import { phoneContext } from './support/browser.js';
import type { TestServer } from './support/server.js';
import { signInOnPhone } from './support/staff-phone.js';
import { DEMO_PASSWORD } from './support/staff-setup.js';
import { startServerAndBrowser, stopServerAndBrowser } from './support/e2e-env.js';

let server: TestServer;
let browser: Browser;

beforeAll(async () => ({ server, browser } = await startServerAndBrowser()));
afterAll(() => stopServerAndBrowser(server, browser));

describe("the concierge's closing routine", () => {
  it('confirms the three switches off one by one, then offers the handover', async () => {
    onTestFailed(() => console.error(`server output:\n${server.output()}`));
    const context = await phoneContext(browser, server.url, 'narrow');
    const phone = await context.newPage();
    phone.setDefaultTimeout(20_000);
    await phone.goto('/m/');
    await signInOnPhone(phone, { login: 'guard', password: DEMO_PASSWORD });

    // The item check (GUARD-IN-10) and the closing routine (GUARD-IN-11) are both on the home.
    await phone.getByTestId('home-model-room-check').waitFor();
    const card = phone.getByTestId('home-model-room-closing');
    await card.getByText('已确认 0/3').waitFor();
    await card.click();
    await phone.waitForURL(/\/m\/model-room-closing$/);
    await phone.getByTestId('closing-open-check').waitFor();

    const switches = phone.getByTestId('closing-switch');
    expect(await switches.count()).toBe(3);
    for (const name of ['water', 'power']) {
      const row = phone.locator(`[data-testid="closing-switch"][data-switch="${name}"]`);
      await row.getByTestId('closing-confirm').click();
      await phone.locator(`[data-testid="closing-switch"][data-switch="${name}"][data-confirmed="yes"]`).waitFor();
      await row.getByText(/何军.*确认/).waitFor();
    }
    // The CCTV room is out of signal: the confirmation waits on the phone, then goes once.
    await phone.locator('html[data-offline-ready="true"]').waitFor({ state: 'attached', timeout: 30_000 });
    await context.setOffline(true);
    const cctv = phone.locator('[data-testid="closing-switch"][data-switch="cctv"]');
    await cctv.getByTestId('closing-confirm').click();
    await phone.locator('[data-testid="closing-switch"][data-switch="cctv"][data-confirmed="waiting"]').waitFor();
    await cctv.getByText('联网后发送').waitFor();
    await context.setOffline(false);
    await phone.locator('[data-testid="closing-switch"][data-switch="cctv"][data-confirmed="yes"]').waitFor();
    await cctv.getByText(/何军.*确认/).waitFor();
    await phone.getByText('水源、电源、监控均已确认关闭').waitFor();
    // Nothing sticks out of the 360 px screen.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    await phone.getByTestId('closing-go-handover').click();
    await phone.waitForURL(/\/m\/handover\/new$/);

    // Back home, the card says the routine is done.
    await phone.goto('/m/');
    await phone.getByTestId('home-model-room-closing').getByText('已全部关闭').waitFor();
    await context.close();
  });
});
