/**
 * An incident from the floor to its close (GUARD-IN-4): the hall hostess reports a suspicious
 * person with a photo on her phone; the answer to her first send is lost and the retry reuses
 * the same id, so the incident is stored once; the manager is told at once in the console,
 * records the police decision with its reason and closes; the hostess's list follows live.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Incident, PageOf } from '@anchang/contracts';
import { desktopContext, signInToConsole } from './support/browser.js';
import { gradientPng } from './support/images.js';
import type { TestServer } from './support/server.js';
import { signInOnPhone, staffPhone } from './support/staff-phone.js';
import { DEMO_PASSWORD, manager, signIn } from './support/staff-setup.js';
import { startServerAndBrowser, stopServerAndBrowser } from './support/e2e-env.js';

let server: TestServer;
let browser: Browser;

beforeAll(async () => ({ server, browser } = await startServerAndBrowser()));
afterAll(() => stopServerAndBrowser(server, browser));

describe('incidents', () => {
  it('phone report (retried after a failed send) → console notification, police decision and close → phone follows live', async () => {
    onTestFailed(() => console.error(`server output:\n${server.output()}`));
    const api = await signIn(server.url, manager.login, DEMO_PASSWORD);

    // --- the manager, at a desk, on the incidents page ---
    const desk = await (await desktopContext(browser, server.url)).newPage();
    desk.setDefaultTimeout(20_000);
    await signInToConsole(desk, { login: manager.login, password: DEMO_PASSWORD });
    await desk.getByRole('menuitem', { name: '事件' }).click();
    await desk.getByRole('heading', { name: '事件' }).waitFor();
    await desk.locator(`[data-testid="realtime-status"][data-status="online"][data-site="${api.siteId}"]`).waitFor();
    expect(await desk.getByTestId('incident-row').count()).toBe(0);

    // --- the hostess reports from her home page ---
    const { page: phone } = await staffPhone(browser, server.url);
    await signInOnPhone(phone, { login: 'hall', password: DEMO_PASSWORD });
    await phone.getByTestId('incident-home-report').click();
    // Refused on the phone while the form is incomplete: it says what is missing and sends nothing.
    const incidentPosts: string[] = [];
    phone.on('request', (request) => {
      if (request.method() === 'POST' && /\/api\/sites\/[^/]+\/incidents$/.test(new URL(request.url()).pathname)) incidentPosts.push(request.url());
    });
    const form = phone.getByTestId('incident-form');
    await phone.getByTestId('incident-send').click(); // nothing chosen yet
    await form.getByText('请选择事件类型', { exact: true }).waitFor();
    await phone.locator('[data-testid="incident-kind"][data-kind="suspicious_person"]').click();
    await phone.getByTestId('incident-send').click(); // a kind, but no description
    await form.getByText('请填写情况说明', { exact: true }).waitFor();
    expect(incidentPosts).toEqual([]);
    expect(await phone.getByTestId('incident-send-error').count()).toBe(0);
    expect((await api.get<PageOf<Incident>>(`/sites/${api.siteId}/incidents`)).items).toHaveLength(0);
    await phone.locator('[data-testid="incident-severity"][data-severity="high"]').click();
    await phone.getByPlaceholder('发生了什么、在哪里、人员特征…').fill('样板房二楼,背双肩包男子多次拿起摆件');
    await form.getByText('请填写情况说明', { exact: true }).waitFor({ state: 'detached' });
    await phone.getByTestId('incident-photo-input').setInputFiles({ name: 'scene.png', mimeType: 'image/png', buffer: gradientPng() });
    await phone.getByTestId('incident-photo-thumb').waitFor();

    // The first send reaches the server but its answer is lost on the way back.
    let lostAnswers = 0;
    await phone.route('**/api/sites/*/incidents', async (route) => {
      if (route.request().method() !== 'POST' || lostAnswers > 0) return route.continue();
      lostAnswers++;
      await route.fetch();
      await route.abort('connectionreset');
    });
    // The report waits in the phone's outbox, which sends it again under the same id: stored once.
    await phone.getByTestId('incident-send').click();
    await phone.getByTestId('incident-list').waitFor();
    expect(lostAnswers).toBe(1);
    await expect.poll(() => incidentPosts.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
    expect(await phone.getByTestId('incident-send-error').count()).toBe(0);
    const card = phone.getByTestId('incident-card');
    await card.first().waitFor();
    expect(await card.count()).toBe(1);

    // --- the console: told at once, the row with its photo ---
    await desk.getByText('新事件:可疑人员 · 紧急').waitFor();
    const row = desk.getByTestId('incident-row');
    await row.first().waitFor();
    expect(await row.count()).toBe(1);
    await row.getByTestId('incident-photo').waitFor();
    await desk.getByTestId('incident-open').click();

    // The decision needs a choice and a reason.
    await desk.getByTestId('incident-decision-save').click();
    await desk.getByText('请选择是否报警').waitFor();
    await desk.getByTestId('incident-decision-choice').getByText('不报警', { exact: true }).click();
    await desk.getByTestId('incident-decision-note').fill('销售部确认为意向客户,已陪同参观,不报警');
    await desk.getByTestId('incident-decision-save').click();
    await desk.getByTestId('incident-drawer-decision').locator('[data-decision="no_call"]').waitFor();

    // The phone shows the decision without a reload.
    await phone.getByTestId('incident-decision').getByText('已决定不报警').waitFor();
    expect(await phone.getByTestId('incident-decision').textContent()).toContain('销售部确认为意向客户');

    await desk.getByTestId('incident-close-note').fill('客人已离开,摆件清点无缺');
    await desk.getByTestId('incident-close').click();
    // The confirmation, not the drawer (also a dialog) behind it.
    await desk
      .locator('.ant-modal-confirm')
      .getByRole('button', { name: /关闭事件/ })
      .click();
    await desk.getByText('事件已关闭').first().waitFor();

    // Closed: gone from the open lists on both sides, listed under 已关闭.
    await desk.getByText('没有处理中的事件').waitFor();
    await phone.getByText('没有处理中的事件').waitFor();
    await phone.getByRole('tab', { name: '已关闭' }).click();
    await phone.locator('[data-testid="incident-card"][data-status="closed"]').waitFor();

    // One incident on the server, although the phone sent it twice.
    const stored = await api.get<PageOf<Incident>>(`/sites/${api.siteId}/incidents`);
    expect(stored.items).toHaveLength(1);
    expect(stored.items[0]).toMatchObject({ kind: 'suspicious_person', severity: 'high', status: 'closed', policeDecision: 'no_call' });
    expect(stored.items[0]!.photoId).not.toBeNull();
  });
});
