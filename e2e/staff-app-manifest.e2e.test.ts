/**
 * The staff app is installable: /m links a web manifest (name 安场, standalone, start_url /m/)
 * whose PNG icons are served.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { phoneContext } from './support/browser.js';
import type { TestServer } from './support/server.js';
import { startServerAndBrowser, stopServerAndBrowser } from './support/e2e-env.js';

let server: TestServer;
let browser: Browser;

beforeAll(async () => ({ server, browser } = await startServerAndBrowser()));
afterAll(() => stopServerAndBrowser(server, browser));

describe('the staff app manifest', () => {
  it('is linked from /m and served with its icons', async () => {
    const page = await (await phoneContext(browser, server.url)).newPage();
    await page.goto('/m/login');
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(href).toBe('/m/manifest.webmanifest');
    const res = await page.request.get(href!);
    expect(res.status()).toBe(200);
    const manifest = (await res.json()) as {
      name: string;
      display: string;
      start_url: string;
      theme_color: string;
      icons: { src: string; type: string }[];
    };
    expect(manifest).toMatchObject({ name: '安场', display: 'standalone', start_url: '/m/' });
    expect(manifest.theme_color).toMatch(/^#/);
    for (const icon of manifest.icons) {
      const png = await page.request.get(icon.src);
      expect(png.status(), icon.src).toBe(200);
      expect(png.headers()['content-type']).toBe('image/png');
    }
  });
});
