/**
 * The visitor journey across the sales center, as the posts live it: the parking attendant
 * registers a car on his phone; the hall hostess, on hers, sees the guests arrive live and
 * receives them; she walks them to the model room, whose guide receives them; the guide sees them
 * off, and the car park sees the car off. The manager's live site board follows every move
 * without a reload, and at the end nobody is left on site.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { desktopContext, launchBrowser } from './support/browser.js';
import { startServer, type TestServer } from './support/server.js';
import { signInOnPhone, staffPhone } from './support/staff-phone.js';
import { DEMO_PASSWORD, manager, signIn } from './support/staff-setup.js';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** antd spaces out two-character CJK button labels ("登 录"); match with or without. */
const label = (text: string) => new RegExp(`^\\s*${[...text].join('\\s*')}\\s*$`);

/** A demo post's phone, signed in, on the 来访 tab. */
async function visitsPhone(login: string): Promise<Page> {
  const { page } = await staffPhone(browser, server.url);
  await signInOnPhone(page, { login, password: DEMO_PASSWORD });
  await page.locator('.adm-tab-bar-item').filter({ hasText: '来访' }).click();
  await page.getByRole('heading', { name: '来访接待' }).waitFor();
  return page;
}

describe('visitor hand-off chain', () => {
  it('car park → hall → model room → farewell, each post receiving live, the site board following', async () => {
    onTestFailed(() => console.error(`server output:\n${server.output()}`));
    const api = await signIn(server.url, manager.login, DEMO_PASSWORD);

    // --- the manager, at a desk, on the live site board ---
    const desk = await (await desktopContext(browser, server.url)).newPage();
    desk.setDefaultTimeout(20_000);
    await desk.goto('/');
    await desk.getByLabel('账号').fill(manager.login);
    await desk.getByLabel('密码').fill(DEMO_PASSWORD);
    await desk.getByRole('button', { name: label('登录') }).click();
    await desk.getByRole('heading', { name: '概览' }).waitFor();
    await desk.getByRole('menuitem', { name: /现场看板/ }).click();
    await desk.getByRole('heading', { name: '现场看板' }).waitFor();
    await desk.locator(`[data-testid="realtime-status"][data-status="online"][data-site="${api.siteId}"]`).waitFor();
    await desk.evaluate(() => Object.assign(window, { __sameDocument: true }));
    expect(await desk.getByTestId('board-visit').count()).toBe(0);
    const card = desk.getByTestId('board-visit');

    // --- the posts' phones, open on 来访 before anyone arrives ---
    const hall = await visitsPhone('hall');
    const model = await visitsPhone('model');
    const park = await visitsPhone('park');
    expect(await hall.getByTestId('incoming-handoff').count()).toBe(0);

    // 车场: 3 guests by car (the plate is the only typing), 登记 → 已通知大厅.
    await park.getByTestId('register-card').locator('.adm-stepper-plus').click();
    await park.getByTestId('plate-input').locator('input').fill('a12345');
    await park.getByTestId('register-submit').click();
    await park.getByTestId('register-done').filter({ hasText: '已通知大厅' }).waitFor();
    await desk.locator('[data-testid="board-visit"][data-stage="car_park"]').filter({ hasText: '3位' }).waitFor();

    // 大厅: the guests arrive live; 接待 moves them into the hall.
    const incoming = hall.getByTestId('incoming-handoff');
    await incoming.filter({ hasText: '3位' }).waitFor();
    expect(await incoming.textContent()).toContain('张伟');
    await incoming.getByTestId('ack-button').click();
    await incoming.waitFor({ state: 'detached' });
    const inHall = hall.getByTestId('visit-here');
    await inHall.waitFor();
    await desk.locator('[data-testid="board-visit"][data-stage="hall"]').waitFor();

    // The hostess walks them to the model room; the guide receives them there.
    await inHall.getByTestId('handoff-model_room').click();
    await inHall.getByTestId('handed-on').waitFor();
    const toModel = model.getByTestId('incoming-handoff');
    await toModel.filter({ hasText: '3位' }).waitFor();
    await toModel.getByTestId('ack-button').click();
    await desk.locator('[data-testid="board-visit"][data-stage="model_room"]').waitFor();
    await inHall.waitFor({ state: 'detached' }); // no longer in the hall

    // 送别: the guide sees them off; the car park sees the car off (引导驶离).
    const inModel = model.getByTestId('visit-here');
    await inModel.getByTestId('handoff-departure').click();
    const leaving = park.getByTestId('departure-handoff');
    await leaving.waitFor();
    await leaving.getByRole('button', { name: /引导驶离/ }).click();

    // The board: nobody on site any more, and every hand-off received — all without a reload.
    await card.first().waitFor({ state: 'detached' });
    await desk.getByTestId('board-on-site').filter({ hasText: /^0$/ }).waitFor();
    await desk.locator('[data-testid="board-handoff"][data-acked="true"]').nth(2).waitFor();
    expect(await desk.locator('[data-testid="board-handoff"][data-acked="false"]').count()).toBe(0);
    expect(await desk.evaluate(() => (window as { __sameDocument?: boolean }).__sameDocument)).toBe(true);

    const closed = await api.get<{ items: { partySize: number; stage: string; handoffs: { to: string; ackedAt: number | null }[] }[] }>(
      `/sites/${api.siteId}/visits?status=closed`,
    );
    expect(closed.items).toHaveLength(1);
    expect(closed.items[0]).toMatchObject({ partySize: 3, stage: 'departed' });
    expect(closed.items[0]!.handoffs.map((h) => h.to).sort()).toEqual(['departure', 'hall', 'model_room']);
  });
});
