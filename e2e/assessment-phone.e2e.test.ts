/**
 * At the month's end the manager computes and signs the month; the hostess opens her assessment on
 * a small phone (360 × 780): the month's lines with the figures they came from, the total, pass
 * or fail, and the appeal, which she sends once.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Assessment, AssessmentMonthView } from '@anchang/contracts';
import { expectAccessible } from './support/axe.js';
import { phoneContext } from './support/browser.js';
import { startServerAndBrowser, stopServerAndBrowser } from './support/e2e-env.js';
import type { TestServer } from './support/server.js';
import { signInOnPhone } from './support/staff-phone.js';
import { DEMO_PASSWORD, manager, signIn } from './support/staff-setup.js';

let server: TestServer;
let browser: Browser;

beforeAll(async () => ({ server, browser } = await startServerAndBrowser()));
afterAll(() => stopServerAndBrowser(server, browser));

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const [scrollWidth, clientWidth] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
}

describe('my assessment on the phone', () => {
  it('the hostess sees her signed month, line by line, at 360 px, and appeals once', async () => {
    onTestFailed(() => console.error(`server output:\n${server.output()}`));
    const api = await signIn(server.url, manager.login, DEMO_PASSWORD);
    const hall = await signIn(server.url, 'hall', DEMO_PASSWORD);
    const site = `/sites/${api.siteId}`;

    // November is over at the demo's "today" (2 December): the manager computes and signs the hostess's month.
    await api.post(`${site}/assessments/compute`, { month: '2026-11' });
    const november = await api.get<AssessmentMonthView>(`${site}/assessments?month=2026-11`);
    const mine = (await hall.get<Assessment[]>(`${site}/my-assessments`))[0];
    expect(mine?.month).toBe('2026-11');
    const row = november.items.find((a) => a.id === mine!.id)!;
    await api.post(`${site}/assessments/${row.id}/sign`, {});

    const context = await phoneContext(browser, server.url, 'narrow');
    const phone = await context.newPage();
    phone.setDefaultTimeout(20_000);
    await signInOnPhone(phone, { login: 'hall', password: DEMO_PASSWORD });
    await phone.getByTestId('assessment-home-card').click();
    await phone.getByTestId('my-assessment').waitFor();

    const card = phone.getByTestId('assessment-month-card').first();
    await card.waitFor();
    expect(await card.textContent()).toContain('2026-11');
    expect(await card.getByTestId('assessment-total').textContent()).toBe(String(row.total));
    // Every line with a weight for the hall post, each with the figures it came from.
    const weighted = row.lines.filter((l) => l.weight > 0).length;
    await expect.poll(() => card.getByTestId('assessment-line').count()).toBe(weighted);
    expect(await card.textContent()).toContain(row.outcome === 'pass' ? '合格' : row.outcome === 'fail' ? '不合格' : '无班');
    expect(await card.textContent()).toContain('出勤');
    await expectNoSidewaysScroll(phone);
    await expectAccessible(phone, 'my assessment');

    // The appeal, once: the button goes once it is sent, and the server has it.
    await card.getByTestId('assessment-appeal').click();
    await phone.getByLabel('申诉内容').fill('11月30日我在培训,不是缺勤');
    await phone.getByRole('button', { name: '提交申诉' }).click();
    await card.getByTestId('assessment-appeal').waitFor({ state: 'detached' });
    expect(await card.textContent()).toContain('11月30日我在培训');
    const stored = await hall.get<Assessment[]>(`${site}/my-assessments`);
    expect(stored[0]?.appeal.status).toBe('open');
    await context.close();
  });
});
