import { ProgressBar, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import type { DayBoardRow, MeSite } from '@anchang/contracts';
import { todayAt } from '../../shared/format/local-date';
import { formatLocal } from '../../shared/format/time';
import { useNow } from '../../shared/format/use-now';
import { useDayBoard } from '../day-board/use-day-board';
import { LoadState, ManagerPage } from './manager-page.mobile';
import styles from './manager-phone.mobile.module.css';
import { PhoneState } from '../../shared/ui-mobile/phone-state';
import { PhonePullToRefresh } from '../../shared/ui-mobile/phone-pull-to-refresh';

type Entry = DayBoardRow['entries'][number];

const PRESENCE_COLORS: Record<Entry['presence'], string> = {
  upcoming: 'default',
  on_time: 'success',
  late: 'warning',
  absent: 'danger',
  done: 'primary',
};

/** 今日看板 on the phone: today's totals, then each post with its people, attendance and checklists. */
export function DayBoardPhonePage() {
  const { t } = useTranslation();
  return (
    <ManagerPage title={t('managerPhone.dayBoard.title')} testId="manager-day-board">
      {(site) => <Board site={site} />}
    </ManagerPage>
  );
}

function Board({ site }: { site: MeSite }) {
  const { t } = useTranslation();
  const now = useNow(60_000);
  const today = todayAt(site.timeZone, now);
  const board = useDayBoard(site.id, today, true);
  // Just after midnight the kept answer is yesterday's: not today's board.
  const data = board.data?.date === today ? board.data : undefined;
  const totals = data?.totals;

  return (
    <LoadState
      query={{ ...board, isPending: board.isPending || (!data && !board.isError) }}
      hasData={!!data}
      isEmpty={!data?.rows.length}
      empty={<PhoneState status="empty" title={t('managerPhone.dayBoard.empty')} description={t('managerPhone.dayBoard.emptyHint')} />}
    >
      <PhonePullToRefresh onRefresh={() => board.refetch()}>
        {totals ? (
          <div className={styles.totals} data-testid="manager-day-totals">
            <Total label={t('consoleShifts.dayBoard.rostered')} value={totals.rostered} />
            <Total label={t('consoleShifts.dayBoard.onDuty')} value={totals.onDuty} tone="good" />
            <Total label={t('consoleShifts.dayBoard.late')} value={totals.late} tone="warn" />
            <Total label={t('consoleShifts.dayBoard.absent')} value={totals.absent} tone="bad" />
          </div>
        ) : null}
        {board.dataUpdatedAt ? (
          <p className={styles.notice}>
            {t('managerPhone.dayBoard.updated', { time: formatLocal(board.dataUpdatedAt, site.timeZone, 'HH:mm') })}
            {totals?.openAnomalies ? ` · ${t('consoleShifts.dayBoard.openAnomalies', { count: totals.openAnomalies })}` : ''}
          </p>
        ) : null}
        <div className={styles.list}>
          {(data?.rows ?? []).map((row) => (
            <section key={row.postId} className={styles.card} data-testid="manager-day-post">
              <div className={styles.cardHead}>
                <span className={styles.cardTitle}>{row.postName}</span>
                {row.openAnomalies ? <Tag color="danger">{t('consoleShifts.dayBoard.openAnomalies', { count: row.openAnomalies })}</Tag> : null}
              </div>
              {row.entries.length ? (
                row.entries.map((entry, i) => <EntryLine key={`${entry.entryId ?? entry.personId}:${i}`} entry={entry} timeZone={site.timeZone} />)
              ) : (
                <span className={styles.muted}>{t('consoleShifts.dayBoard.notRostered')}</span>
              )}
            </section>
          ))}
        </div>
      </PhonePullToRefresh>
    </LoadState>
  );
}

function Total({ label, value, tone }: { label: string; value: number; tone?: 'good' | 'warn' | 'bad' }) {
  return (
    <div className={styles.total}>
      <div className={`${styles.totalValue} ${value && tone ? styles[tone] : ''}`}>{value}</div>
      <div className={styles.totalLabel}>{label}</div>
    </div>
  );
}

function EntryLine({ entry, timeZone }: { entry: Entry; timeZone: string }) {
  const { t } = useTranslation();
  const time = (ms: number | null) => (ms === null ? '—' : formatLocal(ms, timeZone, 'HH:mm'));
  return (
    <div className={styles.entry} data-testid="manager-day-entry" data-presence={entry.presence}>
      <div className={styles.entryHead}>
        <span className={styles.entryName}>{entry.personName}</span>
        <Tag color={PRESENCE_COLORS[entry.presence]} fill="solid">
          {t(`consoleShifts.presence.${entry.presence}`)}
        </Tag>
      </div>
      <div className={styles.meta}>
        <span>{`${entry.start}–${entry.end}`}</span>
        <span>
          {t('consoleShifts.dayBoard.clockIn')} {time(entry.clockInAt)}
        </span>
        <span>
          {t('consoleShifts.dayBoard.clockOut')} {time(entry.clockOutAt)}
        </span>
      </div>
      <Progress label={t('managerPhone.dayBoard.preShort')} part={entry.pre} />
      <Progress label={t('managerPhone.dayBoard.postShort')} part={entry.post} />
      {entry.anomalies || entry.leftWithGuests ? (
        <div className={styles.tags}>
          {/* Anomalies in their own colour and number: a finished checklist with anomalies is not "all green". */}
          {entry.anomalies ? <Tag color="danger">{t('managerPhone.dayBoard.anomaliesCount', { count: entry.anomalies })}</Tag> : null}
          {entry.leftWithGuests ? <Tag color="warning">{t('consoleShifts.dayBoard.leftWithGuests')}</Tag> : null}
        </div>
      ) : null}
    </div>
  );
}

function Progress({ label, part }: { label: string; part: { done: number; total: number } }) {
  if (part.total === 0) return null;
  const percent = Math.round((part.done / part.total) * 100);
  return (
    <div className={styles.progressRow}>
      <span>{label}</span>
      {/* The bar's name and value on a progressbar of ours: antd-mobile's bar is a plain div, where an aria-label is not allowed. */}
      <div role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} className={styles.progressBar}>
        <ProgressBar percent={percent} style={{ '--fill-color': part.done >= part.total ? '#2f7d32' : '#1e4f8f', '--track-width': '6px' }} />
      </div>
      <span className={styles.progressValue}>{`${part.done}/${part.total}`}</span>
    </div>
  );
}
