import { useNavigate } from 'react-router';
import { App, Button } from 'antd';
import { AlertOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Incident, RealtimeEvent } from '@anchang/contracts';
import { useRealtimeEvent } from '../../shared/realtime/use-realtime';
import { useCurrentSite } from '../../shared/site/current-site';

/**
 * Pops up "新事件: <kind>" when staff report an incident at this site, wherever the manager is in
 * the console (the lists refetch on the same event through the realtime invalidation). An
 * urgent one stays until dismissed.
 */
export function IncidentNotifier() {
  const { t } = useTranslation();
  const { notification } = App.useApp();
  const navigate = useNavigate();
  const site = useCurrentSite();

  useRealtimeEvent((event) => {
    if (event.siteId !== site.id) return;
    if (event.type === 'incident.updated') {
      // Someone has acted on it: an urgent pop-up that stays until dismissed has done its job.
      notification.destroy(`incident:${(event.payload as RealtimeEvent<'incident.updated'>['payload']).incidentId}`);
      return;
    }
    if (event.type !== 'incident.created') return;
    const payload = event.payload as RealtimeEvent<'incident.created'>['payload'];
    const key = `incident:${payload.incidentId}`;
    const severity = payload.severity as Incident['severity'];
    const kind = payload.kind as Incident['kind'];
    const urgent = severity === 'high';
    notification[urgent ? 'error' : 'warning']({
      key,
      title: `${t('incidents.newIncident', { kind: t(`incidents.kinds.${kind}`) })} · ${t(`incidents.severities.${severity}`)}`,
      description: `${payload.description.length > 80 ? `${payload.description.slice(0, 80)}…` : payload.description} — ${t('incidents.reportedBy', { name: payload.reportedByName })}`,
      icon: <AlertOutlined style={{ color: urgent ? '#cf1322' : '#d46b08' }} />,
      placement: 'topRight',
      duration: urgent ? 0 : 10,
      actions: (
        <Button
          type="primary"
          size="small"
          onClick={() => {
            notification.destroy(key);
            void navigate(`/sites/${site.id}/incidents?incident=${encodeURIComponent(payload.incidentId)}`);
          }}
        >
          {t('incidents.view')}
        </Button>
      ),
    });
  });

  return null;
}
