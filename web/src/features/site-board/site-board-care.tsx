import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { DrinkOrder, Hall, Incident, MeSite, ShuttleTrip } from '@anchang/contracts';
import { formatLocal } from '../../shared/format/time';
import { formatWait } from './format-wait';
import { useSiteCare } from './use-site-care';
import styles from './site-board-care.module.css';

type Site = Pick<MeSite, 'id' | 'timeZone'>;

/**
 * The second row of the site board: hall seats with the sand-table waiting list, the bar queue,
 * shuttles en route and open incidents. The TV shows only the hall and the incidents.
 */
export function SiteBoardCare({ site, now, tv }: { site: Site; now: number; tv: boolean }) {
  const { hall, barQueue, shuttleTrips, incidents } = useSiteCare(site.id);
  return (
    <div className={`${styles.row} ${tv ? styles.tv : ''}`} data-testid="board-care">
      <HallPanel hall={hall.data} now={now} tv={tv} />
      {tv ? null : <BarPanel orders={barQueue.data} now={now} />}
      {tv ? null : <ShuttlePanel trips={shuttleTrips.data} now={now} />}
      <IncidentsPanel incidents={incidents.data} site={site} tv={tv} />
    </div>
  );
}

function HallPanel({ hall, now, tv }: { hall: Hall | undefined; now: number; tv: boolean }) {
  const { t } = useTranslation();
  const ratio = hall?.seats ? Math.min(1, hall.occupied / hall.seats) : 0;
  const full = !!hall && hall.seats > 0 && hall.occupied >= hall.seats;
  const free = hall?.tables.filter((table) => table.occupied === 0).length ?? 0;
  const waiting = [...(hall?.waiting ?? [])].sort((a, b) => a.since - b.since);
  const shown = waiting.slice(0, tv ? 3 : 4);
  return (
    <section className={`${styles.panel} ${full ? styles.full : ''}`} data-testid="board-hall">
      <header className={styles.head}>
        <span>{t('siteBoardExtra.hall')}</span>
        {hall?.tables.length ? <span className={styles.sub}>{t('siteBoardExtra.tables', { free, total: hall.tables.length })}</span> : null}
      </header>
      <div className={styles.hallBody}>
        <div className={styles.hallSeats}>
          {hall && hall.tables.length === 0 ? (
            <div className={styles.empty}>{t('siteBoardExtra.hallEmpty')}</div>
          ) : (
            <>
              <div className={styles.value} data-testid="board-hall-seats">
                {hall ? t('siteBoardExtra.seatsTaken', { occupied: hall.occupied, seats: hall.seats }) : '—'}
              </div>
              <div className={styles.meter}>
                <div className={styles.meterFill} style={{ width: `${Math.round(ratio * 100)}%` }} />
              </div>
            </>
          )}
        </div>
        <div className={styles.hallWaiting}>
          <div className={styles.subTitle}>
            {t('siteBoardExtra.waiting')}
            {waiting.length ? <span className={styles.badge}>{waiting.length}</span> : null}
          </div>
          {shown.length ? (
            <ul className={styles.list}>
              {shown.map((w) => (
                <li key={w.visitId} className={styles.item} data-testid="board-hall-waiting">
                  <span>{t('visits.party', { count: w.partySize })}</span>
                  <span className={styles.timerWarn}>{formatWait(now - w.since)}</span>
                </li>
              ))}
              {waiting.length > shown.length ? (
                <li className={styles.more}>{t('siteBoardExtra.more', { count: waiting.length - shown.length })}</li>
              ) : null}
            </ul>
          ) : (
            <div className={styles.empty}>{t('siteBoardExtra.waitingEmpty')}</div>
          )}
        </div>
      </div>
    </section>
  );
}

function BarPanel({ orders, now }: { orders: DrinkOrder[] | undefined; now: number }) {
  const { t } = useTranslation();
  const queue = [...(orders ?? [])].filter((o) => o.status !== 'served').sort((a, b) => a.orderedAt - b.orderedAt);
  const shown = queue.slice(0, 6);
  return (
    <section className={styles.panel} data-testid="board-bar">
      <header className={styles.head}>
        <span>{t('siteBoardExtra.bar')}</span>
        {queue.length ? <span className={styles.badge}>{queue.length}</span> : null}
      </header>
      {shown.length ? (
        <ul className={styles.list}>
          {shown.map((order) => (
            <li key={order.id} className={styles.item} data-testid="board-bar-order" data-status={order.status}>
              <span className={styles.itemMain}>
                <span className={styles.itemTitle}>{order.tableName ?? t('siteBoardExtra.noTable')}</span>
                <span className={styles.itemMeta}>{order.lines.map((l) => `${l.name}×${l.quantity}`).join(' · ')}</span>
              </span>
              {order.status === 'made' ? (
                <span className={styles.ok}>{t('siteBoardExtra.made')}</span>
              ) : (
                <span className={styles.timerWarn}>{formatWait(now - order.orderedAt)}</span>
              )}
            </li>
          ))}
          {queue.length > shown.length ? <li className={styles.more}>{t('siteBoardExtra.more', { count: queue.length - shown.length })}</li> : null}
        </ul>
      ) : (
        <div className={styles.empty}>{t('siteBoardExtra.barEmpty')}</div>
      )}
    </section>
  );
}

function ShuttlePanel({ trips, now }: { trips: ShuttleTrip[] | undefined; now: number }) {
  const { t } = useTranslation();
  const enRoute = (trips ?? []).filter((trip) => trip.status === 'en_route').sort((a, b) => a.departedAt - b.departedAt);
  return (
    <section className={styles.panel} data-testid="board-shuttles">
      <header className={styles.head}>
        <span>{t('siteBoardExtra.shuttles')}</span>
        {enRoute.length ? <span className={styles.badge}>{enRoute.length}</span> : null}
      </header>
      {enRoute.length ? (
        <ul className={styles.list}>
          {enRoute.slice(0, 6).map((trip) => (
            <li key={trip.id} className={styles.item} data-testid="board-shuttle">
              <span className={styles.itemMain}>
                <span className={styles.itemTitle}>
                  {t('siteBoardExtra.shuttleTo', { vehicle: trip.vehicle, destination: t(`siteBoardExtra.destinations.${trip.destination}`) })}
                </span>
                <span className={styles.itemMeta}>
                  {trip.driverName} · {t('visits.party', { count: trip.guests })}
                </span>
              </span>
              <span className={styles.timer}>{formatWait(now - trip.departedAt)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <div className={styles.empty}>{t('siteBoardExtra.shuttlesEmpty')}</div>
      )}
    </section>
  );
}

const SEVERITY_ORDER = { high: 0, medium: 1, low: 2 } as const;

function IncidentsPanel({ incidents, site, tv }: { incidents: Incident[] | undefined; site: Site; tv: boolean }) {
  const { t } = useTranslation();
  const open = [...(incidents ?? [])].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || b.reportedAt - a.reportedAt);
  const shown = open.slice(0, tv ? 3 : 4);
  return (
    <section className={`${styles.panel} ${open.some((i) => i.severity === 'high') ? styles.alert : ''}`} data-testid="board-incidents">
      <header className={styles.head}>
        <span>{t('siteBoardExtra.incidents')}</span>
        {open.length ? <span className={`${styles.badge} ${styles.badgeAlert}`}>{open.length}</span> : null}
        {tv ? null : (
          <Link to={`/sites/${site.id}/incidents`} className={styles.sub} style={{ marginInlineStart: 'auto' }} data-testid="board-incidents-link">
            {t('incidents.boardLink')}
          </Link>
        )}
      </header>
      {shown.length ? (
        <ul className={styles.list}>
          {shown.map((incident) => (
            <li
              key={incident.id}
              className={`${styles.incident} ${styles[incident.severity]}`}
              data-testid="board-incident"
              data-severity={incident.severity}
            >
              <span className={styles.incidentTop}>
                <span className={styles.itemTitle}>
                  <span className={styles.severity}>{t(`siteBoardExtra.severities.${incident.severity}`)}</span>
                  {t(`siteBoardExtra.incidentKinds.${incident.kind}`)}
                </span>
                <span className={styles.incidentTime}>{formatLocal(incident.reportedAt, site.timeZone, 'HH:mm')}</span>
              </span>
              <span className={styles.itemMeta} title={incident.description}>
                {incident.description}
              </span>
              <span className={styles.itemMeta}>
                {incident.policeDecision ? `${t(`siteBoardExtra.police.${incident.policeDecision}`)} · ` : ''}
                {t('siteBoardExtra.reportedBy', { name: incident.reportedByName })}
              </span>
            </li>
          ))}
          {open.length > shown.length ? <li className={styles.more}>{t('siteBoardExtra.more', { count: open.length - shown.length })}</li> : null}
        </ul>
      ) : (
        <div className={styles.empty}>{t('siteBoardExtra.incidentsEmpty')}</div>
      )}
    </section>
  );
}
