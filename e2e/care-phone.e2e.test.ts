/**
 * On-site care on the staff phones: the parking attendant records a car's body check that the
 * customer signs with a finger; a found wallet is opened only by two staff on two phones (the
 * second sees the first's request live) and goes back to its owner against a signature.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { LostItem, VehicleCheck, Visit } from '@anchang/contracts';
import type { TestServer } from './support/server.js';
import { sign } from './support/signature.js';
import { signInOnPhone, staffPhone } from './support/staff-phone.js';
import { DEMO_PASSWORD, signIn } from './support/staff-setup.js';
import { startServerAndBrowser, stopServerAndBrowser } from './support/e2e-env.js';

let server: TestServer;
let browser: Browser;

beforeAll(async () => ({ server, browser } = await startServerAndBrowser()));
afterAll(() => stopServerAndBrowser(server, browser));

async function phoneOf(login: string): Promise<Page> {
  const { page } = await staffPhone(browser, server.url);
  await signInOnPhone(page, { login, password: DEMO_PASSWORD });
  return page;
}

describe('care on the staff phone', () => {
  it('the customer signs the vehicle check; the car row then shows it signed, read-only', async () => {
    onTestFailed(() => console.error(`server output:\n${server.output()}`));
    const park = await phoneOf('park');
    await park.goto('/m/visits');
    await park.getByTestId('plate-input').locator('input').fill('a54321');
    await park.getByTestId('register-submit').click();
    await park.getByTestId('register-done').waitFor();
    const row = park.getByTestId('parked-car').filter({ hasText: '浙A5**21' });
    await row.getByTestId('vehicle-check-open').filter({ hasText: '车辆检查' }).click();

    const car = park.getByTestId('car-outline');
    await car.waitFor();
    await park.waitForTimeout(500); // the screen slides in
    const size = (await car.boundingBox())!;
    await car.click({ position: { x: size.width * 0.2, y: size.height * 0.25 } });
    await car.click({ position: { x: size.width * 0.8, y: size.height * 0.7 } });
    await park.getByTestId('mark-note').nth(0).locator('input').fill('左前翼子板划痕');
    await park.getByRole('button', { name: '删除第2处标记' }).click();
    await expect.poll(() => park.getByTestId('car-mark').count()).toBe(1);

    const submit = park.getByTestId('vehicle-check-submit');
    expect(await submit.isDisabled()).toBe(true); // no ink yet
    await sign(park, 'signature-pad');
    await park.getByTestId('signature-pad-status').filter({ hasText: '已签名' }).waitFor();
    await submit.click();
    await row.getByTestId('vehicle-check-open').filter({ hasText: '车检已签' }).waitFor();

    const api = await signIn(server.url, 'park', DEMO_PASSWORD);
    const visit = (await api.get<{ items: Visit[] }>(`/sites/${api.siteId}/visits?status=open&limit=200`)).items.find(
      (v) => v.plateMasked === '浙A5**21',
    )!;
    const saved = await api.get<VehicleCheck>(`/sites/${api.siteId}/visits/${visit.id}/vehicle-check`);
    expect(saved.marks).toHaveLength(1);
    expect(saved.marks[0]!.note).toBe('左前翼子板划痕');
    expect(saved.marks[0]!.x).toBeCloseTo(0.2, 1);
    expect(saved.marks[0]!.y).toBeCloseTo(0.25, 1);
    expect(saved.signature.strokes).toHaveLength(2);
    for (const [x, y] of saved.signature.strokes.flat()) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(1);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(1);
    }

    await row.getByTestId('vehicle-check-open').click();
    await park.getByTestId('vehicle-check-signed').waitFor();
    expect(await park.getByTestId('vehicle-check-submit').count()).toBe(0);
    expect(await park.getByTestId('signature-view').locator('path').getAttribute('d')).toMatch(/^M[\d.]+ [\d.]+L/);
  });

  it('a found wallet is opened by two staff on two phones and returned against the owner’s signature', async () => {
    onTestFailed(() => console.error(`server output:\n${server.output()}`));
    const hall = await phoneOf('hall');
    const bar = await phoneOf('bar');
    await hall.locator('.adm-tab-bar-item').filter({ hasText: '来访' }).click();
    await hall.getByTestId('lost-found-entry').click();
    await hall.getByTestId('lost-register-open').click();
    await hall.getByTestId('lost-what').locator('input').fill('黑色钱包');
    await hall.getByTestId('lost-where').locator('input').fill('洽谈区3号桌');
    await hall.getByTestId('lost-storage').locator('input').fill('前台保险柜');
    await hall.getByTestId('lost-register-submit').click();
    const onHall = hall.getByTestId('lost-item').filter({ hasText: '黑色钱包' });
    await onHall.waitFor();

    await bar.goto('/m/lost-found');
    const onBar = bar.getByTestId('lost-item').filter({ hasText: '黑色钱包' });
    await onBar.getByTestId('lost-request-open').waitFor();

    await onHall.getByTestId('lost-request-open').click();
    await onHall.getByTestId('lost-pending').filter({ hasText: '请另一位同事' }).waitFor();
    expect(await onHall.getByTestId('lost-confirm-open').count()).toBe(0); // not the same person twice
    // The bar's phone learns of the request live, without a reload.
    await onBar.getByTestId('lost-confirm-open').click();
    await bar.getByTestId('lost-contents').locator('textarea').first().fill('身份证1张');
    await bar.getByTestId('lost-confirm-submit').click();
    await onHall.getByTestId('lost-return-open').click();

    await hall.getByTestId('lost-owner-name').locator('input').fill('王先生');
    expect(await hall.getByTestId('lost-return-submit').isDisabled()).toBe(true);
    await sign(hall, 'lost-signature');
    await hall.getByTestId('lost-return-submit').click();
    await hall.getByTestId('lost-return-form').waitFor({ state: 'detached' });
    await onHall.waitFor({ state: 'detached' }); // gone from the unclaimed list
    await onBar.waitFor({ state: 'detached' });

    const api = await signIn(server.url, 'hall', DEMO_PASSWORD);
    const [item] = (await api.get<{ items: LostItem[] }>(`/sites/${api.siteId}/lost-items`)).items.filter((i) => i.what === '黑色钱包');
    expect(item).toMatchObject({ status: 'returned', returnedTo: '王先生', contents: '身份证1张' });
    expect(item!.openedBy).toHaveLength(2);
  });
});
