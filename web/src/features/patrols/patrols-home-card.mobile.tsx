import { useNavigate } from 'react-router';
import { EnvironmentOutline, RightOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import type { MeSite } from '@anchang/contracts';
import { formatLocal } from '../../shared/format/time';
import { useMyPatrolRounds } from './use-patrols';
import styles from '../rounds/rounds.mobile.module.css';

/** On the guard's home page: today's patrol rounds walked so far and the next one, a tap from the list. */
export function PatrolsHomeCard({ site }: { site: MeSite }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const rounds = useMyPatrolRounds(site.id);
  if (!site.posts.some((p) => p.kind === 'SECURITY')) return null;
  const all = rounds.data ?? [];
  const walked = all.filter((r) => r.status === 'done' || r.status === 'done_late').length;
  const next = all.find((r) => r.status === 'upcoming' || r.status === 'in_progress');
  const hint = rounds.isPending
    ? t('common.loading')
    : !all.length
      ? t('patrols.phone.empty')
      : next
        ? t('patrols.phone.homeNext', { time: formatLocal(next.slotStart, site.timeZone, 'HH:mm') })
        : t('patrols.phone.homeAllDone');
  return (
    <button type="button" className={styles.homeCard} onClick={() => void navigate('/patrols')} data-testid="patrols-home">
      <span className={styles.homeIcon}>
        <EnvironmentOutline />
      </span>
      <span className={styles.homeText}>
        <span className={styles.homeTitle}>
          {t('patrols.phone.title')}
          {all.length ? <span className={styles.muted}> · {t('patrols.phone.homeCount', { walked, total: all.length })}</span> : null}
        </span>
        <span className={styles.homeHint}>{hint}</span>
      </span>
      <RightOutline color="#a3a9b3" />
    </button>
  );
}
