/**
 * Accessibility checks with axe-core (WCAG 2 A and AA rules) on the page a browser test is on.
 * The library's source is evaluated in the page and run there; what it finds at the
 * serious and critical levels comes back as readable lines, and `expectAccessible` fails on any.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import type { AxeResults, Result } from 'axe-core';

const require = createRequire(import.meta.url);
let axeSource: Promise<string> | undefined;
/** axe.min.js from the installed package (its main entry is axe.js beside it). */
const loadAxeSource = () =>
  (axeSource ??= readFile(require.resolve('axe-core').replace(/axe\.js$/, 'axe.min.js'), 'utf8').catch(() =>
    readFile(require.resolve('axe-core'), 'utf8'),
  ));

const BLOCKING = new Set(['serious', 'critical']);

/** One violation as a line: rule, impact, what it asks, and the first few elements it found. */
function describe(violation: Result): string {
  const targets = violation.nodes.slice(0, 4).map((node) => {
    // Contrast: the colours and ratio axe measured, to find the colour to change.
    const data = node.any[0]?.data as { fgColor?: string; bgColor?: string; contrastRatio?: number } | undefined;
    const colours = data?.fgColor ? ` (${data.fgColor} on ${data.bgColor}, ${data.contrastRatio})` : '';
    return `${node.target.join(' ')}${colours}`;
  });
  const more = violation.nodes.length > targets.length ? ` (+${violation.nodes.length - targets.length} more)` : '';
  return `${violation.id} [${violation.impact}] ${violation.help}: ${targets.join(' | ')}${more}`;
}

/**
 * Waits (up to 3 s) until nothing on the page is mid-fade. antd-mobile's toasts, masks and popups
 * fade with react-spring, which steps an inline `opacity` each frame; a toast caught half
 * faded in or out blends its white text into a grey background and axe reports a contrast the
 * person never reads. CSS animations and transitions still running count as moving too.
 */
async function waitForStillness(page: Page): Promise<void> {
  await page
    .waitForFunction(
      () => {
        const fading = Array.from(document.querySelectorAll<HTMLElement>('[style*="opacity"]')).some((el) => {
          const opacity = Number.parseFloat(el.style.opacity);
          return opacity > 0 && opacity < 1;
        });
        const animating = document.getAnimations().some((a) => a.playState === 'running' && a.effect?.getTiming().iterations !== Infinity);
        return !fading && !animating;
      },
      undefined,
      { timeout: 3_000, polling: 50 },
    )
    .catch(() => undefined); // something that never settles is checked as it is
}

/** The serious and critical WCAG 2 A/AA violations on the page once it is still, one line each. */
export async function axeViolations(page: Page): Promise<string[]> {
  await waitForStillness(page);
  const hasAxe = await page.evaluate(() => typeof (window as { axe?: unknown }).axe !== 'undefined');
  // Evaluated rather than added as a <script>: the app's Content-Security-Policy (script-src 'self')
  // refuses inline scripts, and evaluation from the test is not subject to it.
  if (!hasAxe) await page.evaluate(`${await loadAxeSource()}\n;undefined`);
  const results = await page.evaluate(() =>
    (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<AxeResults> } }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] },
      resultTypes: ['violations'],
    }),
  );
  return results.violations.filter((v) => BLOCKING.has(v.impact ?? '')).map(describe);
}

/** Fails the test with the list of serious and critical violations, if the page has any. */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  const violations = await axeViolations(page);
  if (violations.length > 0) throw new Error(`axe on ${where} (${page.url()}):\n  ${violations.join('\n  ')}`);
}
