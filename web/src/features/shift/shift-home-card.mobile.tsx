import { useNavigate } from 'react-router';
import { Button, Card } from 'antd-mobile';
import { CheckShieldOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import type { MeSite } from '@anchang/contracts';
import { useMe } from '../../shared/auth/use-auth';
import { formatLocal } from '../../shared/format/time';
import { shiftTimeRange } from '../../shared/format/shift-time';
import { useNow } from '../../shared/format/use-now';
import { homeShiftOffer } from './day-rules';
import { clockInOpensAt, itemsOfPhase, progressOf } from './shift-rules';
import { useCurrentShift, useStandardSettings } from './use-shift';
import styles from './shift.mobile.module.css';

/** On the home page: today's shift in one line, and the way to 签到 or back into the shift. */
export function ShiftHomeCard({ site }: { site: MeSite }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const current = useCurrentShift(site.id, site.timeZone, me);
  const settings = useStandardSettings(site.id);
  const now = useNow(30_000);
  const earlyMinutes = settings.data?.clockInEarlyMinutes ?? 60;
  if (current.isLoading || !current.myDay) return null;
  const open = () => void navigate('/shift');
  const title = (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
      <CheckShieldOutline /> {t('shiftPhone.home.title')}
    </span>
  );

  if (current.phase !== 'off' && current.shift) {
    const pre = current.standard ? progressOf(itemsOfPhase(current.standard.items, 'PRE'), current.results) : null;
    return (
      <Card className={styles.card} title={title} onClick={open} data-testid="shift-home-card">
        <div className={styles.homeCardBody}>
          <div>
            <div className={styles.homeLine}>{current.shift.postName}</div>
            <div className={styles.homeSub}>
              {current.phase === 'closing' ? t('shiftPhone.shiftClosing') : t('shiftPhone.onShiftHere')}
              {pre ? ` · ${t('shiftPhone.home.preProgress', pre)}` : ''}
              {pre?.anomalies ? (
                <span className={styles.anomalyCount} data-testid="home-pre-anomalies">
                  {' '}
                  {t('shiftPhone.anomalyCount', { count: pre.anomalies })}
                </span>
              ) : null}
            </div>
          </div>
          <Button color="primary" fill="outline" size="small">
            {t('shiftPhone.home.enter')}
          </Button>
        </div>
      </Card>
    );
  }

  // The same rule as the shift screen's buttons: 去签到 only while the clock-in is open there.
  const offer = homeShiftOffer(current.myDay.roster, current.myDay.openShift?.id ?? null, now, earlyMinutes);
  const line = 'line' in offer ? offer.line : null;
  return (
    <Card className={styles.card} title={title} onClick={open} data-testid="shift-home-card" data-offer={offer.kind}>
      <div className={styles.homeCardBody}>
        <div>
          {line ? (
            <>
              <div className={styles.homeLine}>{line.postName}</div>
              <div className={styles.homeSub}>
                {shiftTimeRange(t, line.entry.start, line.entry.end)}
                {offer.kind === 'upcoming'
                  ? ` · ${t('shiftPhone.clockInOpensAt', { time: formatLocal(clockInOpensAt(line.startsAt, earlyMinutes), site.timeZone, 'HH:mm') })}`
                  : ''}
                {offer.kind === 'over' ? ` · ${t('shiftPhone.clockInOver')}` : ''}
              </div>
            </>
          ) : (
            <div className={styles.homeSub}>{offer.kind === 'allDone' ? t('shiftPhone.shiftDone') : t('shiftPhone.noRoster')}</div>
          )}
        </div>
        {offer.kind === 'clockIn' ? (
          <Button color="primary" size="small">
            {t('shiftPhone.home.goClockIn')}
          </Button>
        ) : null}
      </div>
    </Card>
  );
}
