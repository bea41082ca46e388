import { useSearchParams } from 'react-router';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Segmented, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { LostItem, PageOf } from '@anchang/contracts';
import { http } from '../../shared/api/client';
import { lostItemKeys } from '../lost-found/lost-found-api';
import { formatDateTime, formatLocal } from '../../shared/format/time';
import { useCurrentSite } from '../../shared/site/current-site';
import { PageHeader } from '../../shared/ui/page-header';
import { PagedTable } from '../../shared/ui/paged-table';

const FILTERS = ['all', 'unclaimed'] as const;
type Filter = (typeof FILTERS)[number];
const isFilter = (value: string | null): value is Filter => (FILTERS as readonly (string | null)[]).includes(value);

const STATUS_COLORS: Record<LostItem['status'], string> = { registered: 'gold', opened: 'blue', returned: 'green' };

const listLostItems = (siteId: string, p: { cursor: string | null; limit: number; unclaimed: boolean }) =>
  http.get<PageOf<LostItem>>(`/sites/${encodeURIComponent(siteId)}/lost-items`, {
    limit: p.limit,
    cursor: p.cursor ?? undefined,
    unclaimed: p.unclaimed ? true : undefined,
  });

/**
 * 遗失物品: the register of found items (HALL-IN-6): where each was found and by whom, the two
 * staff who witnessed its opening, and whom it went back to. Read-only; the hall's phones write it.
 */
export function LostFoundPage() {
  const { t } = useTranslation();
  const site = useCurrentSite();
  const [params, setParams] = useSearchParams();
  const requested = params.get('filter');
  const filter: Filter = isFilter(requested) ? requested : 'all';
  // Under the lost-items key, so the `lost_item.changed` event refetches it.
  const list = useInfiniteQuery({
    queryKey: [...lostItemKeys.all(site.id), 'register', filter],
    queryFn: ({ pageParam }) => listLostItems(site.id, { cursor: pageParam, limit: 30, unclaimed: filter === 'unclaimed' }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const at = (epochMs: number) => (
    <Tooltip title={formatDateTime(epochMs, site.timeZone)}>
      <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatLocal(epochMs, site.timeZone, 'MM-DD HH:mm')}</span>
    </Tooltip>
  );

  const columns: TableColumnsType<LostItem> = [
    {
      title: t('incidents.lostFound.what'),
      key: 'what',
      render: (_, item) => (
        <Flex vertical gap={2}>
          <Typography.Text strong>{item.what}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('incidents.lostFound.whereFound')}: {item.whereFound}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('incidents.lostFound.foundBy'),
      key: 'found',
      width: 150,
      render: (_, item) => (
        <Flex vertical gap={2}>
          <span>{item.foundByName}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {at(item.foundAt)}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('incidents.lostFound.storagePlace'), dataIndex: 'storagePlace', width: 140 },
    {
      title: t('incidents.lostFound.status'),
      dataIndex: 'status',
      width: 96,
      render: (status: LostItem['status']) => (
        <Tag color={STATUS_COLORS[status]} variant="filled" data-status={status}>
          {t(`incidents.lostFound.statuses.${status}`)}
        </Tag>
      ),
    },
    {
      title: t('incidents.lostFound.opening'),
      key: 'opening',
      width: 260,
      render: (_, item) => {
        if (item.openedBy.length) {
          return (
            <Flex vertical gap={2}>
              <span data-testid="lost-item-opened-by">
                {t('incidents.lostFound.openedBy', { names: item.openedBy.join(t('common.listSeparator')) })}
              </span>
              {item.openedAt ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {at(item.openedAt)}
                </Typography.Text>
              ) : null}
              {item.contents ? (
                <Typography.Paragraph type="secondary" ellipsis={{ rows: 2, tooltip: item.contents }} style={{ margin: 0, fontSize: 12 }}>
                  {t('incidents.lostFound.contents')}: {item.contents}
                </Typography.Paragraph>
              ) : null}
            </Flex>
          );
        }
        if (item.openPendingBy)
          return <Typography.Text type="warning">{t('incidents.lostFound.openPending', { name: item.openPendingBy })}</Typography.Text>;
        return <Typography.Text type="secondary">{t('incidents.lostFound.notOpened')}</Typography.Text>;
      },
    },
    {
      title: t('incidents.lostFound.returned'),
      key: 'returned',
      width: 180,
      render: (_, item) =>
        item.returnedTo ? (
          <Flex vertical gap={2}>
            <span data-testid="lost-item-returned-to">{t('incidents.lostFound.returnedTo', { name: item.returnedTo })}</span>
            {item.returnedAt ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {at(item.returnedAt)}
              </Typography.Text>
            ) : null}
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t('incidents.lostFound.notReturned')}</Typography.Text>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('incidents.lostFound.title')}
        subtitle={t('incidents.lostFound.subtitle')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isRefetching && !list.isFetchingNextPage}>
            {t('common.refresh')}
          </Button>
        }
      />
      <Card styles={{ body: { padding: 0 } }}>
        <Flex gap={12} style={{ padding: 16 }} align="center">
          <Segmented<Filter>
            value={filter}
            onChange={(value) => setParams(value === 'all' ? {} : { filter: value }, { replace: true })}
            options={FILTERS.map((f) => ({ value: f, label: t(`incidents.lostFound.filters.${f}`) }))}
            data-testid="lost-item-filter"
          />
        </Flex>
        <PagedTable<LostItem>
          query={list}
          rowKey="id"
          columns={columns}
          onRow={(item) => ({ 'data-testid': 'lost-item-row', 'data-lost-item-id': item.id })}
          empty={{ title: t(`incidents.lostFound.empty.${filter}`), hint: t('incidents.lostFound.emptyHint') }}
        />
      </Card>
    </>
  );
}
