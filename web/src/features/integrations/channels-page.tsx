import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Segmented,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { ApiOutlined, RobotOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  CHANNEL_TYPES,
  NOTICE_KINDS,
  WEBHOOK_SIGNATURE_HEADER,
  type Channel,
  type ChannelType,
  type CreateChannelBody,
  type Delivery,
  type DeliveryStatus,
  type DeliveryTransport,
  type NoticeKind,
  type UpdateChannelBody,
} from '@anchang/contracts';
import { describeError } from '../../shared/api/errors';
import { formatDateTime } from '../../shared/format/time';
import { useCurrentSite } from '../../shared/site/current-site';
import { ErrorAlert } from '../../shared/ui/load-state';
import { PageHeader } from '../../shared/ui/page-header';
import { PagedTable } from '../../shared/ui/paged-table';
import { integrationsApi, useChannels, useChannelWrite, useDeliveries, useDelivery } from './integrations-api';
import styles from './integrations.module.css';

const TYPE_COLORS: Record<ChannelType, string> = { wecom: 'green', dingtalk: 'blue', feishu: 'geekblue', webhook: 'purple' };
const STATUS_COLORS: Record<DeliveryStatus, string> = { pending: 'processing', sending: 'processing', delivered: 'success', failed: 'error' };

/**
 * 通知渠道: the site's group robots (WeCom, DingTalk, Feishu) and webhooks, each with the kinds
 * it hears, a test button, and the log of every delivery (robots, webhooks, text messages).
 */
export function ChannelsPage() {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<{ mode: 'create'; type: ChannelType } | { mode: 'edit'; channel: Channel } | null>(null);
  const [tab, setTab] = useState('channels');
  return (
    <>
      <PageHeader
        title={t('integrations.title')}
        subtitle={t('integrations.subtitle')}
        extra={
          <>
            <Button type="primary" icon={<RobotOutlined />} onClick={() => setEditing({ mode: 'create', type: 'wecom' })} data-testid="add-robot">
              {t('integrations.addRobot')}
            </Button>
            <Button icon={<ApiOutlined />} onClick={() => setEditing({ mode: 'create', type: 'webhook' })} data-testid="add-webhook">
              {t('integrations.addWebhook')}
            </Button>
          </>
        }
      />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'channels',
            label: t('integrations.tabs.channels'),
            children: <ChannelList onEdit={(channel) => setEditing({ mode: 'edit', channel })} onShowLog={() => setTab('log')} />,
          },
          { key: 'log', label: t('integrations.tabs.log'), children: <DeliveryLog /> },
          { key: 'signature', label: t('integrations.tabs.signature'), children: <SignatureHelp /> },
        ]}
      />
      {editing ? <ChannelForm state={editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}

function KindTags({ kinds }: { kinds: NoticeKind[] }) {
  const { t } = useTranslation();
  return (
    <Flex gap={4} wrap>
      {kinds.map((k) => (
        <Tag key={k} bordered={false}>
          {t(`integrations.kinds.${k}`)}
        </Tag>
      ))}
    </Flex>
  );
}

function ChannelList({ onEdit, onShowLog }: { onEdit: (channel: Channel) => void; onShowLog: () => void }) {
  const { t } = useTranslation();
  const site = useCurrentSite();
  const { message } = App.useApp();
  const list = useChannels(site.id);
  const toggle = useChannelWrite(site.id, (c: Channel) => integrationsApi.update(site.id, c.id, { isEnabled: !c.isEnabled }));
  const remove = useChannelWrite(site.id, (c: Channel) => integrationsApi.remove(site.id, c.id));
  const test = useChannelWrite(site.id, (c: Channel) => integrationsApi.test(site.id, c.id));
  const run = async <T,>(p: Promise<T>, ok: string) => {
    try {
      await p;
      void message.success(ok);
    } catch (error) {
      void message.error(describeError(error));
    }
  };
  const columns: TableColumnsType<Channel> = [
    {
      title: t('integrations.list.name'),
      key: 'name',
      width: 240,
      render: (_, c) => (
        <Flex vertical gap={2}>
          <Typography.Text strong>{c.name}</Typography.Text>
          <Tag color={TYPE_COLORS[c.type]} style={{ width: 'fit-content' }}>
            {t(`integrations.types.${c.type}`)}
          </Tag>
        </Flex>
      ),
    },
    {
      title: t('integrations.list.address'),
      key: 'address',
      render: (_, c) => (
        <Flex vertical gap={2}>
          <Typography.Text code className={styles.address}>
            {c.urlPreview}
          </Typography.Text>
          <Typography.Text type="secondary" className={styles.small}>
            {c.secretLast4 ? t('integrations.list.signed', { last4: c.secretLast4 }) : t('integrations.list.unsigned')}
            {c.keyword ? ` · ${t('integrations.list.keyword', { keyword: c.keyword })}` : ''}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('integrations.list.kinds'), key: 'kinds', width: 320, render: (_, c) => <KindTags kinds={c.kinds} /> },
    {
      title: t('integrations.list.enabled'),
      key: 'enabled',
      width: 90,
      render: (_, c) => (
        <Switch
          checked={c.isEnabled}
          size="small"
          loading={toggle.isPending && toggle.variables?.id === c.id}
          onChange={() => void run(toggle.mutateAsync(c), c.isEnabled ? t('integrations.disabled') : t('integrations.enabled'))}
          aria-label={t('integrations.list.enabled')}
        />
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 230,
      render: (_, c) => (
        <Space size={4}>
          <Tooltip title={c.isEnabled ? undefined : t('integrations.testDisabled')}>
            <Button
              size="small"
              disabled={!c.isEnabled}
              loading={test.isPending && test.variables?.id === c.id}
              onClick={() =>
                void test.mutateAsync(c).then(
                  () => {
                    void message.success({ content: t('integrations.testQueued'), onClick: onShowLog });
                  },
                  (error: unknown) => void message.error(describeError(error)),
                )
              }
              data-testid={`test-${c.id}`}
            >
              {t('integrations.sendTest')}
            </Button>
          </Tooltip>
          <Button size="small" onClick={() => onEdit(c)}>
            {t('common.edit')}
          </Button>
          <Popconfirm
            title={t('integrations.deleteConfirm', { name: c.name })}
            onConfirm={() => run(remove.mutateAsync(c), t('integrations.deleted'))}
          >
            <Button size="small" danger>
              {t('common.delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];
  return (
    <Card className={styles.card}>
      <PagedTable
        query={list}
        rowKey="id"
        columns={columns}
        empty={{ title: t('integrations.list.empty'), hint: t('integrations.list.emptyHint') }}
        loadedText={false}
        flush={false}
        testId="channel-list"
      />
    </Card>
  );
}

interface FormValues {
  type: ChannelType;
  name: string;
  url: string;
  secret?: string;
  keyword?: string;
  kinds: NoticeKind[];
  isEnabled: boolean;
}

function ChannelForm({ state, onClose }: { state: { mode: 'create'; type: ChannelType } | { mode: 'edit'; channel: Channel }; onClose: () => void }) {
  const { t } = useTranslation();
  const site = useCurrentSite();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const editing = state.mode === 'edit' ? state.channel : null;
  const type = Form.useWatch('type', form) ?? editing?.type ?? (state.mode === 'create' ? state.type : 'wecom');
  const [serverError, setServerError] = useState<unknown>(null);
  const save = useChannelWrite(site.id, async (values: FormValues) => {
    if (!editing) {
      const body: CreateChannelBody = {
        type: values.type,
        name: values.name,
        url: values.url,
        kinds: values.kinds,
        isEnabled: values.isEnabled,
        ...(values.secret ? { secret: values.secret } : {}),
        ...(values.keyword ? { keyword: values.keyword } : {}),
      };
      return integrationsApi.create(site.id, body);
    }
    const body: UpdateChannelBody = {
      name: values.name,
      kinds: values.kinds,
      isEnabled: values.isEnabled,
      ...(values.url ? { url: values.url } : {}),
      ...(values.secret ? { secret: values.secret } : {}),
      ...(editing.type === 'dingtalk' || editing.type === 'feishu' ? { keyword: values.keyword ? values.keyword : null } : {}),
    };
    return integrationsApi.update(site.id, editing.id, body);
  });
  const submit = async (values: FormValues) => {
    setServerError(null);
    try {
      const answer = await save.mutateAsync(values);
      onClose();
      if ('secret' in answer && answer.secret && answer.channel.type === 'webhook' && !values.secret) {
        // Shown once: the server never sends it again.
        modal.info({
          title: t('integrations.secretOnce.title'),
          width: 560,
          content: (
            <>
              <Typography.Paragraph>{t('integrations.secretOnce.body')}</Typography.Paragraph>
              <Typography.Paragraph copyable code data-testid="new-secret">
                {answer.secret}
              </Typography.Paragraph>
            </>
          ),
        });
      } else void message.success(t('integrations.saved'));
    } catch (error) {
      setServerError(error);
    }
  };
  const isRobot = type !== 'webhook';
  return (
    <Modal
      open
      title={editing ? t('integrations.form.editTitle', { name: editing.name }) : isRobot ? t('integrations.addRobot') : t('integrations.addWebhook')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={save.isPending}
      width={620}
      destroyOnHidden
    >
      <Form<FormValues>
        form={form}
        className={styles.form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={
          editing
            ? { type: editing.type, name: editing.name, url: '', keyword: editing.keyword ?? '', kinds: editing.kinds, isEnabled: editing.isEnabled }
            : { type: state.mode === 'create' ? state.type : 'wecom', kinds: ['incident.urgent'], isEnabled: true }
        }
      >
        <Form.Item name="type" label={t('integrations.form.type')}>
          <Select
            disabled={!!editing}
            options={CHANNEL_TYPES.filter((c) =>
              state.mode === 'create' && state.type === 'webhook' ? c === 'webhook' : editing ? true : c !== 'webhook',
            ).map((c) => ({
              value: c,
              label: t(`integrations.types.${c}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="name" label={t('integrations.form.name')} rules={[{ required: true, whitespace: true, max: 60 }]}>
          <Input placeholder={isRobot ? t('integrations.form.namePlaceholderRobot') : t('integrations.form.namePlaceholderWebhook')} />
        </Form.Item>
        <Form.Item
          name="url"
          label={t('integrations.form.url')}
          extra={editing ? t('integrations.form.urlKeep', { preview: editing.urlPreview }) : t(`integrations.form.urlHint.${type}`)}
          rules={editing ? [] : [{ required: true, whitespace: true }]}
        >
          <Input placeholder={t(`integrations.form.urlPlaceholder.${type}`)} autoComplete="off" />
        </Form.Item>
        {type !== 'wecom' ? (
          <Form.Item
            name="secret"
            label={t('integrations.form.secret')}
            extra={
              editing?.secretLast4
                ? t('integrations.form.secretKeep', { last4: editing.secretLast4 })
                : type === 'webhook'
                  ? t('integrations.form.secretWebhook')
                  : t(`integrations.form.secretHint.${type}`)
            }
            rules={[{ min: 8, max: 200 }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        ) : null}
        {type === 'dingtalk' || type === 'feishu' ? (
          <Form.Item name="keyword" label={t('integrations.form.keyword')} extra={t('integrations.form.keywordHint')} rules={[{ max: 20 }]}>
            <Input />
          </Form.Item>
        ) : null}
        <Form.Item
          name="kinds"
          label={t('integrations.form.kinds')}
          rules={[{ required: true, type: 'array', min: 1, message: t('integrations.form.kindsRequired') }]}
        >
          <Checkbox.Group options={NOTICE_KINDS.map((k) => ({ value: k, label: t(`integrations.kinds.${k}`) }))} className={styles.kinds} />
        </Form.Item>
        <Form.Item name="isEnabled" label={t('integrations.list.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
      {serverError ? <Alert type="error" showIcon message={describeError(serverError)} /> : null}
    </Modal>
  );
}

function DeliveryLog() {
  const { t } = useTranslation();
  const site = useCurrentSite();
  const [transport, setTransport] = useState<DeliveryTransport | 'all'>('all');
  const [openId, setOpenId] = useState<string | null>(null);
  const list = useDeliveries(site.id, transport);
  const kindLabel = (d: Delivery) =>
    d.transport === 'sms'
      ? t('integrations.log.smsTemplate', { code: d.kind })
      : d.kind === 'test'
        ? t('integrations.log.test')
        : (NOTICE_KINDS as readonly string[]).includes(d.kind)
          ? t(`integrations.kinds.${d.kind as NoticeKind}`)
          : d.kind;
  const columns: TableColumnsType<Delivery> = [
    {
      title: t('integrations.log.at'),
      key: 'at',
      width: 160,
      render: (_, d) => <span className={`${styles.num} ${styles.nowrap}`}>{formatDateTime(d.createdAt, site.timeZone)}</span>,
    },
    {
      title: t('integrations.log.to'),
      key: 'to',
      width: 220,
      render: (_, d) =>
        d.transport === 'sms' ? (
          <Flex gap={6} align="center">
            <Tag bordered={false}>{t('integrations.log.sms')}</Tag>
            <span className={styles.num}>{d.phoneMasked}</span>
          </Flex>
        ) : (
          <Flex gap={6} align="center">
            {d.channelType ? (
              <Tag color={TYPE_COLORS[d.channelType]} bordered={false}>
                {t(`integrations.types.${d.channelType}`)}
              </Tag>
            ) : null}
            <Typography.Text ellipsis>{d.channelName ?? '—'}</Typography.Text>
          </Flex>
        ),
    },
    {
      title: t('integrations.log.what'),
      key: 'what',
      render: (_, d) => (
        <Flex vertical gap={2}>
          <Typography.Text>{kindLabel(d)}</Typography.Text>
          {d.transport !== 'sms' ? (
            <Typography.Text type="secondary" ellipsis className={styles.small}>
              {d.summary}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('integrations.log.status'),
      key: 'status',
      width: 200,
      render: (_, d) => (
        <Flex vertical gap={2}>
          <Tag color={STATUS_COLORS[d.status]} bordered={false} style={{ width: 'fit-content' }}>
            {t(`integrations.status.${d.status}`)}
          </Tag>
          {d.nextAt && d.attempts > 0 ? (
            <Typography.Text type="secondary" className={styles.small}>
              {t('integrations.log.nextAt', { at: formatDateTime(d.nextAt, site.timeZone) })}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    { title: t('integrations.log.attempts'), dataIndex: 'attempts', width: 90, align: 'right' },
    {
      title: t('integrations.log.answer'),
      key: 'answer',
      width: 260,
      render: (_, d) =>
        d.lastStatusCode !== null || d.lastAnswer ? (
          <Typography.Text ellipsis={{ tooltip: d.lastAnswer }} className={styles.small}>
            {d.lastStatusCode !== null ? <Tag bordered={false}>{d.lastStatusCode}</Tag> : null}
            {d.lastAnswer}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      render: (_, d) => (
        <Button size="small" onClick={() => setOpenId(d.id)}>
          {t('integrations.log.details')}
        </Button>
      ),
    },
  ];
  return (
    <Card
      className={styles.card}
      title={t('integrations.log.title')}
      extra={
        <Segmented<DeliveryTransport | 'all'>
          value={transport}
          onChange={setTransport}
          options={[
            { value: 'all', label: t('common.all') },
            { value: 'robot', label: t('integrations.log.robots') },
            { value: 'webhook', label: t('integrations.log.webhooks') },
            { value: 'sms', label: t('integrations.log.sms') },
          ]}
        />
      }
    >
      <PagedTable
        query={list}
        rowKey="id"
        columns={columns}
        empty={{ title: t('integrations.log.empty'), hint: t('integrations.log.emptyHint') }}
        loadedText={false}
        flush={false}
        testId="delivery-log"
      />
      <DeliveryDrawer deliveryId={openId} onClose={() => setOpenId(null)} />
    </Card>
  );
}

function DeliveryDrawer({ deliveryId, onClose }: { deliveryId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const site = useCurrentSite();
  const detail = useDelivery(site.id, deliveryId);
  const d = detail.data;
  return (
    <Drawer open={deliveryId !== null} onClose={onClose} width={640} title={t('integrations.log.detailTitle')}>
      {detail.isError ? <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} /> : null}
      {d ? (
        <>
          <Descriptions column={1} size="small" bordered className={styles.card}>
            <Descriptions.Item label={t('integrations.log.to')}>{d.delivery.phoneMasked ?? d.delivery.channelName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('integrations.log.what')}>{d.delivery.summary}</Descriptions.Item>
            <Descriptions.Item label={t('integrations.log.status')}>
              <Tag color={STATUS_COLORS[d.delivery.status]} bordered={false}>
                {t(`integrations.status.${d.delivery.status}`)}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('integrations.log.id')}>
              <Typography.Text code copyable className={styles.small}>
                {d.delivery.id}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
          <Table
            rowKey="attempt"
            size="small"
            pagination={false}
            dataSource={d.attempts}
            locale={{ emptyText: t('integrations.log.noAttempts') }}
            columns={[
              { title: '#', dataIndex: 'attempt', width: 40 },
              {
                title: t('integrations.log.at'),
                key: 'at',
                width: 150,
                render: (_, a) => <span className={`${styles.num} ${styles.nowrap}`}>{formatDateTime(a.at, site.timeZone)}</span>,
              },
              { title: t('integrations.log.code'), key: 'code', width: 90, render: (_, a) => a.statusCode ?? <Tag color="error">{a.error}</Tag> },
              { title: t('integrations.log.duration'), key: 'ms', width: 80, align: 'right', render: (_, a) => `${a.durationMs} ms` },
              {
                title: t('integrations.log.answer'),
                key: 'answer',
                render: (_, a) => (
                  <Typography.Text className={styles.small} ellipsis={{ tooltip: a.answerExcerpt }}>
                    {a.answerExcerpt}
                  </Typography.Text>
                ),
              },
            ]}
          />
        </>
      ) : null}
    </Drawer>
  );
}

const VERIFY_SAMPLE = `// Node.js: verify an Anchang webhook before trusting it
const [t, v1] = header.split(',').map((p) => p.split('=')[1]);
const expected = crypto.createHmac('sha256', secret).update(\`\${t}.\${rawBody}\`).digest('hex');
const fresh = Math.abs(Date.now() / 1000 - Number(t)) < 300;
const ok = fresh && v1?.length === expected.length && crypto.timingSafeEqual(Buffer.from(v1, 'hex'), Buffer.from(expected, 'hex'));`;

const BODY_SAMPLE = `{
  "id": "0193a1c2-…",          // the same on every retry: deduplicate on it
  "kind": "incident.urgent",
  "occurredAt": "2026-12-05T02:30:00.000Z",
  "siteId": "…",
  "data": { "incidentId": "…" } // ids only: fetch the details through the API
}`;

function SignatureHelp() {
  const { t } = useTranslation();
  return (
    <Card className={styles.card} title={t('integrations.signature.title')}>
      <Typography.Paragraph>{t('integrations.signature.intro')}</Typography.Paragraph>
      <Typography.Paragraph>
        <Typography.Text code>{`${WEBHOOK_SIGNATURE_HEADER}: t=<unix>,v1=<hex>`}</Typography.Text>
      </Typography.Paragraph>
      <Typography.Paragraph>{t('integrations.signature.how')}</Typography.Paragraph>
      <pre className={styles.code}>{VERIFY_SAMPLE}</pre>
      <Typography.Paragraph>{t('integrations.signature.body')}</Typography.Paragraph>
      <pre className={styles.code}>{BODY_SAMPLE}</pre>
      <Typography.Paragraph type="secondary">{t('integrations.signature.retries')}</Typography.Paragraph>
    </Card>
  );
}
