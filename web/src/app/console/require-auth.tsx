import { Navigate, Outlet, useLocation } from 'react-router';
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { MeContext, useMeQuery } from '../../shared/auth/use-auth';
import { useInstance } from '../../shared/instance/use-instance';
import { describeError } from '../../shared/api/errors';
import { PageSpinner } from '../../shared/ui/load-state';

/**
 * Renders its routes for a signed-in person; sends anyone else to /login and back afterwards,
 * and everyone to /setup while the installation has no company yet.
 */
export function RequireAuth() {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useMeQuery();
  const instance = useInstance();

  if (instance.data?.needsSetup) return <Navigate to="/setup" replace />;
  if (me.isPending || instance.isPending) return <PageSpinner />;
  if (me.isError) {
    return (
      <Result
        status="warning"
        title={t('common.loadFailed')}
        subTitle={describeError(me.error)}
        extra={<Button onClick={() => void me.refetch()}>{t('common.retry')}</Button>}
      />
    );
  }
  if (!me.data) {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return (
    <MeContext.Provider value={me.data}>
      <Outlet />
    </MeContext.Provider>
  );
}
