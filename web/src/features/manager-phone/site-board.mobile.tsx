import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeSite } from '@anchang/contracts';
import { useNow } from '../../shared/format/use-now';
import { BOARD_STAGES, formatWait } from '../site-board/site-board';
import { useSiteBoard } from '../site-board/use-site-board';
import { useSiteCare } from '../site-board/use-site-care';
import { stageSince } from '../visits/visit-rules';
import { LoadState, ManagerPage } from './manager-page.mobile';
import styles from './manager-phone.mobile.module.css';
import { PhoneState } from '../../shared/ui-mobile/phone-state';
import { PhonePullToRefresh } from '../../shared/ui-mobile/phone-pull-to-refresh';

/**
 * 现场看板 on the phone: the console board's data (same hooks, same live refetches) as one column:
 * the totals, the hall, each stage's parties with their time there, and the hand-offs waiting.
 */
export function SiteBoardPhonePage() {
  const { t } = useTranslation();
  return (
    <ManagerPage title={t('managerPhone.siteBoard.title')} testId="manager-site-board">
      {(site) => <Board site={site} />}
    </ManagerPage>
  );
}

function Board({ site }: { site: MeSite }) {
  const { t } = useTranslation();
  const now = useNow(1000);
  const { open, counts } = useSiteBoard(site.id);
  const { hall } = useSiteCare(site.id);
  const visits = useMemo(() => open.data ?? [], [open.data]);
  const waiting = useMemo(
    () =>
      visits
        .flatMap((visit) => visit.handoffs.filter((h) => h.ackedAt === null).map((handoff) => ({ visit, handoff })))
        .sort((a, b) => a.handoff.sentAt - b.handoff.sentAt),
    [visits],
  );
  const carPark = counts.data?.carPark;

  return (
    <LoadState query={open} hasData={!!open.data} isEmpty={false} empty={null}>
      <PhonePullToRefresh onRefresh={() => Promise.all([open.refetch(), counts.refetch(), hall.refetch()])}>
        <div className={styles.totals} data-testid="manager-site-totals">
          <Total label={t('visits.board.onSite')} value={counts.data?.onSite} />
          <Total label={t('visits.board.visitsToday')} value={counts.data?.visitsToday} />
          <Total label={t('visits.board.guestsToday')} value={counts.data?.guestsToday} />
          <div className={styles.total}>
            <div className={`${styles.totalValue} ${carPark?.isFull ? styles.bad : ''}`}>
              {carPark ? `${carPark.occupied}/${carPark.capacity ?? '—'}` : '—'}
            </div>
            <div className={styles.totalLabel}>{carPark?.isFull ? t('visits.board.carParkFull') : t('visits.board.carPark')}</div>
          </div>
        </div>
        <div className={styles.list}>
          {hall.data && hall.data.tables.length ? (
            <section className={styles.card}>
              <div className={styles.cardHead}>
                <span className={styles.cardTitle}>{t('siteBoardExtra.hall')}</span>
                <span>{t('siteBoardExtra.seatsTaken', { occupied: hall.data.occupied, seats: hall.data.seats })}</span>
              </div>
              {hall.data.waiting.length ? (
                <span className={styles.waiting}>
                  {t('siteBoardExtra.waiting')} · {t('visits.party', { count: hall.data.waiting.reduce((n, w) => n + w.partySize, 0) })}
                </span>
              ) : null}
            </section>
          ) : null}

          <section className={styles.card} data-testid="manager-site-handoffs">
            <span className={styles.cardTitle}>{t('managerPhone.siteBoard.waitingHandoffs')}</span>
            {waiting.length ? (
              waiting.map(({ visit, handoff }) => (
                <div key={handoff.id} className={styles.visitTop}>
                  <span>
                    {t('visits.board.handoffLine', { from: t(`visits.stages.${handoff.fromStage}`), to: t(`visits.targets.${handoff.to}`) })} ·{' '}
                    {t('visits.party', { count: visit.partySize })}
                  </span>
                  <span className={styles.waiting}>{formatWait(now - handoff.sentAt)}</span>
                </div>
              ))
            ) : (
              <span className={styles.muted}>{t('managerPhone.siteBoard.noneWaiting')}</span>
            )}
          </section>

          {BOARD_STAGES.map((stage) => {
            const here = visits.filter((v) => v.stage === stage).sort((a, b) => stageSince(a) - stageSince(b));
            const guests = here.reduce((n, v) => n + v.partySize, 0);
            return (
              <section key={stage} className={`${styles.card} ${styles.stage}`} data-testid={`manager-site-stage-${stage}`}>
                <div className={styles.stageHead}>
                  <span>{t(`visits.stages.${stage}`)}</span>
                  <span className={styles.muted}>{t('visits.board.guests', { count: guests })}</span>
                </div>
                {here.length ? (
                  here.map((visit) => (
                    <article key={visit.id} className={styles.visit} data-testid="manager-site-visit">
                      <div className={styles.visitTop}>
                        <span>{t('visits.party', { count: visit.partySize })}</span>
                        <span className={styles.timer}>{formatWait(now - stageSince(visit))}</span>
                      </div>
                      <div className={styles.meta}>
                        <span>{visit.plateMasked ?? t('visits.modes.walk_in')}</span>
                        <span>{visit.consultantName ?? t('visits.board.noConsultant')}</span>
                      </div>
                    </article>
                  ))
                ) : (
                  <span className={styles.muted}>{t('visits.board.columnEmpty')}</span>
                )}
              </section>
            );
          })}
          {visits.length === 0 ? <PhoneState status="empty" title={t('managerPhone.siteBoard.empty')} description={null} /> : null}
        </div>
      </PhonePullToRefresh>
    </LoadState>
  );
}

function Total({ label, value }: { label: string; value: number | undefined }) {
  return (
    <div className={styles.total}>
      <div className={styles.totalValue}>{value ?? '—'}</div>
      <div className={styles.totalLabel}>{label}</div>
    </div>
  );
}
