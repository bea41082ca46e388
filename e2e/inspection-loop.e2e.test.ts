/**
 * The inspection loop (服务监督 / 品质核查): a supervisor on a 360 px phone inspects the hall post,
 * failing the 3 m greeting with a deduction, a note and a photo; the hall's phone is told live and
 * the hostess fixes it with a note; the supervisor's re-check list fills live and the supervisor
 * accepts the fix; the console lists the inspection with its rectification done.
 *
 * With INSPECTION_SHOTS_DIR set, the form, the rectification on the phone and the console list are
 * saved there as PNGs to look at.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Inspection, InspectionSettings, InspectionSummary, PageOf, Post } from '@anchang/contracts';
import { desktopContext, label, openConsolePage, phoneContext, signInToConsole } from './support/browser.js';
import { gradientPng } from './support/images.js';
import type { TestServer } from './support/server.js';
import { signInOnPhone } from './support/staff-phone.js';
import { DEMO_PASSWORD, manager, signIn } from './support/staff-setup.js';
import { startServerAndBrowser, stopServerAndBrowser } from './support/e2e-env.js';

let server: TestServer;
let browser: Browser;

beforeAll(async () => ({ server, browser } = await startServerAndBrowser()));
afterAll(() => stopServerAndBrowser(server, browser));

const shotsDir = process.env.INSPECTION_SHOTS_DIR;
const shoot = async (page: Page, name: string, fullPage = false) => {
  if (!shotsDir) return;
  // A drawer or a toast still sliding in is not what the page looks like.
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  await page.screenshot({ path: path.join(shotsDir, `${name}.png`), fullPage });
};

async function narrowPhone(login: string): Promise<Page> {
  const page = await (await phoneContext(browser, server.url, 'narrow')).newPage();
  page.setDefaultTimeout(20_000);
  await signInOnPhone(page, { login, password: DEMO_PASSWORD });
  return page;
}

describe('inspection loop', () => {
  it('supervisor inspects the hall on the phone → the hall fixes live → the supervisor re-checks → the console lists it', async () => {
    onTestFailed(() => console.error(`server output:\n${server.output()}`));
    const api = await signIn(server.url, manager.login, DEMO_PASSWORD);
    // The monitoring role's plan: the hall twice a day.
    const posts = await api.get<PageOf<Post>>(`/sites/${api.siteId}/posts`);
    const hallPost = posts.items.find((p) => p.kind === 'HALL')!;
    const settings = await api.get<InspectionSettings>(`/sites/${api.siteId}/inspection-settings`);
    await api.put(`/sites/${api.siteId}/inspection-settings`, { ...settings, plan: [{ postId: hallPost.id, timesPerDay: 2 }] });

    // The hostess's phone is open on her home page, with nothing to rectify yet.
    const hall = await narrowPhone('hall');
    await hall.locator(`[data-testid="realtime-status"][data-status="online"]`).waitFor();
    expect(await hall.getByTestId('rectifications-home').count()).toBe(0);

    // --- the supervisor walks the hall post's form ---
    const sup = await narrowPhone('supervisor');
    await sup.getByTestId('inspect-home').getByText('今日 0/2 次').waitFor();
    await shoot(sup, 'phone-home-supervisor');
    await sup.getByTestId('inspect-home').click();
    await sup.getByTestId('inspect-post').filter({ hasText: '销售大厅服务岗' }).click();
    await sup.getByTestId('inspect-person').filter({ hasText: '王晓婷' }).click();
    const greet = sup.locator('[data-testid="inspect-item"][data-item="NORM-GREET-3M"]');
    await greet.getByText('客人距 3 米时主动迎宾').waitFor();
    await greet.getByTestId('inspect-fail').click();
    // The stepper starts at 1 and stops at the item's 3 points.
    const plus = greet.locator('.adm-stepper-plus');
    await plus.click();
    await plus.click();
    expect(await plus.isDisabled()).toBe(true);
    await sup
      .getByTestId('inspect-summary')
      .getByText(/不合格 1 项 · 扣 3 分/)
      .waitFor();
    await greet.locator('.adm-stepper-minus').click();
    await greet.getByPlaceholder('记录看到的情况(可选)').fill('客人进门 2 米内才问好');
    await greet.getByTestId('inspect-photo-input').setInputFiles({ name: 'door.png', mimeType: 'image/png', buffer: gradientPng() });
    await sup
      .getByTestId('inspect-summary')
      .getByText(/不合格 1 项 · 扣 2 分/)
      .waitFor();
    await greet.scrollIntoViewIfNeeded();
    await shoot(sup, 'phone-inspection-form');
    await sup.getByTestId('inspect-submit').click();
    await sup
      .locator('.adm-dialog')
      .getByRole('button', { name: label('确定') })
      .click();
    await sup.getByText('检查已提交').waitFor();
    await sup.getByText('没有待复查的整改').waitFor();
    await sup.getByTestId('inspect-plan-total').getByText('1/2').waitFor();

    const stored = await api.get<PageOf<InspectionSummary>>(`/sites/${api.siteId}/inspections`);
    expect(stored.items).toHaveLength(1);
    expect(stored.items[0]).toMatchObject({ failedCount: 1, deductionPoints: 2, postName: '销售大厅服务岗' });

    // --- the hall's phone is told without a reload, and she fixes it ---
    await hall.getByTestId('rectifications-home').click();
    const card = hall.locator('[data-testid="rectification-card"][data-status="to_rectify"]');
    await card.getByText('客人距 3 米时主动迎宾').waitFor();
    await card.getByText('客人进门 2 米内才问好').waitFor();
    await shoot(hall, 'phone-my-rectification');
    await card.getByPlaceholder('说明如何整改的(必填)').fill('已和同事演练 3 米迎宾与 15° 鞠躬');
    await card.getByTestId('rectification-fix-photo').setInputFiles({ name: 'fixed.png', mimeType: 'image/png', buffer: gradientPng() });
    await card.getByTestId('rectification-fix').click();
    await hall.locator('[data-testid="rectification-card"][data-status="to_recheck"]').waitFor();

    // --- the supervisor's re-check list fills live; the fix is accepted ---
    const recheck = sup.locator('[data-testid="rectification-card"][data-status="to_recheck"]');
    await recheck.getByText('已和同事演练 3 米迎宾与 15° 鞠躬').waitFor();
    await shoot(sup, 'phone-recheck');
    await recheck.getByTestId('rectification-pass').click();
    await sup.getByText('没有待复查的整改').waitFor();
    // The hostess's list follows: handled, rectified.
    await hall.locator('[data-testid="rectification-card"][data-status="done"]').waitFor();

    const detail = await api.get<Inspection>(`/sites/${api.siteId}/inspections/${stored.items[0]!.id}`);
    expect(detail.rectifications[0]).toMatchObject({ status: 'done', deduction: 2 });
    expect(detail.rectifications[0]!.fixPhotoId).not.toBeNull();
    expect(detail.items.find((i) => !i.passed)!.photoId).not.toBeNull();

    // --- the console: the list, the detail, the board ---
    const desk = await (await desktopContext(browser, server.url)).newPage();
    desk.setDefaultTimeout(20_000);
    await signInToConsole(desk, { login: manager.login, password: DEMO_PASSWORD });
    await openConsolePage(desk, '人员', '品质核查');
    // The page's code loads on first open: on a loaded CI machine that alone has taken over 20 s.
    await desk.getByRole('heading', { name: '品质核查' }).waitFor({ timeout: 60_000 });
    const row = desk.getByTestId('inspections-table').locator('tbody tr', { hasText: '销售大厅服务岗' });
    await row.waitFor();
    await shoot(desk, 'console-inspections-list');
    await row.click();
    await desk.locator('.ant-drawer').getByText('整改完成').first().waitFor();
    await shoot(desk, 'console-inspection-detail');
    await desk.locator('.ant-drawer-close').click();
    await desk.getByRole('tab', { name: '整改看板' }).click();
    await desk.getByTestId('rectification-board').getByText('客人距 3 米时主动迎宾').waitFor();
    await shoot(desk, 'console-rectification-board');
    await desk.getByRole('tab', { name: '巡查计划与达成' }).click();
    await desk.getByText('计划与整改设置').waitFor();
    await shoot(desk, 'console-plan', true);
  });
});
