import { useTranslation } from 'react-i18next';
import { useRealtimeStatus, useRealtimeSubscribedSite } from '../realtime/use-realtime';
import styles from './connection-chip.module.css';

/** 在线 / 重连中 for the phone: staff should know when a notice might be late. */
export function ConnectionChip({ tone = 'light' }: { tone?: 'light' | 'dark' }) {
  const { t } = useTranslation();
  const status = useRealtimeStatus();
  // Exposed for tests and support: which site's live events this tab is receiving.
  const subscribedSite = useRealtimeSubscribedSite();
  const online = status === 'online';
  const label = online
    ? t('realtime.online')
    : status === 'paused'
      ? t('realtime.paused')
      : status === 'reconnecting'
        ? t('realtime.reconnecting')
        : t('realtime.connecting');
  return (
    <span
      className={`${styles.chip} ${tone === 'dark' ? styles.dark : ''}`}
      data-testid="realtime-status"
      data-status={status}
      data-site={subscribedSite ?? ''}
    >
      <span className={`${styles.dot} ${online ? styles.online : styles.waiting}`} />
      {label}
    </span>
  );
}
