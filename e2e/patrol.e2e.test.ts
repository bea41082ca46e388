/**
 * A security patrol walked as the guard walks it: the supervisor's console prints the posters,
 * the guard opens each checkpoint's QR URL on his phone (the phone's camera app opens the link
 * the QR carries), each page records the scan and says which checkpoint of the round it proved,
 * the first asks the state of the equipment. The manager's patrols page follows the round to
 * "done" live, without a reload. A visitor opening the same URL sees only the last check time.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Checkpoint, PatrolRoute } from '@anchang/contracts';
import { desktopContext, phoneContext, signInToConsole } from './support/browser.js';
import type { TestServer } from './support/server.js';
import { signInOnPhone, staffPhone } from './support/staff-phone.js';
import { DEMO_PASSWORD, manager, signIn } from './support/staff-setup.js';
import { startServerAndBrowser, stopServerAndBrowser } from './support/e2e-env.js';

let server: TestServer;
let browser: Browser;

beforeAll(async () => ({ server, browser } = await startServerAndBrowser()));
afterAll(() => stopServerAndBrowser(server, browser));

/** The server's time of day at the site, HH:MM (its clock runs from a fixed instant, see support/server.ts). */
const shanghaiNow = () =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    new Date(server.now()),
  );

describe('security patrol by QR', () => {
  it('the guard opens each checkpoint URL on his phone; the console shows the round done live', async () => {
    onTestFailed(() => console.error(`server output:\n${server.output()}`));
    const api = await signIn(server.url, manager.login, DEMO_PASSWORD);
    const base = `/sites/${api.siteId}`;
    const zone = (await api.get<{ items: { id: string; kind: string }[] }>(`${base}/zones`)).items.find((z) => z.kind === 'PERIPHERY')!;

    // Three posters ten metres apart, a route through them, a round starting this minute.
    const names = [
      ['北门', 'North gate'],
      ['围墙东段', 'East fence'],
      ['消防通道', 'Fire lane'],
    ];
    const checkpoints: Checkpoint[] = [];
    for (const [i, [nameZh, nameEn]] of names.entries()) {
      checkpoints.push(
        await api.post<Checkpoint>(`${base}/checkpoints`, {
          id: crypto.randomUUID(),
          zoneId: zone.id,
          nameZh,
          nameEn,
          lat: 30.2084 + i * 0.00009,
          lng: 120.2122,
        }),
      );
    }
    const route = await api.post<PatrolRoute>(`${base}/patrol-routes`, {
      id: crypto.randomUUID(),
      nameZh: '夜间围墙巡视',
      nameEn: 'Fence patrol',
      stops: checkpoints.map((c, i) => ({ checkpointId: c.id, plannedMinute: i * 3 })),
    });
    const slot = shanghaiNow();
    await api.post(`${base}/patrol-schedules`, { id: crypto.randomUUID(), routeId: route.id, kind: 'fixed', times: [slot], graceMinutes: 15 });

    // --- the manager at a desk, on the patrols page ---
    const desk = await (await desktopContext(browser, server.url)).newPage();
    desk.setDefaultTimeout(20_000);
    await signInToConsole(desk, { login: manager.login, password: DEMO_PASSWORD });

    // The posters the QR codes are printed from: their URLs are what the guard's camera opens.
    await desk.goto(`/sites/${api.siteId}/checkpoints/posters`);
    await desk.getByTestId('checkpoint-poster').first().waitFor();
    const urls = new Map<string, string>();
    for (const poster of await desk.getByTestId('checkpoint-poster').all()) {
      urls.set((await poster.locator('div').nth(2).textContent()) ?? '', (await poster.getAttribute('data-url')) ?? '');
    }
    const urlOf = (nameZh: string) => new URL(urls.get(nameZh)!).pathname;
    expect(urlOf('北门')).toBe(`/m/q/c/${checkpoints[0]!.code}`);

    await desk.goto(`/sites/${api.siteId}/patrols`);
    await desk.locator(`[data-testid="realtime-status"][data-status="online"][data-site="${api.siteId}"]`).waitFor();
    await desk.evaluate(() => Object.assign(window, { __sameDocument: true }));
    const row = desk.getByTestId(`round-${slot}`).filter({ hasText: '夜间围墙巡视' });
    await row.getByTestId('round-status-upcoming').waitFor();

    // --- the guard's phone ---
    const { page: phone } = await staffPhone(browser, server.url);
    await signInOnPhone(phone, { login: 'security', password: DEMO_PASSWORD });
    for (const [i, [nameZh]] of names.entries()) {
      await phone.goto(urlOf(nameZh!));
      await phone.getByTestId('scan-recorded').waitFor();
      expect(await phone.getByTestId('scan-proof').textContent()).toBe(`夜间围墙巡视 · 第 ${i + 1}/3 个点`);
      expect(await phone.getByTestId('scan-flags').count()).toBe(0);
      if (i === 0) {
        await phone.getByTestId('equipment-ok').click();
        await phone.getByTestId('equipment-question').getByText('已记录设备状态').waitFor();
        await row.getByTestId('round-status-in_progress').waitFor();
      }
    }

    // The console follows without a reload.
    await row.getByTestId('round-status-done').waitFor();
    expect(await desk.evaluate(() => (window as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    expect(await row.textContent()).toContain('3/3');

    // A visitor with no session sees the place, and nothing of when security passed it.
    const visitor = await (await phoneContext(browser, server.url)).newPage();
    await visitor.goto(urlOf('消防通道'));
    await visitor.getByTestId('checkpoint-landing').getByText('消防通道').first().waitFor();
    expect(await visitor.getByTestId('last-cleaned').count()).toBe(0);
    expect(await visitor.getByTestId('checkpoint-landing').textContent()).not.toMatch(/\d{1,2}:\d{2}/);
    expect(await visitor.getByTestId('checkpoint-landing').textContent()).not.toContain('郑刚');
    expect(await visitor.getByTestId('scan-recorded').count()).toBe(0);
  });
});
