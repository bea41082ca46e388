/* global self, caches, location */
/**
 * The staff app's service worker: keeps the app itself on the phone so that it opens and reloads
 * in a car park with no signal. Plain JavaScript, copied as is to /m/sw.js (scope /m/).
 *
 * - Pages under /m/ (all the same HTML): network first, the kept copy when there is no answer.
 * - Built files (/assets/…, content-hashed): kept on first sight, served from the phone after.
 * - Photos of this site's records: kept on first sight (an id never changes its image).
 * - Everything else, the API included, is not touched: the app keeps its own data and writes
 *   (signing in or out drops the kept photos).
 *
 * The app sends `{ type: 'keep', urls }` once installed: the files it is made of, kept now and
 * the files of older builds dropped.
 */
const SHELL = 'anchang-staff-shell-v1';
const PHOTOS = 'anchang-staff-photos-v1';
const HTML_KEY = '/m/';
const NAVIGATION_TIMEOUT_MS = 4000;
const MAX_PHOTOS = 60;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      .then((cache) => cache.add(HTML_KEY))
      .catch(() => undefined)
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith('anchang-staff-') && n !== SHELL && n !== PHOTOS).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'keep' || !Array.isArray(data.urls)) return;
  const reply = () => event.ports[0]?.postMessage({ type: 'kept' });
  event.waitUntil(keep(data.urls).then(reply, reply));
});

async function keep(urls) {
  const cache = await caches.open(SHELL);
  const wanted = new Set(urls.map((u) => new URL(u, location.origin).pathname));
  await Promise.all(
    urls.map(async (url) => {
      if (url !== HTML_KEY && (await cache.match(url))) return;
      try {
        const response = await fetch(url, { credentials: 'same-origin' });
        if (response.ok) await cache.put(url, response);
      } catch {
        // no network now: kept on first sight later
      }
    }),
  );
  // Files of older builds are no longer named by any page.
  for (const request of await cache.keys()) {
    const path = new URL(request.url).pathname;
    if (path.startsWith('/assets/') && !wanted.has(path)) await cache.delete(request);
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== location.origin) return;
  if (request.method === 'POST' && (url.pathname === '/api/auth/login' || url.pathname === '/api/auth/logout')) {
    // A person signs in or out: the photos of the last one do not stay on a shared phone.
    event.waitUntil(caches.delete(PHOTOS));
    return;
  }
  if (request.method !== 'GET') return;
  if (request.mode === 'navigate' && (url.pathname === '/m' || url.pathname.startsWith('/m/'))) {
    event.respondWith(page(request));
  } else if (url.pathname.startsWith('/assets/') || url.pathname === '/favicon.svg') {
    event.respondWith(keptFirst(SHELL, request));
  } else if (/^\/api\/sites\/[^/]+\/photos\/[^/]+$/.test(url.pathname)) {
    event.respondWith(keptFirst(PHOTOS, request, MAX_PHOTOS));
  }
});

/** The app's HTML from the network when it answers in time, else the kept copy. */
async function page(request) {
  const cache = await caches.open(SHELL);
  const fromNetwork = fetch(request).then(async (response) => {
    if (response.ok) await cache.put(HTML_KEY, response.clone());
    return response;
  });
  fromNetwork.catch(() => undefined); // a late failure after the kept copy was served
  const kept = await cache.match(HTML_KEY);
  if (!kept) return fromNetwork;
  const timeout = new Promise((resolve) => setTimeout(() => resolve(kept), NAVIGATION_TIMEOUT_MS));
  try {
    return await Promise.race([fromNetwork, timeout]);
  } catch {
    return kept;
  }
}

async function keptFirst(cacheName, request, maxEntries) {
  const cache = await caches.open(cacheName);
  const kept = await cache.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) {
    await cache.put(request, response.clone());
    if (maxEntries) {
      const keys = await cache.keys();
      for (const old of keys.slice(0, Math.max(0, keys.length - maxEntries))) await cache.delete(old);
    }
  }
  return response;
}
