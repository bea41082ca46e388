import { useState } from 'react';
import {
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Progress,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { DeleteOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { POST_KINDS, type PatrolRound, type PatrolRoundCheck, type PatrolRoute, type PatrolSchedule, type PostKind } from '@anchang/contracts';
import { useLocale } from '../../i18n';
import { describeError } from '../../shared/api/errors';
import { formatLocal } from '../../shared/format/time';
import { useNow } from '../../shared/format/use-now';
import { useCurrentSite } from '../../shared/site/current-site';
import { EmptyState } from '../../shared/ui/empty-state';
import { emptyOnceLoaded, ErrorAlert } from '../../shared/ui/load-state';
import { PageHeader } from '../../shared/ui/page-header';
import { useCheckpoints } from '../checkpoints/use-checkpoints';
import type { RouteInput } from './patrols-api';
import { RoundStatusTag, ScanFlagTags } from './patrol-tags';
import { usePatrolAction, usePatrolRounds, usePatrolRoutes, usePatrolSchedules, type PatrolAction } from './use-patrols';

/** 巡视: the day's rounds with planned against actual per checkpoint, live; routes and schedules. */
export function PatrolsPage() {
  const { t } = useTranslation();
  const site = useCurrentSite();
  const now = useNow(30_000);
  const [date, setDate] = useState(() => formatLocal(Date.now(), site.timeZone, 'YYYY-MM-DD'));
  const rounds = usePatrolRounds(site.id, date);
  return (
    <>
      <PageHeader
        title={t('patrols.nav')}
        subtitle={t('patrols.subtitle')}
        extra={<DatePicker allowClear={false} value={dayjs(date)} onChange={(d) => d && setDate(d.format('YYYY-MM-DD'))} />}
      />
      {rounds.isError ? <ErrorAlert error={rounds.error} onRetry={() => void rounds.refetch()} /> : null}
      <Card title={t('patrols.rounds.title')} styles={{ body: { padding: 0 } }} style={{ marginBottom: 20 }} data-testid="patrol-rounds">
        <RoundsTable rounds={rounds.data ?? []} status={rounds.status} timeZone={site.timeZone} now={now} />
      </Card>
      <RoutesCard />
      <SchedulesCard />
    </>
  );
}

function RoundsTable({
  rounds,
  status,
  timeZone,
  now,
}: {
  rounds: PatrolRound[];
  status: 'pending' | 'error' | 'success';
  timeZone: string;
  now: number;
}) {
  const loading = status === 'pending';
  const { t } = useTranslation();
  const locale = useLocale();
  const hm = (at: number) => formatLocal(at, timeZone, 'HH:mm');
  const name = (c: { nameZh: string; nameEn: string }) => (locale === 'zh-CN' ? c.nameZh : c.nameEn);
  const columns: TableColumnsType<PatrolRound> = [
    {
      title: t('patrols.rounds.slot'),
      key: 'slot',
      width: 120,
      render: (_, r) => (
        <Typography.Text strong>
          {hm(r.slotStart)}–{hm(r.closesAt)}
        </Typography.Text>
      ),
    },
    { title: t('patrols.rounds.route'), key: 'route', render: (_, r) => name({ nameZh: r.routeNameZh, nameEn: r.routeNameEn }) },
    { title: t('patrols.checkpoints.status'), key: 'status', width: 130, render: (_, r) => <RoundStatusTag status={r.status} /> },
    {
      title: t('patrols.rounds.progress'),
      key: 'progress',
      width: 200,
      render: (_, r) => {
        const done = r.checks.filter((c) => c.scannedAt !== null).length;
        const status = r.status === 'missed' ? 'exception' : r.status === 'done' || r.status === 'done_late' ? 'success' : 'active';
        return (
          <Progress
            percent={Math.round((done / Math.max(1, r.checks.length)) * 100)}
            format={() => `${done}/${r.checks.length}`}
            size="small"
            status={status}
          />
        );
      },
    },
    {
      title: t('patrols.rounds.walker'),
      dataIndex: 'walkerName',
      render: (n: string | null) => n ?? <Typography.Text type="secondary">—</Typography.Text>,
    },
    {
      title: t('patrols.rounds.flagsColumn'),
      key: 'flags',
      render: (_, r) => {
        const late = r.checks.filter((c) => c.isLate).length;
        const flags = [...new Set(r.checks.flatMap((c) => c.flags))];
        return (
          <>
            {late ? <Tag color="orange">{`${t('patrols.rounds.late')} ×${late}`}</Tag> : null}
            <ScanFlagTags flags={flags} />
          </>
        );
      },
    },
  ];
  return (
    <Table<PatrolRound>
      // Remounted once the rounds arrive, so the rounds under way open expanded.
      key={loading ? 'loading' : 'loaded'}
      rowKey="id"
      columns={columns}
      dataSource={rounds}
      loading={loading}
      size="middle"
      pagination={rounds.length > 24 ? { pageSize: 24, showSizeChanger: false } : false}
      rowClassName={(r) => (r.status === 'missed' ? 'patrol-row-missed' : '')}
      onRow={(r) =>
        ({
          'data-testid': `round-${hm(r.slotStart)}`,
          style: r.status === 'missed' ? { background: '#fff1f0' } : r.status === 'done_late' ? { background: '#fffbe6' } : undefined,
        }) as object
      }
      expandable={{
        defaultExpandedRowKeys: rounds.filter((r) => r.status === 'in_progress' || (r.slotStart <= now && now <= r.closesAt)).map((r) => r.id),
        expandedRowRender: (r) => <ChecksTable round={r} timeZone={timeZone} />,
      }}
      locale={{ emptyText: emptyOnceLoaded({ status }, <EmptyState title={t('patrols.rounds.empty')} hint={t('patrols.rounds.emptyHint')} />) }}
    />
  );
}

function ChecksTable({ round, timeZone }: { round: PatrolRound; timeZone: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const hm = (at: number) => formatLocal(at, timeZone, 'HH:mm');
  const columns: TableColumnsType<PatrolRoundCheck> = [
    { title: '#', dataIndex: 'position', width: 48 },
    { title: t('patrols.checkpoints.title'), key: 'name', render: (_, c) => (locale === 'zh-CN' ? c.nameZh : c.nameEn) },
    { title: t('patrols.rounds.planned'), dataIndex: 'plannedAt', width: 100, render: (at: number) => hm(at) },
    {
      title: t('patrols.rounds.actual'),
      key: 'actual',
      width: 170,
      render: (_, c) =>
        c.scannedAt === null ? (
          <Typography.Text type={round.status === 'missed' ? 'danger' : 'secondary'}>{t('patrols.rounds.notYet')}</Typography.Text>
        ) : (
          <Space size={4}>
            <span>{formatLocal(c.scannedAt, timeZone, 'HH:mm:ss')}</span>
            {c.isLate ? <Tag color="orange">{t('patrols.rounds.late')}</Tag> : null}
          </Space>
        ),
    },
    { title: '', key: 'flags', width: 200, render: (_, c) => <ScanFlagTags flags={c.flags} /> },
    {
      title: t('patrols.rounds.equipment'),
      key: 'equipment',
      width: 320,
      render: (_, c) =>
        c.equipmentState === null ? null : c.equipmentState === 'ok' ? (
          <Tag color="green">{t('patrols.rounds.equipmentOk')}</Tag>
        ) : (
          <Space size={4}>
            <Tag color="red">{t('patrols.rounds.equipmentAbnormal')}</Tag>
            <Typography.Text type="secondary">{c.equipmentNote}</Typography.Text>
          </Space>
        ),
    },
  ];
  return (
    <Table<PatrolRoundCheck> rowKey="position" columns={columns} dataSource={round.checks} pagination={false} size="small" tableLayout="fixed" />
  );
}

function useRun() {
  const { message } = App.useApp();
  const site = useCurrentSite();
  const act = usePatrolAction(site.id);
  const run = async (action: PatrolAction, done: string): Promise<boolean> => {
    try {
      await act.mutateAsync(action);
      void message.success(done);
      return true;
    } catch (error) {
      void message.error(describeError(error));
      return false;
    }
  };
  return { run, pending: act.isPending };
}

function RoutesCard() {
  const { t } = useTranslation();
  const site = useCurrentSite();
  const locale = useLocale();
  const routes = usePatrolRoutes(site.id);
  const { run, pending } = useRun();
  const [editing, setEditing] = useState<PatrolRoute | null | undefined>(undefined);
  const createButton = (
    <Button icon={<PlusOutlined />} onClick={() => setEditing(null)}>
      {t('patrols.routes.create')}
    </Button>
  );
  const columns: TableColumnsType<PatrolRoute> = [
    {
      title: t('patrols.routes.nameZh'),
      key: 'name',
      width: 200,
      render: (_, r) => <Typography.Text strong>{locale === 'zh-CN' ? r.nameZh : r.nameEn}</Typography.Text>,
    },
    {
      title: t('patrols.routes.stops'),
      key: 'stops',
      render: (_, r) => (
        <Flex wrap gap={4} align="center">
          {r.stops.map((s, i) => (
            <span key={s.checkpointId}>
              {i > 0 ? <Typography.Text type="secondary"> → </Typography.Text> : null}
              <Tag>
                {locale === 'zh-CN' ? s.nameZh : s.nameEn} · +{s.plannedMinute}′
              </Tag>
            </span>
          ))}
        </Flex>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 200,
      render: (_, r) => (
        <Space size={0}>
          <Button type="link" onClick={() => setEditing(r)}>
            {t('common.edit')}
          </Button>
          <Popconfirm
            title={t('patrols.routes.archiveConfirm', { name: r.nameZh })}
            okButtonProps={{ danger: true }}
            onConfirm={() => run({ kind: 'archiveRoute', id: r.id }, t('common.saved'))}
          >
            <Button type="link" danger icon={<DeleteOutlined />}>
              {t('patrols.routes.archive')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];
  return (
    <Card title={t('patrols.routes.title')} extra={createButton} styles={{ body: { padding: 0 } }} style={{ marginBottom: 20 }}>
      {routes.isError ? <ErrorAlert error={routes.error} onRetry={() => void routes.refetch()} /> : null}
      <Table<PatrolRoute>
        rowKey="id"
        columns={columns}
        dataSource={routes.data ?? []}
        loading={routes.isPending}
        pagination={false}
        locale={{ emptyText: emptyOnceLoaded(routes, <EmptyState title={t('patrols.routes.empty')} hint={t('patrols.routes.emptyHint')} />) }}
      />
      <RouteFormModal
        route={editing}
        saving={pending}
        onClose={() => setEditing(undefined)}
        onSave={async (input) => {
          if (await run({ kind: 'saveRoute', id: editing?.id ?? null, input }, t('common.saved'))) setEditing(undefined);
        }}
      />
    </Card>
  );
}

function RouteFormModal(props: {
  route: PatrolRoute | null | undefined;
  saving: boolean;
  onClose: () => void;
  onSave: (input: RouteInput) => Promise<void>;
}) {
  const { t } = useTranslation();
  const site = useCurrentSite();
  const checkpoints = useCheckpoints(site.id);
  const [form] = Form.useForm<RouteInput>();
  const options = (checkpoints.data ?? []).filter((c) => c.revokedAt === null).map((c) => ({ value: c.id, label: `${c.nameZh} · ${c.zoneName}` }));
  return (
    <Modal
      open={props.route !== undefined}
      title={props.route ? t('patrols.routes.edit') : t('patrols.routes.create')}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: props.saving }}
      width={640}
      destroyOnHidden
      afterOpenChange={(isOpen) => {
        if (isOpen)
          form.setFieldsValue(
            props.route
              ? {
                  nameZh: props.route.nameZh,
                  nameEn: props.route.nameEn,
                  stops: props.route.stops.map((s) => ({ checkpointId: s.checkpointId, plannedMinute: s.plannedMinute })),
                }
              : { nameZh: '', nameEn: '', stops: [{ checkpointId: undefined as unknown as string, plannedMinute: 0 }] },
          );
      }}
    >
      <Form<RouteInput> form={form} layout="vertical" preserve={false} onFinish={(v) => void props.onSave(v)}>
        <Flex gap={12}>
          <Form.Item name="nameZh" label={t('patrols.routes.nameZh')} rules={[{ required: true, whitespace: true, max: 60 }]} style={{ flex: 1 }}>
            <Input placeholder="外围巡视" />
          </Form.Item>
          <Form.Item name="nameEn" label={t('patrols.routes.nameEn')} rules={[{ required: true, whitespace: true, max: 60 }]} style={{ flex: 1 }}>
            <Input placeholder="Perimeter patrol" />
          </Form.Item>
        </Flex>
        <Typography.Text strong>{t('patrols.routes.stops')}</Typography.Text>
        <Form.List name="stops">
          {(fields, { add, remove }) => (
            <div style={{ marginTop: 8 }}>
              {fields.map((field, i) => (
                <Flex key={field.key} gap={8} align="baseline">
                  <Typography.Text type="secondary" style={{ width: 20 }}>
                    {i + 1}
                  </Typography.Text>
                  <Form.Item name={[field.name, 'checkpointId']} rules={[{ required: true }]} style={{ flex: 1 }}>
                    <Select options={options} loading={checkpoints.isPending} showSearch optionFilterProp="label" />
                  </Form.Item>
                  <Form.Item name={[field.name, 'plannedMinute']} rules={[{ required: true }]}>
                    <InputNumber min={0} max={600} addonBefore="+" addonAfter={t('patrols.routes.minuteSuffix')} style={{ width: 170 }} />
                  </Form.Item>
                  <Button type="text" icon={<MinusCircleOutlined />} disabled={fields.length <= 1} onClick={() => remove(field.name)} />
                </Flex>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                block
                onClick={() =>
                  add({ plannedMinute: ((form.getFieldValue('stops') as RouteInput['stops'] | undefined)?.at(-1)?.plannedMinute ?? 0) + 5 })
                }
              >
                {t('patrols.routes.addStop')}
              </Button>
            </div>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

interface ScheduleForm {
  routeId: string;
  postKind: PostKind;
  kind: 'every' | 'fixed';
  everyMinutes?: number;
  times?: string;
  graceMinutes: number;
}

function SchedulesCard() {
  const { t } = useTranslation();
  const site = useCurrentSite();
  const locale = useLocale();
  const schedules = usePatrolSchedules(site.id);
  const routes = usePatrolRoutes(site.id);
  const { run, pending } = useRun();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<ScheduleForm>();
  const kind = Form.useWatch('kind', form);
  const routeName = (id: string) => {
    const r = routes.data?.find((x) => x.id === id);
    return r ? (locale === 'zh-CN' ? r.nameZh : r.nameEn) : '—';
  };
  const columns: TableColumnsType<PatrolSchedule> = [
    { title: t('patrols.schedules.route'), key: 'route', render: (_, s) => <Typography.Text strong>{routeName(s.routeId)}</Typography.Text> },
    { title: t('patrols.schedules.postKind'), dataIndex: 'postKind', render: (k: PostKind) => <Tag>{t(`postKinds.${k}`)}</Tag> },
    {
      title: t('patrols.schedules.kind'),
      key: 'kind',
      render: (_, s) =>
        s.kind === 'every'
          ? t('patrols.schedules.summaryEvery', { minutes: s.everyMinutes, grace: s.graceMinutes })
          : t('patrols.schedules.summaryFixed', { times: s.times.join(', '), grace: s.graceMinutes }),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      render: (_, s) => (
        <Popconfirm
          title={t('patrols.schedules.stopConfirm')}
          okButtonProps={{ danger: true }}
          onConfirm={() => run({ kind: 'stopSchedule', id: s.id }, t('common.saved'))}
        >
          <Button type="link" danger>
            {t('patrols.schedules.stop')}
          </Button>
        </Popconfirm>
      ),
    },
  ];
  return (
    <Card
      title={t('patrols.schedules.title')}
      extra={
        <Button icon={<PlusOutlined />} disabled={!routes.data?.length} onClick={() => setOpen(true)}>
          {t('patrols.schedules.create')}
        </Button>
      }
      styles={{ body: { padding: 0 } }}
    >
      {schedules.isError ? <ErrorAlert error={schedules.error} onRetry={() => void schedules.refetch()} /> : null}
      <Table<PatrolSchedule>
        rowKey="id"
        columns={columns}
        dataSource={schedules.data ?? []}
        loading={schedules.isPending}
        pagination={false}
        locale={{ emptyText: emptyOnceLoaded(schedules, <EmptyState title={t('patrols.schedules.empty')} />) }}
      />
      <Modal
        open={open}
        title={t('patrols.schedules.create')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: pending }}
        destroyOnHidden
      >
        <Form<ScheduleForm>
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{ postKind: 'SECURITY', kind: 'every', everyMinutes: 60, graceMinutes: 15 }}
          onFinish={async (v) => {
            const times = (v.times ?? '')
              .split(/[,，\s]+/)
              .map((x) => x.trim())
              .filter(Boolean)
              .map((x) => (x.length === 4 ? `0${x}` : x));
            const ok = await run(
              {
                kind: 'createSchedule',
                input: {
                  routeId: v.routeId,
                  postKind: v.postKind,
                  kind: v.kind,
                  graceMinutes: v.graceMinutes,
                  ...(v.kind === 'every' ? { everyMinutes: v.everyMinutes } : { times }),
                },
              },
              t('common.saved'),
            );
            if (ok) setOpen(false);
          }}
        >
          <Form.Item name="routeId" label={t('patrols.schedules.route')} rules={[{ required: true }]}>
            <Select options={(routes.data ?? []).map((r) => ({ value: r.id, label: locale === 'zh-CN' ? r.nameZh : r.nameEn }))} />
          </Form.Item>
          <Form.Item name="postKind" label={t('patrols.schedules.postKind')} rules={[{ required: true }]}>
            <Select options={POST_KINDS.map((k) => ({ value: k, label: t(`postKinds.${k}`) }))} />
          </Form.Item>
          <Form.Item name="kind" label={t('patrols.schedules.kind')}>
            <Radio.Group
              options={[
                { value: 'every', label: t('patrols.schedules.every') },
                { value: 'fixed', label: t('patrols.schedules.fixed') },
              ]}
            />
          </Form.Item>
          {kind === 'fixed' ? (
            <Form.Item
              name="times"
              label={t('patrols.schedules.times')}
              extra={t('patrols.schedules.timesHint')}
              rules={[{ required: true, pattern: /^\s*\d{1,2}:\d{2}(\s*[,，\s]\s*\d{1,2}:\d{2})*\s*$/ }]}
            >
              <Input placeholder="22:00, 02:00" />
            </Form.Item>
          ) : (
            <Form.Item name="everyMinutes" label={t('patrols.schedules.everyMinutes')} rules={[{ required: true }]}>
              <InputNumber min={15} max={1440} step={15} style={{ width: 160 }} />
            </Form.Item>
          )}
          <Form.Item name="graceMinutes" label={t('patrols.schedules.grace')} extra={t('patrols.schedules.graceHint')} rules={[{ required: true }]}>
            <InputNumber min={5} max={120} style={{ width: 160 }} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
