/**
 * No signal in the car park: the phone records the pre-shift checks (one with a photo) while
 * offline, shows them waiting, keeps them through a reload without network, and sends them when
 * the network is back: the server ends up with exactly those results, each once.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser } from 'playwright-core';
import { label } from './support/browser.js';
import { gradientPng } from './support/images.js';
import type { TestServer } from './support/server.js';
import { checklistItem, clockIn, resultButton, signInOnPhone, staffPhone } from './support/staff-phone.js';
import { createRosteredStaff, DEMO_PASSWORD, manager, signIn } from './support/staff-setup.js';
import { startServerAndBrowser, stopServerAndBrowser } from './support/e2e-env.js';

let server: TestServer;
let browser: Browser;

beforeAll(async () => ({ server, browser } = await startServerAndBrowser()));
afterAll(() => stopServerAndBrowser(server, browser));

interface ShiftDetailBody {
  results: { id: string; itemId: string; result: string; note: string | null; photoId: string | null }[];
}
interface AuditPage {
  items: { action: string; entityId: string | null; detail: { itemId?: string } | null }[];
  nextCursor: string | null;
}

describe('offline outbox', () => {
  it('checklist results made offline survive a reload and reach the server once each when back online', async () => {
    onTestFailed(() => console.error(`server output:\n${server.output()}`));
    const api = await signIn(server.url, manager.login, DEMO_PASSWORD);
    const staff = await createRosteredStaff(api, { login: 'e2e.offline', name: '测试迎宾乙' });
    const note = `纸杯不足,已登记 #${Date.now() % 100_000}`;

    const { context, page: phone } = await staffPhone(browser, server.url);
    await signInOnPhone(phone, staff);
    await clockIn(phone);
    // The app is kept on the phone (service worker) before the signal goes.
    await phone.locator('html[data-offline-ready="true"]').waitFor({ state: 'attached', timeout: 30_000 });
    // The clock-in goes through the outbox too: on a loaded machine its answer may still be on the
    // way, and a clock-in cut off by the signal would wait with the checks (待发送 3, not 2).
    await phone.getByTestId('outbox-banner').waitFor({ state: 'detached', timeout: 20_000 });

    // --- the signal drops ---
    await context.setOffline(true);
    // The shift screen's chip says 离线 from the browser's own offline event, not after the socket gives up.
    await phone.locator('[data-testid="realtime-status"][data-status="offline"]', { hasText: '离线' }).first().waitFor({ timeout: 2_000 });
    await phone.getByTestId('section-pre').click();
    await checklistItem(phone, 1).waitFor();
    await phone.getByTestId('offline-indicator').waitFor();

    await resultButton(phone, 0, '正常').click();
    await phone.locator('[data-testid="checklist-item"][data-item-id="HALL-PRE-1"][data-status="waiting"]').waitFor();

    await resultButton(phone, 1, '异常').click();
    const second = checklistItem(phone, 1);
    await second.getByText('物资', { exact: true }).click();
    await second.getByPlaceholder('请描述发现的情况').fill(note);
    await second.getByTestId('photo-input').setInputFiles({ name: 'cups.png', mimeType: 'image/png', buffer: gradientPng() });
    await second.getByTestId('photo-thumb').waitFor();
    await second.getByRole('button', { name: label('提交') }).click();

    // Two records wait (the photo travels with its result).
    await phone.getByTestId('outbox-waiting').filter({ hasText: '待发送 2' }).waitFor();
    expect(await phone.getByTestId('checklist-progress').textContent()).toBe('2/2');

    // --- a reload, still without network: nothing is lost ---
    const reloaded = await phone.reload();
    expect(reloaded?.fromServiceWorker()).toBe(true); // the app itself came from the phone
    await phone.getByTestId('outbox-waiting').filter({ hasText: '待发送 2' }).waitFor();
    await phone.getByTestId('offline-indicator').waitFor();
    expect(await phone.getByTestId('checklist-progress').textContent()).toBe('2/2');
    const waitingItems = phone.locator('[data-testid="checklist-item"][data-status="waiting"]');
    expect(await waitingItems.count()).toBe(2);
    // The photo shows from the phone's own copy.
    await checklistItem(phone, 1).locator('img').waitFor();

    // Nothing reached the server while offline.
    const day = await api.get<{ rows: { entries: { personId: string; shiftId: string | null }[] }[] }>(`/sites/${api.siteId}/day-board`);
    const shiftId = day.rows.flatMap((r) => r.entries).find((e) => e.personId === staff.personId)?.shiftId;
    expect(shiftId).toBeTruthy();
    const before = await api.get<ShiftDetailBody>(`/sites/${api.siteId}/shifts/${shiftId}`);
    expect(before.results).toEqual([]);

    // --- the signal comes back: the outbox empties ---
    await context.setOffline(false);
    await phone.getByTestId('outbox-banner').waitFor({ state: 'detached' });
    expect(await phone.locator('[data-testid="realtime-status"][data-status="offline"]').count()).toBe(0);
    await phone.locator('[data-testid="checklist-item"][data-status="saved"]').nth(1).waitFor();

    // The server holds exactly those two results, each once.
    const detail = await api.get<ShiftDetailBody>(`/sites/${api.siteId}/shifts/${shiftId}`);
    expect(detail.results.map((r) => [r.itemId, r.result]).sort()).toEqual([
      ['HALL-PRE-1', 'ok'],
      ['HALL-PRE-2', 'anomaly'],
    ]);
    const anomalyResult = detail.results.find((r) => r.itemId === 'HALL-PRE-2')!;
    expect(anomalyResult.note).toBe(note);
    expect(anomalyResult.photoId).toBeTruthy();
    const audit = await api.get<AuditPage>(`/sites/${api.siteId}/audit?action=shift.checklist&limit=50`);
    const recorded = audit.items.filter((e) => e.entityId === shiftId).map((e) => e.detail?.itemId);
    expect(recorded.sort()).toEqual(['HALL-PRE-1', 'HALL-PRE-2']);
    const photos = await api.get<AuditPage>(`/sites/${api.siteId}/audit?action=photo.upload&limit=50`);
    expect(photos.items.filter((e) => e.entityId === anomalyResult.photoId)).toHaveLength(1);
    const anomalies = await api.get<{ items: { note: string }[] }>(`/sites/${api.siteId}/anomalies?limit=50`);
    expect(anomalies.items.filter((a) => a.note === note)).toHaveLength(1);
  });
});
