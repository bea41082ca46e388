import { useMemo, useState } from 'react';
import { Button, Checkbox, CheckList, Dialog, InfiniteScroll, Popup, Tabs, Tag, TextArea, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import type { Anomaly, MeSite } from '@anchang/contracts';
import { useLocale } from '../../i18n';
import { describeError } from '../../shared/api/errors';
import { formatDateTime, formatRelative } from '../../shared/format/time';
import { useRealtimeEvent } from '../../shared/realtime/use-realtime';
import { flattenPages } from '../notices/use-notifications';
import { usePeople } from '../people/use-people';
import { Thumb } from '../shift/checklist.mobile';
import { localText } from '../standards/standard-text';
import { useAnomalies, useHandleAnomaly } from '../anomalies/use-anomalies';
import { LoadState, ManagerPage } from './manager-page.mobile';
import styles from './manager-phone.mobile.module.css';
import { PhoneState } from '../../shared/ui-mobile/phone-state';
import { PhonePullToRefresh } from '../../shared/ui-mobile/phone-pull-to-refresh';
import { photosApi } from '../../shared/api/photos';

type InboxFilter = 'unresolved' | 'resolved';
type Sheet = { kind: 'assign' | 'resolve'; anomaly: Anomaly };

const STATUS_COLORS: Record<Anomaly['status'], string> = { open: 'danger', acknowledged: 'warning', assigned: 'primary', resolved: 'success' };

/** 异常待办: what staff reported, for the manager walking the site to acknowledge, assign or resolve. */
export function AnomaliesInboxPage() {
  const { t } = useTranslation();
  return (
    <ManagerPage title={t('managerPhone.anomalies.title')} testId="manager-anomalies">
      {(site) => <Inbox site={site} />}
    </ManagerPage>
  );
}

function Inbox({ site }: { site: MeSite }) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<InboxFilter>('unresolved');
  const list = useAnomalies(site.id, filter);
  const items = useMemo(() => flattenPages(list.data), [list.data]);
  const handle = useHandleAnomaly(site.id);
  const [sheet, setSheet] = useState<Sheet | null>(null);
  // Reported after the inbox opened: arrived live, glows once.
  const [openedAt] = useState(() => Date.now());

  // The list refetches on the event (see realtime/invalidate); the toast says why it moved.
  useRealtimeEvent((event) => {
    if (event.type !== 'anomaly.created' || event.siteId !== site.id) return;
    Toast.show({ content: t('managerPhone.anomalies.newToast'), position: 'top' });
  });

  const acknowledge = async (anomaly: Anomaly) => {
    try {
      await handle.mutateAsync({ anomalyId: anomaly.id, input: { action: 'acknowledge' } });
      Toast.show({ icon: 'success', content: t('consoleShifts.anomalies.acknowledged') });
    } catch (error) {
      Toast.show({ icon: 'fail', content: describeError(error) });
    }
  };

  return (
    <>
      <Tabs activeKey={filter} onChange={(key) => setFilter(key as InboxFilter)}>
        <Tabs.Tab key="unresolved" title={t('consoleShifts.anomalies.filters.unresolved')} />
        <Tabs.Tab key="resolved" title={t('consoleShifts.anomalies.filters.resolved')} />
      </Tabs>
      <LoadState
        query={list}
        hasData={!!list.data}
        isEmpty={items.length === 0}
        empty={
          <PhoneState
            status="empty"
            title={t(`consoleShifts.anomalies.empty.${filter}`)}
            description={t('consoleShifts.anomalies.emptyHint')}
            data-testid="manager-anomalies-empty"
          />
        }
      >
        <PhonePullToRefresh onRefresh={() => list.refetch()}>
          <div className={styles.list}>
            {items.map((anomaly) => (
              <AnomalyCard
                key={anomaly.id}
                anomaly={anomaly}
                site={site}
                fresh={anomaly.reportedAt > openedAt}
                busy={handle.isPending}
                onAcknowledge={() => void acknowledge(anomaly)}
                onSheet={(kind) => setSheet({ kind, anomaly })}
              />
            ))}
            <InfiniteScroll hasMore={!!list.hasNextPage} loadMore={async () => void (await list.fetchNextPage())}>
              {list.hasNextPage ? t('common.loading') : t('common.noMore')}
            </InfiniteScroll>
          </div>
        </PhonePullToRefresh>
      </LoadState>
      <ActionSheet site={site} sheet={sheet} onClose={() => setSheet(null)} />
    </>
  );
}

function AnomalyCard(props: {
  anomaly: Anomaly;
  site: MeSite;
  fresh: boolean;
  busy: boolean;
  onAcknowledge: () => void;
  onSheet: (kind: Sheet['kind']) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { anomaly: a, site } = props;
  const item = localText(a.itemText, locale);
  return (
    <article
      className={`${styles.card} ${props.fresh ? styles.cardFresh : ''}`}
      data-testid="manager-anomaly"
      data-anomaly-id={a.id}
      data-status={a.status}
    >
      <div className={styles.cardHead}>
        <span className={styles.cardTitle}>{a.postName ?? t('consoleShifts.anomalies.noPost')}</span>
        <Tag color={STATUS_COLORS[a.status]} fill="solid" data-testid="manager-anomaly-status">
          {t(`consoleShifts.anomalyStatus.${a.status}`)}
        </Tag>
      </div>
      <div className={styles.body}>
        {a.photoId ? <Thumb url={photosApi.url(site.id, a.photoId)} small /> : null}
        <div>
          {item ? <p className={styles.muted}>{item}</p> : null}
          <p className={styles.cardText}>{a.note || '—'}</p>
        </div>
      </div>
      <div className={styles.tags}>
        <Tag color="default">{t(`consoleShifts.anomalyCategories.${a.category}`)}</Tag>
        {a.needsRepair ? <Tag color="warning">{t('consoleShifts.anomalies.needsRepair')}</Tag> : null}
      </div>
      <div className={styles.meta}>
        <span>{t('consoleShifts.anomalies.reportedBy', { name: a.reportedByName })}</span>
        <time dateTime={new Date(a.reportedAt).toISOString()} title={formatDateTime(a.reportedAt, site.timeZone)}>
          {formatRelative(a.reportedAt)}
        </time>
        {a.assignedToName ? <span>{t('consoleShifts.anomalies.assignedTo', { name: a.assignedToName })}</span> : null}
      </div>
      {a.resolution ? <p className={styles.muted}>{t('consoleShifts.anomalies.resolutionLine', { text: a.resolution })}</p> : null}
      {a.status === 'resolved' ? null : (
        <div className={styles.actions}>
          {a.status === 'open' ? (
            <Button color="primary" disabled={props.busy} onClick={props.onAcknowledge} data-testid="manager-anomaly-acknowledge">
              {t('consoleShifts.anomalies.acknowledge')}
            </Button>
          ) : null}
          <Button color="primary" fill="outline" onClick={() => props.onSheet('assign')} data-testid="manager-anomaly-assign">
            {t('consoleShifts.anomalies.assign')}
          </Button>
          <Button color="success" fill="outline" onClick={() => props.onSheet('resolve')} data-testid="manager-anomaly-resolve">
            {t('consoleShifts.anomalies.resolve')}
          </Button>
        </div>
      )}
    </article>
  );
}

/** 指派 (to someone of the site) or 处理完成 (with what was done), in a sheet from the bottom. */
function ActionSheet({ site, sheet, onClose }: { site: MeSite; sheet: Sheet | null; onClose: () => void }) {
  const { t } = useTranslation();
  const handle = useHandleAnomaly(site.id);
  const people = usePeople(site.id, { enabled: sheet?.kind === 'assign' });
  const [assignee, setAssignee] = useState<string | null>(null);
  const [resolution, setResolution] = useState('');
  const [needsRepair, setNeedsRepair] = useState(false);
  const [shownFor, setShownFor] = useState<Sheet | null>(null);
  if (sheet !== shownFor) {
    setShownFor(sheet);
    setAssignee(sheet?.anomaly.assignedTo ?? null);
    setResolution('');
    setNeedsRepair(sheet?.anomaly.needsRepair ?? false);
  }
  const active = (people.data ?? []).filter((p) => p.isActive);

  const submit = async () => {
    if (!sheet) return;
    if (sheet.kind === 'assign' && !assignee) return void Toast.show({ content: t('consoleShifts.anomalies.assigneeRequired') });
    if (sheet.kind === 'resolve' && !resolution.trim()) return void Toast.show({ content: t('consoleShifts.anomalies.resolutionRequired') });
    try {
      await handle.mutateAsync({
        anomalyId: sheet.anomaly.id,
        input:
          sheet.kind === 'assign'
            ? { action: 'assign', assignedTo: assignee ?? undefined, needsRepair }
            : { action: 'resolve', resolution: resolution.trim(), needsRepair },
      });
      Toast.show({
        icon: 'success',
        content: sheet.kind === 'assign' ? t('consoleShifts.anomalies.assigned') : t('consoleShifts.anomalies.resolved'),
      });
      onClose();
    } catch (error) {
      // e.g. resolved meanwhile by someone else: say so; the list shows it now.
      await Dialog.alert({ content: describeError(error), confirmText: t('common.confirm') });
      onClose();
    }
  };

  return (
    <Popup visible={!!sheet} onMaskClick={onClose} bodyStyle={{ borderTopLeftRadius: 12, borderTopRightRadius: 12 }}>
      {sheet ? (
        <div className={styles.sheet} data-testid="manager-anomaly-sheet">
          <h3 className={styles.sheetTitle}>
            {sheet.kind === 'assign' ? t('consoleShifts.anomalies.assignTitle') : t('consoleShifts.anomalies.resolveTitle')}
          </h3>
          <p className={styles.muted}>{[sheet.anomaly.postName, sheet.anomaly.note].filter(Boolean).join(' · ')}</p>
          {sheet.kind === 'assign' ? (
            <LoadState
              query={people}
              hasData={!!people.data}
              isEmpty={active.length === 0}
              empty={<p className={styles.muted}>{t('managerPhone.anomalies.noPeople')}</p>}
            >
              <CheckList value={assignee ? [assignee] : []} onChange={(value) => setAssignee((value[0] as string | undefined) ?? null)}>
                {active.map((p) => (
                  <CheckList.Item key={p.id} value={p.id}>
                    {p.name}
                  </CheckList.Item>
                ))}
              </CheckList>
            </LoadState>
          ) : (
            <div className={styles.field}>
              <TextArea
                value={resolution}
                onChange={setResolution}
                placeholder={t('consoleShifts.anomalies.resolutionPlaceholder')}
                autoSize={{ minRows: 3, maxRows: 6 }}
                maxLength={1000}
                aria-label={t('consoleShifts.anomalies.resolution')}
                data-testid="manager-anomaly-resolution"
              />
            </div>
          )}
          <Checkbox checked={needsRepair} onChange={setNeedsRepair} style={{ minHeight: 44 }}>
            {t('consoleShifts.anomalies.markNeedsRepair')}
          </Checkbox>
          <Button block color="primary" size="large" loading={handle.isPending} onClick={() => void submit()} data-testid="manager-anomaly-submit">
            {sheet.kind === 'assign' ? t('consoleShifts.anomalies.assign') : t('consoleShifts.anomalies.resolve')}
          </Button>
        </div>
      ) : null}
    </Popup>
  );
}
