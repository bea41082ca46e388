import { useNavigate } from 'react-router';
import { Button, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../shared/api/errors';
import { useStaffSite } from '../../shared/site/staff-site';
import { ConnectionChip } from '../../shared/ui-mobile/connection-chip';
import { MobileSpinner } from '../../shared/ui-mobile/mobile-spinner';
import { PhonePullToRefresh } from '../../shared/ui-mobile/phone-pull-to-refresh';
import { PhoneState } from '../../shared/ui-mobile/phone-state';
import { SubPage } from '../../shared/ui-mobile/sub-page';
import { useInspectionPlan, useRectifications } from './inspections-api';
import { RectificationCard } from './rectification-card.mobile';
import styles from './inspections.mobile.module.css';

/**
 * The inspector's phone (设立服务监控岗位,每日巡查): today's plan per post, done against due, a tap
 * to inspect a post; below, the rectifications waiting on their re-check.
 */
export function InspectPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { site } = useStaffSite();
  return (
    <SubPage title={t('inspections.phone.title')} onBack={() => void navigate('/')} right={<ConnectionChip />} roomBelow>
      {site ? <Plan siteId={site.id} timeZone={site.timeZone} /> : <PhoneState status="empty" title={t('mobile.noSites')} />}
    </SubPage>
  );
}

function Plan({ siteId, timeZone }: { siteId: string; timeZone: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const plan = useInspectionPlan(siteId, null);
  const recheck = useRectifications(siteId, 'to_recheck');
  const waiting = recheck.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <PhonePullToRefresh onRefresh={() => Promise.all([plan.refetch(), recheck.refetch()])}>
      <div className={styles.body}>
        <h2 className={styles.sectionTitle}>{t('inspections.phone.recheckTitle')}</h2>
        {recheck.isPending ? <MobileSpinner /> : null}
        {recheck.isError ? <PhoneState status="disconnected" title={t('common.loadFailed')} description={describeError(recheck.error)} /> : null}
        {recheck.data && waiting.length === 0 ? <p className={styles.muted}>{t('inspections.phone.recheckEmpty')}</p> : null}
        {waiting.map((r) => (
          <RectificationCard key={r.id} rect={r} siteId={siteId} timeZone={timeZone} as="inspector" />
        ))}
        {recheck.hasNextPage ? (
          <Button fill="none" color="primary" loading={recheck.isFetchingNextPage} onClick={() => void recheck.fetchNextPage()}>
            {t('common.loadMore')}
          </Button>
        ) : null}
        <div className={styles.row}>
          <h2 className={styles.sectionTitle}>{t('inspections.phone.planTitle')}</h2>
          {plan.data && plan.data.due > 0 ? (
            <span className={styles.count} data-testid="inspect-plan-total">
              {plan.data.done}/{plan.data.due}
            </span>
          ) : null}
        </div>
        {plan.isPending ? <MobileSpinner /> : null}
        {plan.isError ? <PhoneState status="disconnected" title={t('common.loadFailed')} description={describeError(plan.error)} /> : null}
        {plan.data && !plan.data.isOpen ? <p className={styles.muted}>{t('inspections.plan.closedDay')}</p> : null}
        {plan.data && plan.data.posts.length === 0 ? <PhoneState status="empty" title={t('inspections.phone.noPosts')} /> : null}
        {plan.data?.posts.map((p) => (
          <button
            key={p.postId}
            type="button"
            className={styles.postButton}
            onClick={() => void navigate(`/inspect/${p.postId}`)}
            data-testid="inspect-post"
          >
            <span>
              <span className={styles.postName}>{p.postName}</span>
              <span className={styles.itemMeta}>
                {p.onDuty.length ? p.onDuty.map((d) => d.name).join('、') : t('inspections.phone.nobodyOnDuty')}
              </span>
            </span>
            {p.timesPerDay > 0 ? (
              <span className={`${styles.count} ${p.remaining === 0 ? styles.countDone : ''}`}>
                {p.done}/{p.due}
              </span>
            ) : (
              <Tag fill="outline">{t('inspections.phone.start')}</Tag>
            )}
          </button>
        ))}
      </div>
    </PhonePullToRefresh>
  );
}
