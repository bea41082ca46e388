import { useNavigate } from 'react-router';
import { RightOutline, ClockCircleOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import type { MeSite } from '@anchang/contracts';
import { useLocale } from '../../i18n';
import { formatLocal } from '../../shared/format/time';
import { useNow } from '../../shared/format/use-now';
import { nextSlot } from './slot-status';
import { useRoundDay } from './use-rounds';
import styles from './rounds.mobile.module.css';

/** On the staff home page: today's rounds done so far and the next one, a tap from the list. */
export function RoundsHomeCard({ site }: { site: MeSite }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const now = useNow();
  const day = useRoundDay(site.id, null, 'mine');
  if (!site.posts.length) return null;
  const slots = day.data?.slots ?? [];
  const next = nextSlot(slots, now);
  const done = slots.filter((s) => s.status === 'met' || s.status === 'late').length;
  let hint: string;
  if (day.isPending) hint = t('common.loading');
  else if (!slots.length) hint = t('rounds.homeNone');
  else if (next)
    hint = t('rounds.homeNext', { time: formatLocal(next.dueAt, site.timeZone, 'HH:mm'), label: locale === 'zh-CN' ? next.labelZh : next.labelEn });
  else hint = t('rounds.homeHint', { done, total: slots.length });
  return (
    <button type="button" className={styles.homeCard} onClick={() => void navigate('/rounds')} data-testid="rounds-home">
      <span className={styles.homeIcon}>
        <ClockCircleOutline />
      </span>
      <span className={styles.homeText}>
        <span className={styles.homeTitle}>
          {t('rounds.homeTitle')}
          {slots.length ? <span className={styles.muted}> · {t('rounds.homeHint', { done, total: slots.length })}</span> : null}
        </span>
        <span className={styles.homeHint}>{hint}</span>
      </span>
      <RightOutline color="#a3a9b3" />
    </button>
  );
}
