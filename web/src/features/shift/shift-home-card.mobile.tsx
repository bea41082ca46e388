import { useNavigate } from 'react-router';
import { Button, Card } from 'antd-mobile';
import { CheckShieldOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import type { MeSite } from '@anchang/contracts';
import { useMe } from '../../shared/auth/use-auth';
import { shiftTimeRange } from '../../shared/format/shift-time';
import { useNow } from '../../shared/format/use-now';
import { itemsOfPhase, progressOf } from './shift-rules';
import { useCurrentShift } from './use-shift';
import styles from './shift.mobile.module.css';

/** On the home page: today's shift in one line, and the way to 签到 or back into the shift. */
export function ShiftHomeCard({ site }: { site: MeSite }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const current = useCurrentShift(site.id, site.timeZone, me);
  const now = useNow(60_000);
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
            </div>
          </div>
          <Button color="primary" fill="outline" size="small">
            {t('shiftPhone.home.enter')}
          </Button>
        </div>
      </Card>
    );
  }

  // The next line still to work: at 23:00 the day's 08:30–18:00 is over, the 21:00–次日 07:00 night is not.
  const next = current.myDay.roster.find((line) => line.shiftId === null && line.endsAt > now);
  return (
    <Card className={styles.card} title={title} onClick={open} data-testid="shift-home-card">
      <div className={styles.homeCardBody}>
        <div>
          {next ? (
            <>
              <div className={styles.homeLine}>{next.postName}</div>
              <div className={styles.homeSub}>{shiftTimeRange(t, next.entry.start, next.entry.end)}</div>
            </>
          ) : (
            <div className={styles.homeSub}>{current.myDay.roster.length ? t('shiftPhone.shiftDone') : t('shiftPhone.noRoster')}</div>
          )}
        </div>
        {next ? (
          <Button color="primary" size="small">
            {t('shiftPhone.home.goClockIn')}
          </Button>
        ) : null}
      </div>
    </Card>
  );
}
