/**
 * The pre-shift checklist, as people use it: a new hostess clocks in on her phone and works
 * through 班前检查, registering an anomaly with a note and a photo; the site manager, with the
 * console's anomalies page open on a desk, sees it arrive without reloading.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectAccessible } from './support/axe.js';
import { desktopContext, label, signInToConsole } from './support/browser.js';
import { gradientPng } from './support/images.js';
import type { TestServer } from './support/server.js';
import { checklistItem, clockIn, resultButton, signInOnPhone, staffPhone } from './support/staff-phone.js';
import { createRosteredStaff, DEMO_PASSWORD, manager, signIn } from './support/staff-setup.js';
import { startServerAndBrowser, stopServerAndBrowser } from './support/e2e-env.js';

let server: TestServer;
let browser: Browser;

// With the demo's past month behind today, as a first `npm start` shows it.
beforeAll(async () => ({ server, browser } = await startServerAndBrowser({ demoHistory: true })), 300_000);
afterAll(() => stopServerAndBrowser(server, browser));

interface ShiftDetailBody {
  results: { itemId: string; result: string; note: string | null; photoId: string | null }[];
}

describe('pre-shift checklist', () => {
  it('an anomaly with a note and a photo, recorded on the phone, appears on the manager’s anomalies page live', async () => {
    onTestFailed(() => console.error(`server output:\n${server.output()}`));
    const api = await signIn(server.url, manager.login, DEMO_PASSWORD);
    const staff = await createRosteredStaff(api, { login: 'e2e.checklist', name: '测试迎宾甲' });
    const note = `工牌丢失,已借用备用工牌 #${Date.now() % 100_000}`;

    // --- the manager, at a desk, on the anomalies page ---
    const desk = await (await desktopContext(browser, server.url)).newPage();
    desk.setDefaultTimeout(20_000);
    await signInToConsole(desk, { login: manager.login, password: DEMO_PASSWORD });
    await desk.waitForLoadState('networkidle');
    await expectAccessible(desk, 'the console overview');
    await desk.goto(`/sites/${api.siteId}/anomalies`);
    await desk.getByRole('heading', { name: /异常登记/ }).waitFor();
    await desk.locator(`[data-testid="realtime-status"][data-status="online"][data-site="${api.siteId}"]`).waitFor();
    // A reload would wipe this marker: it proves the row arrived without one.
    await desk.evaluate(() => Object.assign(window, { __sameDocument: true }));
    expect(await desk.getByTestId('anomaly-row').filter({ hasText: note }).count()).toBe(0);

    // --- the hostess, on her phone ---
    const { page: phone } = await staffPhone(browser, server.url);
    await signInOnPhone(phone, staff);
    await clockIn(phone);
    await phone.getByTestId('section-pre').click();
    expect(await phone.getByTestId('checklist-progress').textContent()).toBe('0/2');
    // The appearance self-check comes first.
    expect(await checklistItem(phone, 0).getAttribute('data-item-id')).toBe('HALL-PRE-1');
    expect(await checklistItem(phone, 0).textContent()).toContain('自检仪容仪表');
    await expectAccessible(phone, 'the pre-shift checklist');

    // 异常: a kind, a note and a photo, then 提交.
    await resultButton(phone, 0, '异常').click();
    const first = checklistItem(phone, 0);
    await first.getByRole('button', { name: label('提交') }).click();
    await first.getByRole('alert').filter({ hasText: '请填写说明' }).waitFor(); // nothing recorded without a note
    await first.getByText('设备故障', { exact: true }).click();
    await first.getByPlaceholder('请描述发现的情况').fill(note);
    await first.getByTestId('photo-input').setInputFiles({ name: 'badge.png', mimeType: 'image/png', buffer: gradientPng() });
    await first.getByTestId('photo-thumb').waitFor();
    await first.getByRole('button', { name: label('提交') }).click();

    // 正常 on the second item: one tap.
    await resultButton(phone, 1, '正常').click();
    await phone.getByTestId('pre-done').waitFor();
    expect(await phone.getByTestId('checklist-progress').textContent()).toBe('2/2');
    // Both reach the server: the phone says 已记录 (saved), not 待发送.
    await phone.locator('[data-testid="checklist-item"][data-status="saved"]').nth(1).waitFor();
    expect(await phone.getByTestId('outbox-banner').count()).toBe(0);

    // --- and the manager sees it, live ---
    const row = desk.getByTestId('anomaly-row').filter({ hasText: note });
    await row.waitFor();
    expect(await row.textContent()).toContain('销售大厅服务岗');
    expect(await desk.evaluate(() => (window as { __sameDocument?: boolean }).__sameDocument)).toBe(true);

    // The server holds the anomaly result with its note and photo.
    const day = await api.get<{ rows: { entries: { personId: string; shiftId: string | null }[] }[] }>(`/sites/${api.siteId}/day-board`);
    const shiftId = day.rows.flatMap((r) => r.entries).find((e) => e.personId === staff.personId)?.shiftId;
    expect(shiftId).toBeTruthy();
    const detail = await api.get<ShiftDetailBody>(`/sites/${api.siteId}/shifts/${shiftId}`);
    const anomaly = detail.results.find((r) => r.itemId === 'HALL-PRE-1');
    expect(anomaly).toMatchObject({ result: 'anomaly', note });
    expect(anomaly?.photoId).toBeTruthy();
  });
});
