/**
 * What every browser test file starts once and stops at the end: the app on a scratch SQLite
 * database (./server.ts) and one Chromium.
 *
 *   let server: TestServer;
 *   let browser: Browser;
 *   beforeAll(async () => ({ server, browser } = await startServerAndBrowser()));
 *   afterAll(() => stopServerAndBrowser(server, browser));
 */
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser.js';
import { startServer, type ServerOptions, type TestServer } from './server.js';

export async function startServerAndBrowser(opts: ServerOptions = {}): Promise<{ server: TestServer; browser: Browser }> {
  const server = await startServer(opts);
  try {
    return { server, browser: await launchBrowser() };
  } catch (err) {
    await server.stop(); // no server left running behind a browser that did not start
    throw err;
  }
}

/** Either may be missing when starting failed part-way. */
export async function stopServerAndBrowser(server: TestServer | undefined, browser: Browser | undefined): Promise<void> {
  await browser?.close();
  await server?.stop();
}
