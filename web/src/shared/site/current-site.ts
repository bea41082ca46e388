import { createContext, useContext } from 'react';
import type { MeSite } from '@anchang/contracts';

/** The site the console is showing (from the URL), with my role on it. */
export const CurrentSiteContext = createContext<MeSite | null>(null);

export function useCurrentSite(): MeSite {
  const site = useContext(CurrentSiteContext);
  if (!site) throw new Error('useCurrentSite() outside of a site route');
  return site;
}

const LAST_SITE_KEY = 'anchang.console.siteId';

export function rememberSite(siteId: string): void {
  try {
    localStorage.setItem(LAST_SITE_KEY, siteId);
  } catch {
    /* storage blocked: we just start at the first site next time */
  }
}

export function lastSiteId(): string | null {
  try {
    return localStorage.getItem(LAST_SITE_KEY);
  } catch {
    return null;
  }
}
