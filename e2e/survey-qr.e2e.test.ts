/**
 * Satisfaction by QR, as it happens at the door: the hostess sees a party off on her phone and
 * shows them the visit's farewell QR; a guest opens it on their own phone (360 px, no login),
 * rates the hall, gives an NPS and a comment, and sends it; the manager's satisfaction page,
 * open in the console, shows the answer without a reload.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser } from 'playwright-core';
import { desktopContext, phoneContext, signInToConsole } from './support/browser.js';
import type { TestServer } from './support/server.js';
import { signInOnPhone, staffPhone } from './support/staff-phone.js';
import { DEMO_PASSWORD, manager, signIn } from './support/staff-setup.js';
import { startServerAndBrowser, stopServerAndBrowser } from './support/e2e-env.js';

let server: TestServer;
let browser: Browser;

beforeAll(async () => ({ server, browser } = await startServerAndBrowser()));
afterAll(() => stopServerAndBrowser(server, browser));

describe('satisfaction by QR', () => {
  it('the farewell QR on the staff phone, rated on the guest phone, shows live in the console', async () => {
    onTestFailed(() => console.error(`server output:\n${server.output()}`));
    const hall = await signIn(server.url, 'hall', DEMO_PASSWORD);
    const visit = await hall.post<{ id: string }>(`/sites/${hall.siteId}/visits`, { id: crypto.randomUUID(), partySize: 2, arrivalMode: 'walk_in' });

    // --- the manager, at a desk, on the satisfaction page ---
    const desk = await (await desktopContext(browser, server.url)).newPage();
    desk.setDefaultTimeout(20_000);
    await signInToConsole(desk, { login: manager.login, password: DEMO_PASSWORD });
    await desk.goto(`/sites/${hall.siteId}/satisfaction`);
    await desk.getByRole('heading', { name: '满意度' }).waitFor();
    await desk.locator(`[data-testid="realtime-status"][data-status="online"][data-site="${hall.siteId}"]`).waitFor();
    await desk.getByTestId('survey-answers').waitFor();
    await desk.evaluate(() => Object.assign(window, { __sameDocument: true }));
    expect(await desk.getByText('门口送别很贴心').count()).toBe(0);

    // --- the hostess sees the party off and shows the farewell QR ---
    const { page: phone } = await staffPhone(browser, server.url);
    await signInOnPhone(phone, { login: 'hall', password: DEMO_PASSWORD });
    await phone.goto('/m/visits');
    const card = phone.locator(`[data-testid="visit-here"][data-visit-id="${visit.id}"]`);
    await card.getByTestId('handoff-departure').click();
    const qr = phone.getByTestId('farewell-qr-code');
    await qr.waitFor();
    const surveyUrl = (await qr.getAttribute('data-url'))!;
    expect(surveyUrl).toMatch(/\/m\/q\/s\/[A-Za-z0-9_-]{32}$/);

    // --- a guest's phone: no session, the URL the QR carries ---
    const guestContext = await phoneContext(browser, server.url, 'narrow');
    const guest = await guestContext.newPage();
    guest.setDefaultTimeout(20_000);
    await guest.goto(new URL(surveyUrl).pathname);
    const post = guest.getByTestId('survey-post');
    await post.first().waitFor();
    // Only the post the visit passed through: the hall.
    expect(await post.count()).toBe(1);
    expect(guest.url()).toContain('/m/q/s/'); // not sent to the login page
    await post.first().getByTestId('survey-star-5').click();
    await guest.getByTestId('survey-nps-10').click();
    await guest.getByTestId('survey-comment').locator('textarea').fill('门口送别很贴心');
    await guest.getByTestId('survey-submit').click();
    await guest.getByTestId('survey-thanks').waitFor();

    // --- the console shows it without a reload ---
    await desk.getByTestId('survey-answers').getByText('门口送别很贴心').waitFor();
    expect(await desk.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    // Five stars for the hall, credited to the hostess who received (registered) the party.
    const api = await signIn(server.url, manager.login, DEMO_PASSWORD);
    const answers = await api.get<{ items: { comment: string; nps: number; ratings: { rating: number; people: { personId: string }[] }[] }[] }>(
      `/sites/${hall.siteId}/survey-answers`,
    );
    const hallPerson = await hall.get<{ id: string }>('/auth/me');
    const stored = answers.items.find((a) => a.comment === '门口送别很贴心')!;
    expect(stored.nps).toBe(10);
    expect(stored.ratings).toEqual([
      {
        postId: expect.any(String) as string,
        postName: expect.any(String) as string,
        rating: 5,
        people: [expect.objectContaining({ personId: hallPerson.id })],
      },
    ]);

    // The same QR again: already answered, on the guest's phone and on the hostess's.
    await guest.reload();
    await guest.getByTestId('survey-answered').waitFor();
    await phone.getByTestId('farewell-answered').waitFor();
    // From the answered page, a complaint: filed from the QR, it is in the site's complaints list.
    await guest.getByTestId('complaint-entry').click();
    await guest.getByTestId('complaint-category-waiting').click();
    await guest.getByTestId('complaint-description').locator('textarea').fill('离场时等车太久');
    await guest.getByTestId('complaint-submit').click();
    const number = Number((await guest.getByTestId('complaint-number').textContent())!.replace('#', ''));
    const complaints = await api.get<{ items: { number: number; source: string; description: string }[] }>(`/sites/${hall.siteId}/complaints`);
    expect(complaints.items.find((c) => c.number === number)).toMatchObject({ source: 'qr', description: '离场时等车太久' });
    await guestContext.close();
  });
});
