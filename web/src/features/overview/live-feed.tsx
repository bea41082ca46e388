import { useMemo, useState } from 'react';
import { Avatar, Button, Flex, Tooltip, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { AuditEntry, RealtimeEvent } from '@anchang/contracts';
import { canReadAudit } from '../../shared/auth/access';
import { formatDateTime, formatRelative } from '../../shared/format/time';
import { useRealtimeEvent } from '../../shared/realtime/use-realtime';
import { useCurrentSite } from '../../shared/site/current-site';
import { EmptyState } from '../../shared/ui/empty-state';
import { ItemList, ItemRow } from '../../shared/ui/item-list';
import { ErrorAlert } from '../../shared/ui/load-state';
import { actionLabel, entityName, entityTypeLabel } from '../audit/audit-labels';
import { useAuditLog } from '../audit/use-audit';
import { flattenPages } from '../notices/use-notifications';
import styles from './overview.module.css';

interface FeedItem {
  id: string;
  at: number;
  actor: string | null;
  action: string;
  what: string;
}

const FEED_SIZE = 12;

/** The audit verb an event stands for, so both sources read the same. */
function eventAction(event: RealtimeEvent): string {
  switch (event.type) {
    case 'zone.changed':
    case 'post.changed': {
      const { action } = event.payload as { action: 'created' | 'updated' | 'deleted' };
      return `${event.type.split('.')[0]}.${action === 'created' ? 'create' : action === 'updated' ? 'update' : 'delete'}`;
    }
    case 'person.changed': {
      const { action } = event.payload as RealtimeEvent<'person.changed'>['payload'];
      return `person.${action === 'created' ? 'create' : action === 'updated' ? 'update' : 'remove'}`;
    }
    case 'site.changed':
      return 'site.update';
    case 'notification.created':
      return 'notification.send';
    case 'access.changed':
    case 'standard.changed':
    case 'roster.changed':
    case 'shift.changed':
    case 'anomaly.created':
    case 'anomaly.updated':
    case 'requisition.changed':
    case 'opinion.created':
    case 'visit.arrived':
    case 'visit.handoff':
    case 'visit.acked':
    case 'visit.closed':
    case 'carpark.full':
    case 'lost_item.changed':
    case 'incident.created':
    case 'incident.updated':
    case 'hall.changed':
    case 'drink.changed':
    case 'drink.refill_prompt':
    case 'shuttle.changed':
    case 'round.changed':
    case 'round.slot_missed':
    case 'weather.changed':
    case 'visit.interest':
    case 'checkpoint.scanned':
    case 'patrol.round_changed':
    case 'supplies.changed':
    case 'supplies.low_stock':
    case 'model_room.checked':
    case 'asset.changed':
    case 'work_order.changed':
    case 'work_order.escalated':
    case 'question.asked':
    case 'question.answered':
      return event.type; // no words for these yet: actionLabel shows the raw type
  }
}

const fromAudit = (e: AuditEntry): FeedItem => ({
  id: e.id,
  at: e.at,
  actor: e.actorName,
  action: e.action,
  what: [entityTypeLabel(e.entityType), entityName(e)].filter(Boolean).join(' · '),
});

/**
 * What is happening at the site, newest first. Managers see the audit log (history plus live
 * refetch on every event); other roles cannot read the audit log and see this session's events.
 */
export function LiveFeed() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const site = useCurrentSite();
  const auditAllowed = canReadAudit(site.role);
  const log = useAuditLog(site.id, undefined, { limit: FEED_SIZE, enabled: auditAllowed });
  const [sessionEvents, setSessionEvents] = useState<FeedItem[]>([]);
  const [mountedAt] = useState(() => Date.now());

  useRealtimeEvent((event) => {
    if (auditAllowed || event.siteId !== site.id) return;
    const title = event.type === 'notification.created' ? (event.payload as { title: string }).title : '';
    const item: FeedItem = { id: `${event.type}:${event.at}:${Math.random()}`, at: event.at, actor: null, action: eventAction(event), what: title };
    setSessionEvents((items) => [item, ...items].slice(0, FEED_SIZE));
  });

  const items = useMemo(
    () => (auditAllowed ? flattenPages(log.data).slice(0, FEED_SIZE).map(fromAudit) : sessionEvents),
    [auditAllowed, log.data, sessionEvents],
  );

  if (auditAllowed && log.isError) return <ErrorAlert error={log.error} onRetry={() => void log.refetch()} />;

  return (
    <>
      <ItemList
        testId="live-feed"
        loading={auditAllowed && log.isPending}
        items={items}
        rowKey={(item) => item.id}
        empty={<EmptyState title={t('overview.noEvents')} hint={t('overview.liveFeedHint')} />}
        renderItem={(item) => (
          <ItemRow
            className={item.at > mountedAt ? styles.fresh : undefined}
            avatar={<Avatar size="small">{(item.actor ?? '·').slice(0, 1)}</Avatar>}
            title={
              <Flex justify="space-between" gap={12}>
                <span>
                  <Typography.Text strong>{item.actor ?? t('audit.system')}</Typography.Text>{' '}
                  <Typography.Text>{actionLabel(item.action)}</Typography.Text>
                </span>
                <Tooltip title={formatDateTime(item.at, site.timeZone)}>
                  <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal', whiteSpace: 'nowrap' }}>
                    {formatRelative(item.at)}
                  </Typography.Text>
                </Tooltip>
              </Flex>
            }
            description={item.what || null}
          />
        )}
      />
      {auditAllowed && items.length ? (
        <Flex justify="center">
          <Button type="link" onClick={() => void navigate(`/sites/${site.id}/audit`)}>
            {t('overview.viewAudit')}
          </Button>
        </Flex>
      ) : null}
    </>
  );
}
