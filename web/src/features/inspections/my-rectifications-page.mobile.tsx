import { useNavigate } from 'react-router';
import { Button } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { OPEN_RECTIFICATION_STATUSES } from '@anchang/contracts';
import { describeError } from '../../shared/api/errors';
import { useStaffSite } from '../../shared/site/staff-site';
import { ConnectionChip } from '../../shared/ui-mobile/connection-chip';
import { MobileSpinner } from '../../shared/ui-mobile/mobile-spinner';
import { PhonePullToRefresh } from '../../shared/ui-mobile/phone-pull-to-refresh';
import { PhoneState } from '../../shared/ui-mobile/phone-state';
import { SubPage } from '../../shared/ui-mobile/sub-page';
import { useRectifications } from './inspections-api';
import { RectificationCard } from './rectification-card.mobile';
import styles from './inspections.mobile.module.css';

/** The person's rectifications: what an inspection found, by when to fix it, and the fix with a note and a photo. New ones arrive live. */
export function MyRectificationsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { site } = useStaffSite();
  const mine = useRectifications(site?.id ?? '', 'mine', null, !!site);
  const all = mine.data?.pages.flatMap((p) => p.items) ?? [];
  const open = all.filter((r) => OPEN_RECTIFICATION_STATUSES.includes(r.status));
  const handled = all.filter((r) => !OPEN_RECTIFICATION_STATUSES.includes(r.status));
  return (
    <SubPage title={t('inspections.phone.myTitle')} onBack={() => void navigate('/')} right={<ConnectionChip />} roomBelow>
      {!site ? <PhoneState status="empty" title={t('mobile.noSites')} /> : null}
      {site ? (
        <PhonePullToRefresh onRefresh={() => mine.refetch()}>
          <div className={styles.body} data-testid="my-rectifications">
            {mine.isPending ? <MobileSpinner /> : null}
            {mine.isError ? <PhoneState status="disconnected" title={t('common.loadFailed')} description={describeError(mine.error)} /> : null}
            {mine.data && open.length === 0 ? (
              <PhoneState status="empty" title={t('inspections.phone.myEmpty')} style={{ padding: '32px 0' }} />
            ) : null}
            {open.map((r) => (
              <RectificationCard key={r.id} rect={r} siteId={site.id} timeZone={site.timeZone} as="person" />
            ))}
            {handled.length ? <h2 className={styles.sectionTitle}>{t('inspections.phone.history')}</h2> : null}
            {handled.map((r) => (
              <RectificationCard key={r.id} rect={r} siteId={site.id} timeZone={site.timeZone} as="none" />
            ))}
            {mine.hasNextPage ? (
              <Button fill="none" color="primary" loading={mine.isFetchingNextPage} onClick={() => void mine.fetchNextPage()}>
                {t('common.loadMore')}
              </Button>
            ) : null}
          </div>
        </PhonePullToRefresh>
      ) : null}
    </SubPage>
  );
}
