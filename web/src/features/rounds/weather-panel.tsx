import { useMemo, useState } from 'react';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Row,
  Select,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { CloudOutlined, CopyOutlined, KeyOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { WEATHER_KINDS, type WeatherDeclaration, type WeatherKind } from '@anchang/contracts';
import { describeError } from '../../shared/api/errors';
import { canManageSite, canOverseeShifts } from '../../shared/auth/access';
import { formatDateTime } from '../../shared/format/time';
import { useCurrentSite } from '../../shared/site/current-site';
import { EmptyState } from '../../shared/ui/empty-state';
import { emptyOnceLoaded, ErrorAlert } from '../../shared/ui/load-state';
import { flattenPages } from '../notices/use-notifications';
import { newId } from '../../shared/offline/new-id';
import { useDeclareWeather, useEndWeather, useRotateWebhook, useWeather, useWebhookInfo } from './use-rounds';
import styles from './rounds.module.css';

/** 异常天气: declare and end, the history, and the webhook a weather alert service calls. */
export function WeatherPanel() {
  const site = useCurrentSite();
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={16}>
        <Declarations />
      </Col>
      <Col xs={24} xl={8}>
        {canOverseeShifts(site.role) ? <DeclareForm /> : null}
        {canManageSite(site.role) ? <WebhookCard /> : null}
      </Col>
    </Row>
  );
}

function Declarations() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const site = useCurrentSite();
  const list = useWeather(site.id);
  const rows = useMemo(() => flattenPages(list.data), [list.data]);
  const end = useEndWeather(site.id);
  const columns: TableColumnsType<WeatherDeclaration> = [
    {
      title: t('rounds.weather.kind'),
      key: 'kind',
      render: (_, d) => (
        <Flex vertical gap={2}>
          <Typography.Text strong>
            <CloudOutlined /> {t(`rounds.weather.kinds.${d.kind}`)}
          </Typography.Text>
          {d.note ? <Typography.Text type="secondary">{d.note}</Typography.Text> : null}
        </Flex>
      ),
    },
    {
      title: t('rounds.weather.declaredColumn'),
      key: 'declared',
      render: (_, d) => (
        <Flex vertical gap={2}>
          <span>{t('rounds.weather.declaredAt', { time: formatDateTime(d.declaredAt, site.timeZone), name: d.declaredByName ?? '—' })}</span>
          <span>
            <Tag bordered={false}>{t(`rounds.weather.source.${d.source}`)}</Tag>
            <Tag bordered={false} color="blue">
              {t('rounds.weather.tasks', { count: d.taskSlotIds.length })}
            </Tag>
          </span>
        </Flex>
      ),
    },
    {
      title: t('rounds.weather.statusColumn'),
      key: 'status',
      width: 220,
      render: (_, d) =>
        d.endedAt ? (
          <Typography.Text type="secondary">
            {t('rounds.weather.endedAt', { time: formatDateTime(d.endedAt, site.timeZone), name: d.endedByName ?? '—' })}
          </Typography.Text>
        ) : (
          <Flex gap={8} align="center">
            <Tag color="red">{t('rounds.weather.active')}</Tag>
            {canOverseeShifts(site.role) ? (
              <Popconfirm
                title={t('rounds.weather.endConfirm')}
                onConfirm={() => end.mutate(d.id, { onError: (e) => void message.error(describeError(e)) })}
              >
                <Button size="small">{t('rounds.weather.end')}</Button>
              </Popconfirm>
            ) : null}
          </Flex>
        ),
    },
  ];
  return (
    <Card styles={{ body: { padding: 0 } }} title={t('rounds.tabs.weather')}>
      {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Table<WeatherDeclaration>
        rowKey="id"
        columns={columns}
        dataSource={rows}
        loading={list.isPending}
        pagination={false}
        locale={{ emptyText: emptyOnceLoaded(list, <EmptyState title={t('rounds.weather.empty')} />) }}
        footer={list.hasNextPage ? () => <Button onClick={() => void list.fetchNextPage()}>{t('rounds.compliance.more')}</Button> : undefined}
      />
    </Card>
  );
}

function DeclareForm() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const site = useCurrentSite();
  const declare = useDeclareWeather(site.id);
  const [form] = Form.useForm<{ kind: WeatherKind; note?: string; graceMinutes: number }>();
  const [id, setId] = useState(newId);
  return (
    <Card title={t('rounds.weather.declare')} style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary">{t('rounds.weather.declareHint')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: 'rainstorm', graceMinutes: 30 }}
        onFinish={(v) =>
          declare.mutate(
            { id, kind: v.kind, note: v.note?.trim() || undefined, graceMinutes: v.graceMinutes },
            {
              onSuccess: () => {
                void message.success(t('rounds.weather.declared'));
                form.resetFields();
                setId(newId());
              },
              onError: (e) => void message.error(describeError(e)),
            },
          )
        }
      >
        <Form.Item name="kind" label={t('rounds.weather.kind')}>
          <Select options={WEATHER_KINDS.map((k) => ({ value: k, label: t(`rounds.weather.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="note" label={t('rounds.weather.note')}>
          <Input maxLength={300} placeholder={t('rounds.weather.notePlaceholder')} />
        </Form.Item>
        <Form.Item name="graceMinutes" label={t('rounds.weather.grace')}>
          <InputNumber min={5} max={240} />
        </Form.Item>
        <Button type="primary" danger htmlType="submit" loading={declare.isPending} block data-testid="weather-declare">
          {t('rounds.weather.declare')}
        </Button>
      </Form>
    </Card>
  );
}

function WebhookCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const site = useCurrentSite();
  const info = useWebhookInfo(site.id, true);
  const rotate = useRotateWebhook(site.id);
  const [token, setToken] = useState<string | null>(null);
  const url = info.data ? `${window.location.origin}${info.data.path}` : '';
  const copy = (text: string) => void navigator.clipboard.writeText(text).then(() => void message.success(t('rounds.weather.copied')));
  return (
    <Card title={t('rounds.weather.webhook')}>
      {info.isError ? <ErrorAlert error={info.error} onRetry={() => void info.refetch()} /> : null}
      <Typography.Paragraph type="secondary">{t('rounds.weather.webhookHint')}</Typography.Paragraph>
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('rounds.weather.url')}>
          <Typography.Text copyable={{ text: url }} style={{ wordBreak: 'break-all' }}>
            {url}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph>
        {info.data?.configured && info.data.tokenHint && info.data.rotatedAt
          ? t('rounds.weather.webhookToken', { hint: info.data.tokenHint, time: formatDateTime(info.data.rotatedAt, site.timeZone) })
          : t('rounds.weather.webhookNone')}
      </Typography.Paragraph>
      <Popconfirm
        title={t('rounds.weather.rotateConfirm')}
        onConfirm={() => rotate.mutate(undefined, { onSuccess: (r) => setToken(r.token), onError: (e) => void message.error(describeError(e)) })}
      >
        <Button icon={<KeyOutlined />} loading={rotate.isPending} data-testid="webhook-rotate">
          {t('rounds.weather.rotate')}
        </Button>
      </Popconfirm>
      <Modal open={!!token} title={t('rounds.weather.newToken')} onCancel={() => setToken(null)} footer={null}>
        <div className={styles.token} data-testid="webhook-token">
          {token}
        </div>
        <Button icon={<CopyOutlined />} style={{ marginTop: 12 }} onClick={() => token && copy(token)}>
          {t('rounds.weather.copy')}
        </Button>
      </Modal>
    </Card>
  );
}
