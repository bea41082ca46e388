/**
 * Switches on the stylesheets m/index.html loads without blocking the first paint (web/
 * boot-styles-plugin.ts) and resolves once each has arrived, so React never draws unstyled.
 * A stylesheet that failed to load resolves too: the app then runs with what it has.
 */
export function applyBootStyles(): Promise<void> {
  const links = [...document.querySelectorAll<HTMLLinkElement>('link[data-boot-style]')];
  return Promise.all(
    links.map(
      (link) =>
        new Promise<void>((resolve) => {
          link.media = 'all';
          if (link.sheet) return resolve();
          link.addEventListener('load', () => resolve(), { once: true });
          link.addEventListener('error', () => resolve(), { once: true });
        }),
    ),
  ).then(() => undefined);
}
