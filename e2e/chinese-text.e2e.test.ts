/**
 * A Chinese interface is Chinese: on the console pages that used to leak them, the visible text
 * carries no SOP item codes (HALL-PRE-1, TECH-3) and no English words (a checkpoint's English
 * name, an audit detail key like partySize, a stored value like walk_in).
 */
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectAccessible } from './support/axe.js';
import { desktopContext, label } from './support/browser.js';
import type { TestServer } from './support/server.js';
import { DEMO_PASSWORD, manager } from './support/staff-setup.js';
import { startServerAndBrowser, stopServerAndBrowser } from './support/e2e-env.js';

let server: TestServer;
let browser: Browser;

beforeAll(async () => ({ server, browser } = await startServerAndBrowser()));
afterAll(() => stopServerAndBrowser(server, browser));

// Words a Chinese reader may meet as they are: the product's name and file formats.
const ALLOWED = new Set(['Anchang', 'Excel', 'JSON']);

/** Item codes and Latin words of three letters or more in the page's content area. */
async function latinIn(page: Page): Promise<string[]> {
  const text = await page.locator('.ant-layout-content').innerText();
  const found = text.match(/\b[A-Z]{2,}-[A-Z0-9]+(?:-\d+)?\b|\b[A-Za-z][A-Za-z_]{2,}\b/g) ?? [];
  return [...new Set(found)].filter((word) => !ALLOWED.has(word));
}

describe('the zh-CN console', () => {
  it('shows no item codes or English words on the standards, checkpoints, repairs, audit and day-board pages', async () => {
    onTestFailed(() => console.error(`server output:\n${server.output()}`));
    const desk = await (await desktopContext(browser, server.url)).newPage();
    desk.setDefaultTimeout(20_000);
    await desk.goto('/');
    await desk.getByLabel('账号').waitFor();
    await expectAccessible(desk, 'the console sign-in');
    await desk.getByLabel('账号').fill(manager.login);
    await desk.getByLabel('密码').fill(DEMO_PASSWORD);
    await desk.getByRole('button', { name: label('登录') }).click();
    await desk.getByRole('heading', { name: '概览' }).waitFor();
    const siteId = /sites\/([^/]+)/.exec(desk.url())![1]!;
    await desk.waitForLoadState('networkidle');
    await expectAccessible(desk, 'the console overview');

    for (const path of ['standards', 'checkpoints', 'repairs', 'audit', 'day-board']) {
      await desk.goto(`/sites/${siteId}/${path}`);
      await desk.locator('.ant-layout-content h1, .ant-layout-content h2, .ant-layout-content h3').first().waitFor();
      // Let the page's lists arrive before reading it.
      await desk.waitForLoadState('networkidle');
      expect({ path, latin: await latinIn(desk) }).toEqual({ path, latin: [] });
      // And usable by all (axe-core, WCAG 2 A/AA: no serious or critical violation).
      await expectAccessible(desk, `the console's ${path} page`);
    }
  });
});
