/** Steps on the staff phone that several browser tests take, as a person takes them. */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { phoneContext } from './browser.js';
import type { RosteredStaff } from './staff-setup.js';

/** A phone at the sales center that lets the app read its location (the clock-in records it). */
export async function staffPhone(
  browser: Browser,
  baseUrl: string,
  size: 'default' | 'narrow' = 'default',
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await phoneContext(browser, baseUrl, size);
  await context.grantPermissions(['geolocation'], { origin: baseUrl });
  await context.setGeolocation({ latitude: 30.2084, longitude: 120.2122, accuracy: 20 });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return { context, page };
}

export async function signInOnPhone(page: Page, staff: Pick<RosteredStaff, 'login' | 'password'>): Promise<void> {
  await page.goto('/m/');
  await page.getByPlaceholder('请输入账号').fill(staff.login);
  await page.getByPlaceholder('请输入密码').fill(staff.password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByTestId('staff-site-name').waitFor();
}

/** 上岗 → 签到 on today's roster line; resolves when the phone shows the open shift. */
export async function clockIn(page: Page): Promise<void> {
  await page.getByText('上岗', { exact: true }).click();
  await page
    .getByTestId('roster-line')
    .getByRole('button', { name: /签\s*到/ })
    .click();
  await page.getByTestId('shift-header').waitFor();
}

/** A checklist item by its place in the list, and one of its three result buttons. */
export const checklistItem = (page: Page, index: number) => page.getByTestId('checklist-item').nth(index);
export const resultButton = (page: Page, index: number, label: '正常' | '异常' | '不适用') =>
  checklistItem(page, index).getByRole('button', { name: new RegExp(`^\\s*${[...label].join('\\s*')}\\s*$`) });
