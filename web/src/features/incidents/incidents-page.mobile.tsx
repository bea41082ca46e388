import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { Button, InfiniteScroll, Popup, Tabs, Tag, TextArea, Toast, Dialog } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import type { Incident, MeSite, RealtimeEvent } from '@anchang/contracts';
import { describeError } from '../../shared/api/errors';
import { formatDateTime, formatLocal, formatRelative } from '../../shared/format/time';
import { useRealtimeEvent } from '../../shared/realtime/use-realtime';
import { useStaffSite } from '../../shared/site/staff-site';
import { MobileSpinner } from '../../shared/ui-mobile/mobile-spinner';
import { Thumb } from '../shift/checklist.mobile';
import { INCIDENT_KIND_ICONS, SEVERITY_TAG_COLOR } from './incident-kinds.mobile';
import { canDecideIncidents, useIncidents, useUpdateIncident } from './use-incidents';
import styles from './incidents.mobile.module.css';
import { PhoneState } from '../../shared/ui-mobile/phone-state';
import { PhonePullToRefresh } from '../../shared/ui-mobile/phone-pull-to-refresh';
import { SubPage } from '../../shared/ui-mobile/sub-page';
import { photosApi } from '../../shared/api/photos';

type PhoneFilter = 'open' | 'closed';

/** 案场事件: the site's incidents, the sales department's police decision and the status, live. */
export function IncidentsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { site } = useStaffSite();
  return (
    <SubPage
      title={t('incidents.myTitle')}
      onBack={() => void navigate('/')}
      right={
        site ? (
          <a className={styles.navRight} onClick={() => void navigate('/incidents/new')} data-testid="incident-report-link">
            {t('incidents.send')}
          </a>
        ) : null
      }
      roomBelow
    >
      {site ? <IncidentList site={site} /> : <PhoneState status="empty" title={t('mobile.noSites')} />}
    </SubPage>
  );
}

function IncidentList({ site }: { site: MeSite }) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<PhoneFilter>('open');
  const list = useIncidents(site.id, filter, 20);
  const items = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const decider = canDecideIncidents(site.role);
  const [deciding, setDeciding] = useState<Incident | null>(null);

  useRealtimeEvent((event) => {
    if (event.type !== 'incident.updated' || event.siteId !== site.id) return;
    const { incidentId } = event.payload as RealtimeEvent<'incident.updated'>['payload'];
    if (items.some((i) => i.id === incidentId)) Toast.show({ content: t('incidents.updated'), position: 'top' });
  });

  let body;
  if (list.isPending) body = <MobileSpinner />;
  else if (list.isError && !items.length) {
    body = (
      <PhoneState status="disconnected" title={t('common.loadFailed')} description={describeError(list.error)}>
        <a onClick={() => void list.refetch()}>{t('common.retry')}</a>
      </PhoneState>
    );
  } else {
    body = (
      <PhonePullToRefresh onRefresh={() => list.refetch()}>
        <div className={styles.list} data-testid="incident-list">
          {items.length ? null : <PhoneState status="empty" title={t(`incidents.empty.${filter}`)} description={t('incidents.emptyHint')} />}
          {items.map((incident) => (
            <IncidentCard key={incident.id} incident={incident} timeZone={site.timeZone} onDecide={decider ? () => setDeciding(incident) : null} />
          ))}
          {items.length ? (
            <InfiniteScroll hasMore={!!list.hasNextPage} loadMore={async () => void (await list.fetchNextPage())}>
              {list.hasNextPage ? t('common.loading') : t('common.noMore')}
            </InfiniteScroll>
          ) : null}
        </div>
      </PhonePullToRefresh>
    );
  }

  return (
    <>
      <Tabs activeKey={filter} onChange={(key) => setFilter(key as PhoneFilter)} className={styles.tabs}>
        <Tabs.Tab key="open" title={t('incidents.filters.open')} />
        <Tabs.Tab key="closed" title={t('incidents.filters.closed')} />
      </Tabs>
      {body}
      {decider ? <DecisionSheet siteId={site.id} incident={deciding} onClose={() => setDeciding(null)} /> : null}
    </>
  );
}

function IncidentCard({ incident: i, timeZone, onDecide }: { incident: Incident; timeZone: string; onDecide: (() => void) | null }) {
  const { t } = useTranslation();
  return (
    <article className={`${styles.incident} ${styles[`incident_${i.severity}`] ?? ''}`} data-testid="incident-card" data-status={i.status}>
      <div className={styles.incidentHead}>
        <span className={styles.incidentTitle}>
          <span className={styles.incidentIcon}>{INCIDENT_KIND_ICONS[i.kind]}</span>
          {t(`incidents.kinds.${i.kind}`)}
        </span>
        <span>
          <Tag color={SEVERITY_TAG_COLOR[i.severity]} fill={i.severity === 'high' ? 'solid' : 'outline'} style={{ marginRight: 6 }}>
            {t(`incidents.severities.${i.severity}`)}
          </Tag>
          <Tag color={i.status === 'open' ? 'primary' : 'success'} fill="solid" data-testid="incident-status">
            {t(`incidents.status.${i.status}`)}
          </Tag>
        </span>
      </div>
      <div className={styles.incidentBody}>
        {i.photoId ? <Thumb url={photosApi.url(i.siteId, i.photoId)} small /> : null}
        <p className={styles.description}>{i.description}</p>
      </div>
      <div className={styles.meta}>
        <span>{t('incidents.reportedBy', { name: i.reportedByName })}</span>
        <time dateTime={new Date(i.reportedAt).toISOString()} title={formatDateTime(i.reportedAt, timeZone)}>
          {formatRelative(i.reportedAt)}
        </time>
        {i.closedAt ? <span>{t('incidents.closedAt', { time: formatLocal(i.closedAt, timeZone, 'MM-DD HH:mm') })}</span> : null}
      </div>
      <div className={styles.decision} data-testid="incident-decision">
        {i.policeDecision ? (
          <>
            <span className={i.policeDecision === 'call' ? styles.decisionCall : styles.decisionNoCall}>
              {t(`incidents.policeDone.${i.policeDecision}`)}
            </span>
            {i.decidedByName ? (
              <div className={styles.decidedBy}>
                {t('incidents.decidedBy', { name: i.decidedByName })}
                {i.decidedAt ? ` · ${formatLocal(i.decidedAt, timeZone, 'MM-DD HH:mm')}` : ''}
              </div>
            ) : null}
          </>
        ) : (
          <span className={styles.decisionPending}>{t('incidents.police.pending')}</span>
        )}
        {i.decisionNote ? <div className={styles.decisionNote}>{i.decisionNote}</div> : null}
      </div>
      {onDecide && i.status === 'open' ? (
        <div className={styles.actions}>
          <Button size="small" color="primary" fill="outline" onClick={onDecide} data-testid="incident-decide">
            {i.policeDecision ? t('incidents.changeDecision') : t('incidents.saveDecision')}
          </Button>
        </div>
      ) : null}
    </article>
  );
}

/**
 * The sales consultant's side of GUARD-IN-4 on the phone (the console is not theirs): call the
 * police or not, with the reason; and closing once handled.
 */
function DecisionSheet({ siteId, incident, onClose }: { siteId: string; incident: Incident | null; onClose: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateIncident(siteId);
  const [decision, setDecision] = useState<'call' | 'no_call' | null>(null);
  const [note, setNote] = useState('');
  const [shownFor, setShownFor] = useState<string | null>(null);
  if (incident && shownFor !== incident.id) {
    setShownFor(incident.id);
    setDecision(incident.policeDecision);
    setNote('');
  }

  const run = async (input: Parameters<typeof update.mutateAsync>[0]['input'], done: string) => {
    if (!incident) return;
    try {
      await update.mutateAsync({ incidentId: incident.id, input });
      Toast.show({ icon: 'success', content: done });
      onClose();
    } catch (error) {
      Toast.show({ icon: 'fail', content: describeError(error) });
    }
  };

  const save = () => {
    if (!decision) return void Toast.show({ content: t('incidents.decisionRequired') });
    if (!note.trim()) return void Toast.show({ content: t('incidents.noteRequired') });
    void run({ action: 'police_decision', decision, note: note.trim() }, t('incidents.decisionSaved'));
  };

  const close = async () => {
    if (await Dialog.confirm({ content: t('incidents.closeConfirm'), confirmText: t('incidents.closeIncident'), cancelText: t('common.cancel') })) {
      void run({ action: 'close' }, t('incidents.closed'));
    }
  };

  return (
    <Popup visible={!!incident} onMaskClick={onClose} bodyStyle={{ borderTopLeftRadius: 12, borderTopRightRadius: 12 }}>
      <div className={styles.sheet} data-testid="incident-decision-sheet">
        <h3 className={styles.sheetTitle}>{t('incidents.decide')}</h3>
        <div className={styles.severities} style={{ gridTemplateColumns: '1fr 1fr' }}>
          {(['call', 'no_call'] as const).map((value) => (
            <button
              key={value}
              type="button"
              aria-pressed={decision === value}
              className={`${styles.severity} ${styles[value === 'call' ? 'severity_high' : 'severity_low']} ${decision === value ? styles.severitySelected : ''}`}
              onClick={() => setDecision(value)}
              style={{ justifyContent: 'center', minHeight: 52 }}
              data-testid="incident-decision-option"
              data-decision={value}
            >
              <span className={styles.severityName}>{t(`incidents.police.${value}`)}</span>
            </button>
          ))}
        </div>
        <div className={styles.card} style={{ background: '#f5f6f8' }}>
          <TextArea
            value={note}
            onChange={setNote}
            placeholder={t('incidents.decisionNotePlaceholder')}
            autoSize={{ minRows: 2, maxRows: 5 }}
            maxLength={500}
          />
        </div>
        <Button block color="primary" size="large" loading={update.isPending} onClick={save}>
          {t('incidents.saveDecision')}
        </Button>
        <Button block fill="none" color="danger" disabled={update.isPending} onClick={() => void close()}>
          {t('incidents.closeIncident')}
        </Button>
      </div>
    </Popup>
  );
}
