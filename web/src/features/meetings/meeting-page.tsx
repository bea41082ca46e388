import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Statistic,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { ArrowLeftOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ActionItem, AttendanceStatus, MeetingAttendee, MeetingDetail, MeetingFigures } from '@anchang/contracts';
import { ATTENDANCE_STATUSES } from '@anchang/contracts';
import { describeError } from '../../shared/api/errors';
import { formatDateTime } from '../../shared/format/time';
import { useCurrentSite } from '../../shared/site/current-site';
import { EmptyState } from '../../shared/ui/empty-state';
import { ErrorAlert, PageSpinner } from '../../shared/ui/load-state';
import { PageHeader } from '../../shared/ui/page-header';
import { meetingsApi, useMeeting, useMeetingWrite } from './meetings-api';
import styles from './meetings.module.css';

const FIGURE_KEYS: (keyof MeetingFigures)[] = ['rostered', 'absent', 'late', 'visitors', 'anomalies', 'missedRounds', 'openRepairs', 'opinions'];
/** Figures that read as trouble when above zero. */
const WARNING_FIGURES = new Set<keyof MeetingFigures>(['absent', 'late', 'anomalies', 'missedRounds', 'openRepairs']);
const ATTENDANCE_COLORS: Record<AttendanceStatus, string> = { present: 'success', absent: 'error', excused: 'warning' };

/** One debrief or weekly review: its figures, attendance (debrief), minutes and action items; closed and signed, it is frozen. */
export function MeetingPage() {
  const { t } = useTranslation();
  const site = useCurrentSite();
  const navigate = useNavigate();
  const { meetingId = '' } = useParams();
  const detail = useMeeting(site.id, meetingId);
  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate(`/sites/${site.id}/meetings`)}>
      {t('meetings.detail.back')}
    </Button>
  );
  if (detail.isPending) return <PageSpinner />;
  if (detail.isError)
    return (
      <>
        <PageHeader title={t('meetings.title')} extra={back} />
        <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />
      </>
    );
  return <MeetingView detail={detail.data} back={back} />;
}

function MeetingView({ detail, back }: { detail: MeetingDetail; back: React.ReactNode }) {
  const { t } = useTranslation();
  const site = useCurrentSite();
  const { modal, message } = App.useApp();
  const m = detail.meeting;
  const isOpen = m.status === 'open';
  const close = useMeetingWrite(site.id, () => meetingsApi.close(site.id, m.id));
  const title = `${t(`meetings.kindLong.${m.kind}`)} · ${m.kind === 'review' ? `${m.date} – ${m.endDate}` : m.date}`;

  const confirmClose = () =>
    modal.confirm({
      title: t('meetings.detail.close'),
      content: t('meetings.detail.closeConfirm'),
      okText: t('meetings.detail.close'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await close.mutateAsync(undefined);
          void message.success(t('meetings.detail.closed'));
        } catch (error) {
          void message.error(describeError(error));
        }
      },
    });

  return (
    <div data-testid="meeting-page" data-status={m.status}>
      <PageHeader
        title={title}
        subtitle={
          <Flex gap={8} align="center" wrap component="span">
            <Tag color={isOpen ? 'processing' : 'success'} bordered={false}>
              {t(`meetings.status.${m.status}`)}
            </Tag>
            <span>{t('meetings.detail.openedBy', { name: m.openedByName, time: formatDateTime(m.openedAt, site.timeZone) })}</span>
            {m.closedAt ? (
              <span>· {t('meetings.detail.closedBy', { name: m.closedByName ?? '', time: formatDateTime(m.closedAt, site.timeZone) })}</span>
            ) : null}
          </Flex>
        }
        extra={
          <>
            {back}
            {isOpen ? (
              <Button type="primary" onClick={confirmClose} loading={close.isPending} data-testid="close-meeting">
                {t('meetings.detail.close')}
              </Button>
            ) : null}
          </>
        }
      />
      {!isOpen ? <Alert type="info" showIcon title={t('meetings.detail.frozenHint')} className={styles.card} /> : null}
      <FiguresCard detail={detail} />
      <Row gutter={16}>
        <Col xs={24} xl={m.kind === 'debrief' ? 14 : 24}>
          {m.kind === 'debrief' ? <AttendanceCard detail={detail} /> : <WeekDaysCard detail={detail} />}
        </Col>
        {m.kind === 'debrief' ? (
          <Col xs={24} xl={10}>
            <MinutesCard detail={detail} />
          </Col>
        ) : null}
      </Row>
      {m.kind === 'review' ? <MinutesCard detail={detail} /> : null}
      <ItemsCard detail={detail} />
      {m.kind === 'review' ? <CarriedCard detail={detail} /> : null}
    </div>
  );
}

function FiguresCard({ detail }: { detail: MeetingDetail }) {
  const { t } = useTranslation();
  return (
    <Card title={detail.meeting.kind === 'review' ? t('meetings.figures.weekTitle') : t('meetings.figures.title')} className={styles.card}>
      <div className={styles.figures} data-testid="meeting-figures">
        {FIGURE_KEYS.map((key) => (
          <Statistic
            key={key}
            title={t(`meetings.figures.${key}`)}
            value={detail.figures[key]}
            styles={{ content: { color: WARNING_FIGURES.has(key) && detail.figures[key] > 0 ? '#c4281c' : undefined } }}
          />
        ))}
      </div>
    </Card>
  );
}

function WeekDaysCard({ detail }: { detail: MeetingDetail }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<MeetingDetail['days'][number]> = [
    { title: t('meetings.figures.day'), dataIndex: 'date', width: 140, render: (d: string) => `${d} ${dayjs(d).format('dd')}` },
    ...FIGURE_KEYS.map((key) => ({
      title: t(`meetings.figures.${key}`),
      key,
      align: 'right' as const,
      render: (_: unknown, row: MeetingDetail['days'][number]) => row.figures[key],
    })),
  ];
  return (
    <Card title={t('meetings.figures.perDay')} className={styles.card}>
      <Table rowKey="date" size="small" columns={columns} dataSource={detail.days} pagination={false} scroll={{ x: 800 }} />
    </Card>
  );
}

function AttendanceCard({ detail }: { detail: MeetingDetail }) {
  const { t } = useTranslation();
  const site = useCurrentSite();
  const { message } = App.useApp();
  const isOpen = detail.meeting.status === 'open';
  const correct = useMeetingWrite(site.id, (input: { personId: string; status: AttendanceStatus }) =>
    meetingsApi.correct(site.id, detail.meeting.id, input.personId, input.status),
  );
  const count = (s: AttendanceStatus) => detail.attendance.filter((a) => a.status === s).length;
  const answerText = (a: MeetingAttendee) =>
    a.clockOutAnswer === null
      ? t('meetings.attendance.answers.none')
      : a.clockOutAnswer
        ? t('meetings.attendance.answers.yes')
        : t('meetings.attendance.answers.no');
  const columns: TableColumnsType<MeetingAttendee> = [
    {
      title: t('meetings.attendance.person'),
      key: 'person',
      render: (_, a) => (
        <Flex vertical>
          <Typography.Text strong>{a.personName}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {a.postNames.join(' · ')}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('meetings.attendance.answer'),
      key: 'answer',
      width: 130,
      render: (_, a) => <Typography.Text type={a.clockOutAnswer === null ? 'secondary' : undefined}>{answerText(a)}</Typography.Text>,
    },
    {
      title: t('meetings.attendance.status'),
      key: 'status',
      width: 240,
      render: (_, a) => (
        <Flex vertical gap={2}>
          {isOpen ? (
            <Select<AttendanceStatus>
              value={a.status}
              size="small"
              style={{ width: 120 }}
              aria-label={`${t('meetings.attendance.status')} ${a.personName}`}
              disabled={correct.isPending}
              onChange={(status) =>
                void correct
                  .mutateAsync({ personId: a.personId, status })
                  .then(() => void message.success(t('meetings.attendance.saved')))
                  .catch((error: unknown) => void message.error(describeError(error)))
              }
              options={ATTENDANCE_STATUSES.map((s) => ({ value: s, label: t(`meetings.attendance.statuses.${s}`) }))}
              data-testid={`attendance-${a.personId}`}
            />
          ) : (
            <Tag color={ATTENDANCE_COLORS[a.status]} style={{ width: 'fit-content' }}>
              {t(`meetings.attendance.statuses.${a.status}`)}
            </Tag>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {a.correctedByName && a.correctedAt
              ? t('meetings.attendance.corrected', { name: a.correctedByName, time: formatDateTime(a.correctedAt, site.timeZone).slice(11) })
              : a.clockOutAnswer === null
                ? t('meetings.attendance.noAnswer')
                : t('meetings.attendance.fromClockOut')}
          </Typography.Text>
        </Flex>
      ),
    },
  ];
  return (
    <Card
      title={t('meetings.attendance.title')}
      className={styles.card}
      extra={
        <Typography.Text type="secondary">
          {t('meetings.attendance.summary', { present: count('present'), absent: count('absent'), excused: count('excused') })}
        </Typography.Text>
      }
    >
      <Table
        rowKey="personId"
        size="small"
        columns={columns}
        dataSource={detail.attendance}
        pagination={false}
        locale={{ emptyText: <EmptyState title={t('meetings.attendance.empty')} hint={t('meetings.attendance.emptyHint')} /> }}
        data-testid="attendance-table"
      />
    </Card>
  );
}

function MinutesCard({ detail }: { detail: MeetingDetail }) {
  const { t } = useTranslation();
  const site = useCurrentSite();
  const { message } = App.useApp();
  const isOpen = detail.meeting.status === 'open';
  const [text, setText] = useState(detail.minutes);
  // Another manager's save (a realtime refetch) replaces the text only while this one holds no edit.
  const [edited, setEdited] = useState(false);
  useEffect(() => {
    if (!edited) setText(detail.minutes);
  }, [detail.minutes, edited]);
  const save = useMeetingWrite(site.id, (minutes: string) => meetingsApi.saveMinutes(site.id, detail.meeting.id, minutes));
  return (
    <Card title={t('meetings.minutes.title')} className={styles.card}>
      {isOpen ? (
        <Flex vertical gap={12}>
          <Input.TextArea
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setEdited(true);
            }}
            autoSize={{ minRows: 6, maxRows: 16 }}
            maxLength={10_000}
            placeholder={t('meetings.minutes.placeholder')}
            aria-label={t('meetings.minutes.title')}
            data-testid="minutes-input"
          />
          <Flex justify="flex-end">
            <Button
              type="primary"
              ghost
              loading={save.isPending}
              disabled={!edited}
              onClick={() =>
                void save
                  .mutateAsync(text)
                  .then(() => {
                    setEdited(false);
                    void message.success(t('meetings.minutes.saved'));
                  })
                  .catch((error: unknown) => void message.error(describeError(error)))
              }
            >
              {t('meetings.minutes.save')}
            </Button>
          </Flex>
        </Flex>
      ) : (
        <Typography.Paragraph className={styles.minutes} type={detail.minutes ? undefined : 'secondary'}>
          {detail.minutes || t('meetings.minutes.none')}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

function useItemColumns(opts: { showSource: boolean }): TableColumnsType<ActionItem> {
  const { t } = useTranslation();
  const site = useCurrentSite();
  const { message } = App.useApp();
  const done = useMeetingWrite(site.id, (itemId: string) => meetingsApi.markDone(site.id, itemId));
  return [
    {
      title: t('meetings.items.text'),
      key: 'text',
      render: (_, i) => (
        <Flex vertical>
          <Typography.Text>{i.text}</Typography.Text>
          {opts.showSource ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('meetings.items.from', { kind: t(`meetings.kinds.${i.meetingKind}`), date: i.meetingDate })}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    { title: t('meetings.items.owner'), dataIndex: 'ownerName', width: 160, ellipsis: true },
    {
      title: t('meetings.items.due'),
      key: 'due',
      width: 150,
      render: (_, i) => (
        <Flex gap={6} align="center" wrap>
          <span className={styles.num}>{i.dueDate}</span>
          {i.isOverdue ? <Tag color="error">{t('meetings.items.overdue')}</Tag> : null}
          {i.isDoneLate ? <Tag color="warning">{t('meetings.items.doneLate')}</Tag> : null}
        </Flex>
      ),
    },
    {
      title: t('meetings.items.status'),
      key: 'status',
      width: 250,
      render: (_, i) =>
        i.status === 'done' ? (
          <Flex vertical>
            <Tag color="success" style={{ width: 'fit-content' }}>
              {t('meetings.items.statuses.done')}
            </Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('meetings.items.doneAt', { name: i.doneByName ?? '', time: formatDateTime(i.doneAt ?? 0, site.timeZone) })}
            </Typography.Text>
          </Flex>
        ) : (
          <Flex gap={8} align="center">
            <Tag color="processing" bordered={false}>
              {t('meetings.items.statuses.open')}
            </Tag>
            <Button
              size="small"
              loading={done.isPending && done.variables === i.id}
              onClick={() =>
                void done
                  .mutateAsync(i.id)
                  .then(() => void message.success(t('meetings.items.markedDone')))
                  .catch((error: unknown) => void message.error(describeError(error)))
              }
            >
              {t('meetings.items.markDone')}
            </Button>
          </Flex>
        ),
    },
  ];
}

function ItemsCard({ detail }: { detail: MeetingDetail }) {
  const { t } = useTranslation();
  const columns = useItemColumns({ showSource: false });
  const [adding, setAdding] = useState(false);
  const isOpen = detail.meeting.status === 'open';
  return (
    <Card
      title={t('meetings.items.title')}
      className={styles.card}
      extra={
        isOpen ? (
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="add-action-item">
            {t('meetings.items.add')}
          </Button>
        ) : null
      }
    >
      <Table
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={detail.actionItems}
        pagination={false}
        locale={{ emptyText: <EmptyState title={t('meetings.items.empty')} /> }}
        data-testid="action-items"
      />
      <AddItemModal detail={detail} open={adding} onClose={() => setAdding(false)} />
    </Card>
  );
}

function CarriedCard({ detail }: { detail: MeetingDetail }) {
  const { t } = useTranslation();
  const columns = useItemColumns({ showSource: true });
  return (
    <Card title={t('meetings.items.carriedTitle')} className={styles.card}>
      <Typography.Paragraph type="secondary">{t('meetings.items.carriedHint')}</Typography.Paragraph>
      <Table
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={detail.carriedOver}
        pagination={false}
        locale={{ emptyText: <EmptyState title={t('meetings.items.carriedEmpty')} /> }}
        data-testid="carried-items"
      />
    </Card>
  );
}

interface ItemForm {
  text: string;
  ownerId: string;
  due: dayjs.Dayjs;
}

function AddItemModal({ detail, open, onClose }: { detail: MeetingDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const site = useCurrentSite();
  const { message } = App.useApp();
  const [form] = Form.useForm<ItemForm>();
  const add = useMeetingWrite(site.id, (body: { text: string; ownerId: string; dueDate: string }) =>
    meetingsApi.addItem(site.id, detail.meeting.id, body),
  );
  const submit = async (values: ItemForm) => {
    try {
      await add.mutateAsync({ text: values.text, ownerId: values.ownerId, dueDate: values.due.format('YYYY-MM-DD') });
      void message.success(t('meetings.items.added'));
      form.resetFields();
      onClose();
    } catch (error) {
      void message.error(describeError(error));
    }
  };
  return (
    <Modal
      title={t('meetings.items.addTitle')}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      confirmLoading={add.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ due: dayjs(detail.meeting.endDate).add(1, 'day') }}>
        <Form.Item name="text" label={t('meetings.items.text')} rules={[{ required: true, whitespace: true, message: t('meetings.items.required') }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} placeholder={t('meetings.items.textPlaceholder')} />
        </Form.Item>
        <Form.Item name="ownerId" label={t('meetings.items.owner')} rules={[{ required: true, message: t('meetings.items.required') }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('meetings.items.ownerPlaceholder')}
            options={detail.members.map((p) => ({ value: p.personId, label: p.name }))}
          />
        </Form.Item>
        <Form.Item name="due" label={t('meetings.items.due')} rules={[{ required: true, message: t('meetings.items.required') }]}>
          <DatePicker allowClear={false} disabledDate={(d) => d.format('YYYY-MM-DD') < detail.meeting.date} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
