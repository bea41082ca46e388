import { useMemo, useState } from 'react';
import { Avatar, Button, Flex, Tooltip, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '@anchang/contracts';
import { formatDateTime, formatRelative } from '../../shared/format/time';
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

const fromAudit = (e: AuditEntry): FeedItem => ({
  id: e.id,
  at: e.at,
  actor: e.actorName,
  action: e.action,
  what: [entityTypeLabel(e.entityType), entityName(e)].filter(Boolean).join(' · '),
});

/**
 * What is happening at the site, newest first: the audit log's latest entries (refetched on every
 * event). Only its readers are shown the feed (the overview leaves it out for the others), so no
 * one reads "no activity" where they are simply not allowed to see it.
 */
export function LiveFeed() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const site = useCurrentSite();
  const log = useAuditLog(site.id, undefined, { limit: FEED_SIZE });
  const [mountedAt] = useState(() => Date.now());
  const items = useMemo(() => flattenPages(log.data).slice(0, FEED_SIZE).map(fromAudit), [log.data]);

  if (log.isError) return <ErrorAlert error={log.error} onRetry={() => void log.refetch()} />;

  return (
    <>
      <ItemList
        testId="live-feed"
        loading={log.isPending}
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
      {items.length ? (
        <Flex justify="center">
          <Button type="link" onClick={() => void navigate(`/sites/${site.id}/audit`)}>
            {t('overview.viewAudit')}
          </Button>
        </Flex>
      ) : null}
    </>
  );
}
