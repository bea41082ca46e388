import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { Button, Dialog, InfiniteScroll, Tabs, Tag, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import type { ActionItem, MeSite } from '@anchang/contracts';
import { describeError } from '../../shared/api/errors';
import { formatDateTime } from '../../shared/format/time';
import { useStaffSite } from '../../shared/site/staff-site';
import { ConnectionChip } from '../../shared/ui-mobile/connection-chip';
import { PhonePullToRefresh } from '../../shared/ui-mobile/phone-pull-to-refresh';
import { PhoneState } from '../../shared/ui-mobile/phone-state';
import { SubPage } from '../../shared/ui-mobile/sub-page';
import { LoadState } from '../manager-phone/manager-page.mobile';
import { meetingsApi, useMeetingWrite, useMyActionItems } from './meetings-api';
import styles from './meetings.mobile.module.css';

type Filter = 'open' | 'done';

/** 我的待办: what the debriefs and weekly reviews gave me, with the due day; done with one tap. */
export function MyActionItemsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { site } = useStaffSite();
  return (
    <SubPage title={t('meetings.phone.myTitle')} onBack={() => void navigate('/')} right={<ConnectionChip />} roomBelow testId="my-action-items">
      {site ? <Items site={site} /> : null}
    </SubPage>
  );
}

function Items({ site }: { site: MeSite }) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<Filter>('open');
  const list = useMyActionItems(site.id, filter);
  const items = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const done = useMeetingWrite(site.id, (itemId: string) => meetingsApi.markDone(site.id, itemId));

  const markDone = async (item: ActionItem) => {
    const confirmed = await Dialog.confirm({
      content: t('meetings.phone.doneConfirm'),
      confirmText: t('meetings.items.markDone'),
      cancelText: t('common.cancel'),
    });
    if (!confirmed) return;
    try {
      await done.mutateAsync(item.id);
      Toast.show({ icon: 'success', content: t('meetings.items.markedDone') });
    } catch (error) {
      Toast.show({ icon: 'fail', content: describeError(error) });
    }
  };

  return (
    <>
      <Tabs activeKey={filter} onChange={(key) => setFilter(key as Filter)}>
        <Tabs.Tab key="open" title={t('meetings.phone.tabs.open')} />
        <Tabs.Tab key="done" title={t('meetings.phone.tabs.done')} />
      </Tabs>
      <LoadState
        query={list}
        hasData={!!list.data}
        isEmpty={items.length === 0}
        empty={
          <PhoneState
            status="empty"
            title={t(`meetings.phone.empty.${filter}`)}
            description={t('meetings.phone.emptyHint')}
            data-testid="my-items-empty"
          />
        }
      >
        <PhonePullToRefresh onRefresh={() => list.refetch()}>
          <div className={styles.list}>
            {items.map((item) => (
              <article
                key={item.id}
                className={`${styles.card} ${item.isOverdue ? styles.cardOverdue : ''}`}
                data-testid="my-action-item"
                data-status={item.status}
              >
                <p className={styles.text}>{item.text}</p>
                <div className={styles.meta}>
                  <span className={item.isOverdue ? styles.overdue : undefined}>{t('meetings.phone.due', { date: item.dueDate })}</span>
                  {item.isOverdue ? (
                    <Tag color="danger" fill="outline">
                      {t('meetings.items.overdue')}
                    </Tag>
                  ) : null}
                  {item.isDoneLate ? (
                    <Tag color="warning" fill="outline">
                      {t('meetings.items.doneLate')}
                    </Tag>
                  ) : null}
                </div>
                <div className={styles.source}>
                  {t('meetings.items.from', { kind: t(`meetings.kinds.${item.meetingKind}`), date: item.meetingDate })}
                </div>
                {item.status === 'open' ? (
                  <Button
                    block
                    color="primary"
                    fill="outline"
                    className={styles.doneButton}
                    loading={done.isPending && done.variables === item.id}
                    onClick={() => void markDone(item)}
                  >
                    {t('meetings.items.markDone')}
                  </Button>
                ) : (
                  <div className={styles.doneLine}>
                    {t('meetings.items.doneAt', { name: item.doneByName ?? '', time: formatDateTime(item.doneAt ?? 0, site.timeZone) })}
                  </div>
                )}
              </article>
            ))}
            <InfiniteScroll hasMore={!!list.hasNextPage} loadMore={async () => void (await list.fetchNextPage())}>
              {list.hasNextPage ? t('common.loading') : t('common.noMore')}
            </InfiniteScroll>
          </div>
        </PhonePullToRefresh>
      </LoadState>
    </>
  );
}
