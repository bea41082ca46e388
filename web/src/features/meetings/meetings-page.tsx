import { useState } from 'react';
import { useNavigate } from 'react-router';
import { App, Button, Card, DatePicker, Flex, Segmented, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { MeetingCompliance, MeetingDetail, MeetingKind, MeetingSummary } from '@anchang/contracts';
import { isApiError } from '../../shared/api/client';
import { describeError } from '../../shared/api/errors';
import { formatDateTime, formatLocal } from '../../shared/format/time';
import { useCurrentSite } from '../../shared/site/current-site';
import { ErrorAlert } from '../../shared/ui/load-state';
import { PageHeader } from '../../shared/ui/page-header';
import { PagedTable } from '../../shared/ui/paged-table';
import { meetingsApi, useCompliance, useMeetings, useMeetingWrite } from './meetings-api';
import styles from './meetings.module.css';

type ComplianceState = MeetingCompliance['days'][number]['state'];
const STATE_COLORS: Record<ComplianceState, string> = {
  held: 'success',
  missing: 'error',
  pending: 'processing',
  upcoming: 'default',
  not_open: 'default',
};

/**
 * 例会: the month's open days and weeks with their meeting held or missing (the gaps can be held
 * late from here), and every meeting held, newest first.
 */
export function MeetingsPage() {
  const { t } = useTranslation();
  const site = useCurrentSite();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const open = useMeetingWrite(site.id, (input: { kind: MeetingKind; date?: string }) =>
    input.kind === 'debrief' ? meetingsApi.openDebrief(site.id, input.date) : meetingsApi.openReview(site.id, input.date),
  );

  const hold = async (kind: MeetingKind, date?: string) => {
    try {
      const detail = (await open.mutateAsync({ kind, date })) as MeetingDetail;
      void message.success(t('meetings.opened'));
      void navigate(detail.meeting.id);
    } catch (error) {
      // Already held: open the one that holds the day rather than stopping at the refusal.
      const heldId = isApiError(error, 'MEETING_ALREADY_HELD') ? (error.params.meetingId as string | null) : null;
      if (heldId) void navigate(heldId);
      else void message.error(describeError(error));
    }
  };

  return (
    <>
      <PageHeader
        title={t('meetings.title')}
        subtitle={t('meetings.subtitle')}
        extra={
          <>
            <Button type="primary" loading={open.isPending} onClick={() => void hold('debrief')} data-testid="open-debrief">
              {t('meetings.openDebrief')}
            </Button>
            <Button loading={open.isPending} onClick={() => void hold('review')} data-testid="open-review">
              {t('meetings.openReview')}
            </Button>
          </>
        }
      />
      <CompliancePanel onHold={(kind, date) => void hold(kind, date)} onOpen={(id) => void navigate(id)} />
      <MeetingList onOpen={(id) => void navigate(id)} />
    </>
  );
}

function CompliancePanel({ onHold, onOpen }: { onHold: (kind: MeetingKind, date: string) => void; onOpen: (meetingId: string) => void }) {
  const { t } = useTranslation();
  const site = useCurrentSite();
  const [month, setMonth] = useState(() => formatLocal(Date.now(), site.timeZone, 'YYYY-MM'));
  const compliance = useCompliance(site.id, month);
  const data = compliance.data;
  // Monday-first calendar: blanks before the 1st so each column is a weekday.
  const leading = data ? (dayjs(`${month}-01`).day() + 6) % 7 : 0;
  const stateLabel = (state: ComplianceState) => t(`meetings.compliance.states.${state}`);
  const cell = (date: string, state: ComplianceState, meetingId: string | null) => {
    const day = Number(date.slice(8));
    const title = `${date} · ${stateLabel(state)}`;
    const className = `${styles.day} ${styles[`day_${state}`]}`;
    if (meetingId)
      return (
        <Tooltip key={date} title={title}>
          <button type="button" className={className} onClick={() => onOpen(meetingId)} aria-label={title}>
            {day}
          </button>
        </Tooltip>
      );
    if (state === 'missing' || state === 'pending')
      return (
        <Tooltip key={date} title={`${title} · ${t('meetings.compliance.holdMissing')}`}>
          <button type="button" className={className} onClick={() => onHold('debrief', date)} aria-label={title} data-testid={`gap-${date}`}>
            {day}
          </button>
        </Tooltip>
      );
    return (
      <Tooltip key={date} title={title}>
        <span className={className} aria-label={title}>
          {day}
        </span>
      </Tooltip>
    );
  };

  return (
    <Card
      title={t('meetings.compliance.title')}
      className={styles.card}
      extra={
        <DatePicker
          picker="month"
          allowClear={false}
          value={dayjs(`${month}-01`)}
          onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
          aria-label={t('meetings.compliance.month')}
        />
      }
      data-testid="meeting-compliance"
    >
      {compliance.isError ? <ErrorAlert error={compliance.error} onRetry={() => void compliance.refetch()} /> : null}
      {compliance.isPending ? <div className={styles.placeholder}>{t('common.loading')}</div> : null}
      {data ? (
        <Flex gap={32} wrap>
          <div>
            <Flex gap={8} align="center" className={styles.complianceHead}>
              <Typography.Text strong>{t('meetings.compliance.days')}</Typography.Text>
              {data.missingDays > 0 ? (
                <Tag color="error">{t('meetings.compliance.missingDays', { count: data.missingDays })}</Tag>
              ) : (
                <Tag color="success">{t('meetings.compliance.allHeld')}</Tag>
              )}
            </Flex>
            <div className={styles.calendar}>
              {[1, 2, 3, 4, 5, 6, 7].map((d) => (
                <span key={d} className={styles.weekday}>
                  {dayjs('2026-11-30')
                    .add(d - 1, 'day')
                    .format('dd')}
                </span>
              ))}
              {Array.from({ length: leading }, (_, i) => (
                <span key={`blank-${i}`} />
              ))}
              {data.days.map((d) => cell(d.date, d.state, d.meetingId))}
            </div>
          </div>
          <div className={styles.weeks}>
            <Flex gap={8} align="center" className={styles.complianceHead}>
              <Typography.Text strong>{t('meetings.compliance.weeks')}</Typography.Text>
              {data.missingWeeks > 0 ? <Tag color="error">{t('meetings.compliance.missingWeeks', { count: data.missingWeeks })}</Tag> : null}
            </Flex>
            {data.weeks.map((w) => (
              <Flex key={w.weekStart} justify="space-between" align="center" className={styles.weekRow}>
                <Typography.Text className={styles.num}>
                  {t('meetings.compliance.week', { from: w.weekStart.slice(5), to: w.weekEnd.slice(5) })}
                </Typography.Text>
                <Flex gap={8} align="center">
                  <Tag color={STATE_COLORS[w.state]} bordered={false}>
                    {stateLabel(w.state)}
                  </Tag>
                  {w.meetingId ? (
                    <Button size="small" type="link" onClick={() => onOpen(w.meetingId!)}>
                      {t('meetings.list.open')}
                    </Button>
                  ) : w.state === 'missing' || w.state === 'pending' ? (
                    <Button size="small" type="link" onClick={() => onHold('review', w.weekStart)}>
                      {t('meetings.compliance.holdMissing')}
                    </Button>
                  ) : null}
                </Flex>
              </Flex>
            ))}
            <Typography.Paragraph type="secondary" className={styles.legend}>
              {t('meetings.compliance.legend')}
            </Typography.Paragraph>
          </div>
        </Flex>
      ) : null}
    </Card>
  );
}

function MeetingList({ onOpen }: { onOpen: (meetingId: string) => void }) {
  const { t } = useTranslation();
  const site = useCurrentSite();
  const [kind, setKind] = useState<MeetingKind | 'all'>('all');
  const list = useMeetings(site.id, kind);
  const columns: TableColumnsType<MeetingSummary> = [
    {
      title: t('meetings.list.date'),
      key: 'date',
      width: 200,
      render: (_, m) => (
        <Typography.Text strong className={styles.num}>
          {m.kind === 'review' ? `${m.date} – ${m.endDate.slice(5)}` : m.date}
        </Typography.Text>
      ),
    },
    {
      title: t('meetings.list.kind'),
      dataIndex: 'kind',
      width: 120,
      render: (k: MeetingKind) => <Tag color={k === 'debrief' ? 'blue' : 'purple'}>{t(`meetings.kinds.${k}`)}</Tag>,
    },
    {
      title: t('meetings.list.status'),
      key: 'status',
      width: 220,
      render: (_, m) => (
        <Flex vertical>
          <Tag color={m.status === 'closed' ? 'success' : 'processing'} bordered={false} style={{ width: 'fit-content' }}>
            {t(`meetings.status.${m.status}`)}
          </Tag>
          {m.closedAt ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(m.closedAt, site.timeZone)}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    { title: t('meetings.list.host'), dataIndex: 'openedByName', ellipsis: true },
    { title: t('meetings.list.items'), dataIndex: 'actionItems', width: 90, align: 'right' },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      render: (_, m) => (
        <Button size="small" onClick={() => onOpen(m.id)}>
          {t('meetings.list.open')}
        </Button>
      ),
    },
  ];
  return (
    <Card
      title={t('meetings.list.title')}
      className={styles.card}
      extra={
        <Segmented<MeetingKind | 'all'>
          value={kind}
          onChange={(v) => setKind(v)}
          options={[
            { value: 'all', label: t('common.all') },
            { value: 'debrief', label: t('meetings.kinds.debrief') },
            { value: 'review', label: t('meetings.kinds.review') },
          ]}
        />
      }
    >
      <PagedTable
        query={list}
        rowKey="id"
        columns={columns}
        onRow={(m) => ({ onClick: () => onOpen(m.id), style: { cursor: 'pointer' } })}
        empty={{ title: t('meetings.list.empty'), hint: t('meetings.list.emptyHint') }}
        loadedText={false}
        flush={false}
        testId="meeting-list"
      />
    </Card>
  );
}
