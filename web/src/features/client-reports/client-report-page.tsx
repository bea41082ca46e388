import { lazy, Suspense, useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import {
  App,
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Flex,
  Input,
  Popconfirm,
  Row,
  Skeleton,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import {
  ArrowLeftOutlined,
  CheckCircleOutlined,
  DeleteOutlined,
  FileExcelOutlined,
  FilePdfOutlined,
  PlusOutlined,
  ReloadOutlined,
} from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ClientReport, ImprovementMeasure, ReportSection } from '@anchang/contracts';
import { describeError } from '../../shared/api/errors';
import { formatDateTime } from '../../shared/format/time';
import { useCurrentSite } from '../../shared/site/current-site';
import { ErrorAlert, PageSpinner } from '../../shared/ui/load-state';
import { PageHeader } from '../../shared/ui/page-header';
import { clientReportsApi, useClientReport, useClientReportWrite } from './client-reports-api';
import { REPORT_EDITOR_ROLES } from './client-reports-page';

// ECharts loads only when a report with charts is open.
const ReportChartView = lazy(() => import('./report-chart').then((m) => ({ default: m.ReportChartView })));

function SectionCard({ section }: { section: ReportSection }) {
  return (
    <Card title={section.title} data-testid={`report-section-${section.key}`}>
      <Row gutter={[16, 16]}>
        {section.figures.map((f) => (
          <Col key={f.label} xs={12} md={8} xl={6}>
            <Statistic title={f.label} value={f.value} />
          </Col>
        ))}
      </Row>
      {section.charts.length > 0 ? (
        <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
          {section.charts.map((c) => (
            <Col key={c.key} xs={24} xl={section.charts.length > 1 ? 12 : 24}>
              <Typography.Text strong>{c.title}</Typography.Text>
              <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: 260 }} />}>
                <ReportChartView chart={c} />
              </Suspense>
            </Col>
          ))}
        </Row>
      ) : null}
      {section.table && section.table.rows.length > 0 ? (
        <Table
          style={{ marginTop: 16 }}
          size="small"
          pagination={false}
          rowKey={(_, i) => String(i)}
          columns={section.table.columns.map((title, i) => ({
            title,
            key: String(i),
            render: (_: unknown, row: (string | number)[]) => row[i],
            align: i > 0 ? ('right' as const) : undefined,
          }))}
          dataSource={section.table.rows}
          scroll={{ x: 480 }}
        />
      ) : null}
    </Card>
  );
}

interface Draft {
  narrative: string;
  measures: ImprovementMeasure[];
}

/** The manager's narrative and measures while the report is a draft. */
function DraftEditor({ draft, onChange }: { draft: Draft; onChange: (d: Draft) => void }) {
  const { t } = useTranslation();
  const setMeasure = (i: number, patch: Partial<ImprovementMeasure>) =>
    onChange({ ...draft, measures: draft.measures.map((m, j) => (j === i ? { ...m, ...patch } : m)) });
  return (
    <Flex vertical gap={16}>
      <Card title={t('clientReports.narrative')}>
        <Input.TextArea
          value={draft.narrative}
          onChange={(e) => onChange({ ...draft, narrative: e.target.value })}
          autoSize={{ minRows: 6, maxRows: 20 }}
          maxLength={8000}
          showCount
          placeholder={t('clientReports.narrativePlaceholder')}
          aria-label={t('clientReports.narrative')}
          data-testid="report-narrative"
        />
      </Card>
      <Card
        title={t('clientReports.measures')}
        extra={
          <Button
            icon={<PlusOutlined />}
            disabled={draft.measures.length >= 20}
            onClick={() => onChange({ ...draft, measures: [...draft.measures, { text: '', owner: '', dueDate: null }] })}
          >
            {t('clientReports.addMeasure')}
          </Button>
        }
      >
        {draft.measures.length === 0 ? <Typography.Text type="secondary">{t('clientReports.noMeasuresYet')}</Typography.Text> : null}
        <Flex vertical gap={8}>
          {draft.measures.map((m, i) => (
            <Flex key={i} gap={8} wrap align="center">
              <Typography.Text type="secondary" style={{ width: 20 }}>
                {i + 1}.
              </Typography.Text>
              <Input
                style={{ flex: '1 1 320px' }}
                value={m.text}
                maxLength={500}
                placeholder={t('clientReports.measure')}
                aria-label={t('clientReports.measure')}
                onChange={(e) => setMeasure(i, { text: e.target.value })}
              />
              <Input
                style={{ width: 140 }}
                value={m.owner}
                maxLength={60}
                placeholder={t('clientReports.owner')}
                aria-label={t('clientReports.owner')}
                onChange={(e) => setMeasure(i, { owner: e.target.value })}
              />
              <DatePicker
                style={{ width: 150 }}
                value={m.dueDate ? dayjs(m.dueDate) : null}
                placeholder={t('clientReports.dueDate')}
                onChange={(d) => setMeasure(i, { dueDate: d ? d.format('YYYY-MM-DD') : null })}
              />
              <Button
                type="text"
                danger
                icon={<DeleteOutlined />}
                aria-label={t('common.delete')}
                onClick={() => onChange({ ...draft, measures: draft.measures.filter((_, j) => j !== i) })}
              />
            </Flex>
          ))}
        </Flex>
      </Card>
    </Flex>
  );
}

function ReadNarrative({ report }: { report: ClientReport }) {
  const { t } = useTranslation();
  return (
    <>
      <Card title={t('clientReports.narrative')}>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
          {report.narrative || t('clientReports.noNarrative')}
        </Typography.Paragraph>
      </Card>
      <Card title={t('clientReports.measures')}>
        {report.measures.length === 0 ? (
          <Typography.Text type="secondary">{t('clientReports.noMeasures')}</Typography.Text>
        ) : (
          <Table
            size="small"
            pagination={false}
            rowKey={(_, i) => String(i)}
            dataSource={report.measures}
            columns={[
              { title: '#', key: 'n', width: 48, render: (_: unknown, __: ImprovementMeasure, i: number) => i + 1 },
              { title: t('clientReports.measure'), dataIndex: 'text' },
              { title: t('clientReports.owner'), dataIndex: 'owner', width: 160, render: (o: string) => o || '—' },
              { title: t('clientReports.dueDate'), dataIndex: 'dueDate', width: 140, render: (d: string | null) => d ?? '—' },
            ]}
          />
        )}
      </Card>
    </>
  );
}

/** One monthly report: the manager writes and publishes the draft; the client reads, downloads and acknowledges it. */
export function ClientReportPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const site = useCurrentSite();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { reportId = '' } = useParams();
  const query = useClientReport(site.id, reportId, lang);
  const report = query.data;
  const isEditor = REPORT_EDITOR_ROLES.includes(site.role);
  const isClient = site.role === 'client_viewer';
  const [draft, setDraft] = useState<Draft | null>(null);
  useEffect(() => {
    if (report && draft === null) setDraft({ narrative: report.narrative, measures: report.measures });
  }, [report, draft]);

  const save = useClientReportWrite(site.id, lang, (d: Draft) => clientReportsApi.save(site.id, reportId, d, lang));
  const regenerate = useClientReportWrite(site.id, lang, () => clientReportsApi.regenerate(site.id, reportId, lang));
  const publish = useClientReportWrite(site.id, lang, () => clientReportsApi.publish(site.id, reportId, lang));
  const acknowledge = useClientReportWrite(site.id, lang, () => clientReportsApi.acknowledge(site.id, reportId, lang));
  const run = async (action: () => Promise<unknown>, done: string) => {
    try {
      await action();
      void message.success(done);
    } catch (error) {
      void message.error(describeError(error));
    }
  };
  const cleanDraft = (d: Draft): Draft => ({ narrative: d.narrative, measures: d.measures.filter((m) => m.text.trim()) });

  if (query.isPending) return <PageSpinner />;
  if (query.isError || !report) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;

  const isDraft = report.status === 'draft';
  const editing = isEditor && isDraft && draft !== null;
  const dirty = editing && (draft.narrative !== report.narrative || JSON.stringify(cleanDraft(draft).measures) !== JSON.stringify(report.measures));
  const monthTitle = t('clientReports.monthTitle', { year: report.month.slice(0, 4), month: Number(report.month.slice(5, 7)) });

  return (
    <>
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => void navigate('..', { relative: 'path' })} style={{ paddingLeft: 0 }}>
        {t('clientReports.backToArchive')}
      </Button>
      <PageHeader
        title={
          <Space>
            {t('clientReports.reportTitle', { month: monthTitle })}
            <Tag color={isDraft ? 'default' : 'success'} data-testid="report-status">
              {t(`clientReports.statuses.${report.status}`)}
            </Tag>
          </Space>
        }
        subtitle={`${report.siteName} · ${report.fromDate} – ${report.toDate}`}
        extra={
          <>
            <Button icon={<FileExcelOutlined />} href={clientReportsApi.downloadUrl(site.id, report.id, 'xlsx', lang)}>
              {t('clientReports.excel')}
            </Button>
            <Button icon={<FilePdfOutlined />} href={clientReportsApi.downloadUrl(site.id, report.id, 'pdf', lang)} data-testid="report-pdf">
              {t('clientReports.pdf')}
            </Button>
            {editing ? (
              <>
                <Button
                  icon={<ReloadOutlined />}
                  loading={regenerate.isPending}
                  onClick={() => void run(() => regenerate.mutateAsync(undefined), t('clientReports.regenerated'))}
                >
                  {t('clientReports.regenerate')}
                </Button>
                <Button
                  loading={save.isPending}
                  disabled={!dirty}
                  onClick={() => void run(() => save.mutateAsync(cleanDraft(draft)), t('clientReports.saved'))}
                  data-testid="report-save"
                >
                  {t('common.save')}
                </Button>
                <Popconfirm
                  title={t('clientReports.publishConfirm')}
                  description={t('clientReports.publishConfirmHint')}
                  okText={t('clientReports.publish')}
                  cancelText={t('common.cancel')}
                  onConfirm={() =>
                    void run(async () => {
                      if (dirty) await save.mutateAsync(cleanDraft(draft));
                      await publish.mutateAsync(undefined);
                    }, t('clientReports.published'))
                  }
                  disabled={!draft.narrative.trim()}
                >
                  <Button type="primary" loading={publish.isPending} disabled={!draft.narrative.trim()} data-testid="report-publish">
                    {t('clientReports.publish')}
                  </Button>
                </Popconfirm>
              </>
            ) : null}
            {isClient && !report.acknowledgedAt ? (
              <Button
                type="primary"
                icon={<CheckCircleOutlined />}
                loading={acknowledge.isPending}
                onClick={() => void run(() => acknowledge.mutateAsync(undefined), t('clientReports.acknowledgedToast'))}
                data-testid="report-acknowledge"
              >
                {t('clientReports.acknowledge')}
              </Button>
            ) : null}
          </>
        }
      />
      {editing ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('clientReports.draftHint', { at: formatDateTime(report.figuresAt, site.timeZone) })}
        />
      ) : null}
      <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }} data-testid="report-receipt">
        <Descriptions.Item label={t('clientReports.publishedAt')}>
          {report.publishedAt
            ? `${formatDateTime(report.publishedAt, site.timeZone)}${report.publishedBy ? ` · ${report.publishedBy.name}` : ''}`
            : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('clientReports.acknowledged')}>
          {report.acknowledgedAt ? (
            <Tag color="blue" data-testid="report-acknowledged">
              {t('clientReports.ackBy', { name: report.acknowledgedBy?.name ?? '', at: formatDateTime(report.acknowledgedAt, site.timeZone) })}
            </Tag>
          ) : isDraft ? (
            '—'
          ) : (
            <Tag color="warning">{t('clientReports.notAcknowledged')}</Tag>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('clientReports.figuresAt')}>{formatDateTime(report.figuresAt, site.timeZone)}</Descriptions.Item>
      </Descriptions>
      <Flex vertical gap={16}>
        {editing ? <DraftEditor draft={draft} onChange={setDraft} /> : null}
        {report.sections.map((s) => (
          <SectionCard key={s.key} section={s} />
        ))}
        {editing ? null : <ReadNarrative report={report} />}
      </Flex>
    </>
  );
}
