import { useMemo, useState } from 'react';
import { Card, Col, Flex, Row, Statistic, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { InfoCircleOutlined } from '@ant-design/icons';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { CompanyDashboard, DashboardSite } from '@anchang/contracts';
import { useMe } from '../../shared/auth/use-auth';
import { todayAt } from '../../shared/format/local-date';
import { useCurrentSite } from '../../shared/site/current-site';
import { EmptyState } from '../../shared/ui/empty-state';
import { ErrorAlert, PageSpinner } from '../../shared/ui/load-state';
import { PageHeader } from '../../shared/ui/page-header';
import { EChart, type ChartOption } from './echart';
import { useCompanyDashboard, type DateRange } from './figures-api';
import { monthSoFar, percent } from './figures-format';
import { FiguresRangePicker } from './range-picker';

/** 公司看板: every site of the company side by side for a range (this month when it opens), for the company admin. */
export function CompanyDashboardPage() {
  const { t } = useTranslation();
  const me = useMe();
  const site = useCurrentSite();
  const today = todayAt(site.timeZone);
  const [range, setRange] = useState<DateRange>(() => monthSoFar(today));
  const dashboard = useCompanyDashboard(me.companyId, range);
  return (
    <>
      <PageHeader
        title={t('figures.dashboard.title')}
        subtitle={t('figures.dashboard.subtitle')}
        extra={<FiguresRangePicker value={range} onChange={setRange} today={today} />}
      />
      {dashboard.isError ? <ErrorAlert error={dashboard.error} onRetry={() => void dashboard.refetch()} /> : null}
      {dashboard.isPending ? <PageSpinner /> : null}
      {dashboard.isSuccess ? <DashboardView dashboard={dashboard.data} /> : null}
    </>
  );
}

const rateCell = (share: number | null) => (share === null ? <Typography.Text type="secondary">—</Typography.Text> : percent(share));
/** Nulls (nothing due) sort below every number, whichever way the column is sorted. */
const byRate = (pick: (s: DashboardSite) => number | null) => (a: DashboardSite, b: DashboardSite) => (pick(a) ?? -1) - (pick(b) ?? -1);

/**
 * The ranking's columns, in order. A new figure (satisfaction, complaints) is one more entry here
 * and one more field on DashboardSite.
 */
export function rankingColumns(t: TFunction): TableColumnsType<DashboardSite> {
  const rate = (key: keyof DashboardSite, title: string) => ({
    key,
    title,
    dataIndex: key,
    align: 'right' as const,
    sorter: byRate((s) => s[key] as number | null),
    render: rateCell,
  });
  return [
    { key: 'rank', title: '#', width: 48, render: (_: unknown, __: DashboardSite, i: number) => i + 1 },
    { key: 'name', title: t('figures.dashboard.site'), dataIndex: 'name', sorter: (a, b) => a.name.localeCompare(b.name) },
    { key: 'visits', title: t('figures.visits'), dataIndex: 'visits', align: 'right', sorter: (a, b) => a.visits - b.visits },
    rate('returningShare', t('figures.returningShare')),
    rate('checklistRate', t('figures.checklistRate')),
    rate('punctualityRate', t('figures.punctualityRate')),
    rate('roundRate', t('figures.roundRate')),
    rate('repairWithinRuleShare', t('figures.repairWithinRule')),
    { key: 'incidents', title: t('figures.incidents'), dataIndex: 'incidents', align: 'right', sorter: (a, b) => a.incidents - b.incidents },
    {
      key: 'averageRating',
      title: t('figures.averageRating'),
      dataIndex: 'averageRating',
      align: 'right',
      sorter: byRate((s) => s.averageRating),
      render: (value: number | null) => (value === null ? <Typography.Text type="secondary">—</Typography.Text> : value.toFixed(2)),
    },
    {
      key: 'nps',
      title: t('figures.nps'),
      dataIndex: 'nps',
      align: 'right',
      // NPS runs down to −100: nulls still sort below every score.
      sorter: (a, b) => (a.nps ?? -1000) - (b.nps ?? -1000),
      render: (value: number | null) => (value === null ? <Typography.Text type="secondary">—</Typography.Text> : value),
    },
    {
      key: 'serviceIndex',
      title: (
        <Tooltip title={t('figures.dashboard.indexHelp')}>
          <span>
            {t('figures.serviceIndex')} <InfoCircleOutlined />
          </span>
        </Tooltip>
      ),
      dataIndex: 'serviceIndex',
      align: 'right',
      defaultSortOrder: 'descend',
      sorter: byRate((s) => s.serviceIndex),
      render: (index: number | null) =>
        index === null ? <Typography.Text type="secondary">—</Typography.Text> : <Typography.Text strong>{index}</Typography.Text>,
    },
  ];
}

function DashboardView({ dashboard }: { dashboard: CompanyDashboard }) {
  const { t } = useTranslation();
  const totals = dashboard.totals;
  const charts = useDashboardCharts(dashboard);
  const stats: { key: string; title: string; value: string | number }[] = [
    { key: 'sites', title: t('figures.dashboard.sites'), value: totals.sites },
    { key: 'visits', title: t('figures.visits'), value: totals.visits },
    { key: 'checklist', title: t('figures.checklistRate'), value: percent(totals.checklistRate) },
    { key: 'punctuality', title: t('figures.punctualityRate'), value: percent(totals.punctualityRate) },
    { key: 'rounds', title: t('figures.roundRate'), value: percent(totals.roundRate) },
    { key: 'repairs', title: t('figures.repairWithinRule'), value: percent(totals.repairWithinRuleShare) },
    { key: 'incidents', title: t('figures.incidents'), value: totals.incidents },
    { key: 'index', title: t('figures.serviceIndex'), value: totals.serviceIndex ?? '—' },
  ];
  if (dashboard.sites.length === 0) return <EmptyState title={t('figures.dashboard.noSites')} />;
  return (
    <Flex vertical gap={16}>
      <Row gutter={[16, 16]}>
        {stats.map((s) => (
          <Col key={s.key} xs={12} md={6} xl={3}>
            <Card size="small" style={{ height: '100%' }}>
              <Statistic title={s.title} value={s.value} />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title={t('figures.dashboard.visitsByDay')} size="small" style={{ height: '100%' }}>
            {totals.visits === 0 ? (
              <EmptyState title={t('figures.history.empty')} />
            ) : (
              <EChart option={charts.byDay} height={260} label={t('figures.dashboard.visitsByDay')} />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('figures.dashboard.indexBySite')} size="small" style={{ height: '100%' }}>
            <EChart option={charts.index} height={260} label={t('figures.dashboard.indexBySite')} />
          </Card>
        </Col>
      </Row>
      <Card title={t('figures.dashboard.ranking')} size="small">
        <Table<DashboardSite>
          size="middle"
          rowKey="siteId"
          pagination={false}
          scroll={{ x: 960 }}
          dataSource={dashboard.sites}
          columns={rankingColumns(t)}
          sortDirections={['descend', 'ascend']}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
          {t('figures.dashboard.indexHelp')}
        </Typography.Paragraph>
      </Card>
    </Flex>
  );
}

function useDashboardCharts(dashboard: CompanyDashboard): { byDay: ChartOption; index: ChartOption } {
  const { t, i18n } = useTranslation();
  return useMemo(() => {
    const ranked = [...dashboard.sites].sort((a, b) => (b.serviceIndex ?? -1) - (a.serviceIndex ?? -1));
    return {
      byDay: {
        grid: { left: 40, right: 16, top: 16, bottom: 28, containLabel: true },
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'category', data: dashboard.byDay.map((d) => d.date.slice(5)) },
        yAxis: { type: 'value', minInterval: 1 },
        series: [{ name: t('figures.visits'), type: 'bar', data: dashboard.byDay.map((d) => d.visits), barMaxWidth: 24 }],
      },
      index: {
        grid: { left: 8, right: 40, top: 16, bottom: 16, containLabel: true },
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'value', min: 0, max: 100 },
        yAxis: { type: 'category', inverse: true, data: ranked.map((s) => s.name), axisLabel: { width: 120, overflow: 'truncate' } },
        series: [
          {
            name: t('figures.serviceIndex'),
            type: 'bar',
            data: ranked.map((s) => s.serviceIndex),
            barMaxWidth: 18,
            label: { show: true, position: 'right' },
          },
        ],
      },
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [dashboard, t, i18n.language]);
}
