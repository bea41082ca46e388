import { useTranslation } from 'react-i18next';
import { useOnline } from '../offline/use-online';
import { CONNECTION_LABEL_KEYS, connectionState } from '../realtime/connection-state';
import { useRealtimeStatus, useRealtimeSubscribedSite } from '../realtime/use-realtime';
import styles from './connection-chip.module.css';

/** 在线 / 重连中 / 离线 for the phone: staff should know when a notice might be late. */
export function ConnectionChip({ tone = 'light' }: { tone?: 'light' | 'dark' }) {
  const { t } = useTranslation();
  const state = connectionState(useRealtimeStatus(), useOnline());
  // Exposed for tests and support: which site's live events this tab is receiving.
  const subscribedSite = useRealtimeSubscribedSite();
  const dot = state === 'online' ? styles.online : state === 'offline' ? styles.offline : styles.waiting;
  return (
    <span
      className={`${styles.chip} ${tone === 'dark' ? styles.dark : ''}`}
      data-testid="realtime-status"
      data-status={state}
      data-site={subscribedSite ?? ''}
      role="status"
    >
      <span className={`${styles.dot} ${dot}`} />
      {t(CONNECTION_LABEL_KEYS[state])}
    </span>
  );
}
