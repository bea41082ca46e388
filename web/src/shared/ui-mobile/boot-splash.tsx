import { useLayoutEffect } from 'react';
import { MobileSpinner } from './mobile-spinner';

/**
 * The splash m/index.html paints before any script arrives, read once as this module loads (the
 * entry imports it before React first renders into #root). Until the first page is on screen, a
 * page that is still loading shows this same splash rather than a spinner, so a phone on slow 4G
 * goes splash → page, not splash → blank → spinner → page.
 */
const splashHtml = document.getElementById('root')?.innerHTML.trim() ?? '';
let firstPageShown = false;

/** What a loading page shows: the boot splash before the first page, a spinner after. */
export function PageFallback() {
  if (firstPageShown || splashHtml === '') return <MobileSpinner />;
  return <div style={{ display: 'contents' }} dangerouslySetInnerHTML={{ __html: splashHtml }} />;
}

/** Rendered with each page: once one has committed, later loads show the ordinary spinner. */
export function FirstPageShown() {
  useLayoutEffect(() => {
    firstPageShown = true;
  }, []);
  return null;
}
