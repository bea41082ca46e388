/**
 * The monthly report reaches the developer client: the manager publishes November's report (over
 * the API: the editor has its own screens), then the client's viewer signs in to the console,
 * opens it from the archive, sees its charts drawn, downloads the PDF and acknowledges receipt.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser } from 'playwright-core';
import type { ClientReport } from '@anchang/contracts';
import { desktopContext, label, openConsolePage } from './support/browser.js';
import type { TestServer } from './support/server.js';
import { DEMO_PASSWORD, manager, signIn } from './support/staff-setup.js';
import { startServerAndBrowser, stopServerAndBrowser } from './support/e2e-env.js';

let server: TestServer;
let browser: Browser;

beforeAll(async () => ({ server, browser } = await startServerAndBrowser()));
afterAll(() => stopServerAndBrowser(server, browser));

describe('the monthly client report', () => {
  it('the client viewer opens the published month, sees the charts, downloads the PDF and acknowledges it', async () => {
    onTestFailed(() => console.error(`server output:\n${server.output()}`));
    const api = await signIn(server.url, manager.login, DEMO_PASSWORD);
    const base = `/sites/${api.siteId}/client-reports`;
    const draft = await api.post<ClientReport>(`${base}?lang=zh-CN`, { month: '2026-11' });
    await api.put(`${base}/${draft.id}`, {
      narrative: '十一月服务平稳,来访接待有序。',
      measures: [{ text: '周末加派大厅引导', owner: '店长', dueDate: '2026-12-20' }],
    });
    await api.post(`${base}/${draft.id}/publish`, undefined);

    const page = await (await desktopContext(browser, server.url)).newPage();
    page.setDefaultTimeout(20_000);
    await page.goto('/');
    await page.getByLabel('账号').fill('client');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: label('登录') }).click();
    await page.getByRole('heading', { name: '概览' }).waitFor();
    await openConsolePage(page, '现场运行', '月度服务报告');
    await page.getByTestId('report-row-2026-11').getByText('待签收').waitFor();
    await page.getByTestId('report-row-2026-11').click();
    await page.getByRole('heading', { name: /2026 年 11 月服务报告/ }).waitFor();

    // The charts are drawn: ECharts' SVG with the daily bars in it.
    const chart = page.getByTestId('report-chart').first();
    await chart.locator('svg').waitFor();
    // A grid line is a path of no height (never "visible"): wait for the paths to be there.
    await chart.locator('svg path').first().waitFor({ state: 'attached' });
    expect(Number(await chart.getAttribute('data-points'))).toBeGreaterThan(0);
    expect(await chart.locator('svg path').count()).toBeGreaterThan(5);
    await page.getByText('十一月服务平稳,来访接待有序。').waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-pdf').click()]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const pdf = Buffer.concat(chunks);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(10_000);
    expect(download.suggestedFilename()).toMatch(/2026-11.*\.pdf$/);

    await page.getByTestId('report-acknowledge').click();
    await page
      .getByTestId('report-acknowledged')
      .getByText(/甲方代表 于 .* 签收/)
      .waitFor();
    expect(await page.getByTestId('report-acknowledge').count()).toBe(0);
  });
});
