import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Handoff, MeSite, ShuttleCall, Visit, VisitorCounts, VisitStage } from '@anchang/contracts';
import { formatLocal } from '../../shared/format/time';
import { useNow } from '../../shared/format/use-now';
import { stageSince } from '../visits/visit-rules';
import { useOpenShuttleCalls } from '../visits/use-shuttle';
import { formatWait } from './format-wait';
import { SiteBoardCare } from './site-board-care';
import { useSiteBoard } from './use-site-board';
import { startOfSiteDay } from '../consultant-home/use-consultant-home';
import styles from './site-board.module.css';

export const BOARD_STAGES: readonly VisitStage[] = ['car_park', 'hall', 'shuttle', 'concierge', 'model_room'];

export { formatWait } from './format-wait';

interface RecentHandoff {
  visit: Visit;
  handoff: Handoff;
}

/**
 * The live site board's body, shared by the console page and the TV view (`tv` switches to the
 * dark, large-type theme). Events refetch its data; the clock ticks the time at each stage.
 */
export function SiteBoard({ site, tv = false }: { site: Pick<MeSite, 'id' | 'timeZone'>; tv?: boolean }) {
  const { t } = useTranslation();
  const now = useNow(1000);
  const { open, closed, counts } = useSiteBoard(site.id, startOfSiteDay(now, site.timeZone));
  const calls = useOpenShuttleCalls(site.id);
  const visits = useMemo(() => open.data ?? [], [open.data]);
  const recent = useMemo<RecentHandoff[]>(
    () =>
      // A visit that just closed can still be in the open list until that refetch lands: keep its
      // closed copy (a visit never reopens), so no hand-off is listed twice or left "waiting".
      [...new Map([...visits, ...(closed.data ?? [])].map((visit) => [visit.id, visit])).values()]
        .flatMap((visit) => visit.handoffs.map((handoff) => ({ visit, handoff })))
        .sort((a, b) => b.handoff.sentAt - a.handoff.sentAt)
        .slice(0, tv ? 8 : 12),
    [visits, closed.data, tv],
  );

  return (
    <div className={`${styles.board} ${tv ? styles.tv : ''}`} data-testid="site-board">
      <Totals counts={counts.data} />
      <div className={styles.columns}>
        {BOARD_STAGES.map((stage) => {
          const here = visits.filter((v) => v.stage === stage).sort((a, b) => stageSince(a) - stageSince(b));
          const guests = here.reduce((n, v) => n + v.partySize, 0);
          return (
            <section key={stage} className={styles.column} data-testid={`board-column-${stage}`}>
              <header className={styles.columnHead}>
                <span>{t(`visits.stages.${stage}`)}</span>
                <span className={styles.columnCount}>{t('visits.board.guests', { count: guests })}</span>
              </header>
              {stage === 'shuttle' ? <ShuttleCallsStrip calls={calls.data ?? []} now={now} /> : null}
              {here.length ? (
                here.map((visit) => (
                  <article key={visit.id} className={styles.visitCard} data-testid="board-visit" data-visit-id={visit.id} data-stage={stage}>
                    <div className={styles.cardTop}>
                      <span className={styles.party}>{t('visits.party', { count: visit.partySize })}</span>
                      <span className={styles.timer}>{formatWait(now - stageSince(visit))}</span>
                    </div>
                    <div className={styles.cardMeta}>
                      {visit.plateMasked ? <span className={styles.plate}>{visit.plateMasked}</span> : <span>{t('visits.modes.walk_in')}</span>}
                      <span>{visit.consultantName ?? t('visits.board.noConsultant')}</span>
                    </div>
                    {visit.handoffs.some((h) => h.ackedAt === null) ? (
                      <div className={styles.cardWaiting}>
                        {visit.handoffs
                          .filter((h) => h.ackedAt === null)
                          .map((h) => t('visits.waitingFor', { to: t(`visits.targets.${h.to}`) }))
                          .join(' · ')}
                      </div>
                    ) : null}
                  </article>
                ))
              ) : (
                <div className={styles.columnEmpty}>{t('visits.board.columnEmpty')}</div>
              )}
            </section>
          );
        })}
      </div>
      <SiteBoardCare site={site} now={now} tv={tv} />
      <div className={styles.lower}>
        <section className={styles.panel}>
          <h3 className={styles.panelTitle}>{t('visits.board.byHour')}</h3>
          <HourChart counts={counts.data} />
        </section>
        <section className={styles.panel}>
          <h3 className={styles.panelTitle}>{t('visits.board.handoffs')}</h3>
          {recent.length ? (
            <ul className={styles.handoffs}>
              {recent.map(({ visit, handoff }) => (
                <li key={handoff.id} className={styles.handoff} data-testid="board-handoff" data-acked={handoff.ackedAt !== null}>
                  <span className={styles.handoffTime}>{formatLocal(handoff.sentAt, site.timeZone, 'HH:mm')}</span>
                  <span className={styles.handoffWhat}>
                    {t('visits.board.handoffLine', { from: t(`visits.stages.${handoff.fromStage}`), to: t(`visits.targets.${handoff.to}`) })}
                    <span className={styles.handoffParty}>{t('visits.party', { count: visit.partySize })}</span>
                  </span>
                  <span className={handoff.ackedAt !== null ? styles.acked : styles.waitingText}>
                    {handoff.ackedAt !== null
                      ? t('visits.board.acked', { name: handoff.ackedByName ?? '', wait: formatWait(handoff.ackedAt - handoff.sentAt) })
                      : t('visits.board.waiting', { wait: formatWait(now - handoff.sentAt) })}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <div className={styles.columnEmpty}>{t('visits.board.handoffsEmpty')}</div>
          )}
        </section>
      </div>
    </div>
  );
}

/**
 * GUARD-IN-8/9 on the board: the concierge's calls no trip has answered yet, each with its wait;
 * a call past the site's limit with no driver (the guests were apologised to) shows in red.
 */
function ShuttleCallsStrip({ calls, now }: { calls: readonly ShuttleCall[]; now: number }) {
  const { t } = useTranslation();
  if (!calls.length) return null;
  return (
    <ul className={styles.calls} data-testid="board-shuttle-calls">
      {calls.map((call) => {
        const late = call.apologyAt !== null && call.takenAt === null;
        return (
          <li key={call.id} className={`${styles.call} ${late ? styles.callLate : ''}`} data-testid="board-shuttle-call" data-late={late}>
            <span>
              {t('visits.board.callAt', { pickup: t(`visits.concierge.pickup.${call.pickup}`) })} · {t('visits.party', { count: call.guests })}
            </span>
            <span className={styles.callWait}>
              {call.takenAt !== null
                ? t('visits.board.callTaken', { name: call.takenByName ?? '', wait: formatWait(call.takenAt - call.calledAt) })
                : t(late ? 'visits.board.callLate' : 'visits.board.callWaiting', { wait: formatWait(now - call.calledAt) })}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

function Totals({ counts }: { counts: VisitorCounts | undefined }) {
  const { t } = useTranslation();
  const carPark = counts?.carPark;
  const ratio = carPark?.capacity ? Math.min(1, carPark.occupied / carPark.capacity) : 0;
  return (
    <div className={styles.totals}>
      <div className={styles.total}>
        <div className={styles.totalLabel}>{t('visits.board.onSite')}</div>
        <div className={styles.totalValue} data-testid="board-on-site">
          {counts?.onSite ?? '—'}
        </div>
      </div>
      <div className={styles.total}>
        <div className={styles.totalLabel}>{t('visits.board.visitsToday')}</div>
        <div className={styles.totalValue}>{counts?.visitsToday ?? '—'}</div>
      </div>
      <div className={styles.total}>
        <div className={styles.totalLabel}>{t('visits.board.guestsToday')}</div>
        <div className={styles.totalValue}>{counts?.guestsToday ?? '—'}</div>
      </div>
      <div className={`${styles.total} ${carPark?.isFull ? styles.totalFull : ''}`} data-testid="board-carpark">
        <div className={styles.totalLabel}>
          {t('visits.board.carPark')} {carPark?.isFull ? <strong>{t('visits.board.carParkFull')}</strong> : null}
        </div>
        <div className={styles.totalValue}>{carPark ? `${carPark.occupied}/${carPark.capacity ?? '—'}` : '—'}</div>
        <div className={styles.meter}>
          <div className={styles.meterFill} style={{ width: `${Math.round(ratio * 100)}%` }} />
        </div>
      </div>
    </div>
  );
}

/** Today's arrivals per hour as plain bars (opening hours 8–20 always shown). */
function HourChart({ counts }: { counts: VisitorCounts | undefined }) {
  const { t } = useTranslation();
  const byHour = new Map((counts?.byHour ?? []).map((h) => [h.hour, h]));
  const hours = [...byHour.keys()];
  const first = Math.min(8, ...hours);
  const last = Math.max(20, ...hours);
  const max = Math.max(1, ...[...byHour.values()].map((h) => h.guests));
  const bars = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  return (
    <div className={styles.chart} role="img" aria-label={t('visits.board.byHour')}>
      {bars.map((hour) => {
        const h = byHour.get(hour);
        return (
          <div
            key={hour}
            className={styles.bar}
            title={h ? `${t('visits.board.hourLabel', { hour })}: ${t('visits.party', { count: h.guests })}` : undefined}
          >
            <span className={styles.barValue}>{h?.guests ? h.guests : ''}</span>
            <div className={styles.barTrack}>
              <div className={styles.barFill} style={{ height: `${((h?.guests ?? 0) / max) * 100}%` }} />
            </div>
            <span className={styles.barHour}>{hour}</span>
          </div>
        );
      })}
    </div>
  );
}
