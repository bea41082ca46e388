import { useMemo, useState } from 'react';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Drawer,
  Flex,
  Image,
  Input,
  Modal,
  Row,
  Segmented,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  Timeline,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { DEFAULT_REPAIR_ARRIVAL_MINUTES, type RealtimeEvent, type WorkOrder, type WorkOrderStats, type WorkOrderStatus } from '@anchang/contracts';
import { useLocale } from '../../i18n';
import { photosApi } from '../../shared/api/photos';
import { canOverseeShifts } from '../../shared/auth/access';
import { formatDateTime, formatLocal } from '../../shared/format/time';
import { useRealtimeEvent } from '../../shared/realtime/use-realtime';
import { useCurrentSite } from '../../shared/site/current-site';
import { EmptyState } from '../../shared/ui/empty-state';
import { emptyOnceLoaded, ErrorAlert } from '../../shared/ui/load-state';
import { PageHeader } from '../../shared/ui/page-header';
import { PagedTable } from '../../shared/ui/paged-table';
import {
  assetName,
  formatDuration,
  repairKeys,
  repairsApi,
  useRepairMutation,
  useWorkOrders,
  WORK_ORDER_FILTERS,
  type WorkOrderFilter,
} from './repairs-api';
import styles from './repairs.module.css';

const STATUS_COLORS: Record<WorkOrderStatus, string> = {
  reported: 'blue',
  accepted: 'geekblue',
  arrived: 'cyan',
  working: 'processing',
  paused: 'warning',
  done: 'purple',
  verified: 'success',
  reopened: 'magenta',
};

export function WorkOrderStatusTag({ status }: { status: WorkOrderStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLORS[status]}>{t(`equipment.statuses.${status}`)}</Tag>;
}

/** 报修工单: every work order with its times, the 5-minute rule's breaches, verify / reopen; and the monthly stats. */
export function RepairsPage() {
  const { t } = useTranslation();
  const site = useCurrentSite();
  const { notification } = App.useApp();
  const [tab, setTab] = useState('orders');
  const stats = useQuery({
    queryKey: repairKeys.stats(site.id, dayjs().format('YYYY-MM')),
    queryFn: () => repairsApi.stats(site.id, dayjs().format('YYYY-MM')),
    enabled: canOverseeShifts(site.role),
  });
  useRealtimeEvent((event) => {
    if (event.siteId !== site.id || event.type !== 'work_order.escalated') return;
    const payload = event.payload as RealtimeEvent<'work_order.escalated'>['payload'];
    notification.warning({ key: `wo:${payload.workOrderId}`, message: t('equipment.orders.escalatedToast', { text: payload.description }) });
  });
  return (
    <>
      <PageHeader
        title={t('equipment.orders.title')}
        subtitle={t('equipment.orders.subtitle', { minutes: stats.data?.arrivalMinutes ?? DEFAULT_REPAIR_ARRIVAL_MINUTES })}
      />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'orders', label: t('equipment.orders.tabOrders'), children: <OrdersTab /> },
          ...(canOverseeShifts(site.role) ? [{ key: 'stats', label: t('equipment.orders.tabStats'), children: <StatsTab /> }] : []),
        ]}
      />
    </>
  );
}

function OrdersTab() {
  const { t } = useTranslation();
  const locale = useLocale();
  const site = useCurrentSite();
  const [filter, setFilter] = useState<WorkOrderFilter>('open');
  const list = useWorkOrders(site.id, filter);
  const orders = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const selected = orders.find((o) => o.id === selectedId) ?? null;
  const [liveSince, setLiveSince] = useState(() => Date.now());
  const tz = site.timeZone;

  const columns: TableColumnsType<WorkOrder> = [
    {
      title: t('equipment.orders.reportedAt'),
      dataIndex: 'reportedAt',
      width: 100,
      render: (at: number) => (
        <Tooltip title={formatDateTime(at, tz)}>
          <Flex vertical className={styles.num}>
            <Typography.Text strong>{formatLocal(at, tz, 'HH:mm')}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatLocal(at, tz, 'MM-DD')}
            </Typography.Text>
          </Flex>
        </Tooltip>
      ),
    },
    {
      title: t('equipment.orders.where'),
      key: 'where',
      width: 220,
      render: (_, o) => (
        <Flex vertical>
          <Typography.Text strong>{o.assetId ? assetName({ nameZh: o.assetNameZh, nameEn: o.assetNameEn }, locale) : o.zoneName}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {o.assetId ? `${o.zoneName} · ` : ''}
            {t(`equipment.sources.${o.source}`)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('equipment.orders.description'),
      key: 'description',
      render: (_, o) => (
        <Flex gap={10} align="flex-start">
          {o.photoId ? (
            <span onClick={(e) => e.stopPropagation()}>
              <Image src={photosApi.url(site.id, o.photoId)} width={44} height={44} className={styles.thumb} />
            </span>
          ) : null}
          <Typography.Paragraph ellipsis={{ rows: 2, tooltip: o.description }} style={{ margin: 0 }}>
            {o.description}
          </Typography.Paragraph>
        </Flex>
      ),
    },
    {
      title: t('equipment.orders.status'),
      key: 'status',
      width: 150,
      render: (_, o) => (
        <Flex vertical gap={4} align="flex-start">
          <WorkOrderStatusTag status={o.status} />
          {o.slaBreached ? (
            <Tag color="error" bordered={false}>
              {o.escalationLevel === 2
                ? t('equipment.orders.escalated2')
                : o.escalationLevel === 1
                  ? t('equipment.orders.escalated1')
                  : t('equipment.orders.breached')}
            </Tag>
          ) : null}
        </Flex>
      ),
    },
    { title: t('equipment.orders.technician'), dataIndex: 'technicianName', width: 130, render: (n: string | null) => n ?? '—' },
    {
      title: t('equipment.orders.times'),
      key: 'times',
      width: 190,
      render: (_, o) => (
        <Flex vertical className={styles.num} style={{ fontSize: 13 }}>
          <span>{o.acceptedAt ? t('equipment.orders.response', { value: formatDuration(o.acceptedAt - o.reportedAt) }) : '—'}</span>
          {o.arrivedAt ? (
            <Typography.Text type={o.slaBreached ? 'danger' : undefined}>
              {t('equipment.orders.arrival', { value: formatDuration(o.arrivedAt - o.reportedAt) })}
            </Typography.Text>
          ) : (
            <Typography.Text type={o.slaBreached ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
              {t('equipment.orders.deadline', { time: formatLocal(o.arrivalDeadlineAt, tz, 'HH:mm') })}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      render: (_, o) => (
        <Button type="link" size="small" onClick={() => setSelectedId(o.id)} data-testid="work-order-open">
          {o.status === 'done' ? t('equipment.orders.verify') : t('incidents.view')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <Card styles={{ body: { padding: 0 } }}>
        <Flex gap={12} style={{ padding: 16 }} align="center" wrap>
          <Segmented<WorkOrderFilter>
            value={filter}
            onChange={(v) => {
              setLiveSince(Date.now());
              setFilter(v);
            }}
            options={WORK_ORDER_FILTERS.map((f) => ({ value: f, label: t(`equipment.orders.filters.${f}`) }))}
            data-testid="work-order-filter"
          />
          <span style={{ flex: 1 }} />
          <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isRefetching && !list.isFetchingNextPage}>
            {t('common.refresh')}
          </Button>
        </Flex>
        <Image.PreviewGroup>
          <PagedTable<WorkOrder>
            query={list}
            rowKey="id"
            columns={columns}
            onRow={(o) => ({ 'data-testid': 'work-order-row', onClick: () => setSelectedId(o.id) })}
            rowClassName={(o) => [styles.row, o.reportedAt > liveSince ? styles.fresh : '', o.slaBreached ? styles.breached : ''].join(' ')}
            empty={{ title: t('equipment.orders.empty'), hint: t('equipment.orders.emptyHint') }}
            loadedText={(count) => t('equipment.orders.loaded', { count })}
          />
        </Image.PreviewGroup>
      </Card>
      <OrderDrawer order={selected} onClose={() => setSelectedId(null)} />
    </>
  );
}

function OrderDrawer({ order, onClose }: { order: WorkOrder | null; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const site = useCurrentSite();
  const { message } = App.useApp();
  const [reopening, setReopening] = useState(false);
  const [reason, setReason] = useState('');
  const verify = useRepairMutation(site.id, (id: string) => repairsApi.act(site.id, id, 'verify'));
  const reopen = useRepairMutation(site.id, (id: string) => repairsApi.reopen(site.id, id, reason.trim()));
  const tz = site.timeZone;
  const canVerify = canOverseeShifts(site.role);
  // The server marks escalations in the history with these notes; say them in words.
  const eventNote = (note: string | null) =>
    note === 'escalated:supervisor'
      ? t('equipment.orders.escalatedNote.supervisor')
      : note === 'escalated:manager'
        ? t('equipment.orders.escalatedNote.manager')
        : note;
  return (
    <Drawer
      open={!!order}
      onClose={onClose}
      width={520}
      title={order ? (order.assetId ? assetName({ nameZh: order.assetNameZh, nameEn: order.assetNameEn }, locale) : order.zoneName) : ''}
      extra={
        order?.status === 'done' && canVerify ? (
          <Space>
            <Button onClick={() => setReopening(true)}>{t('equipment.orders.reopen')}</Button>
            <Button
              type="primary"
              loading={verify.isPending}
              onClick={() => verify.mutate(order.id, { onSuccess: () => void message.success(t('equipment.orders.verified')) })}
              data-testid="work-order-verify"
            >
              {t('equipment.orders.verify')}
            </Button>
          </Space>
        ) : null
      }
    >
      {order ? (
        <Flex vertical gap={20}>
          {verify.isError ? <ErrorAlert error={verify.error} /> : null}
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('equipment.orders.status')}>
              <Space>
                <WorkOrderStatusTag status={order.status} />
                {order.slaBreached ? <Tag color="error">{t('equipment.orders.breached')}</Tag> : null}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('equipment.orders.description')}>{order.description}</Descriptions.Item>
            <Descriptions.Item label={t('equipment.orders.reporter')}>{order.reportedByName ?? t('equipment.orders.visitor')}</Descriptions.Item>
            <Descriptions.Item label={t('equipment.orders.technician')}>{order.technicianName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('equipment.orders.times')}>
              <span className={styles.num}>
                {order.acceptedAt ? t('equipment.orders.response', { value: formatDuration(order.acceptedAt - order.reportedAt) }) : '—'}
                {' · '}
                {order.arrivedAt
                  ? t('equipment.orders.arrival', { value: formatDuration(order.arrivedAt - order.reportedAt) })
                  : t('equipment.orders.deadline', { time: formatLocal(order.arrivalDeadlineAt, tz, 'HH:mm') })}
              </span>
            </Descriptions.Item>
            {order.doneNote ? <Descriptions.Item label={t('equipment.orders.doneNote')}>{order.doneNote}</Descriptions.Item> : null}
          </Descriptions>
          {order.photoId || order.afterPhotoId ? (
            <Image.PreviewGroup>
              <Flex gap={16}>
                {order.photoId ? (
                  <Flex vertical gap={4}>
                    <Typography.Text type="secondary">{t('equipment.orders.photoBefore')}</Typography.Text>
                    <Image src={photosApi.url(site.id, order.photoId)} width={140} height={140} className={styles.thumb} />
                  </Flex>
                ) : null}
                {order.afterPhotoId ? (
                  <Flex vertical gap={4}>
                    <Typography.Text type="secondary">{t('equipment.orders.photoAfter')}</Typography.Text>
                    <Image src={photosApi.url(site.id, order.afterPhotoId)} width={140} height={140} className={styles.thumb} />
                  </Flex>
                ) : null}
              </Flex>
            </Image.PreviewGroup>
          ) : null}
          <div>
            <Typography.Title level={5}>{t('equipment.orders.timeline')}</Typography.Title>
            <Timeline
              items={order.events.map((e) => ({
                color: e.note?.startsWith('escalated') ? 'red' : e.status === 'verified' ? 'green' : 'blue',
                children: (
                  <Flex vertical>
                    <Typography.Text>
                      <span className={styles.num}>{formatLocal(e.at, tz, 'MM-DD HH:mm:ss')}</span> · {t(`equipment.statuses.${e.status}`)}
                      {e.byName ? ` · ${e.byName}` : ''}
                    </Typography.Text>
                    {e.note ? <Typography.Text type="secondary">{eventNote(e.note)}</Typography.Text> : null}
                  </Flex>
                ),
              }))}
            />
          </div>
        </Flex>
      ) : null}
      <Modal
        open={reopening}
        title={t('equipment.orders.reopen')}
        onCancel={() => setReopening(false)}
        okButtonProps={{ disabled: !reason.trim() }}
        confirmLoading={reopen.isPending}
        onOk={() =>
          order &&
          reopen.mutate(order.id, {
            onSuccess: () => {
              void message.success(t('equipment.orders.reopened'));
              setReopening(false);
              setReason('');
            },
          })
        }
      >
        {reopen.isError ? <ErrorAlert error={reopen.error} /> : null}
        <Typography.Text type="secondary">{t('equipment.orders.reopenReason')}</Typography.Text>
        <Input.TextArea
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          rows={3}
          maxLength={300}
          placeholder={t('equipment.orders.reopenPlaceholder')}
        />
      </Modal>
    </Drawer>
  );
}

function StatsTab() {
  const { t } = useTranslation();
  const site = useCurrentSite();
  const [month, setMonth] = useState(() => dayjs().format('YYYY-MM'));
  const stats = useQuery({ queryKey: repairKeys.stats(site.id, month), queryFn: () => repairsApi.stats(site.id, month) });
  const columns: TableColumnsType<WorkOrderStats['technicians'][number]> = [
    {
      title: t('equipment.stats.technician'),
      key: 'name',
      render: (_, s) => s.technicianName ?? <Typography.Text type="secondary">{t('equipment.stats.unassigned')}</Typography.Text>,
    },
    { title: t('equipment.stats.workOrders'), dataIndex: 'workOrders', width: 120 },
    {
      title: t('equipment.stats.avgResponse'),
      dataIndex: 'avgResponseMs',
      width: 170,
      render: (ms: number | null) => <span className={styles.num}>{ms === null ? '—' : formatDuration(ms)}</span>,
    },
    {
      title: t('equipment.stats.avgArrival'),
      dataIndex: 'avgArrivalMs',
      width: 170,
      render: (ms: number | null) => <span className={styles.num}>{ms === null ? '—' : formatDuration(ms)}</span>,
    },
    {
      title: t('equipment.stats.slaBreaches'),
      dataIndex: 'slaBreaches',
      width: 120,
      render: (n: number) => (n > 0 ? <Tag color="error">{n}</Tag> : <Tag color="success">0</Tag>),
    },
  ];
  return (
    <Flex vertical gap={16}>
      <Flex align="center" gap={12}>
        <Typography.Text>{t('equipment.stats.month')}</Typography.Text>
        <DatePicker picker="month" allowClear={false} value={dayjs(`${month}-01`)} onChange={(d) => d && setMonth(d.format('YYYY-MM'))} />
      </Flex>
      {stats.isError ? <ErrorAlert error={stats.error} onRetry={() => void stats.refetch()} /> : null}
      <Row gutter={16}>
        <Col span={8}>
          <Card>
            <Statistic title={t('equipment.stats.total')} value={stats.data?.total ?? '—'} loading={stats.isPending} />
          </Card>
        </Col>
        <Col span={8}>
          <Card>
            <Statistic
              title={t('equipment.stats.breaches')}
              value={stats.data?.slaBreaches ?? '—'}
              loading={stats.isPending}
              valueStyle={stats.data?.slaBreaches ? { color: '#cf1322' } : undefined}
            />
          </Card>
        </Col>
        <Col span={8}>
          <Card>
            <Statistic
              title={t('equipment.stats.rule')}
              value={stats.data ? t('equipment.orders.minutes', { count: stats.data.arrivalMinutes }) : '—'}
              loading={stats.isPending}
            />
          </Card>
        </Col>
      </Row>
      <Card styles={{ body: { padding: 0 } }}>
        <Table
          rowKey={(s) => s.technicianId ?? 'none'}
          size="middle"
          columns={columns}
          dataSource={stats.data?.technicians ?? []}
          loading={stats.isPending}
          pagination={false}
          locale={{ emptyText: emptyOnceLoaded(stats, <EmptyState title={t('equipment.stats.empty')} />) }}
        />
      </Card>
    </Flex>
  );
}
