/**
 * The demo says it is the demo: the "演示数据" bar shows on the console and on a 360 px phone,
 * and the phone's layout makes room for it (the tab bar stays on screen, nothing scrolls twice).
 */
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser } from 'playwright-core';
import { desktopContext, label, phoneContext } from './support/browser.js';
import type { TestServer } from './support/server.js';
import { signInOnPhone } from './support/staff-phone.js';
import { DEMO_PASSWORD, manager } from './support/staff-setup.js';
import { startServerAndBrowser, stopServerAndBrowser } from './support/e2e-env.js';

let server: TestServer;
let browser: Browser;

beforeAll(async () => ({ server, browser } = await startServerAndBrowser()));
afterAll(() => stopServerAndBrowser(server, browser));

describe('the demo mark', () => {
  it('is on the console, from its login page on', async () => {
    onTestFailed(() => console.error(`server output:\n${server.output()}`));
    const desk = await (await desktopContext(browser, server.url)).newPage();
    desk.setDefaultTimeout(20_000);
    await desk.goto('/');
    await desk.getByTestId('demo-mark').getByText('演示数据').waitFor();
    await desk.getByLabel('账号').fill(manager.login);
    await desk.getByLabel('密码').fill(DEMO_PASSWORD);
    await desk.getByRole('button', { name: label('登录') }).click();
    await desk.getByRole('heading', { name: '概览' }).waitFor();
    const bar = await desk.getByTestId('demo-mark').boundingBox();
    expect(bar).toMatchObject({ y: 0, width: 1440 });
    // The console's sticky header sits below the bar, not under it.
    const header = await desk.getByTestId('user-menu').boundingBox();
    expect(header!.y).toBeGreaterThanOrEqual(bar!.height);
  });

  it('is on a 360 px phone, above a tab bar that stays on screen', async () => {
    onTestFailed(() => console.error(`server output:\n${server.output()}`));
    const context = await phoneContext(browser, server.url, 'narrow');
    const phone = await context.newPage();
    phone.setDefaultTimeout(20_000);
    await phone.goto('/m/');
    await phone.getByTestId('demo-mark').getByText('演示数据').waitFor();
    await signInOnPhone(phone, { login: 'hall', password: DEMO_PASSWORD });
    const bar = await phone.getByTestId('demo-mark').boundingBox();
    expect(bar).toMatchObject({ y: 0, width: 360 });
    const tabBar = await phone.locator('.adm-tab-bar').boundingBox();
    expect(tabBar!.y + tabBar!.height).toBeLessThanOrEqual(780);
    expect(await phone.evaluate(() => document.scrollingElement!.scrollHeight)).toBeLessThanOrEqual(780);
  });
});
