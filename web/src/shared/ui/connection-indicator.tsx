import { Badge, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRealtimeStatus, useRealtimeSubscribedSite } from '../realtime/use-realtime';

/** 在线 / 重连中: whether live updates are flowing, so a manager knows to trust the screen. */
export function ConnectionIndicator() {
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
    <Tooltip title={online ? t('realtime.onlineHint') : status === 'paused' ? t('realtime.pausedHint') : t('realtime.reconnectingHint')}>
      <span data-testid="realtime-status" data-status={status} data-site={subscribedSite ?? ''} style={{ whiteSpace: 'nowrap', cursor: 'default' }}>
        <Badge status={online ? 'success' : status === 'reconnecting' || status === 'paused' ? 'warning' : 'processing'} text={label} />
      </span>
    </Tooltip>
  );
}
