import { useNavigate } from 'react-router';
import { App, Button } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Anomaly, RealtimeEvent } from '@anchang/contracts';
import { useRealtimeEvent } from '../../shared/realtime/use-realtime';
import { useCurrentSite } from '../../shared/site/current-site';
import { anomaliesApi } from './anomalies-api';

/**
 * Pops up "新异常: <post> <note>" when staff report an anomaly at this site, wherever the overseer
 * is in the console (the lists refetch on the same event through the realtime invalidation).
 * The event carries ids only (every role of the site hears it; staff may not read colleagues'
 * anomalies): the overseer's console fetches the anomaly itself.
 */
export function AnomalyNotifier() {
  const { t } = useTranslation();
  const { notification } = App.useApp();
  const navigate = useNavigate();
  const site = useCurrentSite();

  useRealtimeEvent((event) => {
    if (event.type !== 'anomaly.created' || event.siteId !== site.id) return;
    const { anomalyId } = event.payload as RealtimeEvent<'anomaly.created'>['payload'];
    void anomaliesApi.get(site.id, anomalyId).then(
      (anomaly) => show(anomalyId, anomaly),
      () => show(anomalyId, null),
    );
  });

  /** The pop-up, with the anomaly's details when they could be fetched. */
  function show(anomalyId: string, anomaly: Anomaly | null) {
    const key = `anomaly:${anomalyId}`;
    notification.warning({
      key,
      title: t('consoleShifts.anomalies.newAnomaly', { post: anomaly?.postName ?? t('consoleShifts.anomalies.noPost'), note: anomaly?.note ?? '' }),
      description: anomaly ? t('consoleShifts.anomalies.reportedBy', { name: anomaly.reportedByName }) : undefined,
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
  }

  return null;
}
