import type { ReactNode } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { MeSite } from '@anchang/contracts';
import { describeError } from '../../shared/api/errors';
import { canOverseeShifts } from '../../shared/auth/access';
import { useStaffSite } from '../../shared/site/staff-site';
import { ConnectionChip } from '../../shared/ui-mobile/connection-chip';
import { MobileSpinner } from '../../shared/ui-mobile/mobile-spinner';
import { PhoneState } from '../../shared/ui-mobile/phone-state';
import { SubPage } from '../../shared/ui-mobile/sub-page';

/**
 * The frame of every manager screen: back to the home, the title, whether live updates arrive.
 * Someone who does not oversee the site goes home: these screens would only answer 403.
 */
export function ManagerPage({ title, testId, children }: { title: string; testId: string; children: (site: MeSite) => ReactNode }) {
  const navigate = useNavigate();
  const { site } = useStaffSite();
  if (!site || !canOverseeShifts(site.role)) return <Navigate to="/" replace />;
  return (
    <SubPage title={title} onBack={() => void navigate('/')} right={<ConnectionChip />} roomBelow testId={testId}>
      {children(site)}
    </SubPage>
  );
}

/**
 * Loading, a failure with nothing to show, empty, or the content: in that order, so a failed
 * load never sits beside an empty state. A failed refetch with data kept shows the data.
 */
export function LoadState(props: {
  query: { isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown };
  hasData: boolean;
  isEmpty: boolean;
  empty: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const { query } = props;
  if (query.isPending && !props.hasData) return <MobileSpinner />;
  if (query.isError && !props.hasData) {
    return (
      <PhoneState status="disconnected" title={t('common.loadFailed')} description={describeError(query.error)} data-testid="manager-load-error">
        <a onClick={() => void query.refetch()} style={{ display: 'inline-block', padding: 12 }}>
          {t('common.retry')}
        </a>
      </PhoneState>
    );
  }
  if (props.isEmpty) return <>{props.empty}</>;
  return <>{props.children}</>;
}
