/**
 * The sales consultant's own phone home, on a 360 px phone: a party registered in the hall shows
 * as waiting, live; the consultant takes it (HALL-IN-3's acceptance) and it becomes one of their
 * customers; as the guests go on to the model room the home follows them and shows what the guide
 * noted (MODEL-IN-10); a question the hall could not answer rings in, and is answered from the home
 * (GUARD-IN-7). Nothing of a post (roster, stock counts, equipment checks) is offered.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectAccessible } from './support/axe.js';
import { launchBrowser, phoneContext } from './support/browser.js';
import { startServer, type TestServer } from './support/server.js';
import { signInOnPhone } from './support/staff-phone.js';
import { DEMO_PASSWORD, signIn } from './support/staff-setup.js';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startServer({ dialect: 'sqlite' });
});

afterAll(async () => {
  await server?.stop();
  await browser?.close();
});

interface VisitOut {
  id: string;
  handoffs: { id: string; to: string; ackedBy: string | null }[];
  consultantName: string | null;
}

describe('the consultant at home on a 360 px phone', () => {
  it('sees guests waiting in the hall live, takes them, follows them to the model room and reads its notes', async () => {
    onTestFailed(() => console.error(`server output:\n${server.output()}`));
    const hall = await signIn(server.url, 'hall', DEMO_PASSWORD);
    const model = await signIn(server.url, 'model', DEMO_PASSWORD);
    const base = `/sites/${hall.siteId}`;

    const context = await phoneContext(browser, server.url, 'narrow');
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await signInOnPhone(page, { login: 'consultant', password: DEMO_PASSWORD });

    // Before anyone arrives: the empty states, and nothing of a post.
    await page.getByTestId('consultant-waiting-empty').waitFor();
    await page.getByTestId('consultant-customers-empty').waitFor();
    await expectAccessible(page, "the consultant's home");
    for (const postThing of ['还没有给你安排岗位', '今天没有你的排班', '盘点', '设备检查'])
      expect(await page.getByText(postThing).count(), postThing).toBe(0);

    // The hall registers a party on foot while the consultant's home is open: it appears, live.
    const visit = await hall.post<VisitOut>(`${base}/visits`, { id: crypto.randomUUID(), partySize: 2, arrivalMode: 'walk_in' });
    const waiting = page.locator(`[data-testid="waiting-guest"][data-visit-id="${visit.id}"]`);
    await waiting.filter({ hasText: '2位' }).waitFor();

    // 接待: the party leaves the waiting list and becomes my customer, in the hall.
    await waiting.getByTestId('claim-guest').click();
    await waiting.waitFor({ state: 'detached' });
    const mine = page.locator(`[data-testid="my-customer"][data-visit-id="${visit.id}"]`);
    await mine.locator('[data-testid="customer-stage"][data-stage="hall"]').waitFor();
    await page.getByTestId('consultant-waiting-empty').waitFor();

    // The claim is the chain's hand-off to the consultant, taken by them.
    const claimed = await hall.get<VisitOut>(`${base}/visits/${visit.id}`);
    expect(claimed.consultantName).toBe('李娜 (置业顾问)');
    expect(claimed.handoffs).toEqual([expect.objectContaining({ to: 'consultant', ackedBy: expect.any(String) as string })]);

    // The hall sends the guests to the model room; the guide receives them and notes their interests.
    const toModel = await hall.post<VisitOut>(`${base}/visits/${visit.id}/handoffs`, { id: crypto.randomUUID(), to: 'model_room' });
    await mine.getByText('正前往样板房').waitFor();
    await model.post(`${base}/visits/${visit.id}/handoffs/${toModel.handoffs.at(-1)!.id}/ack`, {});
    await mine.locator('[data-testid="customer-stage"][data-stage="model_room"]').waitFor();
    const interests = '关注南向主卧采光和学区划片';
    await model.post(`${base}/visits/${visit.id}/model-room-notes`, { id: crypto.randomUUID(), interests });
    await mine.getByTestId('model-room-notes').filter({ hasText: interests }).waitFor();

    // GUARD-IN-7: a question the hall cannot answer rings in on the home and is answered there.
    const question = await hall.post<{ id: string }>(`${base}/visits/${visit.id}/questions`, { id: crypto.randomUUID(), text: '车位是否单独出售?' });
    const open = page.locator(`[data-testid="open-question"][data-question-id="${question.id}"]`);
    await open.filter({ hasText: '车位是否单独出售?' }).waitFor();
    await open.getByTestId('answer-text').locator('textarea').fill('单独出售,我马上过来');
    await open.getByTestId('answer-send').click();
    await open.waitFor({ state: 'detached' });
    const answered = await hall.get<{ items: { id: string; answer: string | null; answerMs: number | null }[] }>(
      `${base}/questions?visitId=${visit.id}`,
    );
    expect(answered.items).toEqual([
      expect.objectContaining({ id: question.id, answer: '单独出售,我马上过来', answerMs: expect.any(Number) as number }),
    ]);

    // Nothing at 360 px scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await context.close();
  });
});
