import type { ReactNode } from 'react';
import { Navigate } from 'react-router';
import { phoneOffersOn } from '../../shared/auth/access';
import { useStaffSite } from '../../shared/site/staff-site';

/**
 * A phone screen only some people are offered (contracts: PHONE_TABS, PHONE_HOME): anyone else who
 * follows an old link lands on their home, not on a form the server would refuse at submit.
 */
export function RequirePhoneEntry({ path, children }: { path: string; children: ReactNode }) {
  const { site } = useStaffSite();
  if (site && !phoneOffersOn(site, path)) return <Navigate to="/" replace />;
  return children;
}
