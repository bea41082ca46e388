/**
 * A production install's first run: no demo, no default password. The console sends the first
 * visitor to the setup page, which creates the company, its first sales center and its company
 * admin and lands signed in on the console; afterwards the setup is closed.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser } from 'playwright-core';
import { desktopContext, launchBrowser, phoneContext } from './support/browser.js';
import { startServer, type TestServer } from './support/server.js';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer({ seedDemo: false, env: { APP_MODE: 'production' } });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('first-run setup', () => {
  it('empty install → /setup → company, site and admin created → signed in on the console; the setup then stays closed', async () => {
    onTestFailed(() => console.error(`server output:\n${server.output()}`));
    // A phone opened before the setup is told to finish it on a computer.
    const phone = await (await phoneContext(browser, server.url, 'narrow')).newPage();
    await phone.goto('/m/');
    await phone.getByTestId('needs-setup').waitFor();

    const desk = await (await desktopContext(browser, server.url)).newPage();
    desk.setDefaultTimeout(20_000);
    await desk.goto('/');
    await desk.waitForURL('**/setup');
    await desk.getByRole('heading', { name: '初始设置' }).waitFor();

    await desk.getByLabel('公司名称').fill('安畅物业服务有限公司');
    await desk.getByLabel('第一个案场').fill('钱江新城售楼处');
    await desk.getByLabel('姓名').fill('周建国');
    await desk.getByLabel('登录账号').fill('zhou');
    // The password rule is checked while typing, before anything is sent.
    await desk.getByLabel('密码', { exact: true }).fill('password');
    await desk.getByLabel('确认密码').fill('password');
    await desk.getByRole('button', { name: '完成设置并登录' }).click();
    await desk.getByText('至少 8 位,须同时包含字母和数字').waitFor();
    await desk.getByLabel('密码', { exact: true }).fill('Qianjiang2026');
    await desk.getByLabel('确认密码').fill('Qianjiang2026');
    await desk.getByRole('button', { name: '完成设置并登录' }).click();

    // Signed in on the new site's console, as its company admin, and no demo in sight.
    await desk.getByRole('heading', { name: '概览' }).waitFor();
    await desk.getByTestId('user-menu').getByText('周建国').waitFor();
    await desk.getByText('钱江新城售楼处').first().waitFor();
    expect(await desk.getByTestId('demo-mark').count()).toBe(0);

    // A reload keeps the session; the setup page now only says it is done.
    await desk.reload();
    await desk.getByRole('heading', { name: '概览' }).waitFor();
    await desk.goto('/setup');
    await desk.getByText('本系统已完成初始设置,请直接登录。').waitFor();

    // The phone's login no longer asks for the setup, and the new admin can sign in there too.
    await phone.reload();
    await phone.getByPlaceholder('请输入账号').waitFor();
    expect(await phone.getByTestId('needs-setup').count()).toBe(0);
  });
});
