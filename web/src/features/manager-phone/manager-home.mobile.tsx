import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { AppstoreOutline, ExclamationCircleOutline, ExclamationShieldOutline, FileOutline, TeamOutline, ClockCircleOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import type { MeSite } from '@anchang/contracts';
import { canManageSite } from '../../shared/auth/access';
import { todayAt } from '../../shared/format/local-date';
import { useNow } from '../../shared/format/use-now';
import { useAnomalies } from '../anomalies/use-anomalies';
import { useDayBoard } from '../day-board/use-day-board';
import { useRequisitions } from '../forms/use-requisitions';
import { useIncidents } from '../incidents/use-incidents';
import { pageCount, useOverdueRepairs, useVisitorCounts } from './use-manager-phone';
import styles from './manager-phone.mobile.module.css';

/** The state of one home tile's query: what it shows while loading, after a failure, or its numbers. */
interface TileState {
  isPending: boolean;
  isError: boolean;
  refetch: () => unknown;
}

function Tile(props: {
  testId: string;
  icon: ReactNode;
  title: string;
  query: TileState;
  count: string | null;
  alert: boolean;
  lines: (string | null)[];
  onOpen: () => void;
}) {
  const { t } = useTranslation();
  const { query } = props;
  // A failed load is said as such, never as "0" or "nothing to do".
  const failed = query.isError && props.count === null;
  return (
    <button
      type="button"
      className={`${styles.tile} ${props.alert && !failed ? styles.tileAlert : ''}`}
      onClick={() => {
        if (failed) void query.refetch();
        props.onOpen();
      }}
      data-testid={props.testId}
      data-state={query.isPending ? 'loading' : failed ? 'error' : 'ready'}
    >
      <span className={styles.tileHead}>
        <span className={styles.tileIcon}>{props.icon}</span>
        {props.title}
      </span>
      {query.isPending ? (
        <span className={styles.tileLine}>{t('common.loading')}</span>
      ) : failed ? (
        <span className={styles.tileError}>{t('managerPhone.loadFailed')}</span>
      ) : (
        <>
          <span className={`${styles.tileCount} ${props.alert ? styles.tileCountAlert : ''}`} data-testid={`${props.testId}-count`}>
            {props.count}
          </span>
          {props.lines.filter(Boolean).map((line) => (
            <span key={line} className={styles.tileLine}>
              {line}
            </span>
          ))}
        </>
      )}
    </button>
  );
}

/**
 * 现场管理 on the phone home of a site manager or supervisor: what waits for them right now, one
 * tile per screen. Every count comes from the query its screen uses, so both move together with
 * the realtime events.
 */
export function ManagerHomeSection({ site }: { site: MeSite }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const now = useNow(60_000);
  const today = todayAt(site.timeZone, now);

  const anomalies = useAnomalies(site.id, 'unresolved');
  const anomalyPage = anomalies.data?.pages[0];
  const anomalyCount = pageCount(anomalyPage);
  const toAcknowledge = anomalies.data?.pages.flatMap((p) => p.items).filter((a) => a.status === 'open').length ?? 0;

  const board = useDayBoard(site.id, today, true);
  const totals = board.data?.date === today ? board.data.totals : undefined;

  const visitors = useVisitorCounts(site.id);

  const requisitions = useRequisitions(site.id, 'pending');
  const requisitionCount = pageCount(requisitions.data?.pages[0]);

  const incidents = useIncidents(site.id, 'open', 20);
  const incidentCount = pageCount(incidents.data?.pages[0]);
  const urgent = incidents.data?.pages.flatMap((p) => p.items).filter((i) => i.severity === 'high').length ?? 0;

  const repairs = useOverdueRepairs(site.id);
  const repairCount = pageCount(repairs.data?.pages[0]);

  const isZero = (count: string | null) => count === '0';

  return (
    <section className={styles.home} data-testid="manager-home" aria-label={t('managerPhone.homeTitle')}>
      <div className={styles.tiles}>
        <Tile
          testId="manager-tile-anomalies"
          icon={<ExclamationCircleOutline />}
          title={t('managerPhone.sections.anomalies')}
          query={anomalies}
          count={anomalyCount}
          alert={toAcknowledge > 0}
          lines={
            isZero(anomalyCount)
              ? [t('managerPhone.counts.anomaliesNone')]
              : [toAcknowledge ? t('managerPhone.counts.anomaliesOpen', { count: toAcknowledge }) : null]
          }
          onOpen={() => void navigate('/manage/anomalies')}
        />
        <Tile
          testId="manager-tile-day-board"
          icon={<TeamOutline />}
          title={t('managerPhone.sections.dayBoard')}
          query={{ ...board, isError: board.isError && !totals, isPending: board.isPending || (!totals && !board.isError) }}
          count={totals ? `${totals.onDuty}/${totals.rostered}` : null}
          alert={!!totals && totals.late + totals.absent > 0}
          lines={
            totals
              ? [
                  totals.late + totals.absent
                    ? t('managerPhone.counts.dayBoardLate', { late: totals.late, absent: totals.absent })
                    : t('managerPhone.counts.dayBoardFine'),
                ]
              : []
          }
          onOpen={() => void navigate('/manage/day-board')}
        />
        <Tile
          testId="manager-tile-site-board"
          icon={<AppstoreOutline />}
          title={t('managerPhone.sections.siteBoard')}
          query={visitors}
          count={visitors.data ? String(visitors.data.onSite) : null}
          alert={!!visitors.data?.carPark.isFull}
          lines={
            visitors.data
              ? [
                  t('managerPhone.counts.siteBoardToday', { visits: visitors.data.visitsToday, guests: visitors.data.guestsToday }),
                  visitors.data.carPark.isFull ? t('visits.board.carParkFull') : null,
                ]
              : []
          }
          onOpen={() => void navigate('/manage/site-board')}
        />
        <Tile
          testId="manager-tile-approvals"
          icon={<FileOutline />}
          title={t('managerPhone.sections.approvals')}
          query={requisitions}
          count={requisitionCount}
          alert={!isZero(requisitionCount) && canManageSite(site.role)}
          lines={[
            isZero(requisitionCount)
              ? t('managerPhone.counts.approvalsNone')
              : canManageSite(site.role)
                ? t('managerPhone.counts.approvalsYours')
                : t('managerPhone.counts.approvalsManagers'),
          ]}
          onOpen={() => void navigate('/manage/approvals')}
        />
        <Tile
          testId="manager-tile-incidents"
          icon={<ExclamationShieldOutline />}
          title={t('managerPhone.sections.incidents')}
          query={incidents}
          // The urgent ones are the number; the rest of what is open is the line below.
          count={incidentCount === null ? null : String(urgent)}
          alert={urgent > 0}
          lines={[isZero(incidentCount) ? t('managerPhone.counts.incidentsNone') : t('managerPhone.counts.incidents', { open: incidentCount ?? '' })]}
          onOpen={() => void navigate('/incidents')}
        />
        <Tile
          testId="manager-tile-repairs"
          icon={<ClockCircleOutline />}
          title={t('managerPhone.sections.repairs')}
          query={repairs}
          count={repairCount}
          alert={!isZero(repairCount) && repairCount !== null}
          lines={[isZero(repairCount) ? t('managerPhone.counts.repairsNone') : t('managerPhone.counts.repairsLine')]}
          onOpen={() => void navigate('/manage/repairs')}
        />
      </div>
    </section>
  );
}
