import { useNavigate } from 'react-router';
import { App, Button } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { RealtimeEvent } from '@anchang/contracts';
import { useRealtimeEvent } from '../../shared/realtime/use-realtime';
import { useCurrentSite } from '../../shared/site/current-site';

/**
 * Pops up "新异常: <post> <note>" when staff report an anomaly at this site, wherever the overseer
 * is in the console (the lists refetch on the same event through the realtime invalidation).
 */
export function AnomalyNotifier() {
  const { t } = useTranslation();
  const { notification } = App.useApp();
  const navigate = useNavigate();
  const site = useCurrentSite();

  useRealtimeEvent((event) => {
    if (event.type !== 'anomaly.created' || event.siteId !== site.id) return;
    const payload = event.payload as RealtimeEvent<'anomaly.created'>['payload'];
    const key = `anomaly:${payload.anomalyId}`;
    notification.warning({
      key,
      title: t('consoleShifts.anomalies.newAnomaly', { post: payload.postName ?? t('consoleShifts.anomalies.noPost'), note: payload.note }),
      description: t('consoleShifts.anomalies.reportedBy', { name: payload.reportedByName }),
      icon: <WarningOutlined style={{ color: '#d46b08' }} />,
      placement: 'topRight',
      duration: 8,
      actions: (
        <Button
          type="primary"
          size="small"
          onClick={() => {
            notification.destroy(key);
            void navigate(`/sites/${site.id}/anomalies`);
          }}
        >
          {t('consoleShifts.anomalies.view')}
        </Button>
      ),
    });
  });

  return null;
}
