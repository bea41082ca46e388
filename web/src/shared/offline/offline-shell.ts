/**
 * Installs the staff app's service worker (/m/sw.js), which keeps the app itself (its HTML and
 * built files) on the phone so it opens and reloads without signal. Data does not go through it:
 * the app keeps its own answers (persist-queries) and its own writes (the outbox).
 *
 * Once installed, every page of the app is fetched once so that any tab opens offline, and the
 * worker is given the list of files to keep. `<html data-offline-ready>` then says the app is
 * ready to be used without signal (the browser tests wait for it).
 */
const SW_URL = '/m/sw.js';
const SCOPE = '/m/';

let signedIn: () => void = () => undefined;
const whenSignedIn = new Promise<void>((resolve) => (signedIn = resolve));

/**
 * Says a staff member is signed in on this phone. Only then does the shell fetch every page: the
 * login page (or a visitor's QR page) on 4G downloads what it shows and nothing more.
 */
export function markSignedIn(): void {
  signedIn();
}

export function registerOfflineShell(loadAllPages: () => Promise<unknown>): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  // Room for every file the app loads, so none is missing from the list given to the worker.
  performance.setResourceTimingBufferSize(1000);
  const install = async () => {
    await whenSignedIn;
    await navigator.serviceWorker.register(SW_URL, { scope: SCOPE });
    const registration = await navigator.serviceWorker.ready;
    await loadAllPages();
    const worker = registration.active;
    if (!worker) return;
    await ask(worker, { type: 'keep', urls: builtFiles() });
    document.documentElement.dataset.offlineReady = 'true';
  };
  const start = () => void install().catch((error: unknown) => console.warn('offline shell not installed', error));
  if (document.readyState === 'complete') start();
  else window.addEventListener('load', start, { once: true });
}

/** The built files this page has loaded (scripts, styles, icons), and the app's HTML. */
function builtFiles(): string[] {
  const urls = new Set<string>([SCOPE, '/favicon.svg']);
  for (const entry of performance.getEntriesByType('resource')) {
    const url = new URL(entry.name);
    if (url.origin === location.origin && url.pathname.startsWith('/assets/')) urls.add(url.pathname);
  }
  for (const el of document.querySelectorAll<HTMLScriptElement | HTMLLinkElement>('script[src], link[href]')) {
    const url = new URL(el instanceof HTMLScriptElement ? el.src : el.href, location.href);
    if (url.origin === location.origin && url.pathname.startsWith('/assets/')) urls.add(url.pathname);
  }
  return [...urls];
}

function ask(worker: ServiceWorker, message: { type: 'keep'; urls: string[] }): Promise<void> {
  return new Promise((resolve, reject) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => reject(new Error('service worker did not answer')), 30_000);
    channel.port1.onmessage = () => {
      clearTimeout(timer);
      resolve();
    };
    worker.postMessage(message, [channel.port2]);
  });
}
