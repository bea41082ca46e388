import { useEffect, useMemo, useState } from 'react';
import { InfiniteScroll, Tag } from 'antd-mobile';
import { TitleBar } from '../../shared/ui-mobile/title-bar';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../shared/api/errors';
import { useMe } from '../../shared/auth/use-auth';
import { formatDateTime, formatRelative } from '../../shared/format/time';
import { useStaffSite } from '../../shared/site/staff-site';
import { ConnectionChip } from '../../shared/ui-mobile/connection-chip';
import { markNoticesSeen, useNoticesSeenAt } from './notice-seen';
import { flattenPages, useNotifications } from './use-notifications';
import styles from './notice-feed.mobile.module.css';
import { PhoneState } from '../../shared/ui-mobile/phone-state';
import { PhonePullToRefresh } from '../../shared/ui-mobile/phone-pull-to-refresh';

/** Notices for me at my site, newest first; new ones arrive live (the layout prepends them). */
export function NoticeFeedPage() {
  const { t } = useTranslation();
  const { site } = useStaffSite();
  return (
    <div className={styles.page}>
      <TitleBar right={<ConnectionChip />} className={styles.navBar}>
        {t('mobile.tabs.notices')}
      </TitleBar>
      {site ? (
        <Feed siteId={site.id} timeZone={site.timeZone} />
      ) : (
        <PhoneState status="empty" title={t('mobile.noSites')} description={t('mobile.noSitesHint')} />
      )}
    </div>
  );
}

function Feed({ siteId, timeZone }: { siteId: string; timeZone: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const notifications = useNotifications(siteId);
  const items = useMemo(() => flattenPages(notifications.data), [notifications.data]);
  // "New" marks what arrived since the last visit; it is frozen on entry so the marks stay while reading.
  const seenAt = useNoticesSeenAt(siteId);
  const [highlightAfter] = useState(seenAt);

  // Looking at the tab is reading it: clear the badge now and as notices arrive while open.
  const newest = items[0]?.createdAt ?? 0;
  useEffect(() => {
    markNoticesSeen(siteId, Math.max(Date.now(), newest));
  }, [siteId, newest]);

  if (notifications.isError && !items.length) {
    return (
      <PhoneState status="disconnected" title={t('common.loadFailed')} description={describeError(notifications.error)}>
        <a onClick={() => void notifications.refetch()}>{t('common.retry')}</a>
      </PhoneState>
    );
  }

  return (
    <PhonePullToRefresh onRefresh={() => notifications.refetch()}>
      <div className={styles.list} data-testid="notice-feed">
        {!notifications.isPending && !items.length ? (
          <PhoneState status="empty" title={t('mobile.noticesEmpty')} description={t('mobile.noticesEmptyHint')} />
        ) : null}
        {items.map((n) => {
          const isNew = n.createdAt > highlightAfter && n.fromPersonId !== me.id;
          return (
            <article key={n.id} className={`${styles.item} ${isNew ? styles.isNew : ''}`} data-testid="notice-item">
              <div className={styles.titleRow}>
                <h3 className={styles.title}>{n.title}</h3>
                {isNew ? (
                  <Tag color="danger" fill="solid" round>
                    {t('mobile.newBadge')}
                  </Tag>
                ) : null}
              </div>
              {n.body ? <p className={styles.body}>{n.body}</p> : null}
              <div className={styles.meta}>
                <span>{t('notices.from', { name: n.fromName })}</span>
                <time dateTime={new Date(n.createdAt).toISOString()} title={formatDateTime(n.createdAt, timeZone)}>
                  {formatRelative(n.createdAt)}
                </time>
              </div>
            </article>
          );
        })}
        {items.length ? (
          <InfiniteScroll hasMore={!!notifications.hasNextPage} loadMore={async () => void (await notifications.fetchNextPage())}>
            {notifications.hasNextPage ? t('common.loading') : t('common.noMore')}
          </InfiniteScroll>
        ) : null}
      </div>
    </PhonePullToRefresh>
  );
}
