import { useTranslation } from 'react-i18next';
import type { MeSite } from '@anchang/contracts';
import { formatDateTime } from '../../shared/format/time';
import { PhonePullToRefresh } from '../../shared/ui-mobile/phone-pull-to-refresh';
import { LoadState, ManagerPage } from '../manager-phone/manager-page.mobile';
import { useTodayDebrief } from './meetings-api';
import styles from './meetings.mobile.module.css';

/** The manager's phone: is today's debrief held, who attended, how many items are open. The meeting itself is run on the console. */
export function TodayDebriefPage() {
  const { t } = useTranslation();
  return (
    <ManagerPage title={t('meetings.phone.debriefTitle')} testId="today-debrief">
      {(site) => <TodayDebriefBody site={site} />}
    </ManagerPage>
  );
}

function TodayDebriefBody({ site }: { site: MeSite }) {
  const { t } = useTranslation();
  const today = useTodayDebrief(site.id);
  const data = today.data;
  return (
    <LoadState query={today} hasData={!!data} isEmpty={false} empty={null}>
      {data ? (
        <PhonePullToRefresh onRefresh={() => today.refetch()}>
          <div className={styles.list}>
            <article className={`${styles.card} ${!data.debrief && data.isOpenDay ? styles.cardOverdue : ''}`} data-testid="today-debrief-status">
              <div className={styles.source}>{data.date}</div>
              <p className={styles.statusLine}>
                {data.debrief
                  ? t('meetings.phone.debriefHeld', { status: t(`meetings.status.${data.debrief.status}`) })
                  : data.isOpenDay
                    ? t('meetings.phone.debriefNotHeld')
                    : t('meetings.phone.debriefNotOpenDay')}
              </p>
              {data.debrief ? (
                <div className={styles.source}>
                  {data.debrief.closedAt
                    ? t('meetings.detail.closedBy', {
                        name: data.debrief.closedByName ?? '',
                        time: formatDateTime(data.debrief.closedAt, site.timeZone),
                      })
                    : t('meetings.detail.openedBy', { name: data.debrief.openedByName, time: formatDateTime(data.debrief.openedAt, site.timeZone) })}
                </div>
              ) : data.isOpenDay ? (
                <div className={styles.source}>{t('meetings.phone.debriefOpenOnConsole')}</div>
              ) : null}
            </article>
            {data.debrief ? (
              <article className={styles.card}>
                <div className={styles.cardTitle}>{t('meetings.phone.attendance')}</div>
                <div className={styles.counts}>
                  {(['present', 'absent', 'excused'] as const).map((s) => (
                    <div key={s} className={styles.count}>
                      <span className={`${styles.countValue} ${s === 'absent' && data.attendance.absent > 0 ? styles.overdue : ''}`}>
                        {data.attendance[s]}
                      </span>
                      <span className={styles.countLabel}>{t(`meetings.attendance.statuses.${s}`)}</span>
                    </div>
                  ))}
                </div>
              </article>
            ) : null}
            <article className={styles.card}>
              <div className={styles.cardTitle}>{t('meetings.phone.openItems')}</div>
              <p className={styles.statusLine}>{t('meetings.phone.openItemsValue', { count: data.openActionItems })}</p>
            </article>
          </div>
        </PhonePullToRefresh>
      ) : null}
    </LoadState>
  );
}
