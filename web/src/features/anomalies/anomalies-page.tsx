import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { App, Button, Card, Flex, Image, Segmented, Space, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { CheckCircleOutlined, CheckOutlined, ReloadOutlined, UserAddOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Anomaly } from '@anchang/contracts';
import { useLocale } from '../../i18n';
import { describeError } from '../../shared/api/errors';
import { photosApi } from '../../shared/api/photos';
import { canOverseeShifts } from '../../shared/auth/access';
import { todayAt } from '../../shared/format/local-date';
import { formatDateTime, formatLocal } from '../../shared/format/time';
import { useCurrentSite } from '../../shared/site/current-site';
import { PageHeader } from '../../shared/ui/page-header';
import { PagedTable } from '../../shared/ui/paged-table';
import { usePeople } from '../people/use-people';
import { localText } from '../standards/standard-text';
import { AnomalyActionModal, type AnomalyAction } from './anomaly-action-modal';
import { AnomalyCategoryTag, AnomalyStatusTag, NeedsRepairTag } from './anomaly-tags';
import { ANOMALY_FILTERS, useAnomalies, useHandleAnomaly, type AnomalyFilter } from './use-anomalies';
import { WorkOrderFromAnomalyButton } from '../repairs/work-order-from-anomaly';
import styles from './anomalies.module.css';

const isFilter = (value: string | null): value is AnomalyFilter => (ANOMALY_FILTERS as readonly (string | null)[]).includes(value);

/** 异常登记: what staff reported on their checklists or on the spot, for the overseers to handle. */
export function AnomaliesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const locale = useLocale();
  const site = useCurrentSite();
  const [params, setParams] = useSearchParams();
  const requested = params.get('status');
  const filter: AnomalyFilter = isFilter(requested) ? requested : 'unresolved';
  const list = useAnomalies(site.id, filter);
  const handlers = canOverseeShifts(site.role);
  const people = usePeople(site.id, { enabled: handlers });
  const handle = useHandleAnomaly(site.id);
  const [action, setAction] = useState<AnomalyAction | null>(null);
  // Rows reported after this instant arrived live and glow once; reset when the filter changes.
  const [liveSince, setLiveSince] = useState(() => Date.now());
  const today = todayAt(site.timeZone);

  const acknowledge = async (anomaly: Anomaly) => {
    try {
      await handle.mutateAsync({ anomalyId: anomaly.id, input: { action: 'acknowledge' } });
      void message.success(t('consoleShifts.anomalies.acknowledged'));
    } catch (error) {
      void message.error(describeError(error));
    }
  };

  const columns: TableColumnsType<Anomaly> = [
    {
      title: t('consoleShifts.anomalies.time'),
      dataIndex: 'reportedAt',
      width: 96,
      render: (at: number) => (
        <Tooltip title={formatDateTime(at, site.timeZone)}>
          <Flex vertical className={styles.num}>
            <Typography.Text strong>{formatLocal(at, site.timeZone, 'HH:mm')}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatLocal(at, site.timeZone, 'YYYY-MM-DD') === today ? t('consoleShifts.anomalies.today') : formatLocal(at, site.timeZone, 'MM-DD')}
            </Typography.Text>
          </Flex>
        </Tooltip>
      ),
    },
    {
      title: t('consoleShifts.anomalies.postAndItem'),
      key: 'item',
      width: 280,
      render: (_, a) => (
        <Flex vertical gap={2}>
          <Typography.Text strong>{a.postName ?? t('consoleShifts.anomalies.noPost')}</Typography.Text>
          <Typography.Paragraph type="secondary" ellipsis={{ rows: 2, tooltip: localText(a.itemText, locale) }} style={{ margin: 0, fontSize: 13 }}>
            {a.itemId ? (
              <Tag className={styles.itemId} style={{ marginInlineEnd: 4 }}>
                {a.itemId}
              </Tag>
            ) : null}
            {localText(a.itemText, locale)}
          </Typography.Paragraph>
        </Flex>
      ),
    },
    {
      title: t('consoleShifts.anomalies.note'),
      key: 'note',
      render: (_, a) => (
        <Flex gap={10} align="flex-start">
          {a.photoId ? (
            <Image
              src={photosApi.url(site.id, a.photoId)}
              width={52}
              height={52}
              className={styles.thumb}
              alt={t('consoleShifts.anomalies.photo')}
              data-testid="anomaly-photo"
            />
          ) : null}
          <Typography.Paragraph style={{ margin: 0 }} data-testid="anomaly-note">
            {a.note || <Typography.Text type="secondary">—</Typography.Text>}
          </Typography.Paragraph>
        </Flex>
      ),
    },
    {
      title: t('consoleShifts.anomalies.category'),
      dataIndex: 'category',
      width: 96,
      render: (c: Anomaly['category']) => <AnomalyCategoryTag category={c} />,
    },
    { title: t('consoleShifts.anomalies.reporter'), dataIndex: 'reportedByName', width: 120 },
    {
      title: t('consoleShifts.anomalies.status'),
      key: 'status',
      width: 200,
      render: (_, a) => (
        <Flex vertical gap={4} align="flex-start">
          <Space size={0} wrap>
            <AnomalyStatusTag status={a.status} />
            {a.needsRepair ? <NeedsRepairTag /> : null}
          </Space>
          {a.assignedToName ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('consoleShifts.anomalies.assignedTo', { name: a.assignedToName })}
            </Typography.Text>
          ) : null}
          {a.resolution ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('consoleShifts.anomalies.resolutionLine', { text: a.resolution })}
              {a.resolvedAt ? ` · ${formatLocal(a.resolvedAt, site.timeZone, 'MM-DD HH:mm')}` : ''}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    ...(handlers
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 130,
            render: (_: unknown, a: Anomaly) =>
              a.status === 'resolved' ? null : (
                <Flex vertical align="flex-start">
                  {a.status === 'open' ? (
                    <Button type="link" size="small" icon={<CheckOutlined />} onClick={() => void acknowledge(a)} disabled={handle.isPending}>
                      {t('consoleShifts.anomalies.acknowledge')}
                    </Button>
                  ) : null}
                  <Button type="link" size="small" icon={<UserAddOutlined />} onClick={() => setAction({ kind: 'assign', anomaly: a })}>
                    {t('consoleShifts.anomalies.assign')}
                  </Button>
                  <Button type="link" size="small" icon={<CheckCircleOutlined />} onClick={() => setAction({ kind: 'resolve', anomaly: a })}>
                    {t('consoleShifts.anomalies.resolve')}
                  </Button>
                  {a.needsRepair ? <WorkOrderFromAnomalyButton siteId={site.id} anomaly={a} /> : null}
                </Flex>
              ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={t('consoleShifts.anomalies.title')}
        subtitle={t('consoleShifts.anomalies.subtitle')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isRefetching && !list.isFetchingNextPage}>
            {t('common.refresh')}
          </Button>
        }
      />
      <Card styles={{ body: { padding: 0 } }}>
        <Flex gap={12} style={{ padding: 16 }} align="center">
          <Segmented<AnomalyFilter>
            value={filter}
            onChange={(value) => {
              setLiveSince(Date.now());
              setParams(value === 'unresolved' ? {} : { status: value }, { replace: true });
            }}
            options={ANOMALY_FILTERS.map((f) => ({ value: f, label: t(`consoleShifts.anomalies.filters.${f}`) }))}
            data-testid="anomaly-filter"
          />
        </Flex>
        <Image.PreviewGroup>
          <PagedTable<Anomaly>
            query={list}
            rowKey="id"
            columns={columns}
            onRow={(a) => ({ 'data-testid': 'anomaly-row', 'data-anomaly-id': a.id })}
            rowClassName={(a) => (a.reportedAt > liveSince ? (styles.fresh ?? '') : '')}
            empty={{ title: t(`consoleShifts.anomalies.empty.${filter}`), hint: t('consoleShifts.anomalies.emptyHint') }}
          />
        </Image.PreviewGroup>
      </Card>
      {handlers ? <AnomalyActionModal siteId={site.id} action={action} people={people.data ?? []} onClose={() => setAction(null)} /> : null}
    </>
  );
}
