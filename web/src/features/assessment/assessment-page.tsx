import { useState } from 'react';
import {
  App,
  Button,
  DatePicker,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Progress,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { CalculatorOutlined, DownloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  ASSESSMENT_LINES,
  type Assessment,
  type AssessmentLine,
  type AssessmentLineKey,
  type AssessmentOutcome,
  type AssessmentStatus,
  type PostKind,
} from '@anchang/contracts';
import { useLocale } from '../../i18n';
import { describeError } from '../../shared/api/errors';
import { saveFile } from '../customers/customers-api';
import { todayAt } from '../../shared/format/local-date';
import { formatLocal } from '../../shared/format/time';
import { useCurrentSite } from '../../shared/site/current-site';
import { EmptyState } from '../../shared/ui/empty-state';
import { ErrorAlert, emptyOnceLoaded } from '../../shared/ui/load-state';
import { PageHeader } from '../../shared/ui/page-header';
import { assessmentApi, useAssessmentMonth, useAssessmentWrite } from './assessment-api';

export const OUTCOME_COLORS: Record<AssessmentOutcome, string> = { pass: 'green', fail: 'red', no_duty: 'default' };

/** 月度考核: the month's table per site, a person's breakdown with adjust / sign / appeal decision, and the Excel. */
export function AssessmentPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const site = useCurrentSite();
  const [month, setMonth] = useState(() => todayAt(site.timeZone).slice(0, 7));
  const [openId, setOpenId] = useState<string | null>(null);
  const view = useAssessmentMonth(site.id, month);
  const compute = useAssessmentWrite(site.id, () => assessmentApi.compute(site.id, month));
  const items = view.data?.items ?? [];
  const open = items.find((a) => a.id === openId) ?? null;
  const canAssess = site.role === 'company_admin' || site.role === 'site_manager';

  return (
    <>
      <PageHeader
        title={t('assessment.title')}
        subtitle={t('assessment.subtitle')}
        extra={
          <Space wrap>
            <DatePicker
              picker="month"
              allowClear={false}
              value={dayjs(`${month}-01`)}
              onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
              disabledDate={(d) => d.format('YYYY-MM') > todayAt(site.timeZone).slice(0, 7)}
              aria-label={t('assessment.month')}
              data-testid="assessment-month"
            />
            {canAssess ? (
              <Button
                icon={<CalculatorOutlined />}
                loading={compute.isPending}
                onClick={() =>
                  compute.mutate(undefined, {
                    onSuccess: (r) => void message.success(t('assessment.computed', { count: r.computed })),
                    onError: (e) => void message.error(describeError(e)),
                  })
                }
                data-testid="assessment-compute"
              >
                {t('assessment.compute')}
              </Button>
            ) : null}
            <ExportButton month={month} />
          </Space>
        }
      />
      {view.isError ? <ErrorAlert error={view.error} onRetry={() => void view.refetch()} /> : null}
      <Table<Assessment>
        rowKey="id"
        loading={view.isPending}
        dataSource={items}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 900 }}
        locale={{ emptyText: emptyOnceLoaded(view, <EmptyState title={t('assessment.empty')} hint={t('assessment.emptyHint')} />) }}
        onRow={(a) => ({ onClick: () => setOpenId(a.id), style: { cursor: 'pointer' } })}
        data-testid="assessment-table"
        columns={[
          { title: t('assessment.person'), dataIndex: 'personName', fixed: 'left', width: 140 },
          { title: t('assessment.post'), dataIndex: 'postKind', width: 110, render: (k: PostKind) => t(`postKinds.${k}`) },
          ...ASSESSMENT_LINES.filter((k) => k !== 'satisfaction').map((key) => ({
            title: t(`assessment.lines.${key}`),
            key,
            width: 96,
            align: 'right' as const,
            render: (_: unknown, a: Assessment) => <LinePoints line={a.lines.find((l) => l.key === key)} />,
          })),
          {
            title: t('assessment.total'),
            dataIndex: 'total',
            width: 80,
            align: 'right' as const,
            render: (v: number) => <Typography.Text strong>{v}</Typography.Text>,
          },
          {
            title: t('assessment.outcome'),
            dataIndex: 'outcome',
            width: 90,
            render: (o: AssessmentOutcome) => <Tag color={OUTCOME_COLORS[o]}>{t(`assessment.outcomes.${o}`)}</Tag>,
          },
          { title: t('assessment.status'), dataIndex: 'status', width: 90, render: (s: AssessmentStatus) => t(`assessment.statuses.${s}`) },
          {
            title: t('assessment.appeal'),
            key: 'appeal',
            width: 90,
            render: (_: unknown, a: Assessment) =>
              a.appeal.status === 'open' ? (
                <Tag color="orange">{t('assessment.appealStatuses.open')}</Tag>
              ) : (
                t(`assessment.appealStatuses.${a.appeal.status}`)
              ),
          },
          {
            title: '',
            key: 'open',
            width: 80,
            fixed: 'right',
            render: (_: unknown, a: Assessment) => (
              <Button type="link" onClick={() => setOpenId(a.id)} data-testid="assessment-open">
                {t('assessment.open')}
              </Button>
            ),
          },
        ]}
      />
      <Drawer
        open={!!open}
        onClose={() => setOpenId(null)}
        size="large"
        title={open ? t('assessment.breakdown', { name: open.personName, month: open.month }) : ''}
        destroyOnHidden
      >
        {open ? <Breakdown assessment={open} canAssess={canAssess} /> : null}
      </Drawer>
    </>
  );
}

function LinePoints({ line }: { line: AssessmentLine | undefined }) {
  if (!line) return null;
  if (line.weight === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  const short = line.points < line.weight;
  return (
    <Typography.Text type={short ? 'danger' : undefined} underline={!!line.adjustment}>
      {line.points}
    </Typography.Text>
  );
}

function ExportButton({ month }: { month: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const locale = useLocale();
  const site = useCurrentSite();
  const [progress, setProgress] = useState<number | null | undefined>(undefined);
  const run = async (scope: 'site' | 'company') => {
    setProgress(null);
    try {
      const blob = await assessmentApi.exportXlsx(site.id, { month, lang: locale, scope }, setProgress);
      saveFile(blob, `${scope === 'company' ? '' : `${site.name} `}${t('assessment.title')} ${month}.xlsx`);
    } catch (e) {
      void message.error(describeError(e));
    } finally {
      setProgress(undefined);
    }
  };
  const busy = progress !== undefined;
  return (
    <Space>
      <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void run('site')} data-testid="assessment-export">
        {busy ? t('assessment.exporting', { percent: progress === null ? '' : `${Math.round(progress * 100)}%` }) : t('assessment.export')}
      </Button>
      {busy && progress !== null ? <Progress type="circle" size={24} percent={Math.round(progress * 100)} /> : null}
      {site.role === 'company_admin' && !busy ? <Button onClick={() => void run('company')}>{t('assessment.exportCompany')}</Button> : null}
    </Space>
  );
}

function Breakdown({ assessment: a, canAssess }: { assessment: Assessment; canAssess: boolean }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const site = useCurrentSite();
  const [adjusting, setAdjusting] = useState<AssessmentLine | null>(null);
  const [deciding, setDeciding] = useState(false);
  const sign = useAssessmentWrite(site.id, () => assessmentApi.sign(site.id, a.id));
  const isSigned = a.status === 'signed';
  return (
    <Flex vertical gap={16} data-testid="assessment-breakdown">
      <Flex gap={12} align="center" wrap>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {a.total}
        </Typography.Title>
        <Tag color={OUTCOME_COLORS[a.outcome]}>{t(`assessment.outcomes.${a.outcome}`)}</Tag>
        <Typography.Text type="secondary">
          {t('assessment.passMark', { mark: a.passMark })} · {t('assessment.schemeVersion', { version: a.schemeVersion })} ·{' '}
          {t(`postKinds.${a.postKind}`)}
        </Typography.Text>
      </Flex>
      {a.outcome === 'no_duty' ? <Typography.Text type="secondary">{t('assessment.noDutyHint')}</Typography.Text> : null}
      {!isSigned ? <Typography.Text type="secondary">{t('assessment.draftHint')}</Typography.Text> : null}
      <Table<AssessmentLine>
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={a.lines}
        columns={[
          {
            title: t('assessment.line'),
            key: 'line',
            render: (_: unknown, l) => (
              <Flex vertical>
                <Typography.Text>{t(`assessment.lines.${l.key}`)}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t(`assessment.lineHints.${l.key}`, a.figures)}
                </Typography.Text>
                {l.adjustment ? (
                  <Typography.Text type="warning" style={{ fontSize: 12 }}>
                    {t('assessment.adjusted', { reason: l.adjustment.reason, name: l.adjustment.byName })} ·{' '}
                    {t('assessment.computedPoints', { points: l.computedPoints })}
                  </Typography.Text>
                ) : null}
              </Flex>
            ),
          },
          {
            title: t('assessment.total'),
            key: 'points',
            width: 90,
            align: 'right',
            render: (_: unknown, l) => t('assessment.points', { points: l.points, weight: l.weight }),
          },
          ...(canAssess && !isSigned
            ? [
                {
                  title: '',
                  key: 'adjust',
                  width: 70,
                  render: (_: unknown, l: AssessmentLine) =>
                    l.weight > 0 ? (
                      <Button size="small" onClick={() => setAdjusting(l)} data-testid={`adjust-${l.key}`}>
                        {t('assessment.adjust')}
                      </Button>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      {a.appeal.status !== 'none' ? (
        <Descriptions size="small" column={1} bordered>
          <Descriptions.Item label={t('assessment.appealText')}>{a.appeal.text}</Descriptions.Item>
          <Descriptions.Item label={t('assessment.status')}>{t(`assessment.appealStatuses.${a.appeal.status}`)}</Descriptions.Item>
          {a.appeal.reason ? <Descriptions.Item label={t('assessment.reason')}>{a.appeal.reason}</Descriptions.Item> : null}
        </Descriptions>
      ) : null}
      <Space wrap>
        {canAssess && !isSigned ? (
          <Button
            type="primary"
            loading={sign.isPending}
            data-testid="assessment-sign"
            onClick={() =>
              void modal.confirm({
                title: t('assessment.sign'),
                content: t('assessment.signConfirm'),
                onOk: () => sign.mutateAsync().catch((e: unknown) => void message.error(describeError(e))),
              })
            }
          >
            {t('assessment.sign')}
          </Button>
        ) : null}
        {isSigned ? (
          <Typography.Text type="secondary">
            {t('assessment.signed', { name: a.signedByName ?? '' })} · {a.signedAt ? formatLocal(a.signedAt, site.timeZone, 'YYYY-MM-DD HH:mm') : ''}
          </Typography.Text>
        ) : null}
        {canAssess && a.appeal.status === 'open' ? (
          <Button onClick={() => setDeciding(true)} data-testid="assessment-decide-appeal">
            {t('assessment.decideAppeal')}
          </Button>
        ) : null}
      </Space>
      {adjusting ? <AdjustModal assessment={a} line={adjusting} onClose={() => setAdjusting(null)} /> : null}
      {deciding ? <AppealDecisionModal assessment={a} onClose={() => setDeciding(false)} /> : null}
    </Flex>
  );
}

function AdjustModal({ assessment, line, onClose }: { assessment: Assessment; line: AssessmentLine; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const site = useCurrentSite();
  const [form] = Form.useForm<{ points: number; reason: string }>();
  const adjust = useAssessmentWrite(site.id, (v: { points: number; reason: string }) =>
    assessmentApi.adjust(site.id, assessment.id, { line: line.key, ...v }),
  );
  return (
    <Modal
      open
      title={t('assessment.adjustTitle', { line: t(`assessment.lines.${line.key}`) })}
      okText={t('assessment.save')}
      cancelText={t('assessment.cancel')}
      confirmLoading={adjust.isPending}
      onCancel={onClose}
      onOk={() =>
        void form.validateFields().then((v) =>
          adjust.mutate(v, {
            onSuccess: onClose,
            onError: (e) => void message.error(describeError(e)),
          }),
        )
      }
    >
      <Form form={form} layout="vertical" initialValues={{ points: line.points, reason: '' }}>
        <Form.Item name="points" label={`${t('assessment.newPoints')} (0–${line.weight})`} rules={[{ required: true }]}>
          <InputNumber min={0} max={line.weight} step={0.5} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('assessment.reason')}
          rules={[{ required: true, whitespace: true, message: t('assessment.reasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={500} data-testid="adjust-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function AppealDecisionModal({ assessment, onClose }: { assessment: Assessment; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const site = useCurrentSite();
  const [form] = Form.useForm<{ decision: 'upheld' | 'rejected'; reason: string; line?: AssessmentLineKey; points?: number }>();
  const decision = Form.useWatch('decision', form);
  const decide = useAssessmentWrite(site.id, (v: { decision: 'upheld' | 'rejected'; reason: string; line?: AssessmentLineKey; points?: number }) =>
    assessmentApi.decideAppeal(site.id, assessment.id, v),
  );
  return (
    <Modal
      open
      title={t('assessment.decideAppeal')}
      okText={t('assessment.save')}
      cancelText={t('assessment.cancel')}
      confirmLoading={decide.isPending}
      onCancel={onClose}
      onOk={() =>
        void form.validateFields().then((v) => decide.mutate(v, { onSuccess: onClose, onError: (e) => void message.error(describeError(e)) }))
      }
    >
      <Typography.Paragraph>{assessment.appeal.text}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ decision: 'rejected', reason: '' }}>
        <Form.Item name="decision">
          <Radio.Group
            options={[
              { value: 'upheld', label: t('assessment.uphold') },
              { value: 'rejected', label: t('assessment.reject') },
            ]}
          />
        </Form.Item>
        {decision === 'upheld' ? (
          <Space>
            <Form.Item name="line" label={t('assessment.line')} rules={[{ required: true }]}>
              <Select
                style={{ width: 200 }}
                options={assessment.lines.filter((l) => l.weight > 0).map((l) => ({ value: l.key, label: t(`assessment.lines.${l.key}`) }))}
              />
            </Form.Item>
            <Form.Item name="points" label={t('assessment.newPoints')} rules={[{ required: true }]}>
              <InputNumber min={0} max={100} step={0.5} />
            </Form.Item>
          </Space>
        ) : null}
        <Form.Item
          name="reason"
          label={t('assessment.reason')}
          rules={[{ required: true, whitespace: true, message: t('assessment.reasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
