import { useMemo, useState } from 'react';
import { Card, Col, Flex, Row, Statistic, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SiteFigures } from '@anchang/contracts';
import { todayAt } from '../../shared/format/local-date';
import { useCurrentSite } from '../../shared/site/current-site';
import { EmptyState } from '../../shared/ui/empty-state';
import { ErrorAlert, PageSpinner } from '../../shared/ui/load-state';
import { PageHeader } from '../../shared/ui/page-header';
import { EChart, type ChartOption } from './echart';
import { useSiteFigures, type DateRange } from './figures-api';
import { lastDays, minutes, percent } from './figures-format';
import { FiguresRangePicker } from './range-picker';

/** 来访历史: the site's visitors over any range (the last 30 days when it opens), with the time each stage of the chain took. */
export function VisitorHistoryPage() {
  const { t } = useTranslation();
  const site = useCurrentSite();
  const today = todayAt(site.timeZone);
  const [range, setRange] = useState<DateRange>(() => lastDays(today, 30));
  const figures = useSiteFigures(site.id, range);
  return (
    <>
      <PageHeader
        title={t('figures.history.title')}
        subtitle={t('figures.history.subtitle')}
        extra={<FiguresRangePicker value={range} onChange={setRange} today={today} />}
      />
      {figures.isError ? <ErrorAlert error={figures.error} onRetry={() => void figures.refetch()} /> : null}
      {figures.isPending ? <PageSpinner /> : null}
      {figures.isSuccess ? <VisitorFiguresView figures={figures.data} /> : null}
    </>
  );
}

function VisitorFiguresView({ figures }: { figures: SiteFigures }) {
  const { t } = useTranslation();
  const v = figures.visitors;
  const charts = useVisitorCharts(figures);
  return (
    <Flex vertical gap={16} style={{ opacity: 1 }}>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={8} xl={4}>
          <Card size="small">
            <Statistic title={t('figures.visits')} value={v.visits} />
          </Card>
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Card size="small">
            <Statistic title={t('figures.guests')} value={v.guests} />
          </Card>
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Card size="small">
            <Statistic title={t('figures.perDay')} value={figures.days > 0 ? Math.round((v.visits / figures.days) * 10) / 10 : 0} />
          </Card>
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Card size="small">
            <Statistic
              title={t('figures.averageVisit')}
              value={minutes(v.averageVisitMs) ?? '—'}
              suffix={v.averageVisitMs === null ? undefined : t('figures.min')}
            />
          </Card>
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Card size="small">
            <Statistic title={t('figures.returningShare')} value={percent(v.returningShare)} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('figures.returningOf', { returning: v.returningVisits, identified: v.identifiedVisits })}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Card size="small">
            <Statistic title={t('figures.carOrFoot')} value={`${v.byArrivalMode.car} / ${v.byArrivalMode.walkIn}`} />
          </Card>
        </Col>
      </Row>
      {v.visits === 0 ? (
        <Card>
          <EmptyState title={t('figures.history.empty')} hint={t('figures.history.emptyHint')} />
        </Card>
      ) : (
        <>
          <Card title={t('figures.byDay')} size="small">
            <EChart option={charts.byDay} label={t('figures.byDay')} />
          </Card>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <Card title={t('figures.byHour')} size="small" style={{ height: '100%' }}>
                <EChart option={charts.byHour} label={t('figures.byHour')} />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card title={t('figures.stageTimes')} size="small" style={{ height: '100%' }}>
                {v.stageTimes.length === 0 ? (
                  <EmptyState title={t('figures.noClosedVisits')} />
                ) : (
                  <EChart option={charts.stages} label={t('figures.stageTimes')} />
                )}
              </Card>
            </Col>
          </Row>
          <Card title={t('figures.handoffs')} size="small">
            <Table
              size="small"
              pagination={false}
              rowKey="to"
              dataSource={v.handoffTimes}
              locale={{ emptyText: t('figures.noHandoffs') }}
              columns={[
                { title: t('figures.handoffTo'), dataIndex: 'to', render: (to: string) => t(`figures.targets.${to}`, { defaultValue: to }) },
                { title: t('figures.handoffCount'), dataIndex: 'handoffs', align: 'right' },
                { title: t('figures.acknowledged'), dataIndex: 'acknowledged', align: 'right' },
                {
                  title: t('figures.averageAck'),
                  dataIndex: 'averageAckMs',
                  align: 'right',
                  render: (ms: number | null) => (ms === null ? '—' : t('figures.minutes', { value: minutes(ms) })),
                },
              ]}
            />
          </Card>
        </>
      )}
    </Flex>
  );
}

function useVisitorCharts(figures: SiteFigures): { byDay: ChartOption; byHour: ChartOption; stages: ChartOption } {
  const { t, i18n } = useTranslation();
  const v = figures.visitors;
  return useMemo(() => {
    const grid = { left: 40, right: 16, top: 36, bottom: 28, containLabel: true };
    const visits = t('figures.visits');
    const guests = t('figures.guests');
    // Opening hours carry the visits: show the hours from the first to the last with any, not 24 empty bars.
    const busy = v.byHour.filter((h) => h.visits > 0).map((h) => h.hour);
    const hours = busy.length ? v.byHour.filter((h) => h.hour >= Math.min(...busy) && h.hour <= Math.max(...busy)) : v.byHour;
    return {
      byDay: {
        grid,
        tooltip: { trigger: 'axis' },
        legend: { data: [visits, guests], top: 0 },
        xAxis: { type: 'category', data: v.byDay.map((d) => d.date.slice(5)) },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          { name: visits, type: 'bar', data: v.byDay.map((d) => d.visits), barMaxWidth: 24 },
          { name: guests, type: 'line', data: v.byDay.map((d) => d.guests), smooth: 0.3, smoothMonotone: 'x', symbolSize: 5 },
        ],
      },
      byHour: {
        grid,
        tooltip: { trigger: 'axis' },
        legend: { data: [visits, guests], top: 0 },
        xAxis: { type: 'category', data: hours.map((h) => `${String(h.hour).padStart(2, '0')}:00`) },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          { name: visits, type: 'bar', data: hours.map((h) => h.visits), barMaxWidth: 28 },
          { name: guests, type: 'bar', data: hours.map((h) => h.guests), barMaxWidth: 28 },
        ],
      },
      stages: {
        grid: { ...grid, left: 8 },
        tooltip: { trigger: 'axis', valueFormatter: (value: unknown) => t('figures.minutes', { value }) },
        legend: { data: [t('figures.average'), t('figures.median')], top: 0 },
        xAxis: { type: 'value' },
        yAxis: { type: 'category', inverse: true, data: v.stageTimes.map((s) => t(`figures.stages.${s.stage}`, { defaultValue: s.stage })) },
        series: [
          {
            name: t('figures.average'),
            type: 'bar',
            data: v.stageTimes.map((s) => minutes(s.averageMs)),
            barMaxWidth: 18,
            label: { show: true, position: 'right' },
          },
          { name: t('figures.median'), type: 'bar', data: v.stageTimes.map((s) => minutes(s.medianMs)), barMaxWidth: 18 },
        ],
      },
    };
    // i18n.language: the labels change with the language.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [v, t, i18n.language]);
}
