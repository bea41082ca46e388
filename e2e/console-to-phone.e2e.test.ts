/**
 * Console to phone, as people use it: the site manager sets up a zone and a new employee on a
 * desktop, the employee signs in on a phone, and a notice sent from the console appears on
 * that phone live, with no reload. Waits only on what a person would see.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../server/src/db/seed/demo.js';
import { desktopContext, label, openConsolePage, phoneContext, signInToConsole } from './support/browser.js';
import type { TestServer } from './support/server.js';
import { startServerAndBrowser, stopServerAndBrowser } from './support/e2e-env.js';

const manager = DEMO_ACCOUNTS.find((a) => a.role === 'site_manager')!;
const SITE_NAME = '滨江壹号售楼处'; // the seeded demo site
const newStaff = { login: 'e2e.hostess', name: '测试迎宾', password: 'Welcome2026', post: '销售大厅服务岗' };
const notice = { title: '下午 3 点团购客户到访', body: '约 20 人,大厅和吧台提前备好饮品。' };

let server: TestServer;
let browser: Browser;

beforeAll(async () => ({ server, browser } = await startServerAndBrowser()));
afterAll(() => stopServerAndBrowser(server, browser));

async function chooseOption(page: Page, title: string) {
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByTitle(title, { exact: true }).click();
}

describe('console to phone', () => {
  it('a notice sent from the console shows on the new employee’s phone, live', async () => {
    onTestFailed(() => console.error(`server output:\n${server.output()}`));

    // --- the manager, at a desk ---
    const desk = await (await desktopContext(browser, server.url)).newPage();
    desk.setDefaultTimeout(20_000);
    await signInToConsole(desk, { login: manager.login, password: DEMO_PASSWORD });
    expect(await desk.getByTestId('site-switcher').textContent()).toContain(SITE_NAME);

    // A zone: an underground car park with 30 spaces.
    await openConsolePage(desk, '设置', '区域');
    await desk.getByRole('button', { name: /新建区域/ }).click();
    const zoneDialog = desk.getByRole('dialog');
    await zoneDialog.getByLabel('类型').click();
    await chooseOption(desk, '停车场');
    await zoneDialog.getByLabel('名称').fill('地下停车场');
    await zoneDialog.getByLabel('车位数').fill('30');
    await zoneDialog.getByRole('button', { name: label('新建') }).click();
    await zoneDialog.waitFor({ state: 'hidden' });
    const zoneRow = desk.getByRole('row', { name: /地下停车场/ });
    await zoneRow.waitFor();
    expect(await zoneRow.textContent()).toContain('30 个车位');

    // A new hostess on the sales-hall post, with an initial password.
    await openConsolePage(desk, '人员', '人员名单');
    await desk.getByRole('button', { name: /添加人员/ }).click();
    const personDialog = desk.getByRole('dialog');
    await personDialog.getByLabel('登录账号').fill(newStaff.login);
    await personDialog.getByLabel('姓名').fill(newStaff.name);
    await personDialog.getByLabel('初始密码').fill(newStaff.password);
    // Typed and taken with Enter, as a keyboard user would: a click on the option while the
    // dropdown is still opening can miss under load, and the person would be saved without a post.
    await personDialog.getByLabel('岗位').fill(newStaff.post);
    await desk.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByTitle(newStaff.post, { exact: true }).waitFor();
    await desk.keyboard.press('Enter');
    await personDialog.locator('.ant-select-selection-item', { hasText: newStaff.post }).waitFor();
    await personDialog.getByText('添加人员').click(); // close the dropdown without Escape (which closes the dialog)
    await personDialog.getByRole('button', { name: label('新建') }).click();
    await personDialog.waitFor({ state: 'hidden' });
    const personRow = desk.getByRole('row', { name: new RegExp(newStaff.name) });
    await personRow.waitFor();
    expect(await personRow.textContent()).toContain(newStaff.post);

    // --- the hostess, on her phone ---
    const phone = await (await phoneContext(browser, server.url)).newPage();
    phone.setDefaultTimeout(20_000);
    await phone.goto('/m/');
    await phone.getByPlaceholder('请输入账号').fill(newStaff.login);
    await phone.getByPlaceholder('请输入密码').fill(newStaff.password);
    await phone.getByRole('button', { name: '登录' }).click();
    await phone.getByTestId('staff-site-name').waitFor();
    expect(await phone.getByTestId('staff-site-name').textContent()).toContain(SITE_NAME);
    expect(await phone.getByTestId('my-post').first().textContent()).toContain(newStaff.post);

    await phone.getByText('通知', { exact: true }).click();
    await phone.getByText('暂无通知').waitFor();
    // Live means the server confirmed the phone follows this site; from here no refetch is needed.
    await phone.locator('[data-testid="realtime-status"][data-status="online"]:not([data-site=""])').waitFor();
    // A page reload would wipe this marker: it proves the notice arrived without one.
    await phone.evaluate(() => Object.assign(window, { __sameDocument: true }));

    // --- the manager sends a notice ---
    await openConsolePage(desk, '人员', '通知');
    await desk.getByLabel('标题').fill(notice.title);
    await desk.getByLabel('内容').fill(notice.body);
    // Watch for the toast from before the send: it shows for a few seconds only.
    const toastShown = phone
      .getByText(`新通知:${notice.title}`)
      .waitFor()
      .then(
        () => true,
        () => false,
      );
    await desk.getByRole('button', { name: /发\s*送/ }).click();
    await desk.getByTestId('notice-item').filter({ hasText: notice.title }).waitFor();

    // --- and it is on the phone ---
    const card = phone.getByTestId('notice-item').filter({ hasText: notice.title });
    await card.waitFor();
    expect(await toastShown).toBe(true);
    expect(await card.textContent()).toContain(notice.body);
    expect(await phone.evaluate(() => (window as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  });
});
