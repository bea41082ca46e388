/** Debian's Chromium driven by playwright-core; CHROMIUM_PATH points elsewhere if needed. */
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { serverNow } from './server.js';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/**
 * A context whose clock reads the server's time (the server runs at a fixed instant, see
 * ./server.ts) and runs on at the real pace: the pages' "today", greeting and the times the
 * phone stamps on what it records agree with the server's.
 */
async function contextOnServerTime(browser: Browser, options: BrowserContextOptions & { baseURL: string }): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  await context.clock.install({ time: serverNow(options.baseURL) });
  return context;
}

/** A manager at a desk. */
export function desktopContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  return contextOnServerTime(browser, { baseURL, viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
}

/** A staff member's phone (iPhone 14-sized by default; `narrow` for the small Androids many staff carry, 360 px). */
export function phoneContext(browser: Browser, baseURL: string, size: 'default' | 'narrow' = 'default'): Promise<BrowserContext> {
  return contextOnServerTime(browser, {
    baseURL,
    viewport: size === 'narrow' ? { width: 360, height: 780 } : { width: 390, height: 844 },
    deviceScaleFactor: 3,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
}

/** A button label, matched with or without spaces between its characters (antd once spaced two-character CJK labels, "登 录"; the console turns that off, but a label stays findable either way). */
export const label = (text: string): RegExp => new RegExp(`^\\s*${[...text].join('\\s*')}\\s*$`);

/** Signs in on the console's login page and waits for the overview (概览), where every sign-in lands. */
export async function signInToConsole(page: Page, account: { login: string; password: string }): Promise<void> {
  await page.goto('/');
  await page.getByLabel('账号').fill(account.login);
  await page.getByLabel('密码').fill(account.password);
  await page.getByRole('button', { name: label('登录') }).click();
  await page.getByRole('heading', { name: '概览' }).waitFor();
}

/**
 * Opens a console page from the menu: its group (现场运行, 运营, 物资, 人员, 设置) folds, so it is
 * opened first when the page's entry is not showing.
 */
export async function openConsolePage(page: Page, group: string, item: string): Promise<void> {
  // The accessible names start with the icon's label ("environment 区域"): match the words at the end.
  const entry = page.getByRole('menuitem', { name: new RegExp(`(^|\\s)${item}$`) });
  if (!(await entry.isVisible())) await page.locator('.ant-menu-submenu-title', { hasText: group }).click();
  await entry.click();
}
