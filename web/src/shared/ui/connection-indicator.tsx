import { Badge, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useOnline } from '../offline/use-online';
import { CONNECTION_HINT_KEYS, CONNECTION_LABEL_KEYS, connectionState } from '../realtime/connection-state';
import { useRealtimeStatus, useRealtimeSubscribedSite } from '../realtime/use-realtime';

const BADGE = {
  idle: 'processing',
  connecting: 'processing',
  online: 'success',
  reconnecting: 'warning',
  paused: 'warning',
  offline: 'error',
} as const;

/** 在线 / 重连中 / 离线: whether live updates are flowing, so a manager knows to trust the screen. */
export function ConnectionIndicator() {
  const { t } = useTranslation();
  const state = connectionState(useRealtimeStatus(), useOnline());
  // Exposed for tests and support: which site's live events this tab is receiving.
  const subscribedSite = useRealtimeSubscribedSite();
  return (
    <Tooltip title={t(CONNECTION_HINT_KEYS[state])}>
      <span data-testid="realtime-status" data-status={state} data-site={subscribedSite ?? ''} style={{ whiteSpace: 'nowrap', cursor: 'default' }}>
        <Badge status={BADGE[state]} text={t(CONNECTION_LABEL_KEYS[state])} />
      </span>
    </Tooltip>
  );
}
