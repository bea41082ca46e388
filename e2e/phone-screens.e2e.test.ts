/**
 * Every phone screen on a small Android (360 × 780), as each demo role and post sees it: every
 * visible control is a tap target of at least 44 px (tall, and wide too when it shows no words),
 * nothing scrolls sideways, and axe-core finds no serious or critical WCAG 2 A/AA violation.
 * The scene is set first (guests in the hall, a car at the gate, a guest at the bar, a party on
 * its way to the model room) so the screens show their working buttons, not only empty states.
 * Every screen is walked before the test fails, so one run lists everything to fix
 * (WALK_DEBUG=1 prints each screen's findings as it goes).
 */
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PHONE_HOME, PHONE_TABS, phoneOffers, type PostKind, type Role } from '@anchang/contracts';
import { axeViolations } from './support/axe.js';
import { phoneContext } from './support/browser.js';
import type { TestServer } from './support/server.js';
import { DEMO_PASSWORD, manager, signIn } from './support/staff-setup.js';
import { startServerAndBrowser, stopServerAndBrowser } from './support/e2e-env.js';

const WIDTH = 360;
const MIN_TARGET = 44;

let server: TestServer;
let browser: Browser;

beforeAll(async () => ({ server, browser } = await startServerAndBrowser()));
afterAll(() => stopServerAndBrowser(server, browser));

/** The screens below a home entry or tab that the walk opens too. */
const SUB_SCREENS: Record<string, string[]> = {
  '/shift': ['/shift/pre', '/shift/standard', '/shift/post', '/shift/anomalies'],
  '/visits': ['/lost-found'],
  '/incidents': ['/incidents/new'],
  '/repairs': ['/repairs/new'],
  '/supplies': ['/supplies/count'],
  '/me': ['/me/password'],
};

/** Who the walk signs in as: one account for each role, and each post whose screens differ. */
const ACCOUNTS: { login: string; role: Role; posts: PostKind[]; subScreens?: boolean; clockIn?: boolean }[] = [
  { login: 'hall', role: 'staff', posts: ['HALL'], subScreens: true, clockIn: true },
  { login: 'park', role: 'staff', posts: ['PARK'] },
  { login: 'bar', role: 'staff', posts: ['BAR'] },
  { login: 'shuttle', role: 'staff', posts: ['SHUTTLE'] },
  { login: 'model', role: 'staff', posts: ['MODEL'] },
  { login: 'tech', role: 'staff', posts: ['TECH'] },
  { login: 'security', role: 'staff', posts: ['SECURITY'] },
  { login: manager.login, role: 'site_manager', posts: ['MANAGER'], subScreens: true },
  { login: 'supervisor', role: 'supervisor', posts: [] },
  { login: 'consultant', role: 'sales_consultant', posts: [], subScreens: true },
  { login: 'client', role: 'client_viewer', posts: [] },
];

/** Screens whose content depends on the post (the others are the same for every staff member). */
const BY_POST = new Set(['/', '/shift', '/visits']);

/**
 * The screens an account's phone offers (contracts: PHONE_TABS, PHONE_HOME), and those below
 * them; a screen another account of the same role has shown already is left out unless it
 * depends on the post.
 */
function screensOf(account: (typeof ACCOUNTS)[number], seen: Set<string>): string[] {
  const offered = [...PHONE_TABS, ...PHONE_HOME].filter((entry) => phoneOffers(entry, account.role, account.posts)).map((entry) => entry.path);
  const below = account.subScreens ? offered.flatMap((path) => SUB_SCREENS[path] ?? []) : [];
  return [...new Set([...offered, ...below])].filter((path) => {
    const key = `${account.role} ${path}`;
    if (seen.has(key) && !BY_POST.has(path)) return false;
    seen.add(key);
    return true;
  });
}

interface Target {
  what: string;
  width: number;
  height: number;
  iconOnly: boolean;
}

/**
 * The visible controls smaller than a finger. A control counts by its own box; an input by the
 * box of the field around it (antd-mobile's .adm-input) when the field takes the tap.
 */
async function smallTargets(page: Page): Promise<Target[]> {
  return page.evaluate((min) => {
    const selector = [
      'button',
      'a[href]',
      'input:not([type=hidden])',
      'select',
      'textarea',
      '[role=button]',
      '[role=checkbox]',
      '[role=switch]',
      '.adm-stepper-minus',
      '.adm-stepper-plus',
    ].join(',');
    const found: { what: string; width: number; height: number; iconOnly: boolean }[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>(selector))) {
      if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      // Inline text links inside running text are exempt (WCAG 2.5.8's inline exception): none so far.
      if (el.tagName === 'A' && el.closest('p') && getComputedStyle(el).display === 'inline') continue;
      const text = (el.innerText || (el as HTMLInputElement).value || (el as HTMLInputElement).placeholder || '').trim();
      const iconOnly = text === '' && !['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
      const tooSmall = box.height < min - 0.5 || (iconOnly && box.width < min - 0.5);
      if (!tooSmall) continue;
      const name = el.getAttribute('aria-label') ?? el.getAttribute('data-testid') ?? (text.slice(0, 20) || el.className.toString().slice(0, 40));
      found.push({ what: `${el.tagName.toLowerCase()} "${name}"`, width: Math.round(box.width), height: Math.round(box.height), iconOnly });
    }
    return found;
  }, MIN_TARGET);
}

/**
 * Waits for a screen to settle: the boot splash gone (a freshly opened page shows it instead of
 * the spinner), its data loaded (no spinner) and fonts in place.
 */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('domcontentloaded');
  for (const testId of ['boot-splash', 'page-spinner'])
    await page
      .getByTestId(testId)
      .first()
      .waitFor({ state: 'detached', timeout: 20_000 })
      .catch(() => undefined);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.waitForTimeout(400);
}

/** One screen's problems, as lines; empty when it passes. */
async function check(page: Page, screen: string): Promise<string[]> {
  const started = Date.now();
  await settle(page);
  if (process.env.WALK_DEBUG) console.info(`${screen}: settled in ${Date.now() - started} ms`);
  const problems: string[] = [];
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  if (scrollWidth > WIDTH) problems.push(`scrolls sideways: ${scrollWidth} px wide`);
  for (const t of await smallTargets(page)) problems.push(`small target ${t.what}: ${t.width}×${t.height}${t.iconOnly ? ' (no words)' : ''}`);
  for (const v of await axeViolations(page)) problems.push(`axe ${v}`);
  if (process.env.WALK_DEBUG) console.info(`${screen}: checked in ${Date.now() - started} ms\n  ${problems.join('\n  ')}`);
  return problems.map((p) => `${screen}: ${p}`);
}

async function signInAt360(login: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await phoneContext(browser, server.url, 'narrow');
  await context.grantPermissions(['geolocation'], { origin: server.url });
  await context.setGeolocation({ latitude: 30.2084, longitude: 120.2122, accuracy: 20 });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto('/m/login');
  await page.getByPlaceholder('请输入账号').fill(login);
  await page.getByPlaceholder('请输入密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByTestId('staff-site-name').waitFor();
  return { context, page };
}

describe('every phone screen at 360 px', () => {
  it('has finger-sized controls, no sideways scroll and no serious axe violations, for every role', { timeout: 600_000 }, async () => {
    onTestFailed(() => console.error(`server output:\n${server.output()}`));
    // The scene: guests who give the screens something to show.
    const hall = await signIn(server.url, 'hall', DEMO_PASSWORD);
    const site = `/sites/${hall.siteId}`;
    await hall.post(`${site}/visits`, { id: crypto.randomUUID(), partySize: 3, arrivalMode: 'car', plate: '浙A12345' });
    const toBar = await hall.post<{ id: string }>(`${site}/visits`, { id: crypto.randomUUID(), partySize: 2, arrivalMode: 'walk_in' });
    await hall.post(`${site}/visits/${toBar.id}/handoffs`, { id: crypto.randomUUID(), to: 'bar' });
    const toModel = await hall.post<{ id: string }>(`${site}/visits`, { id: crypto.randomUUID(), partySize: 4, arrivalMode: 'walk_in' });
    await hall.post(`${site}/visits/${toModel.id}/handoffs`, { id: crypto.randomUUID(), to: 'model_room' });

    const problems: string[] = [];
    const walked: string[] = [];

    // The sign-in screen, before anyone signs in.
    {
      const context = await phoneContext(browser, server.url, 'narrow');
      const page = await context.newPage();
      await page.goto('/m/login');
      await page.getByPlaceholder('请输入账号').waitFor();
      problems.push(...(await check(page, 'login /login')));
      walked.push('login /login');
      await context.close();
    }

    const seen = new Set<string>();
    for (const account of ACCOUNTS) {
      const { context, page } = await signInAt360(account.login);
      for (const path of screensOf(account, seen)) {
        await page.goto(`/m${path === '/' ? '/' : path}`);
        const screen = `${account.login} ${path}`;
        problems.push(...(await check(page, screen)));
        walked.push(screen);
      }
      if (account.clockIn) {
        // The shift once clocked in: the checklist and its result buttons.
        await page.goto('/m/shift');
        await page
          .getByTestId('roster-line')
          .getByRole('button', { name: /签\s*到/ })
          .click();
        await page.getByTestId('shift-header').waitFor();
        problems.push(...(await check(page, `${account.login} /shift (clocked in)`)));
        await page.getByTestId('section-pre').click();
        await page.getByTestId('checklist-item').first().waitFor();
        problems.push(...(await check(page, `${account.login} /shift checklist`)));
        walked.push(`${account.login} /shift (clocked in)`, `${account.login} /shift checklist`);
      }
      await context.close();
    }

    console.info(`walked ${walked.length} phone screens:\n  ${walked.join('\n  ')}`);
    expect(problems, problems.join('\n')).toEqual([]);
  });
});
