import { useMemo } from 'react';
import { InfiniteScroll, Tag, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import type { Anomaly } from '@anchang/contracts';
import { useLocale } from '../../i18n';
import { describeError } from '../../shared/api/errors';
import { formatDateTime, formatLocal, formatRelative } from '../../shared/format/time';
import { useRealtimeEvent } from '../../shared/realtime/use-realtime';
import { MobileSpinner } from '../../shared/ui-mobile/mobile-spinner';
import { Thumb } from './checklist.mobile';
import type { OutboxItem } from '../../shared/offline/outbox';
import type { ResultOp } from './outbox-kinds';
import { ShiftSubPage, type ShiftContext } from './shift-subpage.mobile';
import { textIn } from './shift-rules';
import { usePhotoUrl } from './use-photo-url';
import { useMyAnomalies } from './use-shift';
import styles from './shift.mobile.module.css';
import { PhoneState } from '../../shared/ui-mobile/phone-state';
import { PhonePullToRefresh } from '../../shared/ui-mobile/phone-pull-to-refresh';
import { photosApi } from '../../shared/api/photos';

const STATUS_COLOR: Record<Anomaly['status'], 'danger' | 'warning' | 'primary' | 'success'> = {
  open: 'danger',
  acknowledged: 'warning',
  assigned: 'primary',
  resolved: 'success',
};

/** 我的异常: what I reported, its status and the resolution; updates arrive live. */
export function MyAnomaliesPage() {
  const { t } = useTranslation();
  return (
    <ShiftSubPage title={t('shiftPhone.anomalies.title')} requireShift={false}>
      {(ctx) => <MyAnomalies {...ctx} />}
    </ShiftSubPage>
  );
}

function MyAnomalies({ site, current }: ShiftContext) {
  const { t } = useTranslation();
  const anomalies = useMyAnomalies(site.id);
  const items = useMemo(() => anomalies.data?.pages.flatMap((p) => p.items) ?? [], [anomalies.data]);
  // Anomaly results still on the phone: they become anomalies once the server has them.
  const waiting = current.outbox.filter(
    (i): i is OutboxItem & { op: ResultOp } => i.op.kind === 'result' && i.op.body.result === 'anomaly' && i.state === 'waiting',
  );

  useRealtimeEvent((event) => {
    if (event.type === 'anomaly.updated' && event.siteId === site.id) {
      const { anomalyId } = event.payload as { anomalyId: string };
      if (items.some((a) => a.id === anomalyId)) Toast.show({ content: t('shiftPhone.anomalies.updated'), position: 'top' });
    }
  });

  if (anomalies.isPending && !waiting.length) return <MobileSpinner />;
  if (anomalies.isError && !items.length && !waiting.length) {
    return (
      <PhoneState status="disconnected" title={t('common.loadFailed')} description={describeError(anomalies.error)}>
        <a onClick={() => void anomalies.refetch()}>{t('common.retry')}</a>
      </PhoneState>
    );
  }
  return (
    <PhonePullToRefresh onRefresh={() => anomalies.refetch()}>
      <div className={styles.body} data-testid="my-anomalies">
        {!items.length && !waiting.length ? (
          <PhoneState status="empty" title={t('shiftPhone.anomalies.empty')} description={t('shiftPhone.anomalies.emptyHint')} />
        ) : null}
        {waiting.map((item) => (
          <WaitingAnomaly key={item.key} item={item} siteId={site.id} timeZone={site.timeZone} outbox={current.outbox} />
        ))}
        {items.map((a) => (
          <AnomalyCard key={a.id} anomaly={a} timeZone={site.timeZone} />
        ))}
        {items.length ? (
          <InfiniteScroll hasMore={!!anomalies.hasNextPage} loadMore={async () => void (await anomalies.fetchNextPage())}>
            {anomalies.hasNextPage ? t('common.loading') : t('common.noMore')}
          </InfiniteScroll>
        ) : null}
      </div>
    </PhonePullToRefresh>
  );
}

function AnomalyCard({ anomaly: a, timeZone }: { anomaly: Anomaly; timeZone: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <article className={styles.anomaly} data-testid="my-anomaly" data-status={a.status}>
      <div className={styles.anomalyHead}>
        <span className={styles.anomalyTitle}>{textIn(a.itemText, locale)}</span>
        <Tag color={STATUS_COLOR[a.status]} fill="solid">
          {t(`shiftPhone.anomalies.status.${a.status}`)}
        </Tag>
      </div>
      <div style={{ display: 'flex', gap: 10 }}>
        {a.photoId ? (
          <div style={{ marginTop: 8 }}>
            <Thumb url={photosApi.url(a.siteId, a.photoId)} small />
          </div>
        ) : null}
        {a.note ? <p className={styles.anomalyNote}>{a.note}</p> : null}
      </div>
      <div className={styles.anomalyMeta}>
        <Tag fill="outline">{t(`shiftPhone.categories.${a.category}`)}</Tag>
        {a.needsRepair ? (
          <Tag fill="outline" color="warning">
            {t('shiftPhone.anomalies.needsRepair')}
          </Tag>
        ) : null}
        {a.postName ? <span>{a.postName}</span> : null}
        <time dateTime={new Date(a.reportedAt).toISOString()} title={formatDateTime(a.reportedAt, timeZone)}>
          {t('shiftPhone.anomalies.reportedAt', { time: formatRelative(a.reportedAt) })}
        </time>
        {a.assignedToName && a.status !== 'resolved' ? <span>{t('shiftPhone.anomalies.assignedTo', { name: a.assignedToName })}</span> : null}
      </div>
      {a.resolution ? (
        <div className={styles.resolution} data-testid="anomaly-resolution">
          <span className={styles.resolutionLabel}>{t('shiftPhone.anomalies.resolution')}:</span>
          {a.resolution}
          {a.resolvedAt ? (
            <div className={styles.muted}>{t('shiftPhone.anomalies.resolvedAt', { time: formatDateTime(a.resolvedAt, timeZone) })}</div>
          ) : null}
        </div>
      ) : null}
    </article>
  );
}

function WaitingAnomaly({
  item,
  siteId,
  timeZone,
  outbox,
}: {
  item: OutboxItem & { op: ResultOp };
  siteId: string;
  timeZone: string;
  outbox: readonly OutboxItem[];
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { body } = item.op;
  const photoUrl = usePhotoUrl(siteId, body.photoId ?? null, outbox);
  return (
    <article className={styles.anomaly} data-testid="my-anomaly" data-status="waiting">
      <div className={styles.anomalyHead}>
        <span className={styles.anomalyTitle}>{textIn(item.op.itemText, locale)}</span>
        <Tag color="warning" fill="outline">
          {t('shiftPhone.anomalies.waiting')}
        </Tag>
      </div>
      <div style={{ display: 'flex', gap: 10 }}>
        {photoUrl ? (
          <div style={{ marginTop: 8 }}>
            <Thumb url={photoUrl} small />
          </div>
        ) : null}
        {body.note ? <p className={styles.anomalyNote}>{body.note}</p> : null}
      </div>
      <div className={styles.anomalyMeta}>
        {body.category ? <Tag fill="outline">{t(`shiftPhone.categories.${body.category}`)}</Tag> : null}
        <span>{t('shiftPhone.recordedAt', { time: formatLocal(body.at ?? item.createdAt, timeZone, 'HH:mm') })}</span>
      </div>
    </article>
  );
}
