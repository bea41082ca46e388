import { useMemo } from 'react';
import { InfiniteScroll, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import type { MeSite, WorkOrder } from '@anchang/contracts';
import { useLocale } from '../../i18n';
import { formatLocal } from '../../shared/format/time';
import { useNow } from '../../shared/format/use-now';
import { assetName } from '../repairs/repairs-api';
import { LoadState, ManagerPage } from './manager-page.mobile';
import { useOverdueRepairs } from './use-manager-phone';
import styles from './manager-phone.mobile.module.css';
import { PhoneState } from '../../shared/ui-mobile/phone-state';
import { PhonePullToRefresh } from '../../shared/ui-mobile/phone-pull-to-refresh';

/** Whole minutes, at least 1: "overdue 0 minutes" would read as not overdue. */
const minutes = (ms: number): number => Math.max(1, Math.floor(ms / 60_000));

/** 超时报修: repairs whose technician missed the arrival limit and that still stand. */
export function OverdueRepairsPage() {
  const { t } = useTranslation();
  return (
    <ManagerPage title={t('managerPhone.repairs.title')} testId="manager-repairs">
      {(site) => <Overdue site={site} />}
    </ManagerPage>
  );
}

function Overdue({ site }: { site: MeSite }) {
  const { t } = useTranslation();
  const list = useOverdueRepairs(site.id);
  const now = useNow(30_000);
  // The longest overdue first.
  const orders = useMemo(
    () => (list.data?.pages.flatMap((p) => p.items) ?? []).sort((a, b) => a.arrivalDeadlineAt - b.arrivalDeadlineAt),
    [list.data],
  );
  return (
    <>
      <p className={styles.notice}>{t('managerPhone.repairs.hint')}</p>
      <LoadState
        query={list}
        hasData={!!list.data}
        isEmpty={orders.length === 0}
        empty={<PhoneState status="empty" title={t('managerPhone.counts.repairsNone')} description={null} data-testid="manager-repairs-empty" />}
      >
        <PhonePullToRefresh onRefresh={() => list.refetch()}>
          <div className={styles.list}>
            {orders.map((order) => (
              <OrderCard key={order.id} order={order} site={site} now={now} />
            ))}
            <InfiniteScroll hasMore={!!list.hasNextPage} loadMore={async () => void (await list.fetchNextPage())}>
              {list.hasNextPage ? t('common.loading') : t('common.noMore')}
            </InfiniteScroll>
          </div>
        </PhonePullToRefresh>
      </LoadState>
    </>
  );
}

function OrderCard({ order: o, site, now }: { order: WorkOrder; site: MeSite; now: number }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const what = assetName({ nameZh: o.assetNameZh, nameEn: o.assetNameEn }, locale) || o.zoneName;
  return (
    <article className={styles.card} data-testid="manager-repair" data-status={o.status}>
      <div className={styles.cardHead}>
        <span className={styles.cardTitle}>{what}</span>
        <Tag color="primary" fill="outline">
          {t(`equipment.statuses.${o.status}`)}
        </Tag>
      </div>
      <p className={styles.cardText}>{o.description}</p>
      <div className={styles.meta}>
        <span>{o.zoneName}</span>
        <span>{t('managerPhone.repairs.deadline', { time: formatLocal(o.arrivalDeadlineAt, site.timeZone, 'MM-DD HH:mm') })}</span>
      </div>
      <div className={styles.meta}>
        <span className={styles.lateText}>
          {o.arrivedAt === null
            ? t('managerPhone.repairs.late', { minutes: minutes(now - o.arrivalDeadlineAt) })
            : t('managerPhone.repairs.arrivedLate', { minutes: minutes(o.arrivedAt - o.arrivalDeadlineAt) })}
        </span>
        <span>{o.technicianName ? t('managerPhone.repairs.technician', { name: o.technicianName }) : t('managerPhone.repairs.noTechnician')}</span>
        {o.escalationLevel >= 2 ? (
          <span>{t('managerPhone.repairs.escalation2')}</span>
        ) : o.escalationLevel === 1 ? (
          <span>{t('managerPhone.repairs.escalation1')}</span>
        ) : null}
      </div>
    </article>
  );
}
