import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Button, Selector, Tag, TextArea, Toast } from 'antd-mobile';
import { AddOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import {
  COMPLAINT_CATEGORY_LABELS,
  COMPLAINT_CHANNEL_LABELS,
  COMPLAINT_CHANNELS,
  COMPLAINT_SEVERITY_LABELS,
  COMPLAINT_STATUS_LABELS,
  type ComplaintChannel,
  type ComplaintSummary,
} from '@anchang/contracts';
import { useLocale } from '../../i18n';
import { describeError } from '../../shared/api/errors';
import { formatLocal } from '../../shared/format/time';
import { useMe } from '../../shared/auth/use-auth';
import { useStaffSite } from '../../shared/site/staff-site';
import { ConnectionChip } from '../../shared/ui-mobile/connection-chip';
import { MobileSpinner } from '../../shared/ui-mobile/mobile-spinner';
import { PhonePullToRefresh } from '../../shared/ui-mobile/phone-pull-to-refresh';
import { PhoneState } from '../../shared/ui-mobile/phone-state';
import { SubPage } from '../../shared/ui-mobile/sub-page';
import { complaintsApi, useComplaint, useComplaintMutation, useComplaints } from './complaints-api';
import styles from './complaints.mobile.module.css';

// A normal complaint's tag is an outline: the filled colours are kept for what needs attention.
const MOBILE_SEVERITY_COLORS = { normal: '#8c8c8c', serious: 'warning', urgent: 'danger' } as const;

/** The phone's complaints: file a new one; those I filed, and those given to me with what I may do (note, report the result). */
export function ComplaintsPhonePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { site } = useStaffSite();
  const me = useMe();
  const mine = useComplaints(site?.id ?? '', { scope: 'mine' }, !!site);
  const rows = mine.data?.pages.flatMap((p) => p.items) ?? [];
  const yours = rows.filter((c) => c.ownerId === me.id && (c.status === 'received' || c.status === 'handling'));
  const others = rows.filter((c) => !yours.includes(c));
  return (
    <SubPage title={t('complaints.phone.title')} onBack={() => void navigate('/')} right={<ConnectionChip />} roomBelow>
      {!site ? <PhoneState status="empty" title={t('mobile.noSites')} /> : null}
      {site ? (
        <PhonePullToRefresh onRefresh={() => mine.refetch()}>
          <div className={styles.body} data-testid="my-complaints">
            <Button block color="primary" size="large" onClick={() => void navigate('/complaints/new')} data-testid="complaint-new">
              <AddOutline /> {t('complaints.file')}
            </Button>
            {mine.isPending ? <MobileSpinner /> : null}
            {mine.isError ? <PhoneState status="disconnected" title={t('common.loadFailed')} description={describeError(mine.error)} /> : null}
            {mine.data && rows.length === 0 ? (
              <PhoneState
                status="empty"
                title={t('complaints.phone.mineEmpty')}
                description={t('complaints.phone.homeHint')}
                style={{ padding: '32px 0' }}
              />
            ) : null}
            {yours.length ? <h2 className={styles.sectionTitle}>{t('complaints.phone.yours')}</h2> : null}
            {yours.map((c) => (
              <ComplaintCard key={c.id} complaint={c} siteId={site.id} timeZone={site.timeZone} />
            ))}
            {others.length ? <h2 className={styles.sectionTitle}>{t('complaints.phone.mine')}</h2> : null}
            {others.map((c) => (
              <ComplaintCard key={c.id} complaint={c} siteId={site.id} timeZone={site.timeZone} />
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

type Acting = 'note' | 'report_result' | null;

function ComplaintCard({ complaint: c, siteId, timeZone }: { complaint: ComplaintSummary; siteId: string; timeZone: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const label = (x: { zh: string; en: string }) => (locale === 'en-US' ? x.en : x.zh);
  const [acting, setActing] = useState<Acting>(null);
  // The detail says what this person may do now; read only when the card is opened for action.
  const detail = useComplaint(siteId, acting ? c.id : null);
  const [text, setText] = useState('');
  const [channel, setChannel] = useState<ComplaintChannel | null>(null);
  const move = useComplaintMutation(siteId, () =>
    acting === 'report_result'
      ? complaintsApi.move(siteId, c.id, { action: 'report_result', resultText: text.trim(), channel: channel! })
      : complaintsApi.move(siteId, c.id, { action: 'note', note: text.trim() }),
  );
  const open = c.status === 'received' || c.status === 'handling';
  const submit = () => {
    if (!text.trim() || (acting === 'report_result' && !channel)) {
      Toast.show({ content: t('complaints.form.required') });
      return;
    }
    move.mutate(undefined, {
      onSuccess: () => {
        setActing(null);
        setText('');
        setChannel(null);
      },
    });
  };
  return (
    <div className={`${styles.card} ${c.isOverdue && open ? styles.cardOverdue : ''}`} data-testid="complaint-card">
      <div className={styles.head}>
        <span className={styles.cardTitle}>
          #{c.number} · {label(COMPLAINT_CATEGORY_LABELS[c.category])}
        </span>
        <Tag color={c.status === 'closed' ? 'default' : 'primary'} fill="outline">
          {label(COMPLAINT_STATUS_LABELS[c.status])}
        </Tag>
      </div>
      <div className={styles.row}>
        <Tag color={MOBILE_SEVERITY_COLORS[c.severity]} fill={c.severity === 'normal' ? 'outline' : 'solid'}>
          {label(COMPLAINT_SEVERITY_LABELS[c.severity])}
        </Tag>
        {c.isOverdue && open ? <Tag color="danger">{t('complaints.overdue')}</Tag> : null}
        {c.reopenCount ? <Tag color="warning">{t('complaints.reopened', { count: c.reopenCount })}</Tag> : null}
        {c.postName ? <span className={styles.muted}>{c.postName}</span> : null}
      </div>
      <p className={styles.description}>{c.description}</p>
      <div className={styles.muted}>
        {formatLocal(c.receivedAt, timeZone, 'MM-DD HH:mm')} · {c.complainantName ?? t('complaints.anonymous')}
        {c.complainantPhone ? ` · ${c.complainantPhone}` : ''}
      </div>
      {open ? (
        <div className={c.isOverdue ? styles.danger : styles.muted}>
          {t('complaints.phone.deadline', { at: formatLocal(c.deadlineAt, timeZone, 'MM-DD HH:mm') })} · {c.ownerName ?? t('complaints.noOwner')}
        </div>
      ) : null}
      {acting && detail.data?.complainantPhone ? (
        <a className={styles.muted} href={`tel:${detail.data.complainantPhone}`}>
          {t('complaints.columns.phone')}: {detail.data.complainantPhone}
        </a>
      ) : null}
      {acting ? (
        <>
          {acting === 'report_result' ? (
            <Selector
              columns={3}
              options={COMPLAINT_CHANNELS.map((ch) => ({ label: label(COMPLAINT_CHANNEL_LABELS[ch]), value: ch }))}
              value={channel ? [channel] : []}
              onChange={(v) => setChannel(v[0] ?? null)}
            />
          ) : null}
          <div className={styles.field}>
            <TextArea
              value={text}
              onChange={setText}
              rows={3}
              maxLength={2000}
              placeholder={acting === 'report_result' ? t('complaints.form.resultText') : t('complaints.form.notePlaceholder')}
              data-testid="complaint-action-text"
            />
          </div>
          {move.isError ? <div className={styles.danger}>{describeError(move.error)}</div> : null}
          <div className={styles.actions}>
            <Button onClick={() => setActing(null)}>{t('common.cancel')}</Button>
            <Button color="primary" loading={move.isPending} onClick={submit} data-testid="complaint-action-submit">
              {t('complaints.form.submit')}
            </Button>
          </div>
        </>
      ) : c.status === 'handling' && detail ? (
        <OwnerActions complaint={c} onAct={setActing} />
      ) : null}
    </div>
  );
}

/** The owner's two moves; shown only to the owner (the server checks again). */
function OwnerActions({ complaint: c, onAct }: { complaint: ComplaintSummary; onAct: (a: Acting) => void }) {
  const { t } = useTranslation();
  const me = useMe();
  if (c.ownerId !== me.id) return null;
  return (
    <div className={styles.actions}>
      <Button size="small" onClick={() => onAct('note')} data-testid="complaint-note">
        {t('complaints.actions.note')}
      </Button>
      <Button size="small" color="primary" onClick={() => onAct('report_result')} data-testid="complaint-report">
        {t('complaints.actions.report_result')}
      </Button>
    </div>
  );
}
