import { useEffect, useMemo, useState } from 'react';
import {
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Drawer,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { POST_KINDS, type PostKind, type RoundRecurrence, type RoundSchedule, type UpdateRoundScheduleBody } from '@anchang/contracts';
import { useLocale } from '../../i18n';
import { applyFieldError, describeError } from '../../shared/api/errors';
import { canManageSite } from '../../shared/auth/access';
import { useCurrentSite } from '../../shared/site/current-site';
import { EditDeleteActions } from '../../shared/ui/edit-delete-actions';
import { EmptyState } from '../../shared/ui/empty-state';
import { emptyOnceLoaded, ErrorAlert } from '../../shared/ui/load-state';
import { flattenPages } from '../notices/use-notifications';
import { newId } from '../../shared/offline/new-id';
import { useCheckpoints, useDeleteSchedule, useSaveSchedule, useSchedules, useStandardItems } from './use-rounds';

/** How a recurrence reads in a table cell. */
export function useRecurrenceText() {
  const { t } = useTranslation();
  return (r: RoundRecurrence) => {
    const weekly = r.weekdays && r.weekdays.length > 0 && r.weekdays.length < 7;
    let text =
      r.kind === 'interval'
        ? t(r.allDay ? 'rounds.recurrence.intervalAllDay' : 'rounds.recurrence.interval', { minutes: r.everyMinutes })
        : r.kind === 'before_open'
          ? t('rounds.recurrence.before_open', { minutes: r.minutesBeforeOpen })
          : t(weekly ? 'rounds.recurrence.timesAt' : 'rounds.recurrence.times', { times: (r.times ?? []).join('、') });
    if (weekly) {
      const days = [...r.weekdays!].sort((a, b) => a - b).map((d) => t(`weekdays.${d as 1}`));
      text = `${t('rounds.recurrence.weekly', { days: days.join('、') })} · ${text}`;
    }
    if (r.fromDate || r.toDate) text += ` · ${t('rounds.recurrence.season', { from: r.fromDate ?? '…', to: r.toDate ?? '…' })}`;
    return text;
  };
}

export function SchedulesPanel() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const site = useCurrentSite();
  const list = useSchedules(site.id);
  const schedules = useMemo(() => flattenPages(list.data), [list.data]);
  const remove = useDeleteSchedule(site.id);
  const recurrenceText = useRecurrenceText();
  const canEdit = canManageSite(site.role);
  const [editing, setEditing] = useState<RoundSchedule | 'new' | null>(null);

  const columns: TableColumnsType<RoundSchedule> = [
    {
      title: t('rounds.schedules.columns.what'),
      key: 'what',
      render: (_, s) => (
        <Space direction="vertical" size={2}>
          <Typography.Text strong>{locale === 'zh-CN' ? s.labelZh : s.labelEn}</Typography.Text>
          <span>
            <Tag bordered={false}>{t(`postKinds.${s.postKind}`)}</Tag>
            {s.itemId ? <Tag color="blue">{s.itemId}</Tag> : null}
          </span>
        </Space>
      ),
    },
    { title: t('rounds.schedules.columns.when'), key: 'when', render: (_, s) => recurrenceText(s.recurrence) },
    {
      title: t('rounds.schedules.columns.grace'),
      key: 'grace',
      width: 110,
      render: (_, s) => t('rounds.schedules.graceValue', { minutes: s.graceMinutes }),
    },
    {
      title: t('rounds.schedules.columns.proof'),
      key: 'proof',
      render: (_, s) => (s.proof === 'scan' ? `${t('rounds.proof.scan')} · ${s.checkpointName ?? ''}` : t('rounds.proof.tap')),
    },
    ...(canEdit
      ? [
          {
            key: 'actions',
            width: 180,
            render: (_: unknown, s: RoundSchedule) => (
              <EditDeleteActions
                onEdit={() => setEditing(s)}
                confirmTitle={t('rounds.schedules.deleteConfirm')}
                onDelete={() =>
                  remove.mutate(s.id, {
                    onSuccess: () => void message.success(t('rounds.schedules.deleted')),
                    onError: (e) => void message.error(describeError(e)),
                  })
                }
              />
            ),
          },
        ]
      : []),
  ];

  return (
    <Card
      styles={{ body: { padding: 0 } }}
      extra={
        canEdit ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="schedule-add">
            {t('rounds.schedules.add')}
          </Button>
        ) : null
      }
      title={t('rounds.tabs.schedules')}
    >
      {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Table<RoundSchedule>
        rowKey="id"
        columns={columns}
        dataSource={schedules}
        loading={list.isPending}
        pagination={false}
        locale={{ emptyText: emptyOnceLoaded(list, <EmptyState title={t('rounds.schedules.empty')} hint={t('rounds.schedules.emptyHint')} />) }}
        footer={list.hasNextPage ? () => <Button onClick={() => void list.fetchNextPage()}>{t('rounds.compliance.more')}</Button> : undefined}
      />
      {editing ? <ScheduleDrawer schedule={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </Card>
  );
}

interface FormValues {
  postKind: PostKind;
  itemId: string;
  labelZh?: string;
  labelEn?: string;
  kind: RoundRecurrence['kind'];
  everyMinutes?: number;
  allDay?: boolean;
  minutesBeforeOpen?: number;
  times?: string[];
  season?: [Dayjs, Dayjs] | null;
  /** Empty: every day. */
  weekdays?: number[];
  graceMinutes: number;
  proof: 'scan' | 'tap';
  checkpointId?: string;
}

const SERVICE_MOMENT = '';

function ScheduleDrawer({ schedule, onClose }: { schedule: RoundSchedule | null; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const site = useCurrentSite();
  const [form] = Form.useForm<FormValues>();
  const save = useSaveSchedule(site.id);
  const [id] = useState(() => schedule?.id ?? newId());
  const postKind = Form.useWatch('postKind', form) ?? schedule?.postKind ?? 'CLEAN';
  const kind = Form.useWatch('kind', form) ?? schedule?.recurrence.kind ?? 'interval';
  const proof = Form.useWatch('proof', form) ?? schedule?.proof ?? 'scan';
  const itemId = Form.useWatch('itemId', form);
  const standard = useStandardItems(site.id, postKind);
  const checkpoints = useCheckpoints(site.id);

  useEffect(() => {
    if (!schedule) return;
    const r = schedule.recurrence;
    form.setFieldsValue({
      postKind: schedule.postKind,
      itemId: schedule.itemId ?? SERVICE_MOMENT,
      labelZh: schedule.labelZh,
      labelEn: schedule.labelEn,
      kind: r.kind,
      everyMinutes: r.everyMinutes,
      allDay: r.allDay ?? false,
      minutesBeforeOpen: r.minutesBeforeOpen,
      times: r.times,
      season: r.fromDate && r.toDate ? [dayjs(r.fromDate), dayjs(r.toDate)] : null,
      weekdays: r.weekdays ?? [],
      graceMinutes: schedule.graceMinutes,
      proof: schedule.proof,
      checkpointId: schedule.checkpointId ?? undefined,
    });
  }, [schedule, form]);

  const submit = (v: FormValues) => {
    const recurrence: RoundRecurrence = { kind: v.kind };
    if (v.kind === 'interval') recurrence.everyMinutes = v.everyMinutes;
    if (v.kind === 'interval' && v.allDay) recurrence.allDay = true;
    if (v.kind === 'before_open') recurrence.minutesBeforeOpen = v.minutesBeforeOpen;
    if (v.kind === 'times') recurrence.times = v.times;
    if (v.season) {
      recurrence.fromDate = v.season[0].format('YYYY-MM-DD');
      recurrence.toDate = v.season[1].format('YYYY-MM-DD');
    }
    if (v.weekdays && v.weekdays.length > 0 && v.weekdays.length < 7) recurrence.weekdays = [...v.weekdays].sort((a, b) => a - b);
    const body: UpdateRoundScheduleBody = {
      postKind: v.postKind,
      itemId: v.itemId || null,
      ...(v.labelZh?.trim() ? { labelZh: v.labelZh.trim() } : {}),
      ...(v.labelEn?.trim() ? { labelEn: v.labelEn.trim() } : {}),
      recurrence,
      graceMinutes: v.graceMinutes,
      proof: v.proof,
      checkpointId: v.proof === 'scan' ? (v.checkpointId ?? null) : null,
    };
    save.mutate(
      { id, body, isNew: !schedule },
      {
        onSuccess: () => {
          void message.success(t('rounds.schedules.saved'));
          onClose();
        },
        onError: (error) => {
          if (
            !applyFieldError(form, error, {
              ITEM_NOT_IN_STANDARD: 'itemId',
              ROUND_CHECKPOINT_INVALID: 'checkpointId',
              ROUND_RECURRENCE_INVALID: 'kind',
            })
          )
            void message.error(describeError(error));
        },
      },
    );
  };

  const items = standard.data?.items ?? [];
  const liveCheckpoints = (checkpoints.data?.items ?? []).filter((c) => !c.revokedAt);
  return (
    <Drawer
      open
      width={520}
      title={schedule ? t('rounds.schedules.edit') : t('rounds.schedules.add')}
      onClose={onClose}
      extra={
        <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="schedule-save">
          {t('common.save')}
        </Button>
      }
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          postKind: 'CLEAN',
          itemId: 'CLEAN-2',
          kind: 'interval',
          everyMinutes: 10,
          minutesBeforeOpen: 30,
          graceMinutes: 10,
          proof: 'scan',
        }}
      >
        <Form.Item name="postKind" label={t('rounds.schedules.post')} rules={[{ required: true }]}>
          <Select
            options={POST_KINDS.map((k) => ({ value: k, label: t(`postKinds.${k}`) }))}
            onChange={() => form.setFieldValue('itemId', SERVICE_MOMENT)}
            showSearch
            optionFilterProp="label"
          />
        </Form.Item>
        <Form.Item name="itemId" label={t('rounds.schedules.item')}>
          <Select
            loading={standard.isPending && !!postKind}
            options={[
              { value: SERVICE_MOMENT, label: t('rounds.schedules.itemNone') },
              ...items.map((i) => ({ value: i.id, label: `${i.id} · ${locale === 'zh-CN' ? i.text.zh : i.text.en}` })),
            ]}
            showSearch
            optionFilterProp="label"
            data-testid="schedule-item"
          />
        </Form.Item>
        <Space.Compact block style={{ gap: 12 }}>
          <Form.Item
            name="labelZh"
            label={t('rounds.schedules.labelZh')}
            style={{ flex: 1 }}
            extra={itemId ? t('rounds.schedules.labelHint') : undefined}
            rules={[{ required: !itemId, message: t('rounds.schedules.labelZh') }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item
            name="labelEn"
            label={t('rounds.schedules.labelEn')}
            style={{ flex: 1 }}
            rules={[{ required: !itemId, message: t('rounds.schedules.labelEn') }]}
          >
            <Input maxLength={100} />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="kind" label={t('rounds.schedules.recurrence')}>
          <Radio.Group
            optionType="button"
            options={(['interval', 'before_open', 'times'] as const).map((k) => ({ value: k, label: t(`rounds.recurrenceKind.${k}`) }))}
          />
        </Form.Item>
        {kind === 'interval' ? (
          <>
            <Form.Item name="everyMinutes" label={t('rounds.schedules.everyMinutes')} rules={[{ required: true }]}>
              <InputNumber min={5} max={720} />
            </Form.Item>
            <Form.Item name="allDay" label={t('rounds.schedules.allDay')} extra={t('rounds.schedules.allDayHint')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </>
        ) : null}
        {kind === 'before_open' ? (
          <Form.Item name="minutesBeforeOpen" label={t('rounds.schedules.minutesBeforeOpen')} rules={[{ required: true }]}>
            <InputNumber min={0} max={240} />
          </Form.Item>
        ) : null}
        {kind === 'times' ? (
          <Form.Item
            name="times"
            label={t('rounds.schedules.times')}
            extra={t('rounds.schedules.timesHint')}
            rules={[
              { required: true },
              {
                validator: (_, v?: string[]) =>
                  (v ?? []).every((x) => /^([01]\d|2[0-3]):[0-5]\d$/.test(x)) ? Promise.resolve() : Promise.reject(new Error('HH:MM')),
              },
            ]}
          >
            <Select mode="tags" tokenSeparators={[',', ' ', '、']} placeholder="11:00" open={false} />
          </Form.Item>
        ) : null}
        <Form.Item name="weekdays" label={t('rounds.schedules.weekdays')} extra={t('rounds.schedules.weekdaysHint')}>
          <Checkbox.Group options={([1, 2, 3, 4, 5, 6, 7] as const).map((d) => ({ value: d, label: t(`weekdays.${d}`) }))} />
        </Form.Item>
        <Form.Item name="season" label={t('rounds.schedules.season')} extra={t('rounds.schedules.seasonHint')}>
          <DatePicker.RangePicker allowEmpty={[false, false]} />
        </Form.Item>
        <Form.Item name="graceMinutes" label={t('rounds.schedules.grace')} extra={t('rounds.schedules.graceHint')} rules={[{ required: true }]}>
          <InputNumber min={1} max={240} />
        </Form.Item>
        <Form.Item name="proof" label={t('rounds.schedules.proof')}>
          <Radio.Group optionType="button" options={(['scan', 'tap'] as const).map((p) => ({ value: p, label: t(`rounds.proof.${p}`) }))} />
        </Form.Item>
        {proof === 'scan' ? (
          <Form.Item
            name="checkpointId"
            label={t('rounds.schedules.checkpoint')}
            extra={t('rounds.schedules.checkpointHint')}
            rules={[{ required: true }]}
          >
            <Select
              loading={checkpoints.isPending}
              notFoundContent={t('rounds.schedules.noCheckpoints')}
              options={liveCheckpoints.map((c) => ({ value: c.id, label: `${locale === 'zh-CN' ? c.nameZh : c.nameEn} · ${c.zoneName}` }))}
            />
          </Form.Item>
        ) : null}
      </Form>
    </Drawer>
  );
}
