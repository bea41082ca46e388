import { lazy, Suspense, useEffect } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { Button } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../shared/api/errors';
import { markSignedIn } from '../../shared/offline/offline-shell';
import { MeContext, useMeQuery } from '../../shared/auth/use-auth';
import { MobileSpinner } from '../../shared/ui-mobile/mobile-spinner';
import { PageFallback } from '../../shared/ui-mobile/boot-splash';
import { loadAllMessages } from '../../i18n';
import { StaffSiteProvider } from '../../shared/site/staff-site';

// Its illustrations are heavy and only for the rare failed start: loaded when needed.
const PhoneState = lazy(() => import('../../shared/ui-mobile/phone-state').then((m) => ({ default: m.PhoneState })));

/** The staff app for a signed-in person; anyone else goes to /m/login and comes back. */
export function RequireStaffAuth() {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useMeQuery();
  const isSignedIn = me.data !== undefined && me.data !== null;
  useEffect(() => {
    if (!isSignedIn) return;
    markSignedIn(); // the offline shell installs for staff only
    // The login page needs only the core messages; the rest come once someone is in.
    void loadAllMessages().catch(() => undefined); // each screen beyond the first asks again
  }, [isSignedIn]);

  if (me.isPending) return <PageFallback />;
  // A failed refresh with a kept answer (no signal) is not a reason to leave the app.
  if (me.isError && me.data === undefined) {
    return (
      <Suspense fallback={<MobileSpinner />}>
        <PhoneState status="disconnected" fullPage title={t('common.loadFailed')} description={describeError(me.error)}>
          <Button color="primary" onClick={() => void me.refetch()}>
            {t('common.retry')}
          </Button>
        </PhoneState>
      </Suspense>
    );
  }
  if (!me.data) {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return (
    <MeContext.Provider value={me.data}>
      <StaffSiteProvider me={me.data}>
        <Outlet />
      </StaffSiteProvider>
    </MeContext.Provider>
  );
}
