import { useState } from 'react';
import { useSearchParams } from 'react-router';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { CERTIFICATE_KINDS, type CertificateKind, type QuizQuestionInput, type TrainingSessionSummary } from '@anchang/contracts';
import { useLocale } from '../../i18n';
import { describeError } from '../../shared/api/errors';
import { canManageSite } from '../../shared/auth/access';
import { pickerToDate, todayAt } from '../../shared/format/local-date';
import { formatLocal } from '../../shared/format/time';
import { useCurrentSite } from '../../shared/site/current-site';
import { EmptyState } from '../../shared/ui/empty-state';
import { emptyOnceLoaded, ErrorAlert, PageSpinner } from '../../shared/ui/load-state';
import { PageHeader } from '../../shared/ui/page-header';
import { usePeople } from '../people/use-people';
import {
  promptIn,
  useCertificates,
  useCourses,
  useSession,
  useSessions,
  useTrainingMonth,
  useTrainingMutation,
  useTrainingSettings,
} from './use-training';
import { type CreateSessionInput, trainingApi } from './training-api';

const TABS = ['sessions', 'month', 'courses', 'certificates', 'settings'] as const;
type TabKey = (typeof TABS)[number];

/** 培训: sessions with their attendees and quizzes, the month's on-job count per person, courses, certificates, the pre-job gate. */
export function TrainingPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as TabKey) : 'sessions';
  return (
    <>
      <PageHeader title={t('training.title')} subtitle={t('training.subtitle')} />
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'sessions', label: t('training.tabs.sessions'), children: <SessionsPanel /> },
          { key: 'month', label: t('training.tabs.month'), children: <MonthPanel /> },
          { key: 'courses', label: t('training.tabs.courses'), children: <CoursesPanel /> },
          { key: 'certificates', label: t('training.tabs.certificates'), children: <CertificatesPanel /> },
          { key: 'settings', label: t('training.tabs.settings'), children: <SettingsPanel /> },
        ]}
      />
    </>
  );
}

const courseName = (s: { courseNameZh: string; courseNameEn: string }, locale: string) => (locale === 'zh-CN' ? s.courseNameZh : s.courseNameEn);

function SessionsPanel() {
  const { t } = useTranslation();
  const locale = useLocale();
  const site = useCurrentSite();
  const sessions = useSessions(site.id);
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const rows = sessions.data?.pages.flatMap((p) => p.items) ?? [];
  const canManage = canManageSite(site.role);
  return (
    <Card
      title={t('training.tabs.sessions')}
      extra={
        canManage ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="training-create">
            {t('training.sessions.create')}
          </Button>
        ) : null
      }
      styles={{ body: { padding: 0 } }}
    >
      {sessions.isError ? <ErrorAlert error={sessions.error} onRetry={() => void sessions.refetch()} /> : null}
      <Table<TrainingSessionSummary>
        rowKey="id"
        dataSource={rows}
        loading={sessions.isPending}
        pagination={false}
        data-testid="training-sessions"
        onRow={(row) => ({ onClick: () => setOpenId(row.id), style: { cursor: 'pointer' } })}
        locale={{ emptyText: emptyOnceLoaded(sessions, <EmptyState title={t('training.sessions.empty')} hint={t('training.sessions.emptyHint')} />) }}
        columns={[
          { title: t('training.sessions.date'), dataIndex: 'date', width: 120 },
          {
            title: t('training.sessions.course'),
            render: (_, r) => (
              <Space size={6}>
                <Tag color={r.kind === 'pre_job' ? 'purple' : 'blue'}>{t(`training.kinds.${r.kind}`)}</Tag>
                {courseName(r, locale)}
              </Space>
            ),
          },
          { title: t('training.sessions.trainer'), dataIndex: 'trainerName', width: 160 },
          {
            title: t('training.sessions.attendance'),
            width: 120,
            render: (_, r) => (
              <Typography.Text type={r.confirmed < r.invited ? 'warning' : 'success'}>{`${r.confirmed}/${r.invited}`}</Typography.Text>
            ),
          },
          {
            title: t('training.sessions.quiz'),
            width: 140,
            render: (_, r) =>
              r.hasQuiz ? (
                t('training.sessions.passMark', { mark: r.passMark })
              ) : (
                <Typography.Text type="secondary">{t('training.sessions.noQuiz')}</Typography.Text>
              ),
          },
        ]}
      />
      {sessions.hasNextPage ? (
        <Flex justify="center" style={{ padding: 12 }}>
          <Button onClick={() => void sessions.fetchNextPage()} loading={sessions.isFetchingNextPage}>
            {t('training.sessions.loadMore')}
          </Button>
        </Flex>
      ) : null}
      {creating ? <CreateSessionModal onClose={() => setCreating(false)} /> : null}
      <SessionDrawer sessionId={openId} onClose={() => setOpenId(null)} />
    </Card>
  );
}

function SessionDrawer({ sessionId, onClose }: { sessionId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const site = useCurrentSite();
  const session = useSession(site.id, sessionId);
  const s = session.data;
  return (
    <Drawer open={!!sessionId} onClose={onClose} size={640} title={t('training.sessions.detail')} destroyOnHidden>
      {session.isPending ? <PageSpinner /> : null}
      {session.isError ? <ErrorAlert error={session.error} onRetry={() => void session.refetch()} /> : null}
      {s ? (
        <Flex vertical gap={16} data-testid="training-session-detail">
          <Descriptions
            column={1}
            size="small"
            bordered
            items={[
              { key: 'course', label: t('training.sessions.course'), children: `${t(`training.kinds.${s.kind}`)} · ${courseName(s, locale)}` },
              { key: 'date', label: t('training.sessions.date'), children: s.date },
              { key: 'trainer', label: t('training.sessions.trainer'), children: s.trainerName },
              {
                key: 'material',
                label: t('training.sessions.material'),
                children: s.material ? (
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{s.material}</Typography.Paragraph>
                ) : (
                  t('training.sessions.noMaterial')
                ),
              },
              ...(s.hasQuiz
                ? [{ key: 'quiz', label: t('training.sessions.quiz'), children: t('training.sessions.passMark', { mark: s.passMark }) }]
                : []),
            ]}
          />
          <Table
            rowKey="personId"
            size="small"
            pagination={false}
            title={() => <Typography.Text strong>{`${t('training.sessions.attendees')} · ${s.confirmed}/${s.invited}`}</Typography.Text>}
            dataSource={s.attendees}
            columns={[
              { title: t('training.month.person'), dataIndex: 'name' },
              {
                title: t('training.sessions.confirmedAt'),
                render: (_, a) =>
                  a.confirmedAt ? (
                    formatLocal(a.confirmedAt, site.timeZone, 'MM-DD HH:mm')
                  ) : (
                    <Tag color="orange">{t('training.sessions.notConfirmed')}</Tag>
                  ),
              },
              ...(s.hasQuiz
                ? [
                    {
                      title: t('training.sessions.score'),
                      render: (_: unknown, a: (typeof s.attendees)[number]) =>
                        a.quizScore === null ? (
                          <Typography.Text type="secondary">{t('training.sessions.notTaken')}</Typography.Text>
                        ) : (
                          <Space size={6}>
                            {a.quizScore}
                            <Tag color={a.quizPassed ? 'green' : 'red'}>
                              {a.quizPassed ? t('training.sessions.passed') : t('training.sessions.failed')}
                            </Tag>
                          </Space>
                        ),
                    },
                  ]
                : []),
            ]}
          />
          {s.questions.length ? (
            <Card size="small" title={t('training.sessions.questions', { count: s.questions.length })}>
              <ol style={{ paddingLeft: 20, margin: 0 }}>
                {s.questions.map((q) => (
                  <li key={q.id} style={{ marginBottom: 8 }}>
                    <Tag>{t(`training.sessions.sources.${q.source}`)}</Tag>
                    {promptIn(q, locale)}
                    <div>
                      {q.choices.map((c, i) => (
                        <Tag key={i} color={i === q.correctIndex ? 'green' : undefined} style={{ marginTop: 4 }}>
                          {c}
                        </Tag>
                      ))}
                    </div>
                  </li>
                ))}
              </ol>
            </Card>
          ) : null}
        </Flex>
      ) : null}
    </Drawer>
  );
}

interface SessionForm {
  courseId: string;
  date: Dayjs;
  trainerName: string;
  material?: string;
  attendeeIds: string[];
  withQuiz: boolean;
  passMark: number;
  fromFactSheet: boolean;
  fromStandards: boolean;
  questions?: { prompt: string; choices: string }[];
}

function CreateSessionModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const site = useCurrentSite();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<SessionForm>();
  const courses = useCourses(site.id);
  const people = usePeople(site.id);
  const create = useTrainingMutation(site.id, (body: CreateSessionInput) => trainingApi.createSession(site.id, body));
  const withQuiz = Form.useWatch('withQuiz', form);
  const staff = (people.data ?? []).filter((p) => p.isActive && (p.role === 'staff' || p.role === 'supervisor'));

  const submit = async () => {
    const v = await form.validateFields();
    const questions: QuizQuestionInput[] = (v.questions ?? [])
      .map((q) => ({
        prompt: q.prompt.trim(),
        choices: q.choices
          .split('\n')
          .map((c) => c.trim())
          .filter(Boolean),
        correctIndex: 0,
      }))
      .filter((q) => q.prompt && q.choices.length >= 2);
    try {
      await create.mutateAsync({
        courseId: v.courseId,
        date: pickerToDate(v.date),
        trainerName: v.trainerName,
        material: v.material ?? '',
        attendeeIds: v.attendeeIds,
        ...(v.withQuiz ? { quiz: { passMark: v.passMark, questions, fromFactSheet: v.fromFactSheet, fromStandards: v.fromStandards } } : {}),
      });
      void message.success(t('training.form.created'));
      onClose();
    } catch (error) {
      void message.error(describeError(error));
    }
  };

  return (
    <Modal
      open
      title={t('training.form.title')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={create.isPending}
      width={640}
      destroyOnHidden
    >
      <Form<SessionForm>
        form={form}
        layout="vertical"
        initialValues={{ date: dayjs(todayAt(site.timeZone)), withQuiz: false, passMark: 80, fromFactSheet: true, fromStandards: true }}
        data-testid="training-session-form"
      >
        <Form.Item name="courseId" label={t('training.form.course')} rules={[{ required: true, message: t('training.form.required') }]}>
          <Select
            loading={courses.isPending}
            options={(courses.data ?? []).map((c) => ({
              value: c.id,
              label: `${t(`training.kinds.${c.kind}`)} · ${locale === 'zh-CN' ? c.nameZh : c.nameEn}`,
            }))}
          />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item name="date" label={t('training.form.date')} rules={[{ required: true }]} style={{ flex: 1 }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="trainerName"
            label={t('training.form.trainer')}
            rules={[{ required: true, message: t('training.form.required') }]}
            style={{ flex: 2 }}
          >
            <Input placeholder={t('training.form.trainerPlaceholder')} maxLength={60} />
          </Form.Item>
        </Flex>
        <Form.Item name="material" label={t('training.form.material')}>
          <Input.TextArea rows={3} maxLength={8000} />
        </Form.Item>
        <Form.Item name="attendeeIds" label={t('training.form.attendees')} rules={[{ required: true, message: t('training.form.required') }]}>
          <Select mode="multiple" loading={people.isPending} optionFilterProp="label" options={staff.map((p) => ({ value: p.id, label: p.name }))} />
        </Form.Item>
        <Form.Item name="withQuiz" valuePropName="checked">
          <Checkbox>{t('training.form.withQuiz')}</Checkbox>
        </Form.Item>
        {withQuiz ? (
          <>
            <Form.Item name="passMark" label={t('training.form.passMark')}>
              <InputNumber min={1} max={100} />
            </Form.Item>
            <Form.Item name="fromFactSheet" valuePropName="checked" style={{ marginBottom: 4 }}>
              <Checkbox>{t('training.form.fromFactSheet')}</Checkbox>
            </Form.Item>
            <Form.Item name="fromStandards" valuePropName="checked">
              <Checkbox>{t('training.form.fromStandards')}</Checkbox>
            </Form.Item>
            <Form.List name="questions">
              {(fields, { add, remove }) => (
                <Flex vertical gap={8}>
                  {fields.map((field) => (
                    <Card
                      key={field.key}
                      size="small"
                      extra={
                        <Button type="link" danger onClick={() => remove(field.name)}>
                          {t('training.certificates.remove')}
                        </Button>
                      }
                    >
                      <Form.Item name={[field.name, 'prompt']} label={t('training.form.question')} rules={[{ required: true }]}>
                        <Input maxLength={300} />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'choices']}
                        label={t('training.form.choices')}
                        rules={[{ required: true }]}
                        style={{ marginBottom: 0 }}
                      >
                        <Input.TextArea rows={3} />
                      </Form.Item>
                    </Card>
                  ))}
                  <Button icon={<PlusOutlined />} onClick={() => add({ prompt: '', choices: '' })}>
                    {t('training.form.addQuestion')}
                  </Button>
                </Flex>
              )}
            </Form.List>
          </>
        ) : null}
      </Form>
    </Modal>
  );
}

function MonthPanel() {
  const { t } = useTranslation();
  const site = useCurrentSite();
  const [month, setMonth] = useState<string | null>(null);
  const view = useTrainingMonth(site.id, month);
  const flagged = view.data?.people.filter((p) => p.flagged) ?? [];
  return (
    <Card
      title={t('training.tabs.month')}
      extra={
        <DatePicker
          picker="month"
          allowClear={false}
          value={dayjs(`${view.data?.month ?? todayAt(site.timeZone).slice(0, 7)}-01`)}
          onChange={(d: Dayjs | null) => setMonth(d ? d.format('YYYY-MM') : null)}
          aria-label={t('training.month.month')}
        />
      }
    >
      {view.isError ? <ErrorAlert error={view.error} onRetry={() => void view.refetch()} /> : null}
      {view.data ? (
        view.data.isFlagging ? (
          flagged.length ? (
            <Alert
              type="warning"
              showIcon
              title={t('training.month.flagging', { count: flagged.length })}
              description={flagged.map((p) => p.name).join('、')}
              style={{ marginBottom: 16 }}
              data-testid="training-flagged"
            />
          ) : (
            <Alert type="success" showIcon title={t('training.month.allGood')} style={{ marginBottom: 16 }} />
          )
        ) : (
          <Alert type="info" showIcon title={t('training.month.flagFrom', { date: view.data.flagFrom })} style={{ marginBottom: 16 }} />
        )
      ) : null}
      <Table
        rowKey="personId"
        size="small"
        loading={view.isPending}
        dataSource={view.data?.people ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        data-testid="training-month"
        locale={{ emptyText: emptyOnceLoaded(view, <EmptyState title={t('training.month.empty')} />) }}
        columns={[
          { title: t('training.month.person'), dataIndex: 'name' },
          { title: t('training.month.count'), dataIndex: 'onJobCount', width: 200 },
          { title: '', width: 120, render: (_, p) => (p.flagged ? <Tag color="red">{t('training.month.flagged')}</Tag> : null) },
        ]}
      />
    </Card>
  );
}

function CoursesPanel() {
  const { t } = useTranslation();
  const site = useCurrentSite();
  const courses = useCourses(site.id);
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ kind: 'pre_job' | 'on_job'; nameZh: string; nameEn: string }>();
  const add = useTrainingMutation(site.id, (body: { kind: 'pre_job' | 'on_job'; nameZh: string; nameEn: string }) =>
    trainingApi.createCourse(site.id, body),
  );
  return (
    <Card title={t('training.tabs.courses')}>
      {courses.isError ? <ErrorAlert error={courses.error} onRetry={() => void courses.refetch()} /> : null}
      <Table
        rowKey="id"
        size="small"
        loading={courses.isPending}
        dataSource={courses.data ?? []}
        pagination={false}
        locale={{ emptyText: emptyOnceLoaded(courses, <EmptyState title={t('training.courses.empty')} />) }}
        columns={[
          {
            title: t('training.courses.kind'),
            width: 120,
            render: (_, c) => <Tag color={c.kind === 'pre_job' ? 'purple' : 'blue'}>{t(`training.kinds.${c.kind}`)}</Tag>,
          },
          { title: t('training.courses.nameZh'), dataIndex: 'nameZh' },
          { title: t('training.courses.nameEn'), dataIndex: 'nameEn' },
          {
            title: '',
            width: 120,
            render: (_, c) => (
              <Typography.Text type="secondary">{c.topicKey ? t('training.courses.seeded') : t('training.courses.custom')}</Typography.Text>
            ),
          },
        ]}
      />
      {canManageSite(site.role) ? (
        <Form
          form={form}
          layout="inline"
          style={{ marginTop: 16, rowGap: 8 }}
          initialValues={{ kind: 'on_job' }}
          onFinish={(v) =>
            add.mutateAsync(v).then(
              () => form.resetFields(),
              (e: unknown) => void message.error(describeError(e)),
            )
          }
        >
          <Form.Item name="kind">
            <Select style={{ width: 120 }} options={(['pre_job', 'on_job'] as const).map((k) => ({ value: k, label: t(`training.kinds.${k}`) }))} />
          </Form.Item>
          <Form.Item name="nameZh" rules={[{ required: true, message: t('training.form.required') }]}>
            <Input placeholder={t('training.courses.nameZh')} maxLength={80} />
          </Form.Item>
          <Form.Item name="nameEn" rules={[{ required: true, message: t('training.form.required') }]}>
            <Input placeholder={t('training.courses.nameEn')} maxLength={120} />
          </Form.Item>
          <Button htmlType="submit" icon={<PlusOutlined />} loading={add.isPending}>
            {t('training.courses.add')}
          </Button>
        </Form>
      ) : null}
    </Card>
  );
}

function CertificatesPanel() {
  const { t } = useTranslation();
  const site = useCurrentSite();
  const { message } = AntApp.useApp();
  const certificates = useCertificates(site.id);
  const people = usePeople(site.id);
  const canManage = canManageSite(site.role);
  const [form] = Form.useForm<{ personId: string; kind: CertificateKind; number?: string; expiresOn: Dayjs }>();
  const add = useTrainingMutation(
    site.id,
    (body: { personId: string; kind: CertificateKind; number: string; expiresOn: string }) => trainingApi.addCertificate(site.id, body),
    true,
  );
  const remove = useTrainingMutation(site.id, (id: string) => trainingApi.removeCertificate(site.id, id), true);
  const rows = certificates.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Card title={t('training.tabs.certificates')}>
      <Alert type="info" showIcon title={t('training.certificates.rules')} style={{ marginBottom: 16 }} />
      {certificates.isError ? <ErrorAlert error={certificates.error} onRetry={() => void certificates.refetch()} /> : null}
      {canManage ? (
        <Form
          form={form}
          layout="inline"
          style={{ marginBottom: 16, rowGap: 8 }}
          data-testid="certificate-form"
          onFinish={(v) =>
            add.mutateAsync({ personId: v.personId, kind: v.kind, number: v.number ?? '', expiresOn: pickerToDate(v.expiresOn) }).then(
              () => form.resetFields(),
              (e: unknown) => void message.error(describeError(e)),
            )
          }
        >
          <Form.Item name="personId" rules={[{ required: true, message: t('training.form.required') }]}>
            <Select
              style={{ width: 180 }}
              placeholder={t('training.certificates.person')}
              showSearch={{ optionFilterProp: 'label' }}
              options={(people.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
            />
          </Form.Item>
          <Form.Item name="kind" rules={[{ required: true, message: t('training.form.required') }]}>
            <Select
              style={{ width: 180 }}
              placeholder={t('training.certificates.kind')}
              options={CERTIFICATE_KINDS.map((k) => ({ value: k, label: t(`training.certificates.kinds.${k}`) }))}
            />
          </Form.Item>
          <Form.Item name="number">
            <Input placeholder={t('training.certificates.number')} maxLength={60} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="expiresOn" rules={[{ required: true, message: t('training.form.required') }]}>
            <DatePicker placeholder={t('training.certificates.expiresOn')} />
          </Form.Item>
          <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={add.isPending}>
            {t('training.certificates.add')}
          </Button>
        </Form>
      ) : null}
      <Table
        rowKey="id"
        size="small"
        loading={certificates.isPending}
        dataSource={rows}
        pagination={false}
        data-testid="certificates"
        locale={{ emptyText: emptyOnceLoaded(certificates, <EmptyState title={t('training.certificates.empty')} />) }}
        columns={[
          { title: t('training.certificates.person'), dataIndex: 'personName' },
          { title: t('training.certificates.kind'), render: (_, c) => t(`training.certificates.kinds.${c.kind}`) },
          { title: t('training.certificates.number'), dataIndex: 'number' },
          {
            title: t('training.certificates.expiresOn'),
            render: (_, c) => (
              <Space size={6}>
                {c.expiresOn}
                <Tag color={c.isExpired ? 'red' : 'green'}>{c.isExpired ? t('training.certificates.expired') : t('training.certificates.valid')}</Tag>
              </Space>
            ),
          },
          ...(canManage
            ? [
                {
                  title: '',
                  width: 90,
                  render: (_: unknown, c: (typeof rows)[number]) => (
                    <Popconfirm
                      title={t('training.certificates.removeConfirm')}
                      onConfirm={() => remove.mutateAsync(c.id).catch((e: unknown) => void message.error(describeError(e)))}
                    >
                      <Button type="link" danger size="small">
                        {t('training.certificates.remove')}
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
      {certificates.hasNextPage ? (
        <Flex justify="center" style={{ padding: 12 }}>
          <Button onClick={() => void certificates.fetchNextPage()} loading={certificates.isFetchingNextPage}>
            {t('training.sessions.loadMore')}
          </Button>
        </Flex>
      ) : null}
    </Card>
  );
}

function SettingsPanel() {
  const { t } = useTranslation();
  const site = useCurrentSite();
  const { message } = AntApp.useApp();
  const settings = useTrainingSettings(site.id);
  const save = useTrainingMutation(site.id, (gate: 'warn' | 'block') => trainingApi.saveSettings(site.id, { preJobGate: gate }), true);
  if (settings.isPending) return <PageSpinner />;
  if (settings.isError) return <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />;
  return (
    <Card title={t('training.settings.gate')}>
      <Radio.Group
        value={settings.data.preJobGate}
        disabled={!canManageSite(site.role) || save.isPending}
        onChange={(e) =>
          save.mutateAsync(e.target.value as 'warn' | 'block').then(
            () => void message.success(t('training.settings.saved')),
            (err: unknown) => void message.error(describeError(err)),
          )
        }
        data-testid="training-gate"
      >
        <Space direction="vertical">
          <Radio value="warn">{t('training.settings.warn')}</Radio>
          <Radio value="block">{t('training.settings.block')}</Radio>
        </Space>
      </Radio.Group>
    </Card>
  );
}
