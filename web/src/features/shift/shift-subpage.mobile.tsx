import type { ReactNode } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { NavBar } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import type { Me, MeSite } from '@anchang/contracts';
import { useMe } from '../../shared/auth/use-auth';
import { useOnline } from '../../shared/offline/use-online';
import { useStaffSite } from '../../shared/site/staff-site';
import { MobileSpinner } from '../../shared/ui-mobile/mobile-spinner';
import { useCurrentShift, type CurrentShift } from './use-shift';
import styles from './shift.mobile.module.css';
import { PhoneState } from '../../shared/ui-mobile/phone-state';

export interface ShiftContext {
  site: MeSite;
  me: Me;
  current: CurrentShift;
}

/**
 * A page of the open shift (班前检查, 下班 …): a bar back to the shift, and the page itself
 * only while a shift is open; otherwise back to 上岗.
 */
export function ShiftSubPage({
  title,
  right,
  requireShift = true,
  children,
}: {
  title: string;
  right?: (ctx: ShiftContext) => ReactNode;
  requireShift?: boolean;
  children: (ctx: ShiftContext) => ReactNode;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { site } = useStaffSite();
  const me = useMe();
  return (
    <div className={styles.page}>
      {site ? (
        <Inner site={site} me={me} title={title} right={right} requireShift={requireShift} onBack={() => void navigate('/shift')}>
          {children}
        </Inner>
      ) : (
        <>
          <NavBar className={styles.navBar} onBack={() => void navigate('/shift')}>
            {title}
          </NavBar>
          <PhoneState status="empty" title={t('shiftPhone.noSite')} />
        </>
      )}
    </div>
  );
}

function Inner(props: {
  site: MeSite;
  me: Me;
  title: string;
  right: ((ctx: ShiftContext) => ReactNode) | undefined;
  requireShift: boolean;
  onBack: () => void;
  children: (ctx: ShiftContext) => ReactNode;
}) {
  const { t } = useTranslation();
  const online = useOnline();
  const current = useCurrentShift(props.site.id, props.site.timeZone, props.me);
  const ctx: ShiftContext = { site: props.site, me: props.me, current };
  let body: ReactNode;
  if (current.isLoading) {
    body = online ? (
      <MobileSpinner />
    ) : (
      <PhoneState status="disconnected" title={t('shiftPhone.offlineNoData')} description={t('shiftPhone.offlineNoDataHint')} />
    );
  } else if (props.requireShift && current.phase === 'off') {
    return <Navigate to="/shift" replace />;
  } else {
    body = props.children(ctx);
  }
  return (
    <>
      <NavBar
        className={styles.navBar}
        onBack={props.onBack}
        right={!current.isLoading && props.right ? <span className={styles.navRight}>{props.right(ctx)}</span> : null}
      >
        {props.title}
      </NavBar>
      {body}
    </>
  );
}
