import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Image,
  Input,
  InputNumber,
  Modal,
  Radio,
  Row,
  Select,
  Space,
  Statistic,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_CATEGORY_LABELS,
  COMPLAINT_CHANNEL_LABELS,
  COMPLAINT_CHANNELS,
  COMPLAINT_FILERS,
  COMPLAINT_SEVERITIES,
  COMPLAINT_SEVERITY_LABELS,
  COMPLAINT_STATUS_LABELS,
  COMPLAINT_STATUSES,
  type Complaint,
  type ComplaintAction,
  type ComplaintEvent,
  type ComplaintSettings,
  type ComplaintStatus,
  type ComplaintSummary,
  type FileComplaintBody,
} from '@anchang/contracts';
import { useLocale } from '../../i18n';
import { describeError } from '../../shared/api/errors';
import { canManageSite } from '../../shared/auth/access';
import { todayAt } from '../../shared/format/local-date';
import { formatLocal } from '../../shared/format/time';
import { useCurrentSite } from '../../shared/site/current-site';
import { ErrorAlert, PageSpinner } from '../../shared/ui/load-state';
import { PageHeader } from '../../shared/ui/page-header';
import { PagedTable } from '../../shared/ui/paged-table';
import { usePeople } from '../people/use-people';
import { usePosts } from '../posts/use-posts';
import {
  complaintsApi,
  photoUrl,
  SEVERITY_COLORS,
  STATUS_COLORS,
  useComplaint,
  useComplaintFigures,
  useComplaintMutation,
  useComplaints,
  useComplaintSettings,
  type ComplaintFilter,
  type ComplaintMove,
} from './complaints-api';
import styles from './complaints.module.css';

const useLabel = () => {
  const locale = useLocale();
  return (x: { zh: string; en: string }) => (locale === 'en-US' ? x.en : x.zh);
};

/** 投诉处理: the month's figures, the list with its filters, and a drawer with the timeline and the moves this reader may make. */
export function ComplaintsPage() {
  const { t } = useTranslation();
  const site = useCurrentSite();
  const [openId, setOpenId] = useState<string | null>(null);
  const [filing, setFiling] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const canFile = (COMPLAINT_FILERS as readonly string[]).includes(site.role);
  return (
    <>
      <PageHeader
        title={t('complaints.title')}
        subtitle={t('complaints.subtitle')}
        extra={
          <>
            <Button onClick={() => setSettingsOpen(true)}>{t('complaints.settings')}</Button>
            {canFile ? (
              <Button type="primary" onClick={() => setFiling(true)} data-testid="complaint-file">
                {t('complaints.file')}
              </Button>
            ) : null}
          </>
        }
      />
      <MonthFigures />
      <ComplaintList onOpen={setOpenId} />
      <ComplaintDrawer id={openId} onClose={() => setOpenId(null)} />
      {filing ? <FileComplaintModal onClose={() => setFiling(false)} onFiled={(id) => setOpenId(id)} /> : null}
      {settingsOpen ? <SettingsModal onClose={() => setSettingsOpen(false)} /> : null}
    </>
  );
}

function MonthFigures() {
  const { t } = useTranslation();
  const label = useLabel();
  const site = useCurrentSite();
  const month = todayAt(site.timeZone).slice(0, 7);
  const figures = useComplaintFigures(site.id, month);
  const f = figures.data;
  const none = t('complaints.figures.none');
  return (
    <Card size="small" className={styles.figures} title={`${t('complaints.month')} · ${month}`} data-testid="complaint-figures">
      {figures.isError ? <ErrorAlert error={figures.error} onRetry={() => void figures.refetch()} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={8} md={4}>
          <Statistic title={t('complaints.figures.received')} value={f?.received ?? none} loading={figures.isPending} />
        </Col>
        <Col xs={8} md={4}>
          <Statistic title={t('complaints.figures.closed')} value={f?.closed ?? none} loading={figures.isPending} />
        </Col>
        <Col xs={8} md={4}>
          <Statistic
            title={t('complaints.figures.overdue')}
            value={f?.overdue ?? none}
            loading={figures.isPending}
            valueStyle={f?.overdue ? { color: '#cf1322' } : undefined}
          />
        </Col>
        <Col xs={8} md={4}>
          <Statistic
            title={t('complaints.figures.avgHours')}
            value={f?.averageHoursToResult == null ? none : t('complaints.figures.hours', { hours: f.averageHoursToResult })}
            loading={figures.isPending}
          />
        </Col>
        <Col xs={8} md={4}>
          <Statistic
            title={t('complaints.figures.satisfied')}
            value={f?.satisfiedShare == null ? none : `${Math.round(f.satisfiedShare * 100)}%`}
            loading={figures.isPending}
          />
        </Col>
        <Col xs={8} md={4}>
          <Statistic title={t('complaints.figures.reopened')} value={f?.reopened ?? none} loading={figures.isPending} />
        </Col>
      </Row>
      {f && f.received > 0 ? (
        <Flex wrap gap={6} className={styles.breakdown}>
          {COMPLAINT_CATEGORIES.filter((c) => f.byCategory[c]).map((c) => (
            <Tag key={c}>
              {label(COMPLAINT_CATEGORY_LABELS[c])} {f.byCategory[c]}
            </Tag>
          ))}
          <span className={styles.separator} aria-hidden />
          {COMPLAINT_SEVERITIES.filter((s) => f.bySeverity[s]).map((s) => (
            <Tag key={s} color={SEVERITY_COLORS[s]}>
              {label(COMPLAINT_SEVERITY_LABELS[s])} {f.bySeverity[s]}
            </Tag>
          ))}
        </Flex>
      ) : null}
    </Card>
  );
}

function ComplaintList({ onOpen }: { onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const label = useLabel();
  const site = useCurrentSite();
  const [filter, setFilter] = useState<ComplaintFilter>({});
  const list = useComplaints(site.id, filter);
  const isWaiting = (r: ComplaintSummary) => r.status === 'received' || r.status === 'handling';
  return (
    <Card styles={{ body: { paddingTop: 16 } }}>
      <div className={styles.filters}>
        <Select
          allowClear
          placeholder={t('complaints.filters.status')}
          aria-label={t('complaints.filters.status')}
          style={{ width: 150 }}
          value={filter.status}
          onChange={(status?: ComplaintFilter['status']) => setFilter((f) => ({ ...f, status }))}
          options={[
            { value: 'open', label: t('complaints.filters.open') },
            ...COMPLAINT_STATUSES.map((s) => ({ value: s, label: label(COMPLAINT_STATUS_LABELS[s]) })),
          ]}
        />
        <Select
          allowClear
          placeholder={t('complaints.filters.category')}
          aria-label={t('complaints.filters.category')}
          style={{ width: 170 }}
          value={filter.category}
          onChange={(category?: ComplaintFilter['category']) => setFilter((f) => ({ ...f, category }))}
          options={COMPLAINT_CATEGORIES.map((c) => ({ value: c, label: label(COMPLAINT_CATEGORY_LABELS[c]) }))}
        />
        <Select
          allowClear
          placeholder={t('complaints.filters.severity')}
          aria-label={t('complaints.filters.severity')}
          style={{ width: 140 }}
          value={filter.severity}
          onChange={(severity?: ComplaintFilter['severity']) => setFilter((f) => ({ ...f, severity }))}
          options={COMPLAINT_SEVERITIES.map((s) => ({ value: s, label: label(COMPLAINT_SEVERITY_LABELS[s]) }))}
        />
        <DatePicker.RangePicker
          aria-label={t('complaints.filters.dates')}
          value={filter.from && filter.to ? [dayjs(filter.from), dayjs(filter.to)] : null}
          onChange={(range) =>
            setFilter((f) => ({ ...f, from: range?.[0]?.format('YYYY-MM-DD') ?? undefined, to: range?.[1]?.format('YYYY-MM-DD') ?? undefined }))
          }
        />
        <Checkbox checked={!!filter.overdue} onChange={(e) => setFilter((f) => ({ ...f, overdue: e.target.checked || undefined }))}>
          {t('complaints.filters.overdue')}
        </Checkbox>
      </div>
      <PagedTable<ComplaintSummary>
        query={list}
        rowKey="id"
        testId="complaints-table"
        empty={{ title: t('complaints.empty'), hint: t('complaints.emptyHint') }}
        loadedText={false}
        flush={false}
        onRow={(r) => ({ onClick: () => onOpen(r.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('complaints.columns.number'), render: (_, r) => `#${r.number}`, width: 70 },
          { title: t('complaints.columns.received'), render: (_, r) => formatLocal(r.receivedAt, site.timeZone, 'MM-DD HH:mm'), width: 110 },
          {
            title: t('complaints.columns.category'),
            width: 150,
            render: (_, r) => (
              <Space size={4} wrap>
                {label(COMPLAINT_CATEGORY_LABELS[r.category])}
                <Tag color={SEVERITY_COLORS[r.severity]}>{label(COMPLAINT_SEVERITY_LABELS[r.severity])}</Tag>
              </Space>
            ),
          },
          {
            title: t('complaints.columns.description'),
            render: (_, r) => (
              <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
                {r.description}
              </Typography.Paragraph>
            ),
          },
          { title: t('complaints.columns.post'), width: 120, render: (_, r) => r.postName ?? '—' },
          {
            title: t('complaints.columns.owner'),
            width: 120,
            render: (_, r) => r.ownerName ?? <Typography.Text type="secondary">{t('complaints.noOwner')}</Typography.Text>,
          },
          {
            title: t('complaints.columns.deadline'),
            width: 130,
            render: (_, r) =>
              isWaiting(r) ? (
                <Typography.Text type={r.isOverdue ? 'danger' : undefined}>
                  {formatLocal(r.deadlineAt, site.timeZone, 'MM-DD HH:mm')}
                  {r.isOverdue ? ` · ${t('complaints.overdue')}` : ''}
                </Typography.Text>
              ) : r.isOverdue ? (
                <Tag color="red">{t('complaints.overdue')}</Tag>
              ) : (
                '—'
              ),
          },
          {
            title: t('complaints.columns.status'),
            width: 130,
            render: (_, r) => (
              <Space size={4} wrap>
                <Tag color={STATUS_COLORS[r.status]}>{label(COMPLAINT_STATUS_LABELS[r.status])}</Tag>
                {r.reopenCount ? <Tag color="volcano">{t('complaints.reopened', { count: r.reopenCount })}</Tag> : null}
              </Space>
            ),
          },
          { title: t('complaints.columns.source'), width: 100, render: (_, r) => t(`complaints.source.${r.source}`) },
        ]}
      />
    </Card>
  );
}

const EVENT_COLORS: Record<ComplaintEvent['kind'], string> = {
  filed: 'gray',
  assigned: 'blue',
  note: 'blue',
  result: 'green',
  follow_up: 'green',
  closed: 'gray',
  reopened: 'orange',
  overdue: 'red',
  escalated: 'red',
};

function ComplaintDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const label = useLabel();
  const site = useCurrentSite();
  const one = useComplaint(site.id, id);
  const d = one.data;
  const at = (ms: number) => formatLocal(ms, site.timeZone, 'YYYY-MM-DD HH:mm');
  return (
    <Drawer open={!!id} onClose={onClose} width={680} title={d ? t('complaints.detail', { number: d.number }) : ' '} destroyOnClose>
      {one.isPending ? <PageSpinner /> : null}
      {one.isError ? <ErrorAlert error={one.error} onRetry={() => void one.refetch()} /> : null}
      {d ? (
        <Flex vertical gap={16} data-testid="complaint-detail">
          <Space size={6} wrap>
            <Tag color={STATUS_COLORS[d.status]}>{label(COMPLAINT_STATUS_LABELS[d.status])}</Tag>
            <Tag color={SEVERITY_COLORS[d.severity]}>{label(COMPLAINT_SEVERITY_LABELS[d.severity])}</Tag>
            <Tag>{label(COMPLAINT_CATEGORY_LABELS[d.category])}</Tag>
            {d.isOverdue ? <Tag color="red">{t('complaints.overdue')}</Tag> : null}
            {d.reopenCount ? <Tag color="volcano">{t('complaints.reopened', { count: d.reopenCount })}</Tag> : null}
          </Space>
          <Typography.Paragraph className={styles.description}>{d.description}</Typography.Paragraph>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('complaints.columns.complainant')}>{d.complainantName ?? t('complaints.anonymous')}</Descriptions.Item>
            <Descriptions.Item label={t('complaints.columns.phone')}>{d.complainantPhone ?? t('complaints.noPhone')}</Descriptions.Item>
            <Descriptions.Item label={t('complaints.columns.post')}>{d.postName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('complaints.columns.owner')}>{d.ownerName ?? t('complaints.noOwner')}</Descriptions.Item>
            <Descriptions.Item label={t('complaints.columns.received')}>{at(d.receivedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('complaints.columns.deadline')}>{at(d.deadlineAt)}</Descriptions.Item>
            <Descriptions.Item label={t('complaints.columns.source')}>
              {t(`complaints.source.${d.source}`)}
              {d.filedByName ? ` · ${d.filedByName}` : ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('complaints.channel')}>
              {d.resultChannel ? label(COMPLAINT_CHANNEL_LABELS[d.resultChannel]) : '—'}
            </Descriptions.Item>
            {d.resultText ? (
              <Descriptions.Item label={t('complaints.result')} span={2}>
                {d.resultText}
              </Descriptions.Item>
            ) : null}
            {d.verdict ? (
              <Descriptions.Item label={t('complaints.followUp')} span={2}>
                <Tag color={d.verdict === 'satisfied' ? 'green' : 'red'}>{t(`complaints.verdict.${d.verdict}`)}</Tag>
                {d.followUpByName && d.followUpAt ? t('complaints.followUpBy', { name: d.followUpByName, at: at(d.followUpAt) }) : null}
              </Descriptions.Item>
            ) : null}
          </Descriptions>
          {d.photoIds.length ? (
            <Image.PreviewGroup>
              <Space wrap>
                {d.photoIds.map((p) => (
                  <Image
                    key={p}
                    width={96}
                    height={96}
                    style={{ objectFit: 'cover', borderRadius: 6 }}
                    src={photoUrl(site.id, p)}
                    alt={t('complaints.photos')}
                  />
                ))}
              </Space>
            </Image.PreviewGroup>
          ) : null}
          {d.actions.length ? <ActionPanel complaint={d} /> : null}
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('complaints.timeline')}
          </Typography.Title>
          <Timeline
            items={d.events.map((e) => ({
              color: EVENT_COLORS[e.kind],
              children: (
                <div data-testid="complaint-event">
                  <Typography.Text strong>{t(`complaints.events.${e.kind}`)}</Typography.Text>
                  <Typography.Text type="secondary">
                    {' '}
                    · {e.byName ?? t('complaints.system')} · {at(e.at)}
                  </Typography.Text>
                  {e.note ? <div className={styles.note}>{e.note}</div> : null}
                </div>
              ),
            }))}
          />
        </Flex>
      ) : null}
    </Drawer>
  );
}

interface ActionValues {
  ownerId?: string;
  note?: string;
  resultText?: string;
  channel?: (typeof COMPLAINT_CHANNELS)[number];
  verdict?: 'satisfied' | 'not_satisfied';
}

/** What each state is waiting for: the form the panel opens on. */
const DEFAULT_ACTION: Record<ComplaintStatus, ComplaintAction> = {
  received: 'assign',
  handling: 'note',
  result_reported: 'follow_up',
  closed: 'reopen',
};

/** The moves this reader may make now, one form at a time. */
function ActionPanel({ complaint: d }: { complaint: Complaint }) {
  const { t } = useTranslation();
  const label = useLabel();
  const { message } = App.useApp();
  const site = useCurrentSite();
  const [action, setAction] = useState<ComplaintAction>(d.actions.includes(DEFAULT_ACTION[d.status]) ? DEFAULT_ACTION[d.status] : d.actions[0]!);
  const people = usePeople(site.id, { enabled: d.actions.includes('assign') });
  const [form] = Form.useForm<ActionValues>();
  const move = useComplaintMutation(site.id, (body: ComplaintMove) => complaintsApi.move(site.id, d.id, body));
  // The state may have moved on (live) since the form opened: fall back to what this state is for.
  const current = d.actions.includes(action) ? action : d.actions.includes(DEFAULT_ACTION[d.status]) ? DEFAULT_ACTION[d.status] : d.actions[0]!;
  const submit = (v: ActionValues) => {
    const note = v.note?.trim() || undefined;
    const body: ComplaintMove =
      current === 'assign'
        ? { action: 'assign', ownerId: v.ownerId!, note }
        : current === 'report_result'
          ? { action: 'report_result', resultText: v.resultText ?? '', channel: v.channel! }
          : current === 'follow_up'
            ? { action: 'follow_up', verdict: v.verdict!, note }
            : current === 'reopen'
              ? { action: 'reopen', note: note ?? '' }
              : current === 'close'
                ? { action: 'close', note }
                : { action: 'note', note: note ?? '' };
    move.mutate(body, {
      onSuccess: () => {
        form.resetFields();
        void message.success(t('complaints.saved'));
      },
    });
  };
  const owners = (people.data ?? []).filter((p) => p.role === 'site_manager' || p.role === 'supervisor' || p.role === 'staff');
  return (
    <Card size="small" className={styles.actionCard} data-testid="complaint-actions">
      <Radio.Group
        value={current}
        onChange={(e) => setAction(e.target.value as ComplaintAction)}
        optionType="button"
        buttonStyle="solid"
        size="small"
      >
        {d.actions.map((a) => (
          <Radio.Button key={a} value={a}>
            {t(`complaints.actions.${a}`)}
          </Radio.Button>
        ))}
      </Radio.Group>
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        style={{ marginTop: 12 }}
        initialValues={{ ownerId: d.ownerId ?? undefined }}
        key={current}
      >
        {current === 'assign' ? (
          <Form.Item name="ownerId" label={t('complaints.form.owner')} rules={[{ required: true, message: t('complaints.form.required') }]}>
            <Select
              showSearch
              optionFilterProp="label"
              loading={people.isPending}
              placeholder={t('complaints.form.ownerPick')}
              options={owners.map((p) => ({ value: p.id, label: `${p.name} · ${t(`roles.${p.role}`)}` }))}
            />
          </Form.Item>
        ) : null}
        {current === 'report_result' ? (
          <>
            <Form.Item
              name="resultText"
              label={t('complaints.form.resultText')}
              rules={[{ required: true, whitespace: true, message: t('complaints.form.required') }]}
            >
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
            <Form.Item name="channel" label={t('complaints.form.channel')} rules={[{ required: true, message: t('complaints.form.required') }]}>
              <Radio.Group options={COMPLAINT_CHANNELS.map((c) => ({ value: c, label: label(COMPLAINT_CHANNEL_LABELS[c]) }))} />
            </Form.Item>
          </>
        ) : null}
        {current === 'follow_up' ? (
          <Form.Item name="verdict" label={t('complaints.form.verdict')} rules={[{ required: true, message: t('complaints.form.required') }]}>
            <Radio.Group
              options={[
                { value: 'satisfied', label: t('complaints.verdict.satisfied') },
                { value: 'not_satisfied', label: t('complaints.verdict.not_satisfied') },
              ]}
            />
          </Form.Item>
        ) : null}
        {current !== 'report_result' ? (
          <Form.Item
            name="note"
            label={
              current === 'follow_up'
                ? t('complaints.form.followUpNote')
                : current === 'close'
                  ? t('complaints.form.closeNote')
                  : current === 'reopen'
                    ? t('complaints.form.reopenNote')
                    : t('complaints.form.note')
            }
            rules={current === 'note' || current === 'reopen' ? [{ required: true, whitespace: true, message: t('complaints.form.required') }] : []}
          >
            <Input.TextArea rows={2} maxLength={2000} placeholder={current === 'note' ? t('complaints.form.notePlaceholder') : undefined} />
          </Form.Item>
        ) : null}
        {move.isError ? <ErrorAlert error={move.error} /> : null}
        <Button type="primary" htmlType="submit" loading={move.isPending} data-testid="complaint-action-submit">
          {t(`complaints.actions.${current}`)}
        </Button>
      </Form>
    </Card>
  );
}

interface FileValues {
  category: FileComplaintBody['category'];
  severity: FileComplaintBody['severity'];
  description: string;
  postId?: string;
  complainantName?: string;
  complainantPhone?: string;
  phoneConsent?: boolean;
}

function FileComplaintModal({ onClose, onFiled }: { onClose: () => void; onFiled: (id: string) => void }) {
  const { t } = useTranslation();
  const label = useLabel();
  const site = useCurrentSite();
  const posts = usePosts(site.id);
  const [form] = Form.useForm<FileValues>();
  const file = useComplaintMutation(site.id, (body: FileComplaintBody) => complaintsApi.file(site.id, body));
  const phone = Form.useWatch('complainantPhone', form);
  const submit = (v: FileValues) =>
    file.mutate(
      {
        via: 'console',
        category: v.category,
        severity: v.severity,
        description: v.description.trim(),
        postId: v.postId || undefined,
        complainantName: v.complainantName?.trim() || undefined,
        complainantPhone: v.complainantPhone?.trim() || undefined,
        phoneConsent: v.complainantPhone?.trim() ? !!v.phoneConsent : undefined,
      },
      {
        onSuccess: (c) => {
          onClose();
          onFiled(c.id);
        },
      },
    );
  return (
    <Modal
      open
      title={t('complaints.fileTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('complaints.form.submit')}
      confirmLoading={file.isPending}
      width={560}
      destroyOnClose
    >
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ severity: 'normal' }} data-testid="complaint-file-form">
        <Form.Item name="category" label={t('complaints.form.category')} rules={[{ required: true, message: t('complaints.form.required') }]}>
          <Select options={COMPLAINT_CATEGORIES.map((c) => ({ value: c, label: label(COMPLAINT_CATEGORY_LABELS[c]) }))} />
        </Form.Item>
        <Form.Item name="severity" label={t('complaints.form.severity')} rules={[{ required: true }]}>
          <Radio.Group optionType="button" options={COMPLAINT_SEVERITIES.map((s) => ({ value: s, label: label(COMPLAINT_SEVERITY_LABELS[s]) }))} />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('complaints.form.description')}
          rules={[{ required: true, whitespace: true, message: t('complaints.form.required') }]}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('complaints.form.descriptionPlaceholder')} />
        </Form.Item>
        <Form.Item name="postId" label={t('complaints.form.post')}>
          <Select allowClear placeholder={t('complaints.form.noPost')} options={(posts.data ?? []).map((p) => ({ value: p.id, label: p.name }))} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="complainantName" label={t('complaints.form.complainantName')}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="complainantPhone"
              label={t('complaints.form.complainantPhone')}
              rules={[{ pattern: /^1[3-9][0-9]{9}$/, message: t('errors.VALIDATION_FAILED') }]}
            >
              <Input maxLength={11} inputMode="tel" />
            </Form.Item>
          </Col>
        </Row>
        {phone ? (
          <Form.Item
            name="phoneConsent"
            valuePropName="checked"
            rules={[{ validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error(t('errors.COMPLAINT_PHONE_CONSENT_REQUIRED')))) }]}
          >
            <Checkbox>{t('complaints.form.phoneConsent')}</Checkbox>
          </Form.Item>
        ) : null}
        {file.isError ? <Typography.Text type="danger">{describeError(file.error)}</Typography.Text> : null}
      </Form>
    </Modal>
  );
}

function SettingsModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const label = useLabel();
  const { message } = App.useApp();
  const site = useCurrentSite();
  const settings = useComplaintSettings(site.id);
  const editable = canManageSite(site.role);
  const save = useComplaintMutation(site.id, (body: ComplaintSettings) => complaintsApi.saveSettings(site.id, body));
  const [form] = Form.useForm<ComplaintSettings['deadlineHours']>();
  return (
    <Modal
      open
      title={t('complaints.settingsTitle')}
      onCancel={onClose}
      onOk={editable ? () => form.submit() : onClose}
      okButtonProps={{ loading: save.isPending }}
      cancelButtonProps={editable ? undefined : { style: { display: 'none' } }}
      destroyOnClose
    >
      {settings.isPending ? <PageSpinner /> : null}
      {settings.isError ? <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} /> : null}
      {settings.data ? (
        <Form
          form={form}
          layout="inline"
          initialValues={settings.data.deadlineHours}
          disabled={!editable}
          onFinish={(v) =>
            save.mutate(
              { deadlineHours: v },
              {
                onSuccess: () => {
                  void message.success(t('complaints.saved'));
                  onClose();
                },
              },
            )
          }
        >
          {COMPLAINT_SEVERITIES.map((s) => (
            <Form.Item key={s} name={s} label={label(COMPLAINT_SEVERITY_LABELS[s])} rules={[{ required: true }]}>
              <InputNumber min={1} max={720} addonAfter="h" style={{ width: 120 }} />
            </Form.Item>
          ))}
        </Form>
      ) : null}
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
        {t('complaints.settingsHint')}
      </Typography.Paragraph>
      {save.isError ? <ErrorAlert error={save.error} /> : null}
    </Modal>
  );
}
