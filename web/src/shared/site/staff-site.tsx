import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { Me, MeSite } from '@anchang/contracts';

const STORAGE_KEY = 'anchang.staff.siteId';

interface StaffSiteValue {
  /** The site the phone shows; null when the person belongs to none. */
  site: MeSite | null;
  sites: MeSite[];
  chooseSite: (siteId: string) => void;
}

const StaffSiteContext = createContext<StaffSiteValue | null>(null);

function readStored(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/**
 * Which of my sites the phone is on. Most staff have one; people who work two sales centers
 * pick, and the phone remembers the pick.
 */
export function StaffSiteProvider({ me, children }: { me: Me; children: ReactNode }) {
  const [chosenId, setChosenId] = useState<string | null>(readStored);
  const site = me.sites.find((s) => s.id === chosenId) ?? me.sites[0] ?? null;

  const chooseSite = useCallback((siteId: string) => {
    setChosenId(siteId);
    try {
      localStorage.setItem(STORAGE_KEY, siteId);
    } catch {
      /* storage blocked: the choice lasts for this tab */
    }
  }, []);

  const value = useMemo(() => ({ site, sites: me.sites, chooseSite }), [site, me.sites, chooseSite]);
  return <StaffSiteContext.Provider value={value}>{children}</StaffSiteContext.Provider>;
}

export function useStaffSite(): StaffSiteValue {
  const value = useContext(StaffSiteContext);
  if (!value) throw new Error('useStaffSite() outside of StaffSiteProvider');
  return value;
}
