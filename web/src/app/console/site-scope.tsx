import { useEffect } from 'react';
import { Navigate, Outlet, useParams } from 'react-router';
import { consoleSites } from '../../shared/auth/access';
import { useMe } from '../../shared/auth/use-auth';
import { useRealtimeSync } from '../../shared/realtime/use-realtime';
import { CurrentSiteContext, lastSiteId, rememberSite } from '../../shared/site/current-site';
import { NoSitesPage } from '../../features/sites/no-sites-page';
import { ConsoleLayout } from './console-layout';

/** `/`: go to the site used last on this device, else the first one. */
export function SiteHome() {
  const me = useMe();
  const sites = consoleSites(me);
  const remembered = lastSiteId();
  const target = sites.find((s) => s.id === remembered) ?? sites[0];
  if (!target) return <NoSitesPage />;
  return <Navigate to={`/sites/${target.id}/overview`} replace />;
}

/** `/sites/:siteId/*`: a site I have a console role on, with live updates for it. */
export function SiteScope() {
  const me = useMe();
  const { siteId } = useParams();
  const site = consoleSites(me).find((s) => s.id === siteId) ?? null;
  useRealtimeSync(me.id, site?.id ?? null);

  useEffect(() => {
    if (site) rememberSite(site.id);
  }, [site]);

  if (!site) return <Navigate to="/" replace />;
  return (
    <CurrentSiteContext.Provider value={site}>
      <ConsoleLayout>
        {/* Keyed by site: a switch starts every page fresh instead of carrying form state across sites. */}
        <Outlet key={site.id} />
      </ConsoleLayout>
    </CurrentSiteContext.Provider>
  );
}
