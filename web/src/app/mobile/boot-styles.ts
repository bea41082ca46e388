/**
 * Switches on the stylesheets m/index.html loads without blocking the first paint (web/
 * boot-styles-plugin.ts) and resolves once each has arrived, so React never draws unstyled.
 * It always resolves: a stylesheet that failed (no signal, nothing kept on the phone) lets the
 * app run with what it has, and one whose outcome came before this module ran is not waited for
 * past WAIT_LIMIT_MS, since neither its `load` nor its `error` will fire again.
 */
const WAIT_LIMIT_MS = 3000;

export function applyBootStyles(): Promise<void> {
  const links = [...document.querySelectorAll<HTMLLinkElement>('link[data-boot-style]')];
  const arrived = links.map(
    (link) =>
      new Promise<void>((resolve) => {
        link.media = 'all';
        if (link.sheet) return resolve();
        link.addEventListener('load', () => resolve(), { once: true });
        link.addEventListener('error', () => resolve(), { once: true });
      }),
  );
  const limit = new Promise<void>((resolve) => setTimeout(resolve, WAIT_LIMIT_MS));
  return Promise.race([Promise.all(arrived).then(() => undefined), limit]);
}
